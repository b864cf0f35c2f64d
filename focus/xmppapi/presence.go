package xmppapi

import (
	"encoding/json"
	"strings"

	"github.com/jitsi-go/jitsi-go/xmpp"
)

// Namespaces of the occupant presence extensions the focus reads.
const (
	nsCaps      = "http://jabber.org/protocol/caps"
	nsMuteAudio = "http://jitsi.org/jitmeet/audio"
	nsMuteVideo = "http://jitsi.org/jitmeet/video"
)

// presenceInfo is what the focus reads from an occupant's MUC presence
// (jicofo's ChatRoomMemberImpl).
type presenceInfo struct {
	StatsID string
	Region  string
	// AudioMuted and VideoMuted come from <SourceInfo>, or from the older
	// <audiomuted>/<videomuted> when SourceInfo is absent; missing
	// information means muted.
	AudioMuted, VideoMuted bool
	// Codecs is jitsi_participant_codecList (or the older codecType),
	// with vp8 always added as jicofo does.
	Codecs []string
	// CapsNode and CapsVer identify the occupant's disco#info features.
	CapsNode, CapsVer string
}

// parsePresence reads the Jitsi extensions of one occupant presence. It
// never fails: malformed parts count as absent.
func parsePresence(p *xmpp.Element) presenceInfo {
	info := presenceInfo{
		StatsID: strings.TrimSpace(childText(p, "stats-id")),
		Region:  strings.TrimSpace(childText(p, "jitsi_participant_region")),
		Codecs:  parseCodecs(p),
	}
	if c := p.Child(nsCaps, "c"); c != nil {
		info.CapsNode, info.CapsVer = c.Get("node"), c.Get("ver")
	}
	if si := p.Child("", "SourceInfo"); si != nil {
		info.AudioMuted, info.VideoMuted = sourceInfoMuted(si.Text())
	} else {
		info.AudioMuted = mutedElement(p, nsMuteAudio, "audiomuted")
		info.VideoMuted = mutedElement(p, nsMuteVideo, "videomuted")
	}
	return info
}

// sourceInfoMuted derives the muted state from the SourceInfo JSON, keyed
// by source name (<endpoint>-a0, <endpoint>-v0): a media is unmuted when one
// of its sources says "muted": false (jicofo's SourceInfo.kt).
func sourceInfoMuted(text string) (audioMuted, videoMuted bool) {
	var m map[string]struct {
		Muted *bool `json:"muted"`
	}
	audioMuted, videoMuted = true, true
	if err := json.Unmarshal([]byte(text), &m); err != nil {
		return true, true
	}
	for name, s := range m {
		if s.Muted == nil || *s.Muted {
			continue
		}
		switch sourceMedia(name) {
		case 'a':
			audioMuted = false
		case 'v':
			videoMuted = false
		}
	}
	return audioMuted, videoMuted
}

// sourceMedia returns 'a' or 'v' for a source name ending in -a<N>/-v<N>.
func sourceMedia(name string) byte {
	i := strings.LastIndexByte(name, '-')
	if i < 0 || i+1 >= len(name) {
		return 0
	}
	return name[i+1]
}

// mutedElement reads <audiomuted>/<videomuted>; absent means muted.
func mutedElement(p *xmpp.Element, space, local string) bool {
	e := p.Child(space, local)
	if e == nil {
		e = p.Child("", local)
	}
	if e == nil {
		return true
	}
	return !strings.EqualFold(strings.TrimSpace(e.Text()), "false")
}

// parseCodecs reads jitsi_participant_codecList, else codecType, and adds
// vp8 when missing.
func parseCodecs(p *xmpp.Element) []string {
	text := childText(p, "jitsi_participant_codecList")
	if text == "" {
		text = childText(p, "jitsi_participant_codecType")
	}
	var out []string
	hasVP8 := false
	for _, c := range strings.Split(text, ",") {
		c = strings.ToLower(strings.TrimSpace(c))
		if c == "" {
			continue
		}
		hasVP8 = hasVP8 || c == "vp8"
		out = append(out, c)
	}
	if !hasVP8 {
		out = append(out, "vp8")
	}
	return out
}
