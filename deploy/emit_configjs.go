package deploy

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// configJS is jitsi-meet's config object, in the guide's key order
// (section IX.B). It is written by encoding/json, so it is always valid
// (pitfall: "always check the ',' in config.js").
type configJS struct {
	Hosts             jsHosts       `json:"hosts"`
	Bosh              string        `json:"bosh"`
	Websocket         string        `json:"websocket,omitempty"`
	UseTurnUDP        bool          `json:"useTurnUdp"`
	EnableWelcomePage bool          `json:"enableWelcomePage"`
	PrejoinConfig     jsPrejoin     `json:"prejoinConfig"`
	P2P               *jsP2P        `json:"p2p,omitempty"`
	BridgeChannel     jsBridgeChann `json:"bridgeChannel"`
}

type jsHosts struct {
	Domain string `json:"domain"`
	MUC    string `json:"muc"`
}

type jsPrejoin struct {
	Enabled              bool     `json:"enabled"`
	HideExtraJoinButtons []string `json:"hideExtraJoinButtons"`
}

type jsP2P struct {
	STUNServers []jsURL `json:"stunServers"`
}

type jsURL struct {
	URLs string `json:"urls"`
}

type jsBridgeChann struct {
	PreferSCTP bool `json:"preferSctp"`
}

const (
	configJSPrefix = "var config = "
	configJSSuffix = ";\n"
)

func newConfigJS(p *Plan) configJS {
	c := configJS{
		Hosts:             jsHosts{Domain: p.Names.Domain, MUC: p.Names.Conference},
		Bosh:              "//" + p.D.Domain + "/http-bind",
		EnableWelcomePage: true,
		PrejoinConfig:     jsPrejoin{Enabled: true, HideExtraJoinButtons: []string{"no-audio", "by-phone"}},
		BridgeChannel:     jsBridgeChann{PreferSCTP: p.D.SCTP},
	}
	if p.D.XMPPServer == ServerXMPPD {
		c.Websocket = "wss://" + p.D.Domain + "/xmpp-websocket"
	}
	if len(p.D.STUNServers) > 0 {
		c.P2P = &jsP2P{}
		for _, s := range p.D.STUNServers {
			c.P2P.STUNServers = append(c.P2P.STUNServers, jsURL{URLs: s})
		}
	}
	return c
}

func emitConfigJS(p *Plan) ([]byte, error) {
	body, err := json.MarshalIndent(newConfigJS(p), "", "  ")
	if err != nil {
		return nil, fileErr(ErrEmit, p.Web.Name+"/var/www/jitsi-meet/config.js", err)
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "// /var/www/jitsi-meet/config.js for %s, written by jitsi-deploy (a JSON encoder: no stray commas).\n", p.D.Domain)
	b.WriteString(configJSPrefix)
	b.Write(body)
	b.WriteString(configJSSuffix)
	if _, err := parseConfigJS(b.Bytes()); err != nil {
		return nil, fileErr(ErrEmit, p.Web.Name+"/var/www/jitsi-meet/config.js", err)
	}
	return b.Bytes(), nil
}

// parseConfigJS reads back a config.js written by emitConfigJS.
func parseConfigJS(data []byte) (configJS, error) {
	var c configJS
	_, rest, ok := bytes.Cut(data, []byte(configJSPrefix))
	if !ok || !bytes.HasSuffix(rest, []byte(configJSSuffix)) {
		return c, fmt.Errorf("not of the form %q{...}%q", configJSPrefix, configJSSuffix)
	}
	dec := json.NewDecoder(bytes.NewReader(bytes.TrimSuffix(rest, []byte(configJSSuffix))))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&c); err != nil {
		return c, fmt.Errorf("config object: %w", err)
	}
	return c, nil
}
