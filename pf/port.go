package pf

import (
	"regexp"
	"strconv"
	"strings"
)

var serviceName = regexp.MustCompile(`^[a-z][a-z0-9-]*$`)

var unaryOps = map[string]bool{"=": true, "!=": true, "<": true, "<=": true, ">": true, ">=": true}

// port parses [op] N | name | N:M | N:* (the last only after rdr-to).
func (p *parser) port() (Port, error) {
	var pt Port
	t, err := p.Peek()
	if err != nil {
		return pt, err
	}
	if t.Kind == tPunct && unaryOps[t.Text] {
		pt.Op = p.Take().Text
	}
	v, err := p.Next()
	if err != nil {
		return pt, err
	}
	if v.Kind != tWord {
		return pt, lineErr(ErrSyntax, v.Line, "expected a port, found %q", v.Text)
	}
	if a, b, ok := strings.Cut(v.Text, ":"); ok && pt.Op == "" {
		pt.Op, pt.A, pt.B = ":", a, b
		return pt, checkRange(v.Line, a, b)
	}
	pt.A = v.Text
	return pt, checkPort(v.Line, v.Text)
}

func checkPort(line int, s string) error {
	if n, err := strconv.Atoi(s); err == nil {
		if n < 0 || n > 65535 {
			return lineErr(ErrSyntax, line, "port %d out of range", n)
		}
		return nil
	}
	if !serviceName.MatchString(s) || reserved[s] {
		return lineErr(ErrSyntax, line, "invalid port %q", s)
	}
	return nil
}

func checkRange(line int, a, b string) error {
	if b == "*" {
		return checkPort(line, a)
	}
	lo, err1 := strconv.Atoi(a)
	hi, err2 := strconv.Atoi(b)
	if err1 != nil || err2 != nil || lo < 0 || hi > 65535 || lo > hi {
		return lineErr(ErrSyntax, line, "invalid port range %s:%s", a, b)
	}
	return nil
}
