package deploy

import (
	"fmt"
	"strings"
)

// parseProperties reads Java .properties text (comments # and !, key and
// value separated by '=', ':' or whitespace, backslash continuation).
func parseProperties(data []byte) (map[string]string, error) {
	m := map[string]string{}
	lines := strings.Split(string(data), "\n")
	for i := 0; i < len(lines); i++ {
		line := strings.TrimLeft(lines[i], " \t\f")
		if line == "" || line[0] == '#' || line[0] == '!' {
			continue
		}
		start := i + 1
		for strings.HasSuffix(line, `\`) && !strings.HasSuffix(line, `\\`) {
			if i+1 >= len(lines) {
				return nil, fmt.Errorf("line %d: continuation at end of file", start)
			}
			i++
			line = line[:len(line)-1] + strings.TrimLeft(lines[i], " \t\f")
		}
		k, v := splitProperty(line)
		if k == "" {
			return nil, fmt.Errorf("line %d: empty key", start)
		}
		if _, dup := m[k]; dup {
			return nil, fmt.Errorf("line %d: %s set twice", start, k)
		}
		m[k] = v
	}
	return m, nil
}

func splitProperty(line string) (string, string) {
	i := strings.IndexAny(line, "=: \t")
	if i < 0 {
		return line, ""
	}
	k, rest := line[:i], strings.TrimLeft(line[i:], " \t")
	if rest != "" && (rest[0] == '=' || rest[0] == ':') {
		rest = strings.TrimLeft(rest[1:], " \t")
	}
	return k, rest
}
