package xmpp

import (
	"context"
	"crypto/tls"
	"encoding/base64"
	"fmt"

	"mellium.im/sasl"
	"mellium.im/xmpp/jid"
)

var clientMechanisms = []sasl.Mechanism{sasl.ScramSha256, sasl.ScramSha1, sasl.Plain, sasl.Anonymous}

// negotiate runs STARTTLS (if configured), SASL, bind and session.
func negotiate(ctx context.Context, t Transport, cfg Config) (jid.JID, error) {
	f, err := t.Open(ctx)
	if err != nil {
		return jid.JID{}, err
	}
	if _, isTCP := t.(*TCPTransport); isTCP && f.Child(NSTLS, "starttls") != nil && cfg.TLS != nil {
		if err := t.StartTLS(ctx, cfg.TLS); err != nil {
			return jid.JID{}, fmt.Errorf("starttls: %w", err)
		}
		if f, err = t.Open(ctx); err != nil {
			return jid.JID{}, err
		}
	}
	if err := authenticate(ctx, t, cfg, f.Child(NSSASL, "mechanisms")); err != nil {
		return jid.JID{}, err
	}
	if f, err = t.Open(ctx); err != nil {
		return jid.JID{}, err
	}
	return bindResource(ctx, t, cfg, f)
}

func pickMechanism(cfg Config, offered *Element) (sasl.Mechanism, error) {
	if offered == nil {
		return sasl.Mechanism{}, ErrNoMechanism
	}
	has := map[string]bool{}
	for _, m := range offered.Children() {
		has[m.Text()] = true
	}
	for _, m := range clientMechanisms {
		if (m.Name == "ANONYMOUS") != (cfg.Username == "") {
			continue
		}
		if has[m.Name] {
			return m, nil
		}
	}
	return sasl.Mechanism{}, ErrNoMechanism
}

func authenticate(ctx context.Context, t Transport, cfg Config, offered *Element) error {
	mech, err := pickMechanism(cfg, offered)
	if err != nil {
		return err
	}
	opts := []sasl.Option{sasl.Credentials(func() ([]byte, []byte, []byte) {
		return []byte(cfg.Username), []byte(cfg.Password), nil
	})}
	if tt, ok := t.(interface{ TLSState() *tls.ConnectionState }); ok && tt.TLSState() != nil {
		opts = append(opts, sasl.TLSState(*tt.TLSState()))
	}
	n := sasl.NewClient(mech, opts...)
	_, resp, err := n.Step(nil)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrAuth, err)
	}
	auth := NewElement(NSSASL, "auth", "mechanism", mech.Name).AddText(b64(resp))
	if err := t.Send(ctx, auth); err != nil {
		return err
	}
	return saslLoop(ctx, t, n)
}

func saslLoop(ctx context.Context, t Transport, n *sasl.Negotiator) error {
	for {
		e, err := t.Recv()
		if err != nil {
			return err
		}
		data, derr := base64.StdEncoding.DecodeString(e.Text())
		if derr != nil && e.Text() != "=" {
			return fmt.Errorf("%w: bad base64 in <%s/>", ErrAuth, e.Local)
		}
		switch {
		case e.Is(NSSASL, "challenge"):
			_, resp, err := n.Step(data)
			if err != nil {
				return fmt.Errorf("%w: %v", ErrAuth, err)
			}
			if err := t.Send(ctx, NewElement(NSSASL, "response").AddText(b64(resp))); err != nil {
				return err
			}
		case e.Is(NSSASL, "success"):
			if len(data) > 0 && n.State()&sasl.StepMask != sasl.ValidServerResponse {
				if _, _, err := n.Step(data); err != nil {
					return fmt.Errorf("%w: server signature: %v", ErrAuth, err)
				}
			}
			return nil
		case e.Is(NSSASL, "failure"):
			cond := "not-authorized"
			if c := e.FirstChild(); c != nil {
				cond = c.Local
			}
			return fmt.Errorf("%w: %s", ErrAuth, cond)
		default:
			return fmt.Errorf("%w: <%s/> during SASL", ErrUnexpected, e.Local)
		}
	}
}

func b64(b []byte) string {
	if len(b) == 0 {
		return "="
	}
	return base64.StdEncoding.EncodeToString(b)
}

func bindResource(ctx context.Context, t Transport, cfg Config, f *Element) (jid.JID, error) {
	if f.Child(NSBind, "bind") == nil {
		return jid.JID{}, fmt.Errorf("%w: server offers no bind", ErrBind)
	}
	b := NewElement(NSBind, "bind")
	if cfg.Resource != "" {
		b.Add(NewElement(NSBind, "resource").AddText(cfg.Resource))
	}
	reply, err := syncIQ(ctx, t, NewIQ("set", "bind1", "", "", b))
	if err != nil {
		return jid.JID{}, err
	}
	j, err := jid.Parse(reply.Child(NSBind, "bind").Child(NSBind, "jid").Text())
	if err != nil {
		return jid.JID{}, fmt.Errorf("%w: %v", ErrBind, err)
	}
	if s := f.Child(NSSession, "session"); s != nil && s.Child("", "optional") == nil {
		if _, err := syncIQ(ctx, t, NewIQ("set", "sess1", "", "", NewElement(NSSession, "session"))); err != nil {
			return jid.JID{}, err
		}
	}
	return j, nil
}

// syncIQ is used before the reader goroutine starts.
func syncIQ(ctx context.Context, t Transport, iq *Element) (*Element, error) {
	if err := t.Send(ctx, iq); err != nil {
		return nil, err
	}
	for {
		e, err := t.Recv()
		if err != nil {
			return nil, err
		}
		if e.Local != "iq" || e.Get("id") != iq.Get("id") {
			continue
		}
		if err := StanzaError(e); err != nil {
			return nil, fmt.Errorf("%w: %v", ErrBind, err)
		}
		if e.Get("id") == "bind1" && e.Child(NSBind, "bind") == nil {
			return nil, fmt.Errorf("%w: empty bind result", ErrBind)
		}
		return e, nil
	}
}
