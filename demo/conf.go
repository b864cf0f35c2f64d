package demo

import (
	"bytes"
	"embed"
	"fmt"
	"text/template"

	"github.com/jitsi-go/jitsi-go/config"
)

// confFiles are the embedded default jicofo.conf and jvb.conf, templates
// of the values only known at start.
//
//go:embed conf/jicofo.conf conf/jvb.conf
var confFiles embed.FS

// confValues fill the placeholders of the embedded configuration.
type confValues struct {
	Domain                     string
	C2SPort, UDPPort, WSPort   int
	FocusPassword, JVBPassword string
}

// render fills the embedded file name with v.
func render(name string, v confValues) ([]byte, error) {
	t, err := template.ParseFS(confFiles, "conf/"+name)
	if err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrConfig, name, err)
	}
	t.Option("missingkey=error")
	var b bytes.Buffer
	if err := t.Execute(&b, v); err != nil {
		return nil, fmt.Errorf("%w: %s: %w", ErrConfig, name, err)
	}
	return b.Bytes(), nil
}

// jicofoConfig renders and parses the focus's jicofo.conf.
func jicofoConfig(v confValues) (*config.Jicofo, error) {
	text, err := render("jicofo.conf", v)
	if err != nil {
		return nil, err
	}
	return config.ParseJicofo("jicofo.conf", text, v.Domain)
}

// jvbConfig renders and parses the bridge's jvb.conf.
func jvbConfig(v confValues) (*config.JVB, error) {
	text, err := render("jvb.conf", v)
	if err != nil {
		return nil, err
	}
	return config.ParseJVB("jvb.conf", text, nil)
}
