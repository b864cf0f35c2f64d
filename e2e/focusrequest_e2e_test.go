//go:build e2e

package e2e

import (
	"context"
	"strings"
	"testing"

	"github.com/jitsi-go/jitsi-go/internal/testenv"
)

// TestLibJitsiMeetReachesFocus: lib-jitsi-meet in headless Chromium connects
// to stock prosody over each transport (CONNECTION_ESTABLISHED) and its
// conference request is routed to focus.<domain>.
//
// The IQ is received by FocusObserver, a XEP-0114 component that only
// records it and never answers. It is not a focus: once cmd/focus exists,
// the real focus replaces the observer here and this scenario goes on to
// CONFERENCE_JOINED and media.
func TestLibJitsiMeetReachesFocus(t *testing.T) {
	testenv.RequireNetNS(t)
	ForEachServerAndTransport(t, func(t *testing.T, d Deployment, tr Transport) {
		ctx := scenarioCtx(t)
		x := StartXMPP(t, d)
		d = x.Deployment
		focus := ObserveFocus(t, x) // the real focus replaces this observer once cmd/focus exists
		page := StartBrowser(t).NewPage(t, d)

		if err := page.Join(ctx, "e2e-room", tr); err != nil {
			t.Fatal(err)
		}
		req, err := focus.NextConferenceRequest(ctx)
		if err != nil {
			t.Fatal(err)
		}
		info, err := page.Info(ctx)
		if err != nil {
			t.Fatal(err)
		}
		checkConferenceRequest(t, req, d, info)
		checkTransport(t, page, d, tr)
		checkHooksWithoutFocus(ctx, t, page)
	})
}

func checkConferenceRequest(t *testing.T, req ConferenceRequest, d Deployment, info Info) {
	t.Helper()
	if req.Type != "set" || req.To != d.Focus() {
		t.Errorf("conference iq type %q to %q, want set to %s", req.Type, req.To, d.Focus())
	}
	if req.Room != d.RoomJID("e2e-room") {
		t.Errorf("room = %q, want %q", req.Room, d.RoomJID("e2e-room"))
	}
	if info.MachineUID == "" || req.MachineUID != info.MachineUID {
		t.Errorf("machine-uid = %q, page's jitsiMeetId = %q", req.MachineUID, info.MachineUID)
	}
	if info.JID == "" || req.From != info.JID || !strings.HasSuffix(strings.SplitN(req.From, "/", 2)[0], "@"+d.Domain) {
		t.Errorf("iq from %q, page's JID %q (anonymous on %s)", req.From, info.JID, d.Domain)
	}
	if _, ok := req.Properties["disableRtx"]; !ok {
		t.Errorf("properties %v lack disableRtx", req.Properties)
	}
}

// checkHooksWithoutFocus exercises the media and bridge-channel hooks as far
// as a conference without a focus allows: no peer connection exists yet, so
// no inbound RTP, and no bridge channel to send on.
func checkHooksWithoutFocus(ctx context.Context, t *testing.T, page *Page) {
	t.Helper()
	st, err := page.State(ctx)
	if err != nil || st.Connection != "established" || st.Conference != "joining" {
		t.Errorf("state %+v (err %v), want established and joining: no focus has answered", st, err)
	}
	stats, err := page.InboundStats(ctx)
	if err != nil || stats != (InboundStats{}) {
		t.Errorf("inbound stats before any session = %+v, err %v; want zero", stats, err)
	}
	if err := page.SendEndpointMessage(ctx, "", map[string]string{"hello": "e2e"}); err == nil {
		t.Error("SendEndpointMessage without a bridge channel succeeded")
	}
	if ex := page.Exceptions(); len(ex) > 0 {
		t.Errorf("uncaught exceptions in the page: %q", ex)
	}
}

// checkTransport proves from the browser's own network events that the
// XMPP traffic used tr and only tr (the bridge channel's colibri websocket
// is not XMPP traffic and is left out).
func checkTransport(t *testing.T, page *Page, d Deployment, tr Transport) {
	t.Helper()
	all, reqs := page.Traffic()
	var ws []string
	for _, u := range all {
		if !strings.Contains(u, "/colibri-ws/") {
			ws = append(ws, u)
		}
	}
	bosh := 0
	for _, u := range reqs {
		if u == d.ServiceURL(BOSH) {
			bosh++
		}
	}
	switch tr {
	case WebSocket:
		if len(ws) != 1 || ws[0] != d.ServiceURL(WebSocket) || bosh != 0 {
			t.Errorf("websocket run: websockets %v, %d BOSH requests", ws, bosh)
		}
	case BOSH:
		if len(ws) != 0 || bosh == 0 {
			t.Errorf("BOSH run: websockets %v, %d BOSH requests", ws, bosh)
		}
	}
}
