package c2s

import "github.com/jitsi-go/jitsi-go/xmpp"

func (s *Session) features() *xmpp.Element {
	f := xmpp.NewElement(xmpp.NSStream, "features")
	switch s.phase {
	case phaseAuth:
		if s.env.TLS != nil && s.t.CanStartTLS() && !s.t.Secure() && s.env.TLS() != nil {
			f.Add(xmpp.NewElement(xmpp.NSTLS, "starttls"))
		}
		m := xmpp.NewElement(xmpp.NSSASL, "mechanisms")
		for _, name := range s.mechanisms() {
			m.Add(xmpp.NewElement(xmpp.NSSASL, "mechanism").AddText(name))
		}
		f.Add(m)
	case phaseBind:
		f.Add(xmpp.NewElement(xmpp.NSBind, "bind"))
		f.Add(xmpp.NewElement(xmpp.NSSession, "session").Add(xmpp.NewElement(xmpp.NSSession, "optional")))
		f.Add(xmpp.NewElement("urn:xmpp:features:rosterver", "ver"))
		f.Add(xmpp.NewElement(xmpp.NSSM, "sm"))
	}
	return f
}

func (s *Session) mechanisms() []string {
	if s.hcfg.Anonymous {
		return []string{"ANONYMOUS"}
	}
	m := []string{"SCRAM-SHA-256", "SCRAM-SHA-1"}
	if s.t.Secure() || s.hcfg.AllowPlain {
		m = append(m, "PLAIN")
	}
	return m
}
