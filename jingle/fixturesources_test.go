package jingle

import (
	"reflect"
	"testing"

	"mellium.im/xmpp/stanza"
)

// addedSources is what both source-add fixtures from the focus signal.
func addedSources(camera string) ConferenceSourceMap {
	const ms = "9c1d7a2e-3b4f-4e5a-8d6c-7f0e1b2a3c4d "
	return ConferenceSourceMap{"e91b4f02": {
		Owner: "e91b4f02",
		Audio: []Source{NewSource(3705231994, "e91b4f02-a0", ms+"1f2e3d4c-5b6a-4798-8a9b-0c1d2e3f4a5b", "")},
		Video: []Source{
			NewSource(1280694613, "e91b4f02-v0", ms+"6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d", camera),
			NewSource(2460817725, "e91b4f02-v0", ms+"6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d", camera),
			NewSource(734190258, "e91b4f02-v1", ms+"0d9c8b7a-6f5e-4d3c-b2a1-0f9e8d7c6b5a", VideoTypeDesktop),
		},
		VideoGroups: []SSRCGroup{NewGroup(SemanticsFID, 1280694613, 2460817725)},
	}}
}

func checkSourceAddElements(t *testing.T, iq *IQ) {
	j := wantAction(t, iq, stanza.SetIQ, ActionSourceAdd)
	checkSources(t, j, addedSources(VideoTypeCamera))
	// The focus-side encoder produces exactly these contents.
	if got := addedSources(VideoTypeCamera).Contents(); !reflect.DeepEqual(j.Contents, got) {
		t.Fatalf("Contents() differs:\n got %+v\nwant %+v", got, j.Contents)
	}
}

func checkSourceAddJSON(t *testing.T, iq *IQ) {
	j := wantAction(t, iq, stanza.SetIQ, ActionSourceAdd)
	if len(j.Contents) != 0 {
		t.Fatal("json source-add has contents")
	}
	checkSources(t, j, addedSources(""))
}

func clientShare() EndpointSources {
	const ms = "e5f0c2a4-8d7b-4c1e-9a3f-6b2d1c0e4f57 3c2b1a09-8f7e-4d6c-b5a4-93827160fedc"
	return EndpointSources{
		Owner: "abcd1234",
		Video: []Source{
			NewSource(3318502211, "abcd1234-v1", ms, VideoTypeDesktop),
			NewSource(1722094588, "abcd1234-v1", ms, VideoTypeDesktop),
		},
		VideoGroups: []SSRCGroup{NewGroup(SemanticsFID, 3318502211, 1722094588)},
	}
}

func checkSourceAddClient(t *testing.T, iq *IQ) {
	j := wantAction(t, iq, stanza.SetIQ, ActionSourceAdd)
	e, err := EndpointSourcesFromContents("abcd1234", j.Contents)
	if err != nil || !reflect.DeepEqual(e, clientShare()) {
		t.Fatalf("sources %+v, %v", e, err)
	}
}

func checkSourceRemoveElements(t *testing.T, iq *IQ) {
	j := wantAction(t, iq, stanza.SetIQ, ActionSourceRemove)
	e, err := EndpointSourcesFromContents("abcd1234", j.Contents)
	if err != nil || !reflect.DeepEqual(e, clientShare()) {
		t.Fatalf("sources %+v, %v", e, err)
	}
}

func checkSourceRemoveJSON(t *testing.T, iq *IQ) {
	j := wantAction(t, iq, stanza.SetIQ, ActionSourceRemove)
	all := addedSources("")
	removed, err := j.Sources()
	if err != nil {
		t.Fatal(err)
	}
	all.Remove(removed["e91b4f02"])
	if v := all["e91b4f02"].Video; len(v) != 2 || v[1].SSRC != 2460817725 || len(all["e91b4f02"].VideoGroups) != 1 {
		t.Fatalf("after remove %+v", all)
	}
}

func checkTerminateRestart(t *testing.T, iq *IQ) {
	j := wantAction(t, iq, stanza.SetIQ, ActionSessionTerminate)
	if j.Reason.Condition != ReasonSuccess || j.Reason.Text != "ICE FAILED" || !j.BridgeSession.IsRestart() {
		t.Fatalf("reason %+v bridge-session %+v", j.Reason, j.BridgeSession)
	}
}

func checkTerminateFocus(t *testing.T, iq *IQ) {
	j := wantAction(t, iq, stanza.SetIQ, ActionSessionTerminate)
	if j.Reason.Condition != ReasonExpired || j.Reason.Text != "Idle timeout" || j.BridgeSession != nil {
		t.Fatalf("reason %+v", j.Reason)
	}
}

func checkTerminateAlternative(t *testing.T, iq *IQ) {
	r := wantAction(t, iq, stanza.SetIQ, ActionSessionTerminate).Reason
	if r.Condition != ReasonAlternativeSession || r.AlternativeSID != "b84tkkwlmb48kgfb" || r.Text != "moving" || len(r.Extra) != 1 {
		t.Fatalf("reason %+v", r)
	}
}

func checkICEState(t *testing.T, iq *IQ) {
	j := wantAction(t, iq, stanza.SetIQ, ActionSessionInfo)
	if j.ICEState == nil || j.ICEState.State != ICEStateFailed || j.BridgeSession.IsICERestart() || j.BridgeSession.ID == "" {
		t.Fatalf("payload %+v", j)
	}
}

func checkICERestart(t *testing.T, iq *IQ) {
	j := wantAction(t, iq, stanza.SetIQ, ActionSessionInfo)
	if j.ICEState != nil || !j.BridgeSession.IsICERestart() || j.BridgeSession.Restart != nil {
		t.Fatalf("payload %+v", j)
	}
}
