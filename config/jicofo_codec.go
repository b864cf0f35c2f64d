package config

// Codec holds jicofo.codec.*: the payload types and RTP header extension IDs
// the focus offers (defaults: jicofo:jicofo-common/src/main/resources/reference.conf).
type Codec struct {
	Video            map[string]VideoCodec // av1, vp8, vp9, h264
	Opus             Opus
	TelephoneEvent   PayloadType
	RTPExtensions    map[string]RTPExtension // audio-level, tcc, mid, …
	ExtmapAllowMixed bool                    // true
}

// VideoCodec is one jicofo.codec.video.<name> entry; RTXPT -1 disables RTX.
type VideoCodec struct {
	Enabled    bool
	PT, RTXPT  int
	EnableREMB bool
}

// Opus is jicofo.codec.audio.opus.
type Opus struct {
	Enabled      bool // true
	PT           int  // 111
	MinPTime     int  // 10
	UseInbandFEC bool // true
	RED          PayloadType
}

// PayloadType is a codec that is only switched on or off with a PT.
type PayloadType struct {
	Enabled bool
	PT      int
}

// RTPExtension is one jicofo.codec.rtp-extensions.<name> entry.
type RTPExtension struct {
	Enabled bool
	ID      int
}

// defaultVideo and defaultExtensions are the upstream defaults, in offer order.
var (
	defaultVideo = []struct {
		name      string
		pt, rtxPT int
	}{{"av1", 41, 42}, {"vp8", 100, 96}, {"vp9", 101, 97}, {"h264", 107, 99}}
	defaultExtensions = []struct {
		name    string
		enabled bool
		id      int
	}{{"audio-level", true, 1}, {"av1-dependency-descriptor", true, 11}, {"video-layers-allocation", false, 12},
		{"tof", false, 2}, {"abs-send-time", true, 3}, {"rid", false, 4}, {"tcc", true, 5},
		{"video-content-type", false, 7}, {"framemarking", false, 9}, {"mid", true, 10}}
)

// VideoCodecNames lists the video codecs of Codec.Video in upstream order.
func VideoCodecNames() []string {
	names := make([]string, len(defaultVideo))
	for i, v := range defaultVideo {
		names[i] = v.name
	}
	return names
}

// RTPExtensionNames lists the keys of Codec.RTPExtensions in upstream order.
func RTPExtensionNames() []string {
	names := make([]string, len(defaultExtensions))
	for i, e := range defaultExtensions {
		names[i] = e.name
	}
	return names
}

func (c *Jicofo) readCodec(r *reader) {
	p := jx + "codec."
	c.Codec = Codec{Video: map[string]VideoCodec{}, RTPExtensions: map[string]RTPExtension{}}
	for _, v := range defaultVideo {
		k := p + "video." + v.name + "."
		c.Codec.Video[v.name] = VideoCodec{
			Enabled:    r.bool(k+"enabled", true),
			PT:         r.int(k+"pt", v.pt),
			RTXPT:      r.int(k+"rtx-pt", v.rtxPT),
			EnableREMB: r.bool(k+"enable-remb", true),
		}
	}
	o := p + "audio.opus."
	c.Codec.Opus = Opus{
		Enabled:      r.bool(o+"enabled", true),
		PT:           r.int(o+"pt", 111),
		MinPTime:     r.int(o+"minptime", 10),
		UseInbandFEC: r.bool(o+"use-inband-fec", true),
		RED:          PayloadType{Enabled: r.bool(o+"red.enabled", false), PT: r.int(o+"red.pt", 112)},
	}
	t := p + "audio.telephone-event."
	c.Codec.TelephoneEvent = PayloadType{Enabled: r.bool(t+"enabled", true), PT: r.int(t+"pt", 126)}
	for _, e := range defaultExtensions {
		k := p + "rtp-extensions." + e.name + "."
		c.Codec.RTPExtensions[e.name] = RTPExtension{Enabled: r.bool(k+"enabled", e.enabled), ID: r.int(k+"id", e.id)}
	}
	c.Codec.ExtmapAllowMixed = r.bool(p+"rtp-extensions.extmap-allow-mixed", true)
}
