package focus

import (
	"testing"

	"github.com/jitsi-go/jitsi-go/colibri"
	"github.com/jitsi-go/jitsi-go/jingle"
	"mellium.im/xmpp/stanza"
)

// TestMute follows jicofo's MuteIqHandler and handleMuteRequest: moderators
// may mute others, nobody may unmute another, an accepted mute force-mutes
// the target on the bridge until its own unmute, and av moderation keeps
// non-moderators force-muted.
func TestMute(t *testing.T) {
	h := newHarness(t, "", bridge1)
	mod := occupant("aaaa")
	mod.Role = colibri.RoleModerator
	h.join(mod)
	h.join(occupant("bbbb"))
	mute := func(from, target string, media colibri.MuteMedia, on bool) *stanza.Error {
		serr, err := h.conf.HandleMute(h.ctx(), testRoom+"/"+from, colibri.Mute{Media: media, JID: testRoom + "/" + target, Mute: on})
		if err != nil {
			t.Fatal(err)
		}
		h.settle()
		return serr
	}
	forceMutes := func() []colibri.Endpoint {
		var out []colibri.Endpoint
		for _, c := range h.bridgeCalls() {
			if len(c.Req.Endpoints) > 0 && c.Req.Endpoints[0].ForceMute != nil && !c.Req.Endpoints[0].Create {
				out = append(out, c.Req.Endpoints[0])
			}
		}
		return out
	}
	lastForceMute := func(n int, id string, audio, video bool) {
		t.Helper()
		fm := forceMutes()
		if len(fm) != n {
			t.Fatalf("%d force-mute updates, want %d: %+v", len(fm), n, fm)
		}
		last := fm[n-1]
		if last.ID != id || last.ForceMute.Audio != audio || last.ForceMute.Video != video {
			t.Fatalf("force-mute %s %+v, want %s audio=%v video=%v", last.ID, last.ForceMute, id, audio, video)
		}
	}
	if e := mute("aaaa", "bbbb", colibri.MuteAudio, true); e != nil {
		t.Fatalf("moderator mute: %v", e)
	}
	fwd, _ := h.sig.mutes.snapshot()
	if len(fwd) != 1 || fwd[0].To != testRoom+"/bbbb" || fwd[0].M.Actor != testRoom+"/aaaa" || !fwd[0].M.Mute {
		t.Fatalf("forwarded %+v", fwd)
	}
	lastForceMute(1, "bbbb", true, false)
	if e := mute("bbbb", "bbbb", colibri.MuteAudio, false); e != nil {
		t.Fatalf("self unmute after a moderator mute: %v", e)
	}
	lastForceMute(2, "bbbb", false, false)
	for _, tt := range []struct {
		from, target string
		on           bool
	}{{"bbbb", "aaaa", true}, {"aaaa", "bbbb", false}, {"nobody", "bbbb", true}} {
		if e := mute(tt.from, tt.target, colibri.MuteVideo, tt.on); e == nil {
			t.Fatalf("%+v allowed", tt)
		}
	}
	if e := mute("bbbb", "bbbb", colibri.MuteDesktop, true); e != nil {
		t.Fatalf("self mute: %v", e)
	}
	if fwd, _ := h.sig.mutes.snapshot(); len(fwd) != 1 {
		t.Fatalf("self mute forwarded: %+v", fwd)
	}
	lastForceMute(3, "bbbb", false, true) // desktop is video on the bridge
	if e := mute("bbbb", "bbbb", colibri.MuteDesktop, false); e != nil {
		t.Fatalf("self unmute: %v", e)
	}
	lastForceMute(4, "bbbb", false, false)
	if err := h.conf.SetAVModeration(h.ctx(), colibri.MuteAudio, true); err != nil {
		t.Fatal(err)
	}
	h.settle()
	lastForceMute(5, "bbbb", true, false)
	if e := mute("bbbb", "bbbb", colibri.MuteAudio, false); e == nil {
		t.Fatal("unmute allowed under av moderation")
	}
}

// TestStartMuted follows jicofo's hasToStartAudioMuted: with
// startAudioMuted=1 the second participant is invited muted; the room's
// startMuted flag mutes everyone who joins afterwards.
func TestStartMuted(t *testing.T) {
	h := newHarness(t, "", bridge1)
	one := 1
	h.conf.state.p.StartAudioMuted = &one // before any event: the executor reads it later
	h.join(occupant("aaaa"))
	h.join(occupant("bbbb"))
	for _, n := range []string{"aaaa", "bbbb"} {
		sm := h.last(n, jingle.ActionSessionInitiate).StartMuted
		if sm == nil || !sm.Audio || sm.Video {
			t.Fatalf("%s startmuted %+v", n, sm)
		}
	}
	if err := h.conf.SetStartMuted(h.ctx(), false, true); err != nil {
		t.Fatal(err)
	}
	h.join(occupant("cccc"))
	if sm := h.last("cccc", jingle.ActionSessionInitiate).StartMuted; sm == nil || !sm.Video {
		t.Fatalf("cccc startmuted %+v", sm)
	}
}
