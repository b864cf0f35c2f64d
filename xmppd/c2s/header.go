package c2s

import (
	"encoding/xml"

	"github.com/jitsi-go/jitsi-go/xmpp"
	"mellium.im/xmpp/stream"
)

// checkHeader validates an RFC 6120 stream header with default namespace ns.
func checkHeader(hdr xml.StartElement, ns string) error {
	if hdr.Name.Space != xmpp.NSStream || hdr.Name.Local != "stream" {
		return stream.InvalidNamespace
	}
	for _, a := range hdr.Attr {
		if a.Name.Space == "" && a.Name.Local == "xmlns" && a.Value != ns {
			return stream.InvalidNamespace
		}
	}
	if v := attr(hdr.Attr, "version"); v != "" && v[0] != '1' {
		return stream.UnsupportedVersion
	}
	return nil
}

func attr(attrs []xml.Attr, name string) string {
	for _, a := range attrs {
		if a.Name.Space == "" && a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}
