package focus

import (
	"fmt"
	"sync"

	"github.com/jitsi-go/jitsi-go/config"
	"github.com/jitsi-go/jitsi-go/jingle"
)

// SCTP association parameters jicofo writes in the data content's sctpmap.
const (
	sctpProtocol = "webrtc-datachannel"
	sctpStreams  = 1024
	audioMaxTime = 60
)

// OfferFactory builds session-initiate offers from the jicofo.codec settings
// (jicofo's JingleOfferFactory). The codec part depends only on the offer
// options, so it is computed once per options value; it is safe for
// concurrent use.
type OfferFactory struct {
	codec config.Codec
	sctp  bool

	mu    sync.Mutex
	cache map[OfferOptions]*mediaDescriptions
}

// mediaDescriptions are the shared, read-only codec descriptions of one
// options value. Offers copy the Description structs before adding sources.
type mediaDescriptions struct {
	audio, video *jingle.Description
}

// NewOfferFactory returns a factory for the codec settings; sctpEnabled is
// jicofo.sctp.enabled.
func NewOfferFactory(c config.Codec, sctpEnabled bool) *OfferFactory {
	return &OfferFactory{codec: c, sctp: sctpEnabled, cache: map[OfferOptions]*mediaDescriptions{}}
}

// Options returns the offer options for a participant's features.
func (f *OfferFactory) Options(feat Features) OfferOptions { return OfferOptionsFor(feat, f.sctp) }

// OfferParams is what one session-initiate needs besides the codec settings.
type OfferParams struct {
	SID       string // the new Jingle session's ID
	Initiator string // the focus's full JID
	Options   OfferOptions
	Alloc     *Allocation
	// Sources are the sources to signal: the bridge's feedback sources and,
	// without SSRC rewriting, every other participant's.
	Sources jingle.ConferenceSourceMap
	// JSON sends the sources as a json-message (client feature plus
	// jicofo.conference.use-json-encoded-sources).
	JSON       bool
	StartMuted *jingle.StartMuted
}

// Build returns the <jingle action="session-initiate"/> payload: the audio,
// video and (with SCTP) data contents, each carrying a copy of the bridge's
// ICE-UDP transport, the BUNDLE group, startmuted, bridge-session and the
// sources, as json-message or as <source/> elements with <ssrc-info/>.
func (f *OfferFactory) Build(p OfferParams) (*jingle.Jingle, error) {
	if p.Alloc == nil || p.Alloc.Transport == nil {
		return nil, fmt.Errorf("%w: offer for session %s", ErrNoTransport, p.SID)
	}
	contents := f.Contents(p.Options, p.Alloc)
	j := &jingle.Jingle{Action: jingle.ActionSessionInitiate, Initiator: p.Initiator, SID: p.SID}
	if p.JSON {
		msg, err := jingle.NewJSONMessage(p.Sources)
		if err != nil {
			return nil, fmt.Errorf("focus: offer %s: %w", p.SID, err)
		}
		j.JSONMessage = msg
	} else {
		contents = p.Sources.AddToContents(contents)
	}
	j.Contents = contents
	j.Groups = []jingle.Group{jingle.NewBundleGroup(contents)}
	j.StartMuted = p.StartMuted
	j.BridgeSession = &jingle.BridgeSession{ID: p.Alloc.SessionID, Region: p.Alloc.Region}
	return j, nil
}

// Contents returns the offer's contents without sources: fresh Description
// and transport structs (sharing the read-only codec slices) that the caller
// may extend.
func (f *OfferFactory) Contents(o OfferOptions, a *Allocation) []jingle.Content {
	d := f.descriptions(o)
	out := make([]jingle.Content, 0, 3)
	if o.Audio {
		out = append(out, jingle.NewContent(jingle.ContentAudio, copyDescription(d.audio), copyTransport(a.Transport)))
	}
	if o.Video {
		out = append(out, jingle.NewContent(jingle.ContentVideo, copyDescription(d.video), copyTransport(a.Transport)))
	}
	if o.SCTP && a.SCTPPort > 0 {
		t := copyTransport(a.Transport)
		t.SCTPMap = &jingle.SCTPMap{Number: uint16(a.SCTPPort), Protocol: sctpProtocol, Streams: sctpStreams}
		data := &jingle.Description{Media: jingle.MediaApplication, RTCPMux: &jingle.Empty{}}
		out = append(out, jingle.NewContent(jingle.ContentData, data, t))
	}
	return out
}

func (f *OfferFactory) descriptions(o OfferOptions) *mediaDescriptions {
	f.mu.Lock()
	defer f.mu.Unlock()
	if d, ok := f.cache[o]; ok {
		return d
	}
	d := &mediaDescriptions{
		audio: &jingle.Description{Media: jingle.MediaAudio, MaxPTime: audioMaxTime,
			PayloadTypes: AudioPayloadTypes(f.codec, o), HdrExts: AudioHdrExts(f.codec, o),
			RTCPMux: &jingle.Empty{}},
		video: &jingle.Description{Media: jingle.MediaVideo,
			PayloadTypes: VideoPayloadTypes(f.codec, o), HdrExts: VideoHdrExts(f.codec, o),
			RTCPMux: &jingle.Empty{}},
	}
	if f.codec.ExtmapAllowMixed {
		d.audio.ExtmapAllowMixed = &jingle.Empty{}
		d.video.ExtmapAllowMixed = &jingle.Empty{}
	}
	f.cache[o] = d
	return d
}

// copyDescription copies the struct; the shared slices are clipped so an
// append made by the caller never writes into them.
func copyDescription(d *jingle.Description) *jingle.Description {
	c := *d
	c.PayloadTypes = c.PayloadTypes[:len(c.PayloadTypes):len(c.PayloadTypes)]
	c.HdrExts = c.HdrExts[:len(c.HdrExts):len(c.HdrExts)]
	return &c
}

// copyTransport copies the bridge transport for one content. Candidates,
// fingerprints and web-socket URLs are shared read-only.
func copyTransport(t *jingle.ICEUDPTransport) *jingle.ICEUDPTransport {
	c := *t
	c.SCTPMap = nil
	c.Candidates = c.Candidates[:len(c.Candidates):len(c.Candidates)]
	c.Fingerprints = c.Fingerprints[:len(c.Fingerprints):len(c.Fingerprints)]
	return &c
}
