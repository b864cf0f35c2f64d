package config

import (
	"fmt"
	"strconv"
	"strings"
)

// value reads the value of path: an object, an array or a scalar
// (a concatenation of unquoted text, quoted strings and substitutions).
func (w *walker) value(path string, at token) *Error {
	switch w.tok.kind {
	case tkLBrace, tkLBrack:
		w.depth++
		defer func() { w.depth-- }()
		if w.depth > maxDepth {
			return w.lx.errAt(w.tok.line, w.tok.col, "nesting deeper than %d levels", maxDepth)
		}
		open := w.tok
		if err := w.next(); err != nil {
			return err
		}
		if open.kind == tkLBrace {
			w.ix.set(path, keyPos{line: at.line, col: at.col})
			return w.objectBody(path, &open)
		}
		w.ix.set(path, keyPos{line: at.line, col: at.col, scalar: true})
		return w.array(path, open)
	}
	return w.scalar(path, at)
}

func (w *walker) scalar(path string, at token) *Error {
	kp := keyPos{line: at.line, col: at.col, scalar: true}
	var b strings.Builder
	n, prevEnd := 0, 0
	for ; ; n++ {
		switch w.tok.kind {
		case tkText, tkTriple:
		case tkString:
			kp.quoted = true
		case tkSubst:
			kp.subst = true
		default:
			if n == 0 && (w.tok.kind == tkEOF || w.tok.kind == tkRBrace) {
				return w.lx.errAt(at.line, at.col, "no value for %q before %s", path, describeTok(w.tok))
			}
			if n == 0 {
				return w.unexpected("where the value of " + strconv.Quote(path) + " should be")
			}
			kp.text = b.String()
			w.ix.set(path, kp)
			return nil
		}
		if n > 0 {
			b.WriteString(w.lx.src[prevEnd:w.tok.off]) // blanks between parts are kept
		}
		b.WriteString(w.tok.val)
		prevEnd = w.tok.end
		if err := w.next(); err != nil {
			return err
		}
	}
}

// array reads the elements after '[' up to the matching ']'. Elements are
// indexed as path.0, path.1, …
func (w *walker) array(path string, open token) *Error {
	for i := 0; ; i++ {
		if err := w.skipNL(); err != nil {
			return err
		}
		switch w.tok.kind {
		case tkRBrack:
			return w.next()
		case tkEOF, tkRBrace:
			return w.lx.errAt(open.line, open.col, "unclosed '[' (no ']' before %s)", describeTok(w.tok))
		}
		elem := join(path, strconv.Itoa(i))
		w.ix.declare(path, []string{strconv.Itoa(i)}, w.tok)
		if err := w.value(elem, w.tok); err != nil {
			return err
		}
		switch w.tok.kind {
		case tkComma:
			if err := w.next(); err != nil {
				return err
			}
		case tkNL, tkRBrack:
		case tkEOF, tkRBrace:
			return w.lx.errAt(open.line, open.col, "unclosed '[' (no ']' before %s)", describeTok(w.tok))
		default:
			return w.unexpected("in array " + strconv.Quote(path) + " (want ',' or ']')")
		}
	}
}

// describeTok names a token and its position for messages.
func describeTok(t token) string {
	if t.kind == tkEOF {
		return "end of file"
	}
	return fmt.Sprintf("%q at line %d col %d", t.val, t.line, t.col)
}
