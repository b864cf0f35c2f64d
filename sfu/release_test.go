package sfu

import (
	"fmt"
	"runtime"
	"testing"
	"weak"
)

// TestExpiredEndpointReleased checks that an expired endpoint (with its
// packet caches) becomes garbage while its conference lives on, whichever
// order the endpoints leave in.
func TestExpiredEndpointReleased(t *testing.T) {
	s := newTestSFU(t, Config{TickInterval: 1 << 40})
	for _, tc := range []struct {
		name  string
		order []int // expiry order of three endpoints
	}{
		{"first-joined-first", []int{0, 1, 2}},
		{"last-joined-first", []int{2, 1, 0}},
		{"middle-first", []int{1, 0, 2}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			conf, refs := expireInOrder(t, s, tc.name, tc.order)
			runtime.GC()
			for i, w := range refs {
				if w.Value() != nil {
					t.Errorf("endpoint %d still reachable after expiry", i)
				}
			}
			if conf.Len() != 0 {
				t.Errorf("conference has %d endpoints", conf.Len())
			}
		})
	}
}

func expireInOrder(t *testing.T, s *SFU, name string, order []int) (*Conference, []weak.Pointer[Endpoint]) {
	t.Helper()
	conf, err := s.CreateConference(name)
	must(t, err)
	eps := make([]*Endpoint, len(order))
	refs := make([]weak.Pointer[Endpoint], len(order))
	for i := range eps {
		ep, err := conf.AddEndpoint(fmt.Sprintf("e%d", i), testEndpointOptions())
		must(t, err)
		base := uint32(5000 + 10*i)
		must(t, ep.SetSources([]Source{
			{Name: ep.id + "-a0", Kind: Audio, SSRCs: []uint32{base}},
			{Name: ep.id + "-v0", Kind: Video, SSRCs: []uint32{base + 1}},
		}))
		ep.SetReceiverConstraints(ReceiverConstraints{LastN: -1, DefaultMaxHeight: 720})
		eps[i], refs[i] = ep, weak.Make(ep)
	}
	for _, i := range order {
		eps[i].Expire()
	}
	return conf, refs
}
