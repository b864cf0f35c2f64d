package c2s

import (
	"crypto/sha256"
	"encoding/base64"
	"fmt"

	"github.com/jitsi-go/jitsi-go/xmpp"
	"github.com/jitsi-go/jitsi-go/xmppd/scram"
	"mellium.im/sasl"
	"mellium.im/xmpp/jid"
	"mellium.im/xmpp/stream"
)

// saslState is one SASL exchange: SCRAM runs on our own server side, which
// needs only the stored keys; ANONYMOUS and PLAIN run on mellium's.
type saslState struct {
	n     *sasl.Negotiator
	scram *scram.Server
	mech  string
	user  string
}

func (s *Session) handleAuth(e *xmpp.Element) (Action, error) {
	switch {
	case e.Is(xmpp.NSTLS, "starttls"):
		if s.env.TLS == nil || !s.t.CanStartTLS() || s.t.Secure() || s.env.TLS() == nil {
			s.t.Send(xmpp.NewElement(xmpp.NSTLS, "failure"))
			return Continue, stream.UnsupportedFeature
		}
		s.t.Send(xmpp.NewElement(xmpp.NSTLS, "proceed"))
		return StartTLS, nil
	case e.Is(xmpp.NSSASL, "auth"):
		return s.saslAuth(e)
	case e.Is(xmpp.NSSASL, "response"):
		if s.sasl == nil {
			return Continue, s.saslFail("malformed-request", true)
		}
		return s.saslStep(e.Text())
	case e.Is(xmpp.NSSASL, "abort"):
		s.sasl = nil
		return Continue, s.saslFail("aborted", false)
	}
	return Continue, stream.NotAuthorized
}

func (s *Session) saslAuth(e *xmpp.Element) (Action, error) {
	name := e.Get("mechanism")
	mech, ok := s.mechanism(name)
	if !ok {
		return Continue, s.saslFail("invalid-mechanism", false)
	}
	st := &saslState{mech: name}
	if h := scram.Hash(name); h != nil {
		st.scram = scram.NewServer(h, s.scramLookup(st))
	} else {
		var opts []sasl.Option
		if cs := s.t.TLSState(); cs != nil {
			opts = append(opts, sasl.TLSState(*cs))
		}
		st.n = sasl.NewServer(mech, s.plainCheck(st), opts...)
	}
	s.sasl = st
	if (e.Text() == "" || e.Text() == "=") && name != "ANONYMOUS" {
		s.t.Send(xmpp.NewElement(xmpp.NSSASL, "challenge").AddText("="))
		return Continue, nil
	}
	return s.saslStep(e.Text())
}

func (s *Session) mechanism(name string) (sasl.Mechanism, bool) {
	for _, m := range s.mechanisms() {
		if m != name {
			continue
		}
		switch name {
		case "ANONYMOUS":
			return sasl.Anonymous, true
		case "PLAIN":
			return sasl.Plain, true
		case "SCRAM-SHA-1":
			return sasl.ScramSha1, true
		case "SCRAM-SHA-256":
			return sasl.ScramSha256, true
		}
	}
	return sasl.Mechanism{}, false
}

func (s *Session) saslStep(payload string) (Action, error) {
	var data []byte
	if payload != "=" && payload != "" {
		d, err := base64.StdEncoding.DecodeString(payload)
		if err != nil {
			return Continue, s.saslFail("incorrect-encoding", true)
		}
		data = d
	}
	more, resp, err := s.step(s.sasl, data)
	if err != nil {
		s.Logger().Info("sasl failure", "mechanism", s.sasl.mech, "err", err)
		s.sasl = nil
		return Continue, s.saslFail("not-authorized", false)
	}
	if more {
		s.t.Send(xmpp.NewElement(xmpp.NSSASL, "challenge").AddText(b64(resp)))
		return Continue, nil
	}
	s.user = s.sasl.user
	if s.sasl.mech == "ANONYMOUS" {
		s.user = newID()[:16]
	}
	s.sasl = nil
	s.setPhase(phaseBind)
	s.env.Count.AuthOK.Add(1)
	ok := xmpp.NewElement(xmpp.NSSASL, "success")
	if len(resp) > 0 {
		ok.AddText(b64(resp))
	}
	s.t.Send(ok)
	return Restart, nil
}

// step runs one SASL step on the exchange's mechanism; a finished SCRAM
// exchange must also pass the authorization-identity check.
func (s *Session) step(st *saslState, data []byte) (more bool, resp []byte, err error) {
	if st.scram == nil {
		return safeStep(st.n, data)
	}
	resp, done, err := st.scram.Step(data)
	if err != nil {
		return false, nil, err
	}
	if done {
		if _, err := s.localpart(st.scram.Username(), st.scram.Authz()); err != nil {
			return false, nil, err
		}
	}
	return !done, resp, nil
}

// safeStep guards against panics inside SASL mechanisms on hostile input.
func safeStep(n *sasl.Negotiator, data []byte) (more bool, resp []byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			more, resp, err = false, nil, fmt.Errorf("%w: %v", sasl.ErrAuthn, r)
		}
	}()
	return n.Step(data)
}

// saslFail sends a SASL failure; fatal failures and too many attempts also
// end the stream.
func (s *Session) saslFail(cond string, fatal bool) error {
	s.env.Count.AuthFailed.Add(1)
	s.t.Send(xmpp.NewElement(xmpp.NSSASL, "failure").Add(xmpp.NewElement(xmpp.NSSASL, cond)))
	s.fails++
	if fatal || s.fails >= s.env.Limits.MaxAuthFailures {
		return stream.NotAuthorized
	}
	return nil
}

func (s *Session) scramLookup(st *saslState) scram.Lookup {
	return func(user string) ([]byte, int, scram.Keys, error) {
		local, err := s.localpart(user, "")
		if err != nil {
			return nil, 0, scram.Keys{}, err
		}
		acct, err := s.env.Store.Lookup(local, s.host)
		if err != nil {
			return nil, 0, scram.Keys{}, sasl.ErrAuthn
		}
		st.user = local
		return acct.Keys(st.mech)
	}
}

func (s *Session) plainCheck(st *saslState) func(*sasl.Negotiator) bool {
	return func(n *sasl.Negotiator) bool {
		user, pass, authz := n.Credentials()
		local, err := s.localpart(string(user), string(authz))
		if err != nil {
			return false
		}
		acct, err := s.env.Store.Lookup(local, s.host)
		if err != nil {
			return false
		}
		if !scram.Check(sha256.New, pass, acct.Salt, acct.Iterations, acct.SHA256) {
			return false
		}
		st.user = local
		return true
	}
}

func (s *Session) localpart(user, authz string) (string, error) {
	j, err := jid.New(user, s.host, "")
	if err != nil || user == "" || s.env.Store == nil {
		return "", sasl.ErrAuthn
	}
	if authz != "" && authz != j.Bare().String() && authz != j.Localpart() {
		return "", sasl.ErrAuthn
	}
	return j.Localpart(), nil
}

func b64(b []byte) string {
	if len(b) == 0 {
		return "="
	}
	return base64.StdEncoding.EncodeToString(b)
}
