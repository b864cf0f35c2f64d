package config

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Properties is a parsed Java .properties file (java.util.Properties.load
// syntax). Keys keep the line their last definition starts on.
type Properties struct {
	// File is the name used in errors and warnings.
	File    string
	entries map[string]propEntry
	order   []string
}

type propEntry struct {
	value string
	line  int
}

// LoadProperties reads and parses the .properties file at path.
func LoadProperties(path string) (*Properties, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("config: %w", err)
	}
	return ParseProperties(path, data)
}

// ParseProperties parses .properties text: "key=value", "key: value" or
// "key value"; '#' and '!' comment lines; a line ending in an odd number of
// backslashes continues on the next line, whose leading blanks are dropped;
// escapes \t \n \r \f \uXXXX, and a backslash before any other character
// (an escaped separator in a key: "a\=b") stands for that character. The last
// definition of a key wins. Text that is not UTF-8 is read as ISO-8859-1, the
// Java default. A malformed \uXXXX is an *Error naming file and line.
func ParseProperties(filename string, data []byte) (*Properties, error) {
	text := string(data)
	if !utf8.Valid(data) {
		runes := make([]rune, len(data))
		for i, b := range data {
			runes[i] = rune(b)
		}
		text = string(runes)
	}
	p := &Properties{File: filename, entries: map[string]propEntry{}}
	lines := splitLines(text)
	for i := 0; i < len(lines); i++ {
		start := i
		line := strings.TrimLeft(lines[i], " \t\f")
		if line == "" || line[0] == '#' || line[0] == '!' {
			continue
		}
		for continues(line) && i+1 < len(lines) {
			i++
			line = line[:len(line)-1] + strings.TrimLeft(lines[i], " \t\f")
		}
		if continues(line) { // a final backslash at end of file is dropped
			line = line[:len(line)-1]
		}
		key, value, err := splitProperty(line)
		if err != nil {
			return nil, &Error{File: filename, Line: start + 1, Msg: err.Error(), Err: ErrSyntax}
		}
		p.set(key, value, start+1)
	}
	return p, nil
}

// splitLines splits at \n, \r\n or \r, as Java's LineReader does.
func splitLines(s string) []string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	return strings.Split(strings.ReplaceAll(s, "\r", "\n"), "\n")
}

// continues reports whether a line ends in an odd number of backslashes.
func continues(line string) bool {
	n := len(line) - len(strings.TrimRight(line, `\`))
	return n%2 == 1
}

// splitProperty cuts a logical line into its unescaped key and value.
func splitProperty(line string) (string, string, error) {
	end := len(line)
	for i := 0; i < len(line); i++ {
		if line[i] == '\\' {
			i++
			continue
		}
		if strings.IndexByte("=: \t\f", line[i]) >= 0 {
			end = i
			break
		}
	}
	rest := strings.TrimLeft(line[end:], " \t\f")
	if rest != "" && (rest[0] == '=' || rest[0] == ':') {
		rest = strings.TrimLeft(rest[1:], " \t\f")
	}
	key, err := unescapeProperty(line[:end])
	if err != nil {
		return "", "", err
	}
	value, err := unescapeProperty(rest)
	if err != nil {
		return "", "", fmt.Errorf("%s: %w", key, err)
	}
	return key, value, nil
}

// unescapeProperty decodes the escapes of a key or value.
func unescapeProperty(s string) (string, error) {
	if !strings.Contains(s, `\`) {
		return s, nil
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 >= len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch c := s[i]; c {
		case 't':
			b.WriteByte('\t')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 'f':
			b.WriteByte('\f')
		case 'u':
			if i+5 > len(s) {
				return "", fmt.Errorf("malformed \\uXXXX escape %q", s[i-1:])
			}
			v, err := strconv.ParseUint(s[i+1:i+5], 16, 16)
			if err != nil {
				return "", fmt.Errorf("malformed \\uXXXX escape %q", s[i-1:i+5])
			}
			b.WriteRune(rune(v))
			i += 4
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), nil
}

func (p *Properties) set(key, value string, line int) {
	if _, seen := p.entries[key]; !seen {
		p.order = append(p.order, key)
	}
	p.entries[key] = propEntry{value: value, line: line}
}

// Get returns the value of key and whether it is defined.
func (p *Properties) Get(key string) (string, bool) {
	e, ok := p.entries[key]
	return e.value, ok
}

// Line returns the line where key's last definition starts, or 0.
func (p *Properties) Line(key string) int { return p.entries[key].line }

// Keys lists the keys in the order they first appear.
func (p *Properties) Keys() []string { return append([]string(nil), p.order...) }
