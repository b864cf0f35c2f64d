package sfu

import (
	"fmt"
	"strings"
	"testing"

	"github.com/pion/sdp/v3"
	"github.com/pion/webrtc/v3"
)

// offer builds the client's remote description from the endpoint's answer
// values and the other clients' sources, as the focus does in Jingle.
func (c *testClient) offer(others []*testClient, cands []Candidate) string {
	l := c.ep.Local()
	if cands == nil {
		cands = l.Candidates
	}
	var b strings.Builder
	mids := []string{"0", "1"}
	for i := range others {
		mids = append(mids, fmt.Sprint(2+2*i), fmt.Sprint(3+2*i))
	}
	for i := range c.layers {
		mids = append(mids, fmt.Sprintf("l%d", i))
	}
	fmt.Fprintf(&b, "v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\na=group:BUNDLE %s\r\na=msid-semantic: WMS *\r\n", strings.Join(mids, " "))
	media := func(kind, mid, dir string, ssrc uint32, owner string) {
		pt, codec := ptOpus, "opus/48000/2"
		if kind == "video" {
			pt, codec = ptVP8, "VP8/90000"
		}
		fmt.Fprintf(&b, "m=%s 9 UDP/TLS/RTP/SAVPF %d\r\nc=IN IP4 0.0.0.0\r\na=mid:%s\r\na=%s\r\n", kind, pt, mid, dir)
		fmt.Fprintf(&b, "a=ice-ufrag:%s\r\na=ice-pwd:%s\r\na=fingerprint:%s %s\r\na=setup:actpass\r\na=rtcp-mux\r\n",
			l.Ufrag, l.Pwd, l.Fingerprint.Hash, l.Fingerprint.Value)
		fmt.Fprintf(&b, "a=rtpmap:%d %s\r\n", pt, codec)
		if kind == "video" {
			fmt.Fprintf(&b, "a=rtcp-fb:%d nack\r\na=rtcp-fb:%d nack pli\r\na=rtcp-fb:%d ccm fir\r\n", pt, pt, pt)
			fmt.Fprintf(&b, "a=extmap:%d %s\r\n", extTCC, ExtTCC)
		} else {
			fmt.Fprintf(&b, "a=extmap:%d %s\r\n", extAL, ExtAudioLevel)
		}
		if ssrc != 0 {
			fmt.Fprintf(&b, "a=msid:%s %s-%s\r\na=ssrc:%d cname:%s\r\na=ssrc:%d msid:%s %s-%s\r\n",
				owner, owner, kind, ssrc, owner, ssrc, owner, owner, kind)
		}
		for i, cd := range cands {
			fmt.Fprintf(&b, "a=candidate:%d 1 udp %d %s %d typ %s", i+1, cd.Priority, cd.Addr.Addr(), cd.Addr.Port(), cd.Type)
			if cd.RelAddr.IsValid() {
				fmt.Fprintf(&b, " raddr %s rport %d", cd.RelAddr.Addr(), cd.RelAddr.Port())
			}
			b.WriteString("\r\n")
		}
		b.WriteString("a=end-of-candidates\r\n")
	}
	media("audio", "0", "recvonly", 0, "")
	media("video", "1", "recvonly", 0, "")
	for i, o := range others {
		media("audio", mids[2+2*i], "sendonly", o.audioSSRC, o.id)
		media("video", mids[3+2*i], "sendonly", o.videoSSRC, o.id)
	}
	for i := range c.layers {
		media("video", fmt.Sprintf("l%d", i), "recvonly", 0, "")
	}
	return b.String()
}

// answer applies the offer and hands the client's transport to the SFU.
func (c *testClient) answer(t *testing.T, offer string) {
	t.Helper()
	c.answerWith(t, offer, nil)
}

// answerWith is answer with the remote transport passed through tamper
// before the endpoint sees it (hostile tests: it must be in place before ICE
// and DTLS can start, or the handshake may complete with the real one).
func (c *testClient) answerWith(t *testing.T, offer string, tamper func(*RemoteTransport)) {
	t.Helper()
	must(t, c.pc.SetRemoteDescription(webrtc.SessionDescription{Type: webrtc.SDPTypeOffer, SDP: offer}))
	ans, err := c.pc.CreateAnswer(nil)
	must(t, err)
	must(t, c.pc.SetLocalDescription(ans))
	r := remoteFromSDP(t, ans.SDP)
	if tamper != nil {
		tamper(&r)
	}
	must(t, c.ep.SetRemote(r))
	must(t, c.ep.SetSources(c.sources()))
}

func remoteFromSDP(t *testing.T, s string) RemoteTransport {
	t.Helper()
	var d sdp.SessionDescription
	must(t, d.Unmarshal([]byte(s)))
	var r RemoteTransport
	get := func(attrs []sdp.Attribute, key string) string {
		for _, a := range attrs {
			if a.Key == key {
				return a.Value
			}
		}
		return ""
	}
	attrs := append(append([]sdp.Attribute(nil), d.Attributes...), d.MediaDescriptions[0].Attributes...)
	r.Ufrag, r.Pwd = get(attrs, "ice-ufrag"), get(attrs, "ice-pwd")
	hash, value, _ := strings.Cut(get(attrs, "fingerprint"), " ")
	r.Fingerprints = []Fingerprint{{Hash: hash, Value: value, Setup: get(attrs, "setup")}}
	return r
}
