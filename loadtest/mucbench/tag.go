package mucbench

import "bytes"

// tagKind says what a markup token is.
type tagKind uint8

const (
	tagSkip  tagKind = iota // comment, processing instruction, CDATA, DOCTYPE
	tagStart                // <a ...>
	tagEmpty                // <a .../>
	tagEnd                  // </a>
)

// tagLen returns the length of the markup token at the start of b (b[0] is
// '<') and its kind; 0 when b ends before the token does. A '>' inside a
// quoted attribute value does not end a start tag. from and quote resume an
// earlier call that returned 0 on a prefix of b (from = that prefix's
// length, quote = the state it returned), so a token arriving in many reads
// is scanned once.
func tagLen(b []byte, from int, quote byte) (int, tagKind, byte) {
	if len(b) < 2 {
		return 0, tagSkip, 0
	}
	switch b[1] {
	case '/':
		return through(b, max(2, from), ">", tagEnd)
	case '?':
		return through(b, max(2, from-1), "?>", tagSkip)
	case '!':
		return markupDecl(b, from)
	}
	for i := max(1, from); i < len(b); i++ {
		c := b[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '>':
			if b[i-1] == '/' {
				return i + 1, tagEmpty, 0
			}
			return i + 1, tagStart, 0
		}
	}
	return 0, tagSkip, quote
}

// markupDecl measures <!-- -->, <![CDATA[ ]]> and <!...>.
func markupDecl(b []byte, from int) (int, tagKind, byte) {
	for _, d := range [...]struct{ open, close string }{{"<!--", "-->"}, {"<![CDATA[", "]]>"}} {
		if bytes.HasPrefix(b, []byte(d.open)) {
			return through(b, max(len(d.open), from-len(d.close)+1), d.close, tagSkip)
		}
		if len(b) < len(d.open) && bytes.HasPrefix([]byte(d.open), b) {
			return 0, tagSkip, 0
		}
	}
	return through(b, max(2, from), ">", tagSkip)
}

// through returns the length up to and including the first sep at or after
// from, or 0 if b holds none yet.
func through(b []byte, from int, sep string, k tagKind) (int, tagKind, byte) {
	i := bytes.Index(b[from:], []byte(sep))
	if i < 0 {
		return 0, tagSkip, 0
	}
	return from + i + len(sep), k, 0
}

// tagName returns the element name at the start of b (after '<' or '</').
func tagName(b []byte) []byte {
	if len(b) > 0 && b[0] == '/' {
		b = b[1:]
	}
	for i, c := range b {
		switch c {
		case ' ', '\t', '\r', '\n', '/', '>':
			return b[:i]
		}
	}
	return b
}

// isStreamName reports the stream root, <stream:stream> (or an unprefixed
// <stream> with the streams namespace as default).
func isStreamName(name []byte) bool {
	return bytes.Equal(name, []byte("stream:stream")) || bytes.Equal(name, []byte("stream"))
}

// attr returns the value of attribute name in the start tag at the front of
// raw, or nil.
func attr(raw []byte, name string) []byte {
	n, _, _ := tagLen(raw, 0, 0)
	if n == 0 {
		return nil
	}
	tag := raw[:n]
	for i := 0; ; {
		j := bytes.Index(tag[i:], []byte(name+"="))
		if j < 0 {
			return nil
		}
		i += j
		end := i + len(name) + 1
		if end >= len(tag) || i == 0 || !isSpace(tag[i-1]) {
			i = end
			continue
		}
		q := tag[end]
		k := bytes.IndexByte(tag[end+1:], q)
		if (q != '"' && q != '\'') || k < 0 {
			return nil
		}
		return tag[end+1 : end+1+k]
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\r' || c == '\n' }
