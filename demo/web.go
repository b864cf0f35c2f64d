package demo

import (
	"embed"
	"encoding/json"
	"io/fs"
	"net/http"
	"net/http/httputil"
	"net/url"
	"path/filepath"
)

// webFiles is the demo's web app: plain HTML, CSS and JS.
//
//go:embed web
var webFiles embed.FS

// pageConfig is /config.json: what the page needs to reach the deployment.
// The XMPP transports are proxied on the page's own origin.
type pageConfig struct {
	Domain string `json:"domain"`
	MUC    string `json:"muc"`
	Focus  string `json:"focus"`
}

// webHandler serves the web app, the vendor bundles, /config.json and,
// proxied to xmppd's HTTP listener at xmppdHTTP, /xmpp-websocket and
// /http-bind.
func webHandler(domain, vendorDir, xmppdHTTP string) (http.Handler, error) {
	app, err := fs.Sub(webFiles, "web")
	if err != nil {
		return nil, err
	}
	mux := http.NewServeMux()
	mux.Handle("/", http.FileServerFS(app))
	for _, f := range VendorFiles {
		path := filepath.Join(vendorDir, f)
		mux.HandleFunc("GET /vendor/"+f, func(w http.ResponseWriter, r *http.Request) { http.ServeFile(w, r, path) })
	}
	cfg, err := json.Marshal(pageConfig{Domain: domain, MUC: "conference." + domain, Focus: "focus." + domain})
	if err != nil {
		return nil, err
	}
	mux.HandleFunc("GET /config.json", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Cache-Control", "no-store")
		_, _ = w.Write(cfg)
	})
	proxy := httputil.NewSingleHostReverseProxy(&url.URL{Scheme: "http", Host: xmppdHTTP})
	mux.Handle("/xmpp-websocket", proxy)
	mux.Handle("/http-bind", proxy)
	return mux, nil
}
