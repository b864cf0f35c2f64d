package participant

import (
	"crypto/sha1" //nolint:gosec // XEP-0115 caps hashes are SHA-1
	"encoding/base64"
	"encoding/json"
	"sort"
	"strings"

	"github.com/jitsi-go/jitsi-go/xmpp"
)

// Namespaces of the MUC presence and disco the stock client uses.
const (
	nsCaps   = "http://jabber.org/protocol/caps"
	nsNick   = "http://jabber.org/protocol/nick"
	capsNode = "https://jitsi.org/jitsi-meet"
)

// Features is the disco#info feature set of the stock web client
// (jitsi-protocol.md section 2), without ssrc-rewriting-1 and rtp-mid-demux,
// which this participant does not implement.
var Features = []string{
	"urn:xmpp:jingle:1",
	"urn:xmpp:jingle:apps:rtp:1",
	"urn:xmpp:jingle:transports:ice-udp:1",
	"urn:xmpp:jingle:apps:dtls:0",
	"urn:xmpp:jingle:transports:dtls-sctp:1",
	"urn:xmpp:jingle:apps:rtp:audio",
	"urn:xmpp:jingle:apps:rtp:video",
	"http://jitsi.org/json-encoded-sources",
	"urn:ietf:rfc:4588",
	"http://jitsi.org/remb",
	"http://jitsi.org/tcc",
	"http://jitsi.org/source-name",
	"http://jitsi.org/receive-multiple-video-streams",
}

// identity is the disco identity the caps hash covers.
const identityCategory, identityType, identityName = "client", "web", "jitsi-meet"

// CapsVer is the XEP-0115 verification string of features.
func CapsVer(features []string) string {
	f := append([]string(nil), features...)
	sort.Strings(f)
	s := identityCategory + "/" + identityType + "//" + identityName + "<" + strings.Join(f, "<") + "<"
	sum := sha1.Sum([]byte(s)) //nolint:gosec // mandated by XEP-0115
	return base64.StdEncoding.EncodeToString(sum[:])
}

// joinPresence is the MUC join presence lib-jitsi-meet sends: muc x,
// stats-id, caps, nick, SourceInfo (muted state per source name), the
// codec list, and the legacy audiomuted/videomuted elements.
func joinPresence(to string, cfg JoinConfig) *xmpp.Element {
	p := xmpp.NewElement(xmpp.NSClient, "presence", "to", to)
	p.Add(xmpp.NewElement(xmpp.NSMUC, "x"))
	p.Add(text("stats-id", cfg.StatsID))
	p.Add(xmpp.NewElement(nsCaps, "c", "hash", "sha-1", "node", capsNode, "ver", CapsVer(Features)))
	p.Add(xmpp.NewElement(nsNick, "nick").AddText(cfg.DisplayName))
	p.Add(text("SourceInfo", sourceInfo(cfg.Nick, cfg.Media)))
	p.Add(text("jitsi_participant_codecList", "vp8"))
	p.Add(text("audiomuted", boolText(!cfg.Media.Audio)))
	p.Add(text("videomuted", boolText(!cfg.Media.Video)))
	if len(cfg.PresenceFeatures) > 0 {
		fs := xmpp.NewElement(xmpp.NSClient, "features")
		for _, f := range cfg.PresenceFeatures {
			fs.Add(xmpp.NewElement(xmpp.NSClient, "feature", "var", f))
		}
		p.Add(fs)
	}
	return p
}

func text(local, value string) *xmpp.Element {
	return xmpp.NewElement(xmpp.NSClient, local).AddText(value)
}

func boolText(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// sourceInfo is the SourceInfo JSON: muted state (and video type) per
// source name.
func sourceInfo(nick string, m Config) string {
	type info struct {
		Muted     bool   `json:"muted"`
		VideoType string `json:"videoType,omitempty"`
	}
	b, _ := json.Marshal(map[string]info{ // a map of plain structs always encodes
		nick + "-a0": {Muted: !m.Audio},
		nick + "-v0": {Muted: !m.Video, VideoType: "camera"},
	})
	return string(b)
}

// discoInfo answers disco#info (with or without the caps node) with the
// identity and Features.
func discoInfo(iq *xmpp.Element) *xmpp.Element {
	q := xmpp.NewElement(xmpp.NSDiscoInfo, "query")
	if req := iq.Child(xmpp.NSDiscoInfo, "query"); req != nil && req.Get("node") != "" {
		q.SetAttr("node", req.Get("node"))
	}
	q.Add(xmpp.NewElement(xmpp.NSDiscoInfo, "identity", "category", identityCategory, "type", identityType, "name", identityName))
	for _, f := range Features {
		q.Add(xmpp.NewElement(xmpp.NSDiscoInfo, "feature", "var", f))
	}
	return xmpp.Result(iq, q)
}
