package config

import "testing"

func TestJVBPaths(t *testing.T) {
	cases := []struct {
		name             string
		flagConf, flagSC string
		env              map[string]string
		conf, sc         string
	}{
		{"defaults", "", "", nil, "/etc/jitsi/videobridge/jvb.conf", "/etc/jitsi/videobridge/sip-communicator.properties"},
		{"paper wrapper", "", "", map[string]string{"JVB_CONF": "/etc/jvb/jvb.conf", "JVB_SC_HOME_LOCATION": "'/etc'",
			"JVB_SC_HOME_NAME": "'jvb'"}, "/etc/jvb/jvb.conf", "/etc/jvb/sip-communicator.properties"},
		{"flags win", "/x/a.conf", "/x/sc.properties", map[string]string{"JVB_CONF": "/etc/jvb/jvb.conf",
			"JVB_SC_HOME_NAME": "jvb"}, "/x/a.conf", "/x/sc.properties"},
		{"only name", "", "", map[string]string{"JVB_SC_HOME_NAME": "jvb"}, "/etc/jitsi/videobridge/jvb.conf", "/etc/jitsi/jvb/sip-communicator.properties"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			conf, sc := JVBPaths(c.flagConf, c.flagSC, func(k string) string { return c.env[k] })
			if conf != c.conf || sc != c.sc {
				t.Errorf("got %q %q, want %q %q", conf, sc, c.conf, c.sc)
			}
		})
	}
}

func TestJicofoPath(t *testing.T) {
	env := map[string]string{"JICOFO_CONF": "/etc/jicofo/jicofo.conf"}
	if p := JicofoPath("", func(k string) string { return env[k] }); p != "/etc/jicofo/jicofo.conf" {
		t.Errorf("env: %q", p)
	}
	if p := JicofoPath("/f.conf", func(k string) string { return env[k] }); p != "/f.conf" {
		t.Errorf("flag: %q", p)
	}
	if p := JicofoPath("", nil); p != DefaultJicofoConf {
		t.Errorf("default: %q", p)
	}
}
