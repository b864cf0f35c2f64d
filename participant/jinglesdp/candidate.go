package jinglesdp

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/jitsi-go/jitsi-go/jingle"
)

// CandidateToSDP writes a Jingle candidate as an SDP "candidate:" attribute
// value (without "a="), as lib-jitsi-meet's candidateFromJingle does.
func CandidateToSDP(c jingle.Candidate) string {
	var b strings.Builder
	fmt.Fprintf(&b, "candidate:%s %d %s %d %s %d typ %s", c.Foundation, c.Component, strings.ToLower(c.Protocol),
		c.Priority, c.IP, c.Port, c.Type)
	if c.Type != "host" && c.RelAddr != "" {
		fmt.Fprintf(&b, " raddr %s rport %d", c.RelAddr, c.RelPort)
	}
	if strings.EqualFold(c.Protocol, "tcp") && c.TCPType != "" {
		b.WriteString(" tcptype " + c.TCPType)
	}
	fmt.Fprintf(&b, " generation %d", c.Generation)
	return b.String()
}

// CandidateFromSDP parses an SDP candidate (with or without "a=" and
// "candidate:") into a Jingle candidate. Network defaults to 1 and the ID is
// derived from the foundation, component and address.
func CandidateFromSDP(line string) (jingle.Candidate, error) {
	line = strings.TrimPrefix(strings.TrimPrefix(strings.TrimSpace(line), "a="), "candidate:")
	f := strings.Fields(line)
	if len(f) < 8 || f[6] != "typ" {
		return jingle.Candidate{}, fmt.Errorf("%w: %q", ErrBadCandidate, line)
	}
	c := jingle.Candidate{Foundation: f[0], Protocol: strings.ToLower(f[2]), IP: f[4], Type: f[7], Network: 1}
	var err error
	if c.Component, err = strconv.Atoi(f[1]); err != nil {
		return jingle.Candidate{}, fmt.Errorf("%w: component in %q", ErrBadCandidate, line)
	}
	prio, err := strconv.ParseUint(f[3], 10, 32)
	if err != nil {
		return jingle.Candidate{}, fmt.Errorf("%w: priority in %q", ErrBadCandidate, line)
	}
	c.Priority = uint32(prio)
	if c.Port, err = strconv.Atoi(f[5]); err != nil || c.Port < 0 || c.Port > 65535 {
		return jingle.Candidate{}, fmt.Errorf("%w: port in %q", ErrBadCandidate, line)
	}
	if err := candidateExtensions(&c, f[8:]); err != nil {
		return jingle.Candidate{}, fmt.Errorf("%w: %v in %q", ErrBadCandidate, err, line)
	}
	c.ID = fmt.Sprintf("%s-%d-%s-%d", c.Foundation, c.Component, c.IP, c.Port)
	return c, nil
}

// candidateExtensions reads the key/value pairs after "typ X".
func candidateExtensions(c *jingle.Candidate, kv []string) error {
	for i := 0; i+1 < len(kv); i += 2 {
		v := kv[i+1]
		var err error
		switch kv[i] {
		case "raddr":
			c.RelAddr = v
		case "rport":
			c.RelPort, err = strconv.Atoi(v)
		case "tcptype":
			c.TCPType = v
		case "generation":
			c.Generation, err = strconv.Atoi(v)
		case "network-id":
			c.Network, err = strconv.Atoi(v)
		}
		if err != nil {
			return fmt.Errorf("%s %q", kv[i], v)
		}
	}
	return nil
}
