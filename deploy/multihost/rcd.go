package multihost

import (
	"fmt"
	"strings"
)

// Service is the command rc.d would run for one daemon of a guest: the
// script's daemon, the environment its rc_start puts before ${daemon},
// and daemon_flags, which rc.conf.local's <name>_flags replaces. A script
// without rc_start runs "${daemon} ${daemon_flags}" with no environment.
type Service struct {
	Name string   // rc.d name, as in pkg_scripts
	Path string   // daemon=
	Args []string // the flags, split into words as rc.subr does
	Env  []string // VAR=value
}

// ParseService reads the rc.d script of name and the guest's
// rc.conf.local.
func ParseService(name string, script, rcConf []byte) (Service, error) {
	s := Service{Name: name}
	var flags string
	for i, line := range strings.Split(string(script), "\n") {
		line = strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "daemon="):
			s.Path = unquote(strings.TrimPrefix(line, "daemon="))
		case strings.HasPrefix(line, "daemon_flags="):
			flags = unquote(strings.TrimPrefix(line, "daemon_flags="))
		case strings.HasPrefix(line, "rc_exec "):
			env, err := execEnv(unquote(strings.TrimPrefix(line, "rc_exec ")))
			if err != nil {
				return s, fmt.Errorf("%w: rc.d/%s:%d: %v", ErrParse, name, i+1, err)
			}
			s.Env = env
		}
	}
	if s.Path == "" || !strings.HasPrefix(s.Path, "/") {
		return s, fmt.Errorf("%w: rc.d/%s: no absolute daemon= path", ErrParse, name)
	}
	conf, err := ParseRCConf(rcConf)
	if err != nil {
		return s, err
	}
	if v, ok := conf[name+"_flags"]; ok {
		flags = v
	}
	s.Args = strings.Fields(flags)
	return s, nil
}

// execEnv returns the VAR=value words before ${daemon} in an rc_exec
// command, which must end in "${daemon} ${daemon_flags}".
func execEnv(cmd string) ([]string, error) {
	words := strings.Fields(cmd)
	n := len(words)
	if n < 2 || words[n-2] != "${daemon}" || words[n-1] != "${daemon_flags}" {
		return nil, fmt.Errorf("rc_exec %q does not end in ${daemon} ${daemon_flags}", cmd)
	}
	for _, w := range words[:n-2] {
		if k, _, ok := strings.Cut(w, "="); !ok || k == "" || strings.ContainsAny(w, "$`'\"") {
			return nil, fmt.Errorf("rc_exec word %q is not a plain VAR=value", w)
		}
	}
	return words[:n-2], nil
}

// ParseRCConf reads rc.conf.local's key=value lines (values unquoted).
func ParseRCConf(data []byte) (map[string]string, error) {
	m := map[string]string{}
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		if !ok || k == "" {
			return nil, fmt.Errorf("%w: rc.conf.local:%d: %q is not key=value", ErrParse, i+1, line)
		}
		m[k] = unquote(v)
	}
	return m, nil
}

// PkgScripts lists the rc.d names rc.conf.local starts, in order.
func PkgScripts(rcConf []byte) ([]string, error) {
	m, err := ParseRCConf(rcConf)
	if err != nil {
		return nil, err
	}
	return strings.Fields(m["pkg_scripts"]), nil
}

func unquote(v string) string {
	if len(v) >= 2 && (v[0] == '"' || v[0] == '\'') && v[len(v)-1] == v[0] {
		return v[1 : len(v)-1]
	}
	return v
}
