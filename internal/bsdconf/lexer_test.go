package bsdconf

import (
	"errors"
	"reflect"
	"strings"
	"testing"
)

var (
	errSyntax = errors.New("syntax")
	errMacro  = errors.New("macro")
)

func testGrammar(escapes string, pairs ...string) *Grammar {
	return &Grammar{
		StartsWord: func(c byte) bool { return IsAlnum(c) || c == '_' },
		InWord: func(c byte) bool {
			return IsAlnum(c) || c > ' ' && c < 0x7f && !strings.ContainsRune("(){}!=#,<>", rune(c))
		},
		QuoteEscapes: escapes, Pairs: pairs, Syntax: errSyntax, Macro: errMacro,
	}
}

func lexAll(g *Grammar, src string, macros map[string]string) ([]Token, error) {
	l := NewLexer(g, []byte(src))
	for k, v := range macros {
		l.Macros[k] = v
	}
	var out []Token
	for {
		t, err := l.Next()
		if err != nil {
			return out, err
		}
		out = append(out, t)
		if t.Kind == EOF {
			return out, nil
		}
	}
}

func TestLexer(t *testing.T) {
	tests := []struct {
		name, src string
		g         *Grammar
		want      []Token
		err       error
	}{
		{name: "words, comment, continuation", src: "pass in \\\n on egress # c\n", g: testGrammar(""),
			want: []Token{{Word, "pass", 1}, {Word, "in", 1}, {Word, "on", 2}, {Word, "egress", 2}, {NL, "\n", 2}, {EOF, "", 3}}},
		{name: "quote escapes per grammar", src: `"a\"b\\c"`, g: testGrammar(`\`),
			want: []Token{{String, `a"b\c`, 1}, {EOF, "", 1}}},
		{name: "backslash kept when not escaped", src: `'a\\b'`, g: testGrammar(""),
			want: []Token{{String, `a\\b`, 1}, {EOF, "", 1}}},
		{name: "pairs", src: "a != b < c", g: testGrammar("", "!="),
			want: []Token{{Word, "a", 1}, {Punct, "!=", 1}, {Word, "b", 1}, {Punct, "<", 1}, {Word, "c", 1}, {EOF, "", 1}}},
		{name: "macro pushed back", src: "x $m y", g: testGrammar(""),
			want: []Token{{Word, "x", 1}, {Word, "v1", 1}, {Word, "v2", 1}, {Word, "y", 1}, {EOF, "", 1}}},
		{name: "unterminated", src: "\"abc\n", g: testGrammar(""), err: errSyntax},
		{name: "undefined macro", src: "$nope", g: testGrammar(""), err: errMacro},
		{name: "bare dollar", src: "$ x", g: testGrammar(""), err: errMacro},
		{name: "runaway macro", src: "$loop", g: testGrammar(""), err: errMacro},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, err := lexAll(tc.g, tc.src, map[string]string{"m": "v1 v2", "loop": "$loop $loop"})
			if tc.err != nil {
				if !errors.Is(err, tc.err) || !strings.Contains(err.Error(), "line 1") {
					t.Fatalf("err = %v, want %v on line 1", err, tc.err)
				}
				return
			}
			if err != nil || !reflect.DeepEqual(got, tc.want) {
				t.Fatalf("got %v, %v\nwant %v", got, err, tc.want)
			}
		})
	}
}

func TestReader(t *testing.T) {
	for _, braces := range []bool{false, true} {
		r := &Reader{Lex: NewLexer(testGrammar(""), []byte("a { b\n c }\n")), NewlinesInBraces: braces}
		var kinds []Kind
		for {
			tok, err := r.Next()
			if err != nil {
				t.Fatal(err)
			}
			kinds = append(kinds, tok.Kind)
			if tok.Kind == EOF {
				break
			}
		}
		nls := 0
		for _, k := range kinds {
			if k == NL {
				nls++
			}
		}
		if want := map[bool]int{false: 2, true: 1}[braces]; nls != want {
			t.Errorf("NewlinesInBraces=%v: %d newlines, want %d", braces, nls, want)
		}
	}
	r := &Reader{Lex: NewLexer(testGrammar(""), []byte("x y"))}
	if ok, _ := r.Accept("x"); !ok {
		t.Fatal("Accept(x) failed")
	}
	if err := r.Expect("z"); !errors.Is(err, errSyntax) || !strings.Contains(err.Error(), `expected "z", found "y"`) {
		t.Fatalf("Expect: %v", err)
	}
	if err := r.EndStatement(); !errors.Is(err, errSyntax) {
		t.Fatalf("EndStatement before the end: %v", err)
	}
}
