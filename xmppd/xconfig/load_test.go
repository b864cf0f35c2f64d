package xconfig

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/config"
)

func TestParseFullFile(t *testing.T) {
	data := `xmppd {
  domain = "meet.example.com"
  data-dir = "/var/lib/xmppd"
  listen { c2s = "127.0.0.1:5222", http = "127.0.0.1:5280" }
  limits { max-stanza-size = 65536, auth-timeout = 10 seconds }
  components = [ { name = "focus.meet.example.com", secret = "s3" } ]
  hosts = [
    { name = "meet.example.com", auth = anonymous }
    { name = "auth.meet.example.com", auth = internal_hashed, colour = blue }
  ]
  bogus = 1
}
`
	c, warns, err := Parse("xmppd.conf", []byte(data))
	if err != nil {
		t.Fatal(err)
	}
	if c.Limits.MaxStanza != 65536 || c.Limits.AuthTimeout != 10*time.Second || c.C2S != "127.0.0.1:5222" {
		t.Fatalf("limits/listen not applied: %+v", c)
	}
	if len(c.Hosts) != 2 || c.Hosts[1].Auth != "internal_hashed" || len(c.MUCs) != 2 || len(c.External) != 1 {
		t.Fatalf("lists: %+v", c)
	}
	var texts []string
	for _, w := range warns {
		texts = append(texts, w.String())
	}
	all := strings.Join(texts, "\n")
	if !strings.Contains(all, "xmppd.bogus") || !strings.Contains(all, "colour") {
		t.Fatalf("warnings %q", all)
	}
}

func TestWrongTypeNamesKeyAndLine(t *testing.T) {
	data := "xmppd {\n  domain = \"d\"\n  limits {\n    max-connections = lots\n  }\n}\n"
	_, _, err := Parse("xmppd.conf", []byte(data))
	var ce *config.Error
	if !errors.As(err, &ce) || ce.Line != 4 || ce.Key != "xmppd.limits.max-connections" {
		t.Fatalf("err = %#v", err)
	}
}

func TestValidate(t *testing.T) {
	for _, tc := range []struct {
		name string
		mod  func(*Config)
	}{
		{"bad auth", func(c *Config) { c.Hosts[0].Auth = "ldap" }},
		{"duplicate", func(c *Config) { c.MUCs[0].Name = c.Hosts[0].Name }},
		{"no secret", func(c *Config) { c.External = []Component{{Name: "x.d"}} }},
	} {
		c := Default("d")
		tc.mod(&c)
		if err := c.Validate(); !errors.Is(err, ErrInvalid) {
			t.Errorf("%s: %v", tc.name, err)
		}
	}
	c := Default("d")
	c.External = []Component{{Name: "focus.d", Secret: "s"}} // may replace the proxy
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
}

func TestMUCHistoryKeys(t *testing.T) {
	if d := Default("d"); d.MUCs[0].HistoryLength != 20 || d.MUCs[0].MaxHistory != 20 {
		t.Fatalf("defaults %+v", d.MUCs[0])
	}
	const head = "xmppd {\n  domain = \"d\"\n  muc = [\n"
	for _, tc := range []struct {
		name, entry    string
		length, max    int
		errKey, warned string
		errLine        int
	}{
		{name: "absent", entry: `{ name = "conference.d" }`, length: 20, max: 20},
		{name: "set", entry: `{ name = "conference.d", history-length = 50, max-history-messages = 100 }`, length: 50, max: 100},
		{name: "zero", entry: `{ name = "conference.d", history-length = 0 }`, length: 0, max: 20},
		{name: "above max", entry: `{ name = "conference.d", history-length = 30 }`, length: 30, max: 20,
			warned: "xmppd.muc.0.history-length"},
		{name: "negative", entry: `{ name = "conference.d", history-length = -1 }`,
			errKey: "xmppd.muc.0.history-length", errLine: 4},
		{name: "not a number", entry: `{ name = "conference.d", max-history-messages = many }`,
			errKey: "xmppd.muc.0.max-history-messages", errLine: 4},
	} {
		t.Run(tc.name, func(t *testing.T) {
			c, warns, err := Parse("xmppd.conf", []byte(head+"    "+tc.entry+"\n  ]\n}\n"))
			if tc.errKey != "" {
				var ce *config.Error
				if !errors.As(err, &ce) || ce.Key != tc.errKey || ce.Line != tc.errLine || ce.File != "xmppd.conf" {
					t.Fatalf("err = %v", err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if m := c.MUCs[0]; m.HistoryLength != tc.length || m.MaxHistory != tc.max {
				t.Fatalf("got %d/%d", m.HistoryLength, m.MaxHistory)
			}
			var keys []string
			for _, w := range warns {
				keys = append(keys, w.Key)
			}
			if got := strings.Join(keys, ","); got != tc.warned {
				t.Fatalf("warnings %v", warns)
			}
		})
	}
	c := Default("d")
	c.MUCs[0].MaxHistory = -1
	if err := c.Validate(); !errors.Is(err, ErrInvalid) {
		t.Fatalf("negative max-history-messages validated: %v", err)
	}
}
