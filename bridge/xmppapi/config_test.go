package xmppapi

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/jitsi-go/jitsi-go/config"
)

func goodClient() config.XMPPClient {
	return config.XMPPClient{ID: "ourprosody", Hostname: "xmpp", Domain: "auth.meet.example", Username: "jvb",
		Password: "pw", MUCJIDs: []string{"JvbBrewery@internal.auth.meet.example"}, MUCNickname: "jvb-1"}
}

func TestValidate(t *testing.T) {
	for i, tc := range []struct {
		edit    func(*config.XMPPClient)
		wantKey string // "" = valid
	}{
		0: {edit: func(*config.XMPPClient) {}},
		1: {edit: func(x *config.XMPPClient) { x.Hostname = "" }, wantKey: "ourprosody.hostname"},
		2: {edit: func(x *config.XMPPClient) { x.Port = 70000 }, wantKey: "ourprosody.port"},
		3: {edit: func(x *config.XMPPClient) { x.Username = "" }, wantKey: "ourprosody.username"},
		4: {edit: func(x *config.XMPPClient) { x.MUCJIDs = nil }, wantKey: "ourprosody.muc_jids"},
		5: {edit: func(x *config.XMPPClient) { x.MUCJIDs = []string{"brewery@muc/res"} }, wantKey: "ourprosody.muc_jids"},
		6: {edit: func(x *config.XMPPClient) { x.MUCJIDs = []string{"internal.auth.meet.example"} }, wantKey: "ourprosody.muc_jids"},
		7: {edit: func(x *config.XMPPClient) { x.MUCNickname = "" }, wantKey: "ourprosody.muc_nickname"},
		8: {edit: func(x *config.XMPPClient) { x.SecurityMode = "maybe" }, wantKey: "ourprosody.security_mode"},
		9: {edit: func(x *config.XMPPClient) { x.SecurityMode = "disabled"; x.Domain = "" }},
	} {
		x := goodClient()
		tc.edit(&x)
		_, err := New(Config{Clients: []config.XMPPClient{x}}, nil)
		switch {
		case tc.wantKey == "" && err != nil:
			t.Errorf("%d: %v", i, err)
		case tc.wantKey != "" && (!errors.Is(err, ErrConfig) || !strings.Contains(err.Error(), tc.wantKey)):
			t.Errorf("%d: err %v, want ErrConfig naming %s", i, err, tc.wantKey)
		}
	}
	if _, err := New(Config{BackoffMin: time.Minute, BackoffMax: time.Second}, nil); !errors.Is(err, ErrConfig) {
		t.Errorf("backoff max < min: %v", err)
	}
}

func TestDefaults(t *testing.T) {
	x := goodClient()
	x.Domain, x.Port = "", 0
	c := Config{Clients: []config.XMPPClient{x}}.withDefaults()
	if c.Clients[0].Domain != "xmpp" || c.Clients[0].Port != 5222 {
		t.Errorf("client defaults %+v", c.Clients[0])
	}
	if c.PresenceInterval != 5*time.Second || c.BackoffMin != time.Second || c.BackoffMax != 30*time.Second ||
		c.PingInterval != 30*time.Second || c.PingTimeout != 15*time.Second || c.ColibriQueue != 64 {
		t.Errorf("defaults %+v", c)
	}
}

func TestFromJVBPaper(t *testing.T) {
	j, err := config.LoadJVB("../../config/testdata/paper/jvb.conf", "../../config/testdata/paper/sip-communicator.properties")
	if err != nil {
		t.Fatal(err)
	}
	c := FromJVB(j)
	if len(c.Clients) != 1 {
		t.Fatalf("clients %+v", c.Clients)
	}
	x := c.Clients[0]
	if x.ID != "ourprosody" || x.Hostname != "xmpp" || x.Domain != "auth.jts.fips.de" || x.MUCNickname != "jvb-foo" ||
		!x.DisableCertificateVerification || len(x.MUCJIDs) != 1 || x.MUCJIDs[0] != "JvbBrewery@internal.auth.jts.fips.de" {
		t.Errorf("client %+v", x)
	}
	if c.PresenceInterval <= 0 {
		t.Errorf("presence interval %v", c.PresenceInterval)
	}
	if _, err := New(c, nil); err != nil {
		t.Errorf("the paper's client does not validate: %v", err)
	}
}
