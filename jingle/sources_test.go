package jingle

import (
	"errors"
	"reflect"
	"testing"
)

// camera returns a valid simulcast camera with RTX: SIM(1,2,3), FID(1,4),
// FID(2,5), FID(3,6), plus one audio source 7.
func camera(owner string, base uint32) EndpointSources {
	msid := owner + "-stream " + owner + "-video"
	e := EndpointSources{Owner: owner, Audio: []Source{NewSource(base+7, owner+"-a0", owner+"-stream "+owner+"-audio", "")}}
	for i := uint32(1); i <= 6; i++ {
		e.Video = append(e.Video, NewSource(base+i, owner+"-v0", msid, VideoTypeCamera))
	}
	e.VideoGroups = []SSRCGroup{
		NewGroup(SemanticsSIM, base+1, base+2, base+3),
		NewGroup(SemanticsFID, base+1, base+4), NewGroup(SemanticsFID, base+2, base+5), NewGroup(SemanticsFID, base+3, base+6),
	}
	return e
}

func TestEndpointSourcesValidate(t *testing.T) {
	tests := []struct {
		name   string
		modify func(e *EndpointSources)
		want   error
	}{
		{"valid", func(*EndpointSources) {}, nil},
		{"ssrc zero", func(e *EndpointSources) { e.Audio[0].SSRC = 0 }, ErrInvalidSSRC},
		{"duplicate across media", func(e *EndpointSources) { e.Audio[0].SSRC = e.Video[0].SSRC }, ErrDuplicateSSRC},
		{"unknown member", func(e *EndpointSources) { e.VideoGroups[1].Sources[1].SSRC = 99 }, ErrGroupUnknownSource},
		{"member of other media", func(e *EndpointSources) { e.VideoGroups[1].Sources[1].SSRC = e.Audio[0].SSRC }, ErrGroupUnknownSource},
		{"bad semantics", func(e *EndpointSources) { e.VideoGroups[0].Semantics = "FEC-FR" }, ErrInvalidSemantics},
		{"empty group", func(e *EndpointSources) { e.VideoGroups[0].Sources = nil }, ErrEmptyGroup},
		{"fid of three", func(e *EndpointSources) {
			e.VideoGroups[1].Sources = append(e.VideoGroups[1].Sources, SourceRef{SSRC: 13})
		}, ErrInvalidFIDGroup},
		{"grouped without msid", func(e *EndpointSources) { e.Video[3].Parameters = nil }, ErrMissingMSID},
		{"group msid mismatch", func(e *EndpointSources) { e.Video[4] = NewSource(e.Video[4].SSRC, "", "other msid", "") }, ErrGroupMSIDMismatch},
		{"msid reused", func(e *EndpointSources) {
			e.Video = append(e.Video, NewSource(50, "x", e.Video[0].MSID(), ""))
		}, ErrMSIDConflict},
		{"audio may share video msid", func(e *EndpointSources) { e.Audio[0] = NewSource(e.Audio[0].SSRC, "", e.Video[0].MSID(), "") }, nil},
		{"lower-case semantics", func(e *EndpointSources) { e.VideoGroups[0].Semantics = "sim" }, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := camera("ep", 100)
			tc.modify(&e)
			err := e.Validate()
			if !errors.Is(err, tc.want) || (tc.want == nil) != (err == nil) {
				t.Fatalf("Validate() = %v, want %v", err, tc.want)
			}
			var se *SourceError
			if err != nil && (!errors.As(err, &se) || se.Owner != "ep" || se.Error() == "") {
				t.Fatalf("error %v is not a *SourceError for ep", err)
			}
		})
	}
}

func TestConferenceSourceMapValidate(t *testing.T) {
	m := ConferenceSourceMap{}
	m.Add(camera("a", 100))
	m.Add(camera("b", 200))
	if err := m.Validate(); err != nil {
		t.Fatal(err)
	}
	clash := camera("c", 100)
	clash.Video, clash.VideoGroups = nil, nil
	clash.Audio[0] = NewSource(clash.Audio[0].SSRC, "", "c-own", "")
	m.Add(clash)
	if err := m.Validate(); !errors.Is(err, ErrSSRCConflict) {
		t.Fatalf("ssrc conflict: %v", err)
	}
	delete(m, "c")
	m.Add(EndpointSources{Owner: "d", Audio: []Source{NewSource(900, "", "a-stream a-audio", "")}})
	if err := m.Validate(); !errors.Is(err, ErrMSIDConflict) {
		t.Fatalf("msid conflict: %v", err)
	}
	delete(m, "d")
	m["e"] = EndpointSources{Owner: "f"}
	if err := m.Validate(); !errors.Is(err, ErrMissingOwner) {
		t.Fatalf("key/owner mismatch: %v", err)
	}
}

func TestCheckLimits(t *testing.T) {
	e := camera("ep", 0)
	if err := e.CheckLimits(20, 20); err != nil {
		t.Fatal(err)
	}
	if err := e.CheckLimits(6, 20); !errors.Is(err, ErrTooManySources) {
		t.Fatalf("ssrc limit: %v", err)
	}
	if err := e.CheckLimits(20, 3); !errors.Is(err, ErrTooManySources) {
		t.Fatalf("group limit: %v", err)
	}
}

func TestMergeSubtractStrip(t *testing.T) {
	e := camera("ep", 0)
	half := EndpointSources{Owner: "ep", Video: e.Video[:3], VideoGroups: e.VideoGroups[:1]}
	if got := half.Merge(e); !reflect.DeepEqual(got.Video, e.Video) || len(got.VideoGroups) != 4 || len(got.Audio) != 1 {
		t.Fatalf("merge %+v", got)
	}
	rest := e.Subtract(EndpointSources{Video: []Source{NewSource(2, "", "", "")}})
	if len(rest.Video) != 5 || len(rest.VideoGroups) != 2 || rest.VideoGroups[0].SSRCs()[0] != 1 {
		t.Fatalf("subtract removed the wrong groups: %+v", rest.VideoGroups)
	}
	s := e.StripSimulcast()
	if !reflect.DeepEqual(s.SSRCs(), []uint32{7, 1, 4}) || !reflect.DeepEqual(s.VideoGroups, []SSRCGroup{NewGroup(SemanticsFID, 1, 4)}) {
		t.Fatalf("strip %+v", s)
	}
	if err := s.Validate(); err != nil {
		t.Fatal(err)
	}
	// The inputs are untouched.
	if len(e.Video) != 6 || len(e.VideoGroups) != 4 {
		t.Fatal("strip modified its receiver")
	}
	m := ConferenceSourceMap{}
	m.Add(e)
	c := m.Copy()
	c["ep"].Video[0].Parameters[0].Value = "changed"
	if m["ep"].Video[0].MSID() == "changed" {
		t.Fatal("Copy shares parameters")
	}
	m.Remove(e)
	if len(m) != 0 {
		t.Fatalf("remove left %+v", m)
	}
}

// TestContentsConversions converts a map to contents and back both ways.
func TestContentsConversions(t *testing.T) {
	m := ConferenceSourceMap{}
	m.Add(camera("a", 100))
	m.Add(camera("b", 200))
	contents := m.Contents()
	if len(contents) != 2 || contents[0].Name != ContentAudio || contents[1].Description.Sources[0].Owner() != "a" {
		t.Fatalf("contents %+v", contents)
	}
	back, err := ConferenceSourcesFromContents(contents)
	if err != nil || !reflect.DeepEqual(back, m) {
		t.Fatalf("back %+v, %v", back, err)
	}
	// The focus reads a client's contents under the sender's ID, whatever
	// ssrc-info says.
	e, err := EndpointSourcesFromContents("a", ConferenceSourceMap{"a": m["a"]}.Contents())
	if err != nil || !reflect.DeepEqual(e, m["a"]) {
		t.Fatalf("endpoint %+v, %v", e, err)
	}
	offer := []Content{
		NewContent(ContentAudio, &Description{Media: MediaAudio}, nil),
		NewContent(ContentData, &Description{Media: MediaApplication}, nil),
	}
	offer = m.AddToContents(offer)
	if len(offer) != 3 || len(offer[0].Description.Sources) != 2 || offer[2].Name != ContentVideo || len(offer[2].Description.SSRCGroups) != 8 {
		t.Fatalf("offer %+v", offer)
	}
}

func TestContentsConversionErrors(t *testing.T) {
	withSource := func(media string, s Source, groups ...SSRCGroup) []Content {
		return []Content{{Name: media, Description: &Description{Media: media, Sources: []Source{s}, SSRCGroups: groups}}}
	}
	owned := NewSource(1, "", "m", "")
	owned.Info = &SSRCInfo{Owner: "x"}
	tests := []struct {
		name     string
		contents []Content
		want     error
	}{
		{"no owner", withSource(MediaAudio, NewSource(1, "", "", "")), ErrMissingOwner},
		{"data with sources", withSource(MediaApplication, owned), ErrUnknownMedia},
		{"bad semantics", withSource(MediaVideo, owned, NewGroup("XYZ", 1)), ErrInvalidSemantics},
		{"empty group", withSource(MediaVideo, owned, NewGroup("SIM")), ErrEmptyGroup},
		{"group of strangers", withSource(MediaVideo, owned, NewGroup("FID", 5, 6)), ErrGroupUnknownSource},
	}
	for _, tc := range tests {
		if _, err := ConferenceSourcesFromContents(tc.contents); !errors.Is(err, tc.want) {
			t.Errorf("%s: got %v, want %v", tc.name, err, tc.want)
		}
	}
	if _, err := EndpointSourcesFromContents("x", withSource(MediaApplication, owned)); !errors.Is(err, ErrUnknownMedia) {
		t.Errorf("endpoint data with sources: %v", err)
	}
	// A content without description is skipped, and media falls back to the name.
	e, err := EndpointSourcesFromContents("x", []Content{{Name: "data"}, {Name: "audio", Description: &Description{Sources: []Source{owned}}}})
	if err != nil || len(e.Audio) != 1 || e.Audio[0].Info != nil {
		t.Fatalf("got %+v, %v", e, err)
	}
}
