"""Third-party client for the interop suite (Debian python3-slixmpp).

Logs in anonymously, joins ROOM as NICK, and when it sees the Go client's
presence (nick "gopher") with its custom extension intact it says
"saw-extension"; it answers "ping-from-go" with "pong-from-slixmpp" and then
leaves. Usage: slixmpp_muc.py DOMAIN HOST PORT ROOM NICK
"""
import asyncio
import ssl
import sys

import slixmpp

DOMAIN, HOST, PORT, ROOM, NICK = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4], sys.argv[5]


class Bot(slixmpp.ClientXMPP):
    def __init__(self):
        super().__init__(DOMAIN, None)
        self.ssl_context.check_hostname = False
        self.ssl_context.verify_mode = ssl.CERT_NONE
        self.register_plugin("xep_0045")
        self.add_event_handler("session_start", self.start)
        self.add_event_handler("groupchat_message", self.on_message)
        self.add_event_handler("muc::%s::presence" % ROOM, self.on_presence)
        self.saw = False

    async def start(self, _):
        print("bound", self.boundjid, flush=True)
        self.send_presence()
        self.plugin["xep_0045"].join_muc(ROOM, NICK)

    def on_presence(self, pres):
        if pres["from"].resource == "gopher" and not self.saw:
            xml = str(pres)
            if "urn:xmppd:test:ext" in xml and "gopher-stats" in xml:
                self.saw = True
                self.send_message(mto=ROOM, mbody="saw-extension", mtype="groupchat")

    def on_message(self, msg):
        if msg["body"] == "ping-from-go" and msg["mucnick"] == "gopher":
            self.send_message(mto=ROOM, mbody="pong-from-slixmpp", mtype="groupchat")
            asyncio.get_event_loop().call_later(0.5, self.disconnect)


bot = Bot()
bot.connect(address=(HOST, PORT))
try:
    asyncio.get_event_loop().run_until_complete(asyncio.wait_for(bot.disconnected, 30))
except asyncio.TimeoutError:
    print("timeout", flush=True)
    sys.exit(1)
