package multihost

import "testing"

func FuzzParseNginx(f *testing.F) {
	f.Add(readGolden(f, "web/etc/nginx/nginx.conf"))
	f.Add([]byte("server {\nlisten 443 ssl;\nlocation ~ ( {\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := ParseNginx(data)
		if err != nil {
			return
		}
		for _, l := range s.Locations {
			l.Target("/colibri-ws/x/y", "a=b")
		}
	})
}

func FuzzParseService(f *testing.F) {
	f.Add(readGolden(f, "bridge-a/etc/rc.d/jvb"), readGolden(f, "bridge-a/etc/rc.conf.local"))
	f.Add(readGolden(f, "focus/etc/rc.d/jicofo"), readGolden(f, "focus/etc/rc.conf.local"))
	f.Fuzz(func(t *testing.T, script, rc []byte) {
		s, err := ParseService("jvb", script, rc)
		if err == nil && (s.Path == "" || s.Path[0] != '/') {
			t.Fatalf("accepted daemon path %q", s.Path)
		}
	})
}

func FuzzParseAccounts(f *testing.F) {
	f.Add(readGolden(f, "xmpp/etc/jitsi-deploy/accounts.sh"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cmds, err := ParseAccounts(data)
		if err == nil && len(cmds) == 0 {
			t.Fatal("no command and no error")
		}
		for _, c := range cmds {
			if len(c) == 0 {
				t.Fatal("empty command")
			}
		}
	})
}

func FuzzParseHostnameIf(f *testing.F) {
	f.Add(readGolden(f, "xmpp/etc/hostname.vio0"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := ParseHostnameIf(data)
		if err == nil && (!p.Addr().Is4() || p.Bits() < 0) {
			t.Fatalf("accepted %v", p)
		}
	})
}
