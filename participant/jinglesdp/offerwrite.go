package jinglesdp

import (
	"strconv"
	"strings"

	"github.com/jitsi-go/jitsi-go/jingle"
)

func itoa(i int) string { return strconv.Itoa(i) }

// SDP writes the offer as an SDP a PeerConnection can take as its remote
// description.
func (o *Offer) SDP() string {
	var b strings.Builder
	b.WriteString("v=0\r\n")
	b.WriteString("o=- " + strconv.FormatUint(o.SessionID, 10) + " " + strconv.FormatUint(o.Version, 10) + " IN IP4 0.0.0.0\r\n")
	b.WriteString("s=-\r\nt=0 0\r\n")
	if o.Bundle {
		b.WriteString("a=group:BUNDLE " + strings.Join(o.Mids(), " ") + "\r\n")
	}
	b.WriteString("a=msid-semantic: WMS *\r\n")
	if o.allowMixed() {
		// Chrome writes it at session level too, and pion reads it only there.
		b.WriteString("a=extmap-allow-mixed\r\n")
	}
	for i := range o.sections {
		o.writeSection(&b, i)
	}
	return b.String()
}

func (o *Offer) allowMixed() bool {
	for _, tm := range o.templates {
		if tm.desc != nil && tm.desc.ExtmapAllowMixed != nil {
			return true
		}
	}
	return false
}

func (o *Offer) writeSection(b *strings.Builder, i int) {
	s := o.sections[i]
	tm := o.templates[s.tmpl]
	port := "9"
	if s.rejected {
		port = "0"
	}
	if tm.media == jingle.MediaApplication {
		b.WriteString("m=application " + port + " UDP/DTLS/SCTP webrtc-datachannel\r\nc=IN IP4 0.0.0.0\r\n")
	} else {
		b.WriteString("m=" + tm.media + " " + port + " UDP/TLS/RTP/SAVPF" + formats(tm.desc) + "\r\n")
		b.WriteString("c=IN IP4 0.0.0.0\r\na=rtcp:1 IN IP4 0.0.0.0\r\n")
	}
	writeTransport(b, &o.Transport)
	b.WriteString("a=" + s.dir + "\r\na=mid:" + itoa(i) + "\r\n")
	if tm.media == jingle.MediaApplication {
		b.WriteString("a=sctp-port:" + strconv.Itoa(int(tm.sctp.Number)) + "\r\na=max-message-size:262144\r\n")
		return
	}
	writeDescription(b, tm.desc)
	writeSources(b, s)
}

func formats(d *jingle.Description) string {
	if d == nil || len(d.PayloadTypes) == 0 {
		return " 0"
	}
	var b strings.Builder
	for _, pt := range d.PayloadTypes {
		b.WriteString(" " + strconv.Itoa(int(pt.ID)))
	}
	return b.String()
}

func writeTransport(b *strings.Builder, t *jingle.ICEUDPTransport) {
	if t.Ufrag != "" {
		b.WriteString("a=ice-ufrag:" + t.Ufrag + "\r\n")
	}
	if t.Pwd != "" {
		b.WriteString("a=ice-pwd:" + t.Pwd + "\r\n")
	}
	for _, fp := range t.Fingerprints {
		b.WriteString("a=fingerprint:" + fp.Hash + " " + strings.TrimSpace(fp.Value) + "\r\n")
		if fp.Setup != "" {
			b.WriteString("a=setup:" + fp.Setup + "\r\n")
		}
	}
	for _, c := range t.Candidates {
		b.WriteString("a=" + CandidateToSDP(c) + "\r\n")
	}
}

func writeDescription(b *strings.Builder, d *jingle.Description) {
	if d == nil {
		return
	}
	if d.RTCPMux != nil {
		b.WriteString("a=rtcp-mux\r\n")
	}
	for _, pt := range d.PayloadTypes {
		id := strconv.Itoa(int(pt.ID))
		b.WriteString("a=rtpmap:" + id + " " + pt.Name + "/" + strconv.FormatUint(uint64(pt.Clockrate), 10))
		if pt.Channels > 1 {
			b.WriteString("/" + strconv.Itoa(int(pt.Channels)))
		}
		b.WriteString("\r\n")
		if len(pt.Parameters) > 0 {
			b.WriteString("a=fmtp:" + id + " " + fmtpLine(pt.Parameters) + "\r\n")
		}
		writeFeedback(b, id, pt.RTCPFB)
	}
	writeFeedback(b, "*", d.RTCPFB)
	for _, h := range d.HdrExts {
		b.WriteString("a=extmap:" + strconv.Itoa(int(h.ID)) + " " + h.URI + "\r\n")
	}
	if d.ExtmapAllowMixed != nil {
		b.WriteString("a=extmap-allow-mixed\r\n")
	}
}

func fmtpLine(params []jingle.Parameter) string {
	parts := make([]string, len(params))
	for i, p := range params {
		if p.Name == "" {
			parts[i] = p.Value
		} else {
			parts[i] = p.Name + "=" + p.Value
		}
	}
	return strings.Join(parts, ";")
}

func writeFeedback(b *strings.Builder, pt string, fbs []jingle.RTCPFeedback) {
	for _, fb := range fbs {
		b.WriteString("a=rtcp-fb:" + pt + " " + fb.Type)
		if fb.Subtype != "" {
			b.WriteString(" " + fb.Subtype)
		}
		b.WriteString("\r\n")
	}
}

// writeSources writes the groups, then the SSRC attributes: every source
// parameter (jicofo sends only msid), or a cname naming the owner when a
// source has none, so that the SSRC is still declared.
func writeSources(b *strings.Builder, s section) {
	for _, g := range s.groups {
		b.WriteString("a=ssrc-group:" + g.Semantics)
		for _, r := range g.Sources {
			b.WriteString(" " + strconv.FormatUint(uint64(r.SSRC), 10))
		}
		b.WriteString("\r\n")
	}
	for _, src := range s.sources {
		ssrc := "a=ssrc:" + strconv.FormatUint(uint64(src.SSRC), 10) + " "
		if len(src.Parameters) == 0 {
			b.WriteString(ssrc + "cname:" + sanitize(s.owner) + "\r\n")
		}
		for _, p := range src.Parameters {
			b.WriteString(ssrc + p.Name)
			if v := sanitize(p.Value); v != "" {
				b.WriteString(":" + v)
			}
			b.WriteString("\r\n")
		}
	}
}

// sanitize drops characters that would break an SDP line (lib-jitsi-meet's
// filterSpecialChars keeps letters, digits, space and -_{}).
func sanitize(v string) string {
	return strings.Map(func(r rune) rune {
		if r == '\r' || r == '\n' || r < 0x20 {
			return -1
		}
		return r
	}, v)
}
