package jingle

// SemanticsBundle is the grouping semantics of RFC 8843 BUNDLE.
const SemanticsBundle = "BUNDLE"

// Group is <group xmlns="urn:xmpp:jingle:apps:grouping:0" semantics>
// (XEP-0338): the contents that share one transport. Jicofo bundles every
// content of its offer; lib-jitsi-meet answers with audio, video and data.
type Group struct {
	Semantics string         `xml:"semantics,attr"`
	Contents  []GroupContent `xml:"urn:xmpp:jingle:apps:grouping:0 content"`
}

// GroupContent is a group member: <content name/>.
type GroupContent struct {
	Name string `xml:"name,attr"`
}

// NewBundleGroup returns a BUNDLE group naming every content, in order.
func NewBundleGroup(contents []Content) Group {
	g := Group{Semantics: SemanticsBundle, Contents: make([]GroupContent, len(contents))}
	for i, c := range contents {
		g.Contents[i].Name = c.Name
	}
	return g
}

// Names lists the group's content names in order.
func (g Group) Names() []string {
	out := make([]string, len(g.Contents))
	for i, c := range g.Contents {
		out[i] = c.Name
	}
	return out
}

// Bundle returns the payload's BUNDLE group, or nil.
func (j *Jingle) Bundle() *Group {
	for i := range j.Groups {
		if j.Groups[i].Semantics == SemanticsBundle {
			return &j.Groups[i]
		}
	}
	return nil
}
