// Package config loads the configuration files of the Jitsi daemons this
// project replaces, in their own formats: HOCON (jvb.conf, jicofo.conf, read
// with github.com/gurkankaymak/hocon) and Java .properties
// (sip-communicator.properties). Every key keeps its line, so that errors and
// warnings name file, line and key. Typed views with the upstream defaults are
// JVB (jitsi-videobridge) and Jicofo.
//
// The package never logs and never panics on input: malformed files give an
// *Error, unknown keys give Warnings.
package config

import (
	"fmt"
	"os"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/gurkankaymak/hocon"
)

// Doc is a parsed HOCON file: the value tree built by the hocon library plus a
// position index mapping every key path ("a.b.c", array elements as "a.0") to
// its line. Keys are matched exactly; use Fold for case-insensitive sections.
type Doc struct {
	// File is the name used in errors and warnings.
	File string
	// Repairs lists the structural repairs made while loading (see
	// ParseHOCONRepair); empty for a well-formed file.
	Repairs []Warning
	root    hocon.Object
	ix      *index
}

// LoadHOCON reads and parses the HOCON file at path.
func LoadHOCON(path string) (*Doc, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	return ParseHOCON(path, data)
}

// ParseHOCON parses HOCON text. Syntax errors are *Error values with the file,
// line and column. include directives are refused (the daemons' files do not
// use them, and the library would resolve them against the working directory).
func ParseHOCON(filename string, data []byte) (*Doc, error) {
	ix, serr := scanPositions(filename, data)
	if serr != nil {
		return nil, serr
	}
	if len(ix.unclosed) > 0 {
		return nil, unclosedError(filename, ix.unclosed)
	}
	return build(filename, data, ix)
}

func build(filename string, data []byte, ix *index) (*Doc, error) {
	root, err := parseLib(filename, data, ix)
	if err != nil {
		return nil, err
	}
	d := &Doc{File: filename, root: root, ix: ix}
	if err := d.checkIndex(""); err != nil {
		return nil, err
	}
	return d, nil
}

// checkIndex makes sure every key of the value tree has a position: where the
// library split a key differently from the position scanner (e.g. "0A = 1"),
// the file is refused rather than reported with wrong lines.
func (d *Doc) checkIndex(key string) *Error {
	v, _ := d.lookup(key)
	obj, ok := v.(hocon.Object)
	if !ok {
		return nil
	}
	for k := range obj {
		path := join(key, k)
		if d.ix.pos[path] == nil {
			p := d.pos(path)
			return syntaxErr(d.File, p.line, p.col, "cannot read key %q: unsupported key syntax (quote the key)", path)
		}
		if err := d.checkIndex(path); err != nil {
			return err
		}
	}
	return nil
}

// unclosedError reports '{' left open at end of file, naming where each opened.
func unclosedError(file string, open []openBrace) *Error {
	outer := open[len(open)-1].tok
	return syntaxErr(file, outer.line, outer.col, "%d '{' never closed (opened at %s): missing '}' at end of file",
		len(open), openLines(open))
}

func openLines(open []openBrace) string {
	var lines []string
	for i := len(open) - 1; i >= 0; i-- {
		lines = append(lines, fmt.Sprintf("line %d col %d", open[i].tok.line, open[i].tok.col))
	}
	return strings.Join(lines, ", ")
}

// parseLib runs the hocon library; its errors and any panic become *Error.
func parseLib(file string, data []byte, ix *index) (root hocon.Object, err error) {
	defer func() {
		if r := recover(); r != nil {
			root, err = nil, syntaxErr(file, 0, 0, "hocon parser failed: %v", r)
		}
	}()
	c, perr := hocon.ParseString(string(data))
	if perr != nil {
		return nil, libError(file, perr, ix)
	}
	obj, ok := c.GetRoot().(hocon.Object)
	if !ok {
		return nil, syntaxErr(file, 1, 1, "the root of a HOCON file must be an object")
	}
	return obj, nil
}

var libPos = regexp.MustCompile(`^(.*) at: (\d+):(\d+), (.*)$`)

// libError converts the library's "… at: L:C, …" message into an *Error. For
// its messages without a position it finds the key whose value is quoted in
// the message (an integer overflow, a substitution that does not resolve).
func libError(file string, err error, ix *index) *Error {
	msg := err.Error()
	if m := libPos.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[2])
		col, _ := strconv.Atoi(m[3])
		if line > 0 {
			return syntaxErr(file, line, col, "%s %s", m[1], m[4])
		}
		msg = m[1] + " " + m[4]
	}
	for _, path := range ix.sortedPaths() {
		kp := ix.pos[path]
		if kp.scalar && kp.text != "" && strings.Contains(msg, kp.text) {
			e := syntaxErr(file, kp.line, kp.col, "%s", msg)
			e.Key = path
			return e
		}
	}
	return syntaxErr(file, 0, 0, "%s", msg)
}

// sortedPaths lists the indexed paths in file order.
func (ix *index) sortedPaths() []string {
	paths := make([]string, 0, len(ix.pos))
	for p := range ix.pos {
		paths = append(paths, p)
	}
	slices.SortFunc(paths, func(a, b string) int {
		pa, pb := ix.pos[a], ix.pos[b]
		if pa.line != pb.line {
			return pa.line - pb.line
		}
		if pa.col != pb.col {
			return pa.col - pb.col
		}
		return strings.Compare(a, b)
	})
	return paths
}
