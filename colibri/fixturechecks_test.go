package colibri

import (
	"testing"

	"github.com/jitsi-go/jitsi-go/jingle"
)

func checkBreweryPresence(t *testing.T, d []byte) {
	p := roundTrip[Presence](t, d)
	s := p.Stats
	if s == nil {
		t.Fatal("no stats")
	}
	want(t, "stat count", len(s.Stats), 37)
	stress, ok := s.StressLevel()
	want(t, "stress", [2]any{stress, ok}, [2]any{0.12, true})
	want(t, "drain", s.Drain(), false)
	want(t, "graceful/shutting", [2]bool{s.GracefulShutdown(), s.ShuttingDown()}, [2]bool{false, false})
	h, hp := s.Healthy()
	want(t, "healthy", [2]bool{h, hp}, [2]bool{true, true})
	want(t, "full version", s.FullVersion(), "2.3.999-gabcdef-123")
	want(t, "region/relay", [2]string{s.Region(), s.RelayID()}, [2]string{"us-east-1", "jvb-1234"})
	n, _ := s.Participants()
	c, _ := s.Conferences()
	want(t, "participants/conferences", [2]int{n, c}, [2]int{7, 2})
	want(t, "muc x kept", len(p.Extra) == 1 && p.Extra[0].Name().Local == "x", true)
}

func checkFocusPresence(t *testing.T, d []byte) {
	p := roundTrip[Presence](t, d)
	v, ok := p.ConferenceProperties.Get(KeySupportTerminateRestart)
	want(t, "support-terminate-restart", [2]any{v, ok}, [2]any{"true", true})
	fv, _ := p.Versions.Get(ComponentFocus)
	want(t, "focus version", fv, "1.0.1095")
	want(t, "bridgeNotAvailable", p.BridgeNotAvailable == nil, true)
	want(t, "extra (etherpad, caps, muc)", len(p.Extra), 3)
}

func checkConferenceRequest(t *testing.T, d []byte) {
	iq := roundTrip[ConferenceIQ](t, d)
	c := iq.Payload
	want(t, "machine-uid", c.MachineUID, "4f9d0c3b8a7e6d5c4b3a29180f7e6d5c")
	want(t, "ready", c.Ready == nil, true)
	v, _ := c.Property(PropRTCStatsEnabled)
	want(t, "rtcstatsEnabled", v, "false")
	room, err := c.RoomJID()
	if err != nil || room.String() != "room1@conference.meet.example.com" {
		t.Errorf("room = %v, %v", room, err)
	}
	want(t, "proxied from", iq.From.Resourcepart(), "d2b7c9e0-3a41-4f6b-8c2d-1e9f0a5b6c7d@meet.example.com/Xn2pXr5d")
}

func checkCreate(t *testing.T, d []byte) {
	c := roundTrip[ConferenceModifyIQ](t, d).Payload
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	want(t, "create/name", [2]any{c.Create, c.Name}, [2]any{true, "room1@conference.meet.example.com"})
	want(t, "rtcstats", c.RTCStats(), false)
	ep := c.Endpoint("a1b2c3d4")
	want(t, "endpoint create/stats-id", [2]any{ep.Create, ep.StatsID}, [2]any{true, "Fred-x1y"})
	audio, video := ep.MediaOf(MediaAudio), ep.MediaOf(MediaVideo)
	want(t, "audio PTs", len(audio.PayloadTypes), 3)
	want(t, "red fmtp", audio.PayloadType("red").Parameters[0].Value, "111/111")
	mp, _ := audio.PayloadType("opus").Param("minptime")
	want(t, "opus minptime", mp, "10")
	want(t, "audio mixed", audio.ExtmapAllowMixed != nil, true)
	want(t, "video PTs", len(video.PayloadTypes), 8)
	apt, _ := video.PayloadTypeByID(99).Param("apt")
	want(t, "rtx 99 apt", apt, "107")
	want(t, "vp9 fb", len(video.PayloadType("VP9").RTCPFB), 5)
	want(t, "av1 dd", video.HdrExt(jingle.ExtAV1Dependency).ID, uint16(11))
	want(t, "ice-controlling + sctp", ep.Transport.ICEControlling && ep.Transport.SCTP != nil, true)
	want(t, "empty sources", ep.Sources != nil && len(ep.Sources.MediaSources) == 0, true)
	want(t, "caps", ep.HasCapability(CapSourceNames) && ep.HasCapability(CapSSRCRewriting), true)
	want(t, "force-mute", *ep.ForceMute, ForceMute{Audio: true})
}

func checkEndpointUpdate(t *testing.T, d []byte) {
	c := roundTrip[ConferenceModifyIQ](t, d).Payload
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	ep := c.Endpoint("a1b2c3d4")
	want(t, "create", ep.Create, false)
	fp := ep.Transport.Fingerprint()
	want(t, "setup", fp.Setup, "active")
	cands := ep.Transport.ICEUDP.Candidates
	want(t, "candidates", [2]string{cands[0].Type, cands[1].Type}, [2]string{"host", "srflx"})
	want(t, "srflx rel", cands[1].RelAddr, "192.168.1.23")
	checkSSRCs(t, ep.Sources.ByID("a1b2c3d4-a0"), 1029384756)
	v0 := ep.Sources.ByID("a1b2c3d4-v0")
	checkSSRCs(t, v0, 111111, 111112, 111113, 111114, 111115, 111116)
	want(t, "SIM", v0.Group(jingle.SemanticsSIM).SSRCs(), []uint32{111111, 111113, 111115})
	want(t, "FID count", len(v0.SSRCGroups), 4)
	want(t, "desktop", ep.Sources.ByID("a1b2c3d4-v1").Sources[0].VideoType, "desktop")
	want(t, "initial-last-n", ep.InitialLastN.Value, 5)
}

func checkRelayCreate(t *testing.T, d []byte) {
	c := roundTrip[ConferenceModifyIQ](t, d).Payload
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	r := c.Relay("jvb-5678")
	want(t, "create/mesh", [2]any{r.Create, r.MeshID}, [2]any{true, "0"})
	want(t, "media", len(r.Media), 2)
	tr := r.Transport
	want(t, "unique port + controlling", tr.UseUniquePort && tr.ICEControlling, true)
	want(t, "sctp role", tr.SCTP.Role, SCTPRoleClient)
	ep := r.Endpoint("e5f6a7b8")
	want(t, "remote endpoint", ep.Create && ep.StatsID == "Ann-q2w", true)
	checkSSRCs(t, ep.Sources.ByID("e5f6a7b8-v0"), 3344556677, 3344556678)
}

func checkModified(t *testing.T, d []byte) {
	iq := roundTrip[ConferenceModifiedIQ](t, d)
	c := iq.Payload
	if err := c.Validate(); err != nil {
		t.Fatal(err)
	}
	tr := c.Endpoint("a1b2c3d4").Transport
	want(t, "ufrag", tr.ICEUDP.Ufrag, "8a1bqpg3sn4ifr")
	want(t, "rtcp-mux", tr.ICEUDP.RTCPMux != nil, true)
	want(t, "fingerprint", [2]string{tr.Fingerprint().Hash, tr.Fingerprint().Setup}, [2]string{"sha-256", "actpass"})
	want(t, "candidates", len(tr.ICEUDP.Candidates), 2)
	want(t, "ws", tr.WebSocketURL(), "wss://meet.example.com:443/colibri-ws/default-id/7e441eda3701676e/a1b2c3d4?pwd=mfp3b6sm9j0rq2x7nkd41cve")
	want(t, "sctp", *tr.SCTP, SCTP{Port: SCTPPort, Role: SCTPRoleServer})
	want(t, "feedback sources", c.Sources, FeedbackSources(3191927963, 1863439907))
}
