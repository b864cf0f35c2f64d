// Package xconfig is xmppd's configuration: virtual hosts with their auth
// policy, MUC hosts with Jitsi behaviours, external components, client
// proxies, listeners, TLS files and limits. Default builds the standard
// Jitsi layout for one domain; Load reads the HOCON file.
package xconfig

import (
	"fmt"
	"time"
)

// Host is a virtual host holding accounts.
type Host struct {
	Name string
	// Auth is "anonymous" or "internal_hashed".
	Auth       string
	AllowPlain bool
}

// MUC is a multi-user chat service.
type MUC struct {
	Name   string
	Admins []string
	// RestrictCreation lets only admins create rooms.
	RestrictCreation bool
	// Locking keeps new rooms locked until configured (muc_room_locking).
	Locking bool
	// PublicJIDs makes whois=anyone the default (muc_room_default_public_jids).
	PublicJIDs bool
	// MeetingID adds muc#roominfo_meetingId and holds joins until the
	// occupant "focus" is in (mod_muc_meeting_id).
	MeetingID bool
	// AuthenticatedOnly refuses occupants from anonymous hosts (brewery).
	AuthenticatedOnly bool
	// HistoryLength (key history-length, default 20) is a new room's
	// muc#roomconfig_historylength, the number of groupchat messages kept
	// for late joiners (prosody's muc_room_default_history_length); 0 keeps
	// none. Joiners that send no <history/> get at most 20 of them
	// (muc#roomconfig_defaulthistorymessages), as with prosody.
	HistoryLength int
	// MaxHistory (key max-history-messages, default 20) caps every room's
	// history length, including lengths owners set in the room config form
	// (prosody's max_history_messages, unlimited there).
	MaxHistory int
}

// DefaultHistory is the default of history-length and max-history-messages.
const DefaultHistory = 20

// Component is an XEP-0114 external component.
type Component struct {
	Name, Secret string
}

// Proxy is a native mod_client_proxy: IQs to Name go to Target's resources.
type Proxy struct {
	Name, Target string
}

// Limits bounds client behaviour.
type Limits struct {
	MaxStanza   int64
	RateBytes   int
	RateBurst   int
	MaxConns    int
	AuthTimeout time.Duration
	QueueLen    int
}

// Config is the whole server configuration.
type Config struct {
	DataDir    string
	C2S        string // listen address, "" disables
	Components string
	HTTP       string
	Admin      string
	TLSCert    string
	TLSKey     string
	Hosts      []Host
	MUCs       []MUC
	External   []Component
	Proxies    []Proxy
	Limits     Limits
	// BOSHSecure and WSSecure treat HTTP sessions as encrypted (TLS proxy).
	BOSHSecure bool
	WSSecure   bool
	// CORSOrigins lists allowed origins; empty allows any ("*") as prosody does.
	CORSOrigins []string
}

// Default returns the standard Jitsi layout for domain.
func Default(domain string) Config {
	focus := "focus@auth." + domain
	jvb := "jvb@auth." + domain
	return Config{
		DataDir: "/var/lib/xmppd", C2S: "0.0.0.0:5222", Components: "127.0.0.1:5347",
		HTTP: "0.0.0.0:5280", Admin: "127.0.0.1:5281",
		Hosts: []Host{{Name: domain, Auth: "anonymous"}, {Name: "auth." + domain, Auth: "internal_hashed"}},
		MUCs: []MUC{
			{Name: "conference." + domain, Admins: []string{focus}, RestrictCreation: true,
				PublicJIDs: true, MeetingID: true, HistoryLength: DefaultHistory, MaxHistory: DefaultHistory},
			{Name: "internal.auth." + domain, Admins: []string{focus, jvb}, AuthenticatedOnly: true,
				HistoryLength: DefaultHistory, MaxHistory: DefaultHistory},
		},
		Proxies:    []Proxy{{Name: "focus." + domain, Target: focus}},
		BOSHSecure: true, WSSecure: true,
		Limits: Limits{MaxStanza: 256 << 10, RateBytes: 256 << 10, RateBurst: 1 << 20,
			MaxConns: 10000, AuthTimeout: 30 * time.Second, QueueLen: 4096},
	}
}

// Validate checks cross-field rules.
func (c Config) Validate() error {
	seen := map[string]string{}
	claim := func(name, what string) error {
		if name == "" {
			return fmt.Errorf("%w: %s with empty name", ErrInvalid, what)
		}
		if prev, ok := seen[name]; ok {
			return fmt.Errorf("%w: %q is both %s and %s", ErrInvalid, name, prev, what)
		}
		seen[name] = what
		return nil
	}
	for _, h := range c.Hosts {
		if h.Auth != "anonymous" && h.Auth != "internal_hashed" {
			return fmt.Errorf("%w: host %q: auth %q (want anonymous or internal_hashed)", ErrInvalid, h.Name, h.Auth)
		}
		if err := claim(h.Name, "host"); err != nil {
			return err
		}
	}
	for _, m := range c.MUCs {
		if err := claim(m.Name, "muc"); err != nil {
			return err
		}
		if m.HistoryLength < 0 || m.MaxHistory < 0 {
			return fmt.Errorf("%w: muc %q: negative history-length or max-history-messages", ErrInvalid, m.Name)
		}
	}
	for _, p := range c.Proxies {
		if err := claim(p.Name, "client_proxy"); err != nil {
			return err
		}
	}
	for _, e := range c.External {
		if e.Secret == "" {
			return fmt.Errorf("%w: component %q has no secret", ErrInvalid, e.Name)
		}
		if seen[e.Name] == "client_proxy" {
			continue // a component for the proxy's name replaces it while connected
		}
		if err := claim(e.Name, "component"); err != nil {
			return err
		}
	}
	return nil
}
