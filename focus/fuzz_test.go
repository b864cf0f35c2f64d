package focus

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/jitsi-go/jitsi-go/jingle"
	"mellium.im/xmpp/jid"
)

// FuzzHandleJingle feeds arbitrary Jingle IQs from a participant into a
// conference with two active participants. Whatever arrives must get a
// reply, never panic, and leave the conference's sources valid and the other
// participant's session untouched. Seeds are real lib-jitsi-meet stanzas.
func FuzzHandleJingle(f *testing.F) {
	seeds, _ := filepath.Glob(filepath.Join("testdata", "jingle-*.xml"))
	for _, s := range seeds {
		data, err := os.ReadFile(s)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		iq, jerr := DecodeJingleRequest(data)
		if jerr != nil {
			return // the glue replies bad-request
		}
		h := newHarness(t, "", bridge1)
		twoActive(t, h)
		iq.From = jid.MustParse(testRoom + "/aaaa")
		if iq.Jingle != nil {
			iq.Jingle.SID = h.last("aaaa", jingle.ActionSessionInitiate).SID
			if iq.Jingle.BridgeSession != nil {
				iq.Jingle.BridgeSession.ID = h.snapshot().Participants[0].BridgeSessionID
			}
		}
		reply, err := h.conf.HandleJingle(h.ctx(), iq)
		if err != nil || reply == nil {
			t.Fatalf("no reply: %v", err)
		}
		h.settle()
		var bad error
		if err := h.conf.do(h.ctx(), func(s *conference) { bad = s.sources.m.Validate() }); err != nil {
			t.Fatal(err)
		}
		if bad != nil {
			t.Fatalf("conference sources invalid after %s: %v", iq.Jingle.Action, bad)
		}
		if s := h.snapshot().Participants[1]; s.State != "active" || s.SSRCs != 7 {
			t.Fatalf("bbbb affected: %+v", s)
		}
	})
}
