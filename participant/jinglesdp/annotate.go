package jinglesdp

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/pion/sdp/v3"
)

// LocalSource is a source the local side sends, as lib-jitsi-meet's local
// SDP munging describes it: its SSRCs (one, or one per simulcast encoding,
// lowest first), optional RTX SSRCs paired with them, its source name and
// video type.
type LocalSource struct {
	SSRCs     []uint32
	RTX       []uint32
	Name      string
	VideoType string
}

// Annotate adds what lib-jitsi-meet's munging adds to a local SDP before
// ToJingle: "a=ssrc:N name:" and "videoType:" lines for every SSRC of each
// source, a=ssrc lines (cname, msid) for RTX SSRCs the SDP lacks, an
// ssrc-group:SIM over the encodings and an ssrc-group:FID per RTX pair. Each
// source is found by its first SSRC.
func Annotate(text string, srcs []LocalSource) (string, error) {
	var sd sdp.SessionDescription
	if err := sd.UnmarshalString(text); err != nil {
		return "", fmt.Errorf("%w: %v", ErrBadSDP, err)
	}
	for _, s := range srcs {
		if len(s.SSRCs) == 0 {
			continue
		}
		md := sectionWith(&sd, s.SSRCs[0])
		if md == nil {
			return "", fmt.Errorf("%w: %d (source %s)", ErrUnknownSSRC, s.SSRCs[0], s.Name)
		}
		annotate(md, s)
	}
	out, err := sd.Marshal()
	if err != nil {
		return "", fmt.Errorf("%w: %v", ErrBadSDP, err)
	}
	return string(out), nil
}

func sectionWith(sd *sdp.SessionDescription, ssrc uint32) *sdp.MediaDescription {
	prefix := strconv.FormatUint(uint64(ssrc), 10) + " "
	for _, md := range sd.MediaDescriptions {
		if _, ok := attrWithPrefix(md, "ssrc", prefix); ok {
			return md
		}
	}
	return nil
}

func annotate(md *sdp.MediaDescription, s LocalSource) {
	primary := strconv.FormatUint(uint64(s.SSRCs[0]), 10)
	msid, _ := attrWithPrefix(md, "ssrc", primary+" msid:")
	cname, _ := attrWithPrefix(md, "ssrc", primary+" cname:")
	var lines []sdp.Attribute
	if len(s.SSRCs) > 1 {
		lines = append(lines, groupAttr("SIM", s.SSRCs))
	}
	for i, rtx := range s.RTX {
		if i < len(s.SSRCs) {
			lines = append(lines, groupAttr("FID", []uint32{s.SSRCs[i], rtx}))
		}
	}
	all := append(append([]uint32(nil), s.SSRCs...), s.RTX...)
	for _, ssrc := range all {
		id := strconv.FormatUint(uint64(ssrc), 10)
		if _, ok := attrWithPrefix(md, "ssrc", id+" "); !ok {
			lines = append(lines, sdp.NewAttribute("ssrc", id+" cname:"+cname), sdp.NewAttribute("ssrc", id+" msid:"+msid))
		}
		lines = append(lines, sdp.NewAttribute("ssrc", id+" name:"+s.Name))
		if s.VideoType != "" {
			lines = append(lines, sdp.NewAttribute("ssrc", id+" videoType:"+s.VideoType))
		}
	}
	md.Attributes = append(md.Attributes, lines...)
}

func groupAttr(sem string, ssrcs []uint32) sdp.Attribute {
	parts := make([]string, len(ssrcs))
	for i, s := range ssrcs {
		parts[i] = strconv.FormatUint(uint64(s), 10)
	}
	return sdp.NewAttribute("ssrc-group", sem+" "+strings.Join(parts, " "))
}
