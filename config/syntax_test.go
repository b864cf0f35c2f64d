package config

import (
	"errors"
	"strings"
	"testing"
)

func TestParseHOCONSyntaxErrors(t *testing.T) {
	cases := []struct {
		name, text string
		line       int
		msg        string
	}{
		{"unclosed string", "a {\n  b = \"abc\n}\n", 2, "unclosed string"},
		{"bad token", "a {\n  b = @x\n}\n", 2, "unexpected character '@'"},
		{"unclosed list", "a {\n  b = [ 1, 2\n}\n", 2, "unclosed '[' (no ']' before \"}\" at line 3 col 1)"},
		{"list at eof", "b = [ 1, 2\n", 1, "unclosed '['"},
		{"brace too many", "a { b = 1 }\n}\n", 2, "one '}' too many"},
		{"unclosed brace", "a {\n b {\n  c = 1\n", 1, "2 '{' never closed (opened at line 1 col 3, line 2 col 4)"},
		{"missing separator", "a {\n  b 1\n}\n", 2, "want '=', ':' or '{'"},
		{"missing value", "a = \n", 1, "no value for \"a\" before end of file"},
		{"two values", "a = [1] 2\n", 1, "after a value"},
		{"empty key", "a..b = 1\n", 1, "empty key segment"},
		{"bad escape", "a = \"x\\qy\"\n", 1, `bad escape sequence \q`},
		{"include", "include \"other.conf\"\n", 1, "include is not supported"},
		{"unclosed triple", "a = \"\"\"abc\n", 1, "unclosed triple-quoted"},
		{"unclosed subst", "a = ${b\n", 1, "unclosed substitution"},
		{"overflow", "x = 1\nn = 99999999999999999999\n", 2, "out of range"},
		{"unresolved", "x = 1\nn = ${nowhere.at.all}\n", 2, "could not resolve substitution"},
		{"root list", "[1, 2]\n", 1, "where a key should be"},
		{"stray close bracket", "a = ]\n", 1, "where the value of"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := ParseHOCON("bad.conf", []byte(c.text))
			var ce *Error
			if !errors.As(err, &ce) || !errors.Is(err, ErrSyntax) {
				t.Fatalf("got %v (%T), want *Error with ErrSyntax", err, err)
			}
			if ce.File != "bad.conf" || ce.Line != c.line || !strings.Contains(ce.Msg, c.msg) {
				t.Errorf("got %q (line %d), want line %d and %q", err, ce.Line, c.line, c.msg)
			}
		})
	}
}
