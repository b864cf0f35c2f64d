// /var/www/jitsi-meet/config.js for meet.example.org, written by jitsi-deploy (a JSON encoder: no stray commas).
var config = {
  "hosts": {
    "domain": "meet.example.org",
    "muc": "conference.meet.example.org"
  },
  "bosh": "//meet.example.org/http-bind",
  "websocket": "wss://meet.example.org/xmpp-websocket",
  "useTurnUdp": false,
  "enableWelcomePage": true,
  "prejoinConfig": {
    "enabled": true,
    "hideExtraJoinButtons": [
      "no-audio",
      "by-phone"
    ]
  },
  "bridgeChannel": {
    "preferSctp": false
  }
};
