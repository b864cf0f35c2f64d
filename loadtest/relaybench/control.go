package relaybench

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/netip"
)

// Control message types (see the package comment for the exchange).
const (
	msgHello     = "hello"
	msgSetup     = "setup"
	msgEndpoints = "endpoints"
	msgStats     = "stats"
	msgError     = "error"
)

// Endpoint roles.
const (
	roleSender   = "sender"
	roleReceiver = "receiver"
)

// maxLine bounds one control line.
const maxLine = 64 << 10

// maxEndpoints bounds a setup (1 sender + receivers).
const maxEndpoints = 1 + 256

// ctlMsg is one JSON line of the parent/child control channel.
type ctlMsg struct {
	Type      string        `json:"type"`
	Server    string        `json:"server,omitempty"`
	Addr      string        `json:"addr,omitempty"`
	PID       int           `json:"pid,omitempty"`
	Endpoints []ctlEndpoint `json:"endpoints,omitempty"`
	Stats     *ctlStats     `json:"stats,omitempty"`
	Error     string        `json:"error,omitempty"`
}

// ctlEndpoint is one endpoint's transport: in a setup the generator side
// (addr, credentials, certificate fingerprint, the sender's SSRC), in the
// endpoints reply the server side.
type ctlEndpoint struct {
	ID          string `json:"id"`
	Role        string `json:"role,omitempty"`
	Addr        string `json:"addr,omitempty"`
	Ufrag       string `json:"ufrag,omitempty"`
	Pwd         string `json:"pwd,omitempty"`
	Fingerprint string `json:"fingerprint,omitempty"` // sha-256, AB:CD:…
	SSRC        uint32 `json:"ssrc,omitempty"`
}

// ctlStats are the child's counters.
type ctlStats struct {
	In        uint64            `json:"in"`  // datagrams received
	Out       uint64            `json:"out"` // datagrams sent
	Connected int               `json:"connected"`
	Drops     map[string]uint64 `json:"drops,omitempty"`
}

// encodeLine marshals m as one newline-terminated line.
func encodeLine(m ctlMsg) ([]byte, error) {
	b, err := json.Marshal(m)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadControl, err)
	}
	return append(b, '\n'), nil
}

// writeMsg writes m as one line to w.
func writeMsg(w io.Writer, m ctlMsg) error {
	b, err := encodeLine(m)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// decodeLine parses and validates one control line.
func decodeLine(line []byte) (ctlMsg, error) {
	line = bytes.TrimSpace(line)
	if len(line) > maxLine {
		return ctlMsg{}, fmt.Errorf("%w: line of %d bytes", ErrBadControl, len(line))
	}
	var m ctlMsg
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&m); err != nil {
		return ctlMsg{}, fmt.Errorf("%w: %v in %.80q", ErrBadControl, err, line)
	}
	if dec.More() {
		return ctlMsg{}, fmt.Errorf("%w: trailing data in %.80q", ErrBadControl, line)
	}
	if err := m.validate(); err != nil {
		return ctlMsg{}, err
	}
	m.normalize()
	return m, nil
}

// normalize makes empty lists and maps nil, as omitempty encodes them.
func (m *ctlMsg) normalize() {
	if len(m.Endpoints) == 0 {
		m.Endpoints = nil
	}
	if m.Stats != nil && len(m.Stats.Drops) == 0 {
		m.Stats.Drops = nil
	}
}

func (m ctlMsg) validate() error {
	switch m.Type {
	case msgHello:
		if _, err := netip.ParseAddrPort(m.Addr); err != nil {
			return fmt.Errorf("%w: hello addr: %v", ErrBadControl, err)
		}
		if m.Server != serverBridge && m.Server != serverRaw {
			return fmt.Errorf("%w: hello server %q", ErrBadControl, m.Server)
		}
	case msgSetup:
		return validateSetup(m.Endpoints)
	case msgEndpoints, msgStats, msgError:
	default:
		return fmt.Errorf("%w: unknown type %q", ErrBadControl, m.Type)
	}
	if len(m.Endpoints) > maxEndpoints {
		return fmt.Errorf("%w: %d endpoints", ErrBadControl, len(m.Endpoints))
	}
	return nil
}

// validateSetup checks a setup: exactly one sender, unique ids, addresses.
func validateSetup(eps []ctlEndpoint) error {
	if len(eps) < 2 || len(eps) > maxEndpoints {
		return fmt.Errorf("%w: setup with %d endpoints", ErrBadControl, len(eps))
	}
	senders, ids := 0, map[string]bool{}
	for i, e := range eps {
		if e.ID == "" || ids[e.ID] {
			return fmt.Errorf("%w: setup endpoint %d: empty or duplicate id %q", ErrBadControl, i, e.ID)
		}
		ids[e.ID] = true
		if _, err := netip.ParseAddrPort(e.Addr); err != nil {
			return fmt.Errorf("%w: setup endpoint %q addr: %v", ErrBadControl, e.ID, err)
		}
		switch e.Role {
		case roleSender:
			senders++
		case roleReceiver:
		default:
			return fmt.Errorf("%w: setup endpoint %q role %q", ErrBadControl, e.ID, e.Role)
		}
	}
	if senders != 1 {
		return fmt.Errorf("%w: setup has %d senders, want 1", ErrBadControl, senders)
	}
	return nil
}

// splitSetup returns the sender and the receivers of a validated setup.
func splitSetup(eps []ctlEndpoint) (ctlEndpoint, []ctlEndpoint) {
	var s ctlEndpoint
	var rs []ctlEndpoint
	for _, e := range eps {
		if e.Role == roleSender {
			s = e
		} else {
			rs = append(rs, e)
		}
	}
	return s, rs
}
