package jinglesdp

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	"github.com/jitsi-go/jitsi-go/jingle"
)

// Offer is the remote description of a JVB session as lib-jitsi-meet keeps
// it: a template per offered content and one m-line (section) per remote
// source family. It is not safe for concurrent use.
type Offer struct {
	// SessionID and Version go into the o= line; every change bumps Version.
	SessionID uint64
	Version   uint64
	// Transport is the bridge transport shared by every m-line (BUNDLE).
	Transport jingle.ICEUDPTransport
	// Bundle writes a=group:BUNDLE over all mids (jicofo always bundles).
	Bundle bool

	templates []template
	sections  []section
}

// template is one offered content without its sources.
type template struct {
	name    string
	media   string
	desc    *jingle.Description
	senders jingle.Senders
	sctp    *jingle.SCTPMap
}

// section is one m-line: a media template and the sources it carries.
type section struct {
	tmpl     int
	owner    string
	sources  []jingle.Source
	groups   []jingle.SSRCGroup
	dir      string
	rejected bool
}

// FromJingle builds the offer of a session-initiate: the first content's
// transport, the contents' descriptions and the sources of the json-message or
// of the <source/> elements.
func FromJingle(j *jingle.Jingle) (*Offer, error) {
	t := j.Transport()
	if t == nil {
		return nil, fmt.Errorf("%w in %s %s", ErrNoTransport, j.Action, j.SID)
	}
	srcs, err := j.Sources()
	if err != nil {
		return nil, fmt.Errorf("jinglesdp: sources of %s %s: %w", j.Action, j.SID, err)
	}
	o, err := NewOffer(t, j.Contents, srcs)
	if err != nil {
		return nil, err
	}
	o.Bundle = j.Bundle() != nil
	return o, nil
}

// NewOffer builds an offer from a transport, the contents that carry the
// descriptions (their own transports and sources are ignored, except a data
// content's sctpmap) and the remote sources. Bundle is set.
func NewOffer(t *jingle.ICEUDPTransport, contents []jingle.Content, srcs jingle.ConferenceSourceMap) (*Offer, error) {
	if t == nil {
		return nil, ErrNoTransport
	}
	o := &Offer{SessionID: 1, Version: 2, Transport: *t, Bundle: true}
	o.Transport.SCTPMap = nil
	for i := range contents {
		o.templates = append(o.templates, newTemplate(&contents[i], t))
	}
	if o.template(jingle.MediaAudio) < 0 && o.template(jingle.MediaVideo) < 0 {
		return nil, ErrNoMedia
	}
	for i, tm := range o.templates {
		o.sections = append(o.sections, o.initialSections(i, tm, srcs)...)
	}
	return o, o.checkMedia(srcs)
}

func newTemplate(c *jingle.Content, shared *jingle.ICEUDPTransport) template {
	tm := template{name: c.Name, media: c.Media(), senders: c.Senders}
	if c.Description != nil {
		d := *c.Description
		d.Sources, d.SSRCGroups = nil, nil
		tm.desc = &d
	}
	if tm.media == jingle.ContentData {
		tm.media = jingle.MediaApplication
	}
	if tm.media == jingle.MediaApplication {
		tm.sctp = &jingle.SCTPMap{Number: 5000, Protocol: "webrtc-datachannel"}
		if c.Transport != nil && c.Transport.SCTPMap != nil {
			tm.sctp = c.Transport.SCTPMap
		} else if shared.SCTPMap != nil {
			tm.sctp = shared.SCTPMap
		}
	}
	return tm
}

// template returns the index of the first template of a media type, or -1.
func (o *Offer) template(media string) int {
	return slices.IndexFunc(o.templates, func(t template) bool { return t.media == media })
}

// checkMedia reports sources of a media type the offer has no template for.
func (o *Offer) checkMedia(srcs jingle.ConferenceSourceMap) error {
	for _, owner := range srcs.Owners() {
		e := srcs[owner]
		if len(e.Audio) > 0 && o.template(jingle.MediaAudio) < 0 {
			return fmt.Errorf("%w: audio of %s", ErrUnknownMedia, owner)
		}
		if len(e.Video) > 0 && o.template(jingle.MediaVideo) < 0 {
			return fmt.Errorf("%w: video of %s", ErrUnknownMedia, owner)
		}
	}
	return nil
}

// initialSections expands one template: the application m-line as is; an
// audio or video template into one m-line per source family, the first one
// taking the content's direction and the others sendonly; a template without
// sources into one m-line.
func (o *Offer) initialSections(i int, tm template, srcs jingle.ConferenceSourceMap) []section {
	first := section{tmpl: i, dir: direction(tm.senders)}
	if tm.media != jingle.MediaAudio && tm.media != jingle.MediaVideo || o.template(tm.media) != i {
		return []section{first}
	}
	fams := familiesOf(srcs, tm.media)
	if len(fams) == 0 {
		return []section{first}
	}
	out := make([]section, len(fams))
	for k, f := range fams {
		out[k] = section{tmpl: i, owner: f.owner, sources: f.sources, groups: f.groups, dir: "sendonly"}
	}
	out[0].dir = first.dir
	return out
}

// direction maps Jingle senders to the offerer's SDP direction.
func direction(s jingle.Senders) string {
	switch s {
	case jingle.SendersInitiator:
		return "sendonly"
	case jingle.SendersResponder:
		return "recvonly"
	case jingle.SendersNone:
		return "inactive"
	}
	return "sendrecv"
}

// Mids lists the mids of every m-line in order (rejected ones included).
func (o *Offer) Mids() []string {
	out := make([]string, len(o.sections))
	for i := range o.sections {
		out[i] = strconv.Itoa(i)
	}
	return out
}

// MidOf returns the mid of the live m-line that carries ssrc.
func (o *Offer) MidOf(ssrc uint32) (string, bool) {
	for i, s := range o.sections {
		if !s.rejected && slices.ContainsFunc(s.sources, func(x jingle.Source) bool { return x.SSRC == ssrc }) {
			return strconv.Itoa(i), true
		}
	}
	return "", false
}

// OwnerOf returns the owner of a remote SSRC signalled in a live m-line.
func (o *Offer) OwnerOf(ssrc uint32) (string, bool) {
	mid, ok := o.MidOf(ssrc)
	if !ok {
		return "", false
	}
	i, _ := strconv.Atoi(mid)
	return o.sections[i].owner, true
}

// isFeedback reports whether a source is the bridge's (lib-jitsi-meet's
// "non-user source" test on the msid).
func isFeedback(owner string, s jingle.Source) bool {
	return owner == jingle.OwnerJVB || strings.Contains(s.MSID(), "mixedmslabel")
}

// HasData reports whether the offer has an SCTP data m-line.
func (o *Offer) HasData() bool { return o.template(jingle.MediaApplication) >= 0 }
