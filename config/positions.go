package config

import (
	"strconv"
	"strings"
)

// maxDepth bounds object/array nesting so hostile input cannot exhaust the stack.
const maxDepth = 200

// keyPos is where a key was (last) assigned, plus what the scanner saw of its
// value: the decoded text of a scalar, and whether it was quoted or used a
// substitution.
type keyPos struct {
	line, col int
	text      string
	scalar    bool
	quoted    bool
	subst     bool
}

// index maps every key path of a HOCON file to its position and remembers the
// order in which the children of each object first appear.
type index struct {
	pos      map[string]*keyPos
	children map[string][]string
	unclosed []openBrace // '{' still open at end of file, innermost first
}

// openBrace is a '{' and the path of the object it opens.
type openBrace struct {
	tok  token
	path string
}

func (ix *index) set(path string, kp keyPos) {
	ix.pos[path] = &kp
}

// declare records path and its ancestors below prefix in the child order.
func (ix *index) declare(prefix string, segs []string, at token) string {
	path := prefix
	for i, s := range segs {
		parent := path
		path = join(path, s)
		if _, seen := ix.pos[path]; !seen {
			ix.children[parent] = append(ix.children[parent], s)
			ix.set(path, keyPos{line: at.line, col: at.col})
		}
		if i < len(segs)-1 && ix.pos[path].scalar {
			ix.set(path, keyPos{line: at.line, col: at.col})
		}
	}
	return path
}

func join(prefix, seg string) string {
	if prefix == "" {
		return seg
	}
	return prefix + "." + seg
}

// walker drives the lexer over the file's structure and fills the index.
type walker struct {
	lx    *lexer
	tok   token
	ix    *index
	depth int
}

// scanPositions builds the position index of a HOCON text, or returns the
// first structural error with its line and column. Objects still open at end
// of file are not an error here; they are listed in index.unclosed.
func scanPositions(file string, data []byte) (*index, *Error) {
	w := &walker{lx: newLexer(file, data), ix: &index{pos: map[string]*keyPos{}, children: map[string][]string{}}}
	if err := w.next(); err != nil {
		return nil, err
	}
	w.skipNL()
	var open *token
	if w.tok.kind == tkLBrace {
		t := w.tok
		open = &t
		if err := w.next(); err != nil {
			return nil, err
		}
	}
	if err := w.objectBody("", open); err != nil {
		return nil, err
	}
	w.skipNL()
	if w.tok.kind != tkEOF {
		return nil, w.unexpected("after the root object")
	}
	return w.ix, nil
}

func (w *walker) next() *Error {
	t, err := w.lx.next()
	w.tok = t
	return err
}

func (w *walker) skipNL() *Error {
	for w.tok.kind == tkNL {
		if err := w.next(); err != nil {
			return err
		}
	}
	return nil
}

func (w *walker) unexpected(where string) *Error {
	what := strconv.Quote(w.tok.val)
	if w.tok.kind == tkEOF {
		what = "end of file"
	}
	return w.lx.errAt(w.tok.line, w.tok.col, "unexpected %s %s", what, where)
}

// objectBody reads fields up to the '}' matching open (nil: up to end of file).
func (w *walker) objectBody(prefix string, open *token) *Error {
	for {
		if err := w.skipNL(); err != nil {
			return err
		}
		switch w.tok.kind {
		case tkEOF:
			if open != nil {
				w.ix.unclosed = append(w.ix.unclosed, openBrace{*open, prefix})
			}
			return nil
		case tkRBrace:
			if open == nil {
				return w.lx.errAt(w.tok.line, w.tok.col, "unexpected '}': no open '{' to close (one '}' too many?)")
			}
			return w.next()
		}
		wasObject, err := w.field(prefix)
		if err != nil {
			return err
		}
		switch w.tok.kind {
		case tkComma:
			err = w.next()
		case tkNL, tkEOF, tkRBrace:
		default:
			if !wasObject {
				err = w.unexpected("after a value (want a newline or ',')")
			}
		}
		if err != nil {
			return err
		}
	}
}

// field reads one "key = value", "key : value", "key += value" or "key { … }".
func (w *walker) field(prefix string) (bool, *Error) {
	at := w.tok
	if at.kind == tkText && at.val == "include" {
		return false, w.lx.errAt(at.line, at.col, "include is not supported: merge the included file into this one")
	}
	segs, err := w.key()
	if err != nil {
		return false, err
	}
	path := w.ix.declare(prefix, segs, at)
	switch w.tok.kind {
	case tkSep, tkPlusEq:
		if err := w.next(); err != nil {
			return false, err
		}
		if err := w.skipNL(); err != nil {
			return false, err
		}
	case tkLBrace:
	default:
		return false, w.unexpected("after key " + strconv.Quote(path) + " (want '=', ':' or '{')")
	}
	isObject := w.tok.kind == tkLBrace
	return isObject, w.value(path, at)
}

// key reads a key path: unquoted text split at dots, quoted parts kept whole,
// blanks between parts kept as one space.
func (w *walker) key() ([]string, *Error) {
	at := w.tok
	segs := []string{""}
	n, prevEnd := 0, 0
	for ; w.tok.kind == tkText || w.tok.kind == tkString; n++ {
		last := len(segs) - 1
		if n > 0 && w.tok.off > prevEnd {
			segs[last] += " "
		}
		if w.tok.kind == tkString {
			segs[last] += w.tok.val
		} else {
			parts := strings.Split(w.tok.val, ".")
			segs[last] += parts[0]
			for _, p := range parts[1:] {
				segs = append(segs, p)
			}
		}
		prevEnd = w.tok.end
		if err := w.next(); err != nil {
			return nil, err
		}
	}
	if n == 0 {
		return nil, w.unexpected("where a key should be")
	}
	for _, s := range segs {
		if s == "" { // the library loops on "" keys; jitsi has none
			return nil, w.lx.errAt(at.line, at.col, "empty key segment in %q (misplaced '.' or \"\"?)", strings.Join(segs, "."))
		}
	}
	return segs, nil
}
