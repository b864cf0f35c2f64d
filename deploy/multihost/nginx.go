package multihost

import (
	"fmt"
	"net/url"
	"regexp"
	"strings"
)

// Site is what the web stand-in takes from the emitted nginx.conf: the
// TLS server's certificate files and its proxy_pass locations.
type Site struct {
	Listen     string // the port of "listen PORT ssl"
	ServerName string
	Cert, Key  string // ssl_certificate, ssl_certificate_key (paths on the guest)
	Locations  []Location
}

// Location is one proxied nginx location: exact ("= /path") or regular
// expression ("~ ^/colibri-ws/jvb/(.*)").
type Location struct {
	Exact     string
	Regex     *regexp.Regexp
	ProxyPass string
}

// Target returns the upstream URL for a request path and raw query, with
// nginx's $1…$9, $is_args and $args substituted, or ok false.
func (l Location) Target(path, rawQuery string) (u *url.URL, ok bool) {
	var groups []string
	switch {
	case l.Exact != "":
		if path != l.Exact {
			return nil, false
		}
	case l.Regex != nil:
		if groups = l.Regex.FindStringSubmatch(path); groups == nil {
			return nil, false
		}
	}
	s := l.ProxyPass
	for i := len(groups) - 1; i >= 1; i-- {
		s = strings.ReplaceAll(s, fmt.Sprintf("$%d", i), groups[i])
	}
	isArgs := ""
	if rawQuery != "" {
		isArgs = "?"
	}
	s = strings.ReplaceAll(strings.ReplaceAll(s, "$is_args", isArgs), "$args", rawQuery)
	u, err := url.Parse(s)
	if err != nil {
		return nil, false
	}
	if l.Exact != "" && rawQuery != "" {
		u.RawQuery = rawQuery // nginx passes the query on with a URI in proxy_pass
	}
	return u, true
}

// ParseNginx reads the emitted nginx.conf's "listen 443 ssl" server: its
// certificate files and every location with a proxy_pass. It reads the
// one-directive-per-line form jitsi-deploy writes, not nginx.conf in
// general.
func ParseNginx(data []byte) (Site, error) {
	var s, cur Site
	var loc *Location
	for i, raw := range strings.Split(string(data), "\n") {
		f := strings.Fields(strings.TrimSuffix(strings.TrimSpace(raw), ";"))
		if len(f) == 0 || strings.HasPrefix(f[0], "#") {
			continue
		}
		switch {
		case f[0] == "server" && len(f) == 2 && f[1] == "{":
			cur = Site{}
		case f[0] == "listen" && len(f) == 3 && f[2] == "ssl":
			cur.Listen = f[1]
		case f[0] == "server_name" && len(f) == 2:
			cur.ServerName = f[1]
		case f[0] == "ssl_certificate" && len(f) == 2:
			cur.Cert = f[1]
		case f[0] == "ssl_certificate_key" && len(f) == 2:
			cur.Key = f[1]
		case f[0] == "location" && len(f) == 4 && f[3] == "{":
			l, err := newLocation(f[1], f[2])
			if err != nil {
				return s, fmt.Errorf("%w: nginx.conf:%d: %v", ErrParse, i+1, err)
			}
			loc = &l
		case f[0] == "proxy_pass" && len(f) == 2 && loc != nil:
			loc.ProxyPass = f[1]
		case f[0] == "}" && loc != nil:
			if loc.ProxyPass != "" {
				cur.Locations = append(cur.Locations, *loc)
			}
			loc = nil
		case f[0] == "}" && cur.Listen != "":
			s, cur = cur, Site{}
		}
	}
	if s.Listen == "" || s.Cert == "" || s.Key == "" || len(s.Locations) == 0 {
		return s, fmt.Errorf("%w: nginx.conf has no TLS server with certificate and proxy_pass locations", ErrParse)
	}
	return s, nil
}

func newLocation(op, arg string) (Location, error) {
	switch op {
	case "=":
		return Location{Exact: arg}, nil
	case "~":
		re, err := regexp.Compile(arg)
		return Location{Regex: re}, err
	}
	return Location{}, fmt.Errorf("location %s %s: only = and ~ are read", op, arg)
}
