package multihost

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httputil"
	"os"
	"path/filepath"
	"time"
)

// Web is the stand-in for nginx on the web guest: it serves the emitted
// nginx.conf's TLS server (its port, its certificate files under the
// guest's tree) inside the guest's namespace and proxies the
// proxy_pass locations (BOSH, XMPP websocket, colibri websockets) to their
// upstream addresses, dialled from the same namespace. Static files and
// redirects are not served.
type Web struct {
	Site Site
	srv  *http.Server
	done chan error
}

// StartWeb reads g's /etc/nginx/nginx.conf and serves it. The
// certificate files it names must exist in g's tree.
func (l *Lab) StartWeb(g *Guest) (*Web, error) {
	data, err := os.ReadFile(filepath.Join(g.Root, "etc/nginx/nginx.conf"))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrSetup, err)
	}
	site, err := ParseNginx(data)
	if err != nil {
		return nil, err
	}
	pair, err := tls.LoadX509KeyPair(filepath.Join(g.Root, site.Cert), filepath.Join(g.Root, site.Key))
	if err != nil {
		return nil, fmt.Errorf("%w: nginx certificate: %v", ErrSetup, err)
	}
	ln, err := ListenIn(g.NS, "tcp", ":"+site.Listen)
	if err != nil {
		return nil, err
	}
	w := &Web{Site: site, done: make(chan error, 1)}
	w.srv = &http.Server{Handler: w.proxy(g.NS), ReadHeaderTimeout: 10 * time.Second,
		TLSConfig: &tls.Config{Certificates: []tls.Certificate{pair}, MinVersion: tls.VersionTLS12}}
	go func() { w.done <- w.srv.ServeTLS(ln, "", "") }()
	l.webs = append(l.webs, w)
	return w, nil
}

func (w *Web) proxy(ns string) http.Handler {
	transport := &http.Transport{DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
		return DialIn(ctx, ns, network, addr)
	}}
	rp := &httputil.ReverseProxy{Transport: transport, Rewrite: func(pr *httputil.ProxyRequest) {
		for _, loc := range w.Site.Locations {
			if u, ok := loc.Target(pr.In.URL.Path, pr.In.URL.RawQuery); ok {
				pr.Out.URL = u
				pr.Out.Host = pr.In.Host // proxy_set_header Host $http_host
				pr.SetXForwarded()
				return
			}
		}
	}}
	return http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		for _, loc := range w.Site.Locations {
			if _, ok := loc.Target(r.URL.Path, r.URL.RawQuery); ok {
				rp.ServeHTTP(rw, r)
				return
			}
		}
		http.NotFound(rw, r)
	})
}

// Close stops the server.
func (w *Web) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	err := w.srv.Shutdown(ctx)
	if serr := <-w.done; !errors.Is(serr, http.ErrServerClosed) {
		err = errors.Join(err, serr)
	}
	return err
}
