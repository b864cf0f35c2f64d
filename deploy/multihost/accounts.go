package multihost

import (
	"fmt"
	"strings"
)

// ParseAccounts reads the emitted accounts.sh: one simple command per
// line (comments, the #! line and "set -e" aside). A line with anything a
// plain word split would get wrong (quotes, variables, pipes) is refused.
func ParseAccounts(data []byte) ([][]string, error) {
	var cmds [][]string
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") || line == "set -e" {
			continue
		}
		if strings.ContainsAny(line, "\"'$`;|&<>()\\") {
			return nil, fmt.Errorf("%w: accounts.sh:%d: %q is not a simple command", ErrParse, i+1, line)
		}
		cmds = append(cmds, strings.Fields(line))
	}
	if len(cmds) == 0 {
		return nil, fmt.Errorf("%w: accounts.sh has no command", ErrParse)
	}
	return cmds, nil
}
