package xmppapi

import (
	"fmt"
	"runtime"

	"mellium.im/xmpp/stanza"

	"github.com/jitsi-go/jitsi-go/colibri"
	"github.com/jitsi-go/jitsi-go/xmpp"
)

// Namespaces answered by the bridge.
const (
	NSHealthCheck = "http://jitsi.org/protocol/healthcheck"
	NSVersion     = "jabber:iq:version"
	NSColibri2    = "jitsi:colibri2"
	NSDTLS        = "urn:xmpp:jingle:apps:dtls:0"
	NSICEUDP      = "urn:xmpp:jingle:transports:ice-udp:1"
)

// Features are the disco#info features the bridge advertises (jvb
// XmppConnection plus disco and ping, which this client answers).
var Features = []string{xmpp.NSDiscoInfo, NSHealthCheck, NSDTLS, NSICEUDP, NSVersion, xmpp.NSPing}

// register installs the IQ handlers; package xmpp answers every other IQ
// get/set with service-unavailable, and pings with a result.
func (s *session) register() {
	s.cl.Handle(NSHealthCheck, "healthcheck", s.onHealthCheck)
	s.cl.Handle(NSVersion, "query", s.onVersion)
	s.cl.Handle(xmpp.NSDiscoInfo, "query", s.onDiscoInfo)
	s.cl.Handle(NSColibri2, "conference-modify", s.onColibri2)
}

func errorReply(iq *xmpp.Element, typ stanza.ErrorType, cond stanza.Condition, text string) *xmpp.Element {
	se := stanza.Error{Type: typ, Condition: cond}
	if text != "" {
		se.Text = map[string]string{"": text}
	}
	r := xmpp.ErrorReply(iq, se)
	// xmpp.ErrorReply leaves <error/> in no namespace (xmlns=""); RFC 6120
	// puts it in the stanza's namespace.
	for _, c := range r.Children() {
		if c.Local == "error" && c.Space == "" {
			c.Space = xmpp.NSClient
		}
	}
	return r
}

// onHealthCheck runs the bridge's real health check.
func (s *session) onHealthCheck(iq *xmpp.Element) *xmpp.Element {
	req, err := decodeIQ[colibri.HealthCheck](iq)
	if err != nil {
		return errorReply(iq, stanza.Modify, stanza.BadRequest, err.Error())
	}
	reply := s.c.b.HandleHealthCheck(req)
	if reply.Type == stanza.ErrorIQ {
		s.log.Warn("health check failed", "from", iq.Get("from"), "err", reply.Err())
	}
	return encodeIQ(iq, reply)
}

// onVersion answers jabber:iq:version gets.
func (s *session) onVersion(iq *xmpp.Element) *xmpp.Element {
	if iq.Get("type") != "get" {
		return errorReply(iq, stanza.Cancel, stanza.ServiceUnavailable, "")
	}
	q := xmpp.NewElement(NSVersion, "query").Add(
		xmpp.NewElement(NSVersion, "name").AddText("JitsiVideobridge"),
		xmpp.NewElement(NSVersion, "version").AddText(s.c.cfg.Version),
		xmpp.NewElement(NSVersion, "os").AddText(runtime.GOOS),
	)
	return xmpp.Result(iq, q)
}

// onDiscoInfo lists the bridge's identity and features.
func (s *session) onDiscoInfo(iq *xmpp.Element) *xmpp.Element {
	if iq.Get("type") != "get" {
		return errorReply(iq, stanza.Cancel, stanza.ServiceUnavailable, "")
	}
	q := xmpp.NewElement(xmpp.NSDiscoInfo, "query")
	if node := iq.FirstChild().Get("node"); node != "" {
		q.SetAttr("node", node)
	}
	q.Add(xmpp.NewElement(xmpp.NSDiscoInfo, "identity", "category", "client", "type", "bot", "name", "JitsiVideobridge"))
	for _, f := range Features {
		q.Add(xmpp.NewElement(xmpp.NSDiscoInfo, "feature", "var", f))
	}
	return xmpp.Result(iq, q)
}

// decodeIQ turns an IQ element into the colibri envelope for P.
func decodeIQ[P any](iq *xmpp.Element) (colibri.IQ[P], error) {
	req, err := colibri.DecodeIQ[P]([]byte(iq.String()))
	if err != nil {
		return req, fmt.Errorf("iq id=%q from %q: %w", iq.Get("id"), iq.Get("from"), err)
	}
	return req, nil
}

// encodeIQ turns a colibri reply back into an element; a reply that does
// not encode becomes internal-server-error.
func encodeIQ(req *xmpp.Element, v any) *xmpp.Element {
	data, err := colibri.Marshal(v)
	if err == nil {
		var e *xmpp.Element
		if e, err = xmpp.ParseElement(data); err == nil {
			return e
		}
	}
	return errorReply(req, stanza.Wait, stanza.InternalServerError, "encoding the reply: "+err.Error())
}

// statsElement is the bridge's <stats/>; at shutdown it says
// graceful_shutdown and shutting_down.
func (s *session) statsElement(shutdown bool) (*xmpp.Element, error) {
	st := s.c.b.Stats()
	if shutdown {
		st.Set(colibri.StatGracefulShutdown, "true")
		st.Set(colibri.StatShuttingDown, "true")
	}
	data, err := colibri.Marshal(st)
	if err != nil {
		return nil, fmt.Errorf("xmppapi: encode stats: %w", err)
	}
	e, err := xmpp.ParseElement(data)
	if err != nil {
		return nil, fmt.Errorf("xmppapi: encode stats: %w", err)
	}
	return e, nil
}
