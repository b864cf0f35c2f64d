package deploy

import (
	"fmt"
	"strings"
)

// emitNginx writes /etc/nginx/nginx.conf for the web guest: the guide's
// server block (section IX.A) with TLS, the BOSH proxy, the XMPP websocket
// proxy (xmppd) and one colibri websocket proxy per bridge. Upstreams are
// addresses, not names: nginx resolves names once at start.
func emitNginx(p *Plan) ([]byte, error) {
	d, root := p.D.Domain, "/var/www/jitsi-meet"
	cert, key := "/etc/ssl/"+d+".fullchain.pem", "/etc/ssl/private/"+d+".key"
	if p.D.TLS.Web == "files" {
		cert, key = p.D.TLS.Certificate, p.D.TLS.Key
	}
	xmpp := fmt.Sprintf("http://%s:%d", p.Addr[p.XMPP.Name], httpPort)
	var b strings.Builder
	w := func(s string) { b.WriteString(s + "\n") }
	w("# /etc/nginx/nginx.conf on " + p.Web.Name + " for " + d + ", written by jitsi-deploy.")
	w("worker_processes 1;")
	w("events { worker_connections 1024; }")
	w("http {")
	w("  include mime.types;")
	w("  default_type application/octet-stream;")
	w("  server {")
	w("    listen 80;")
	w("    server_name " + d + ";")
	w("    location /.well-known/acme-challenge/ { rewrite ^/.well-known/acme-challenge/(.*) /$1 break; root /var/www/acme; }")
	w("    location / { return 301 https://$host$request_uri; }")
	w("  }")
	w("  server {")
	w("    listen 443 ssl;")
	w("    server_name " + d + ";")
	w("    ssl_certificate " + cert + ";")
	w("    ssl_certificate_key " + key + ";")
	w("    root " + root + ";")
	w("    index index.html;")
	w("    ssi on;")
	w("    ssi_types application/x-javascript application/javascript;")
	w("    location ~ ^/(libs|css|static|images|fonts|lang|sounds|connection_optimization)/(.*)$ {")
	w("      add_header 'Access-Control-Allow-Origin' '*';")
	w("      alias " + root + "/$1/$2;")
	w("    }")
	w("    location /external_api.js { alias " + root + "/libs/external_api.min.js; }")
	w("    location = /http-bind {")
	w("      proxy_pass " + xmpp + "/http-bind;")
	w("      proxy_set_header X-Forwarded-For $remote_addr;")
	w("      proxy_set_header Host $http_host;")
	w("    }")
	if p.D.XMPPServer == ServerXMPPD {
		wsProxy(w, "= /xmpp-websocket", xmpp+"/xmpp-websocket")
	}
	if p.D.ColibriWebsockets {
		for _, br := range p.Bridges {
			up := fmt.Sprintf("http://%s:%d/colibri-ws/%s/$1$is_args$args", p.Addr[br.Name], colibriWSPort, br.Name)
			wsProxy(w, "~ ^/colibri-ws/"+br.Name+"/(.*)", up)
		}
	}
	w("    location ~ ^/([a-zA-Z0-9=\\?]+)$ { rewrite ^/(.*)$ / break; }")
	w("  }")
	w("}")
	out := []byte(b.String())
	if err := checkNginx(out); err != nil {
		return nil, fileErr(ErrEmit, p.Web.Name+"/etc/nginx/nginx.conf", err)
	}
	return out, nil
}

func wsProxy(w func(string), match, upstream string) {
	w("    location " + match + " {")
	w("      proxy_pass " + upstream + ";")
	w("      proxy_http_version 1.1;")
	w("      proxy_set_header Upgrade $http_upgrade;")
	w("      proxy_set_header Connection \"upgrade\";")
	w("      proxy_set_header Host $http_host;")
	w("      proxy_read_timeout 900s;")
	w("    }")
}

// checkNginx checks nginx's statement syntax: quotes close, braces
// balance, and every directive ends with ';' or opens a block.
func checkNginx(data []byte) error {
	depth := 0
	for i, line := range strings.Split(string(data), "\n") {
		toks, err := nginxTokens(line)
		if err != nil {
			return fmt.Errorf("line %d: %w", i+1, err)
		}
		pending := false
		for _, t := range toks {
			switch t {
			case "{":
				depth++
				pending = false
			case "}":
				if pending {
					return fmt.Errorf("line %d: directive not ended with ';' before '}'", i+1)
				}
				depth--
			case ";":
				pending = false
			default:
				pending = true
			}
			if depth < 0 {
				return fmt.Errorf("line %d: unbalanced }", i+1)
			}
		}
		if pending {
			return fmt.Errorf("line %d: directive not ended with ';'", i+1)
		}
	}
	if depth != 0 {
		return fmt.Errorf("%d block(s) not closed", depth)
	}
	return nil
}

// nginxTokens splits a line into words, quoted strings, { } and ;.
func nginxTokens(line string) ([]string, error) {
	var toks []string
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case c == '#':
			return toks, nil
		case c == ' ' || c == '\t':
		case c == '{' || c == '}' || c == ';':
			toks = append(toks, string(c))
		case c == '"' || c == '\'':
			j := strings.IndexByte(line[i+1:], c)
			if j < 0 {
				return nil, fmt.Errorf("unterminated string")
			}
			toks = append(toks, line[i:i+j+2])
			i += j + 1
		default:
			j := i
			for j < len(line) && !strings.ContainsRune(" \t{};\"'", rune(line[j])) {
				j++
			}
			toks = append(toks, line[i:j])
			i = j - 1
		}
	}
	return toks, nil
}
