package jingle

import "fmt"

// Contents returns Jingle contents that signal every source of m, the way
// jicofo's source-add, source-remove and json-less session-initiate carry
// them: an "audio" and a "video" content (only those with sources), each with
// a description holding <source/> elements with <ssrc-info owner/> and the
// msid parameter, then the <ssrc-group/> elements. Owners come in sorted order.
func (m ConferenceSourceMap) Contents() []Content {
	var out []Content
	for _, media := range []string{MediaAudio, MediaVideo} {
		d := m.description(media)
		if len(d.Sources)+len(d.SSRCGroups) > 0 {
			out = append(out, Content{Name: media, Description: d})
		}
	}
	return out
}

// AddToContents adds the sources of m to the audio and video descriptions of
// contents (an offer), creating the descriptions if they are missing, and
// returns contents. Media without a matching content get a new content.
func (m ConferenceSourceMap) AddToContents(contents []Content) []Content {
	for _, media := range []string{MediaAudio, MediaVideo} {
		d := m.description(media)
		if len(d.Sources)+len(d.SSRCGroups) == 0 {
			continue
		}
		i := contentIndex(contents, media)
		if i < 0 {
			contents = append(contents, Content{Name: media, Description: d})
			continue
		}
		if contents[i].Description == nil {
			contents[i].Description = &Description{Media: media}
		}
		contents[i].Description.Sources = append(contents[i].Description.Sources, d.Sources...)
		contents[i].Description.SSRCGroups = append(contents[i].Description.SSRCGroups, d.SSRCGroups...)
	}
	return contents
}

func contentIndex(contents []Content, media string) int {
	for i := range contents {
		if contents[i].Media() == media {
			return i
		}
	}
	return -1
}

// description collects the sources and groups of one media type.
func (m ConferenceSourceMap) description(media string) *Description {
	d := &Description{Media: media}
	for _, owner := range m.Owners() {
		e := m[owner]
		srcs, groups := e.Audio, e.AudioGroups
		if media == MediaVideo {
			srcs, groups = e.Video, e.VideoGroups
		}
		for _, s := range cloneSources(srcs) {
			s.Info = &SSRCInfo{Owner: owner}
			d.Sources = append(d.Sources, s)
		}
		d.SSRCGroups = append(d.SSRCGroups, cloneGroups(groups)...)
	}
	return d
}

// EndpointSourcesFromContents reads the sources and groups of contents as
// owned by owner, ignoring any <ssrc-info/>: how the focus reads a client's
// session-accept, source-add or source-remove. Contents without a
// description (data) are skipped; sources in a content whose media is neither
// audio nor video, and groups with unknown semantics, are errors.
func EndpointSourcesFromContents(owner string, contents []Content) (EndpointSources, error) {
	e := EndpointSources{Owner: owner}
	for i := range contents {
		media, d, err := sourceDescription(&contents[i])
		if err != nil {
			return EndpointSources{}, err
		}
		if d == nil {
			continue
		}
		groups, err := canonicalGroups(d.SSRCGroups, contents[i].Name)
		if err != nil {
			return EndpointSources{}, err
		}
		srcs := make([]Source, len(d.Sources))
		for k, s := range d.Sources {
			srcs[k] = normalizeSource(s)
		}
		e.addMedia(media, srcs, groups)
	}
	return e, nil
}

// ConferenceSourcesFromContents reads the sources of contents grouped by
// their <ssrc-info owner/>: how a client (or a test) reads what the focus
// signals. A group belongs to the owner of its first member.
func ConferenceSourcesFromContents(contents []Content) (ConferenceSourceMap, error) {
	m := ConferenceSourceMap{}
	for i := range contents {
		if err := m.addContent(&contents[i]); err != nil {
			return nil, err
		}
	}
	return m, nil
}

func (m ConferenceSourceMap) addContent(c *Content) error {
	media, d, err := sourceDescription(c)
	if err != nil || d == nil {
		return err
	}
	owners := make(map[uint32]string, len(d.Sources))
	for _, s := range d.Sources {
		if s.Owner() == "" {
			return fmt.Errorf("%w: ssrc %d in content %q", ErrMissingOwner, s.SSRC, c.Name)
		}
		owners[s.SSRC] = s.Owner()
		m.appendMedia(s.Owner(), media, []Source{normalizeSource(s)}, nil)
	}
	groups, err := canonicalGroups(d.SSRCGroups, c.Name)
	if err != nil {
		return err
	}
	for _, g := range groups {
		owner, ok := owners[g.Sources[0].SSRC]
		if !ok {
			return &SourceError{Err: ErrGroupUnknownSource, SSRCs: g.SSRCs()}
		}
		m.appendMedia(owner, media, nil, []SSRCGroup{g})
	}
	return nil
}

// sourceDescription returns the media and description of a content that
// may carry sources; a nil description means "nothing to read".
func sourceDescription(c *Content) (string, *Description, error) {
	d := c.Description
	if d == nil {
		return "", nil, nil
	}
	media := c.Media()
	if media == MediaAudio || media == MediaVideo {
		return media, d, nil
	}
	if len(d.Sources)+len(d.SSRCGroups) > 0 {
		return "", nil, fmt.Errorf("%w: %q in content %q", ErrUnknownMedia, media, c.Name)
	}
	return "", nil, nil
}

// canonicalGroups returns copies of groups with SIM/FID semantics spelled in
// upper case; unknown semantics and empty groups are errors.
func canonicalGroups(groups []SSRCGroup, content string) ([]SSRCGroup, error) {
	out := cloneGroups(groups)
	for i := range out {
		sem := canonicalSemantics(out[i].Semantics)
		if sem == "" {
			return nil, fmt.Errorf("%w: %q in content %q", ErrInvalidSemantics, out[i].Semantics, content)
		}
		if len(out[i].Sources) == 0 {
			return nil, fmt.Errorf("%w: %s in content %q", ErrEmptyGroup, sem, content)
		}
		out[i].Semantics = sem
	}
	return out, nil
}

// addMedia appends sources and groups of one media type, keeping duplicates
// so that Validate can report them.
func (e *EndpointSources) addMedia(media string, srcs []Source, groups []SSRCGroup) {
	if media == MediaAudio {
		e.Audio = append(e.Audio, srcs...)
		e.AudioGroups = append(e.AudioGroups, groups...)
		return
	}
	e.Video = append(e.Video, srcs...)
	e.VideoGroups = append(e.VideoGroups, groups...)
}

func (m ConferenceSourceMap) appendMedia(owner, media string, srcs []Source, groups []SSRCGroup) {
	e := m[owner]
	e.Owner = owner
	e.addMedia(media, srcs, groups)
	m[owner] = e
}
