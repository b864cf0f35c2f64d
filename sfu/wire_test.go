package sfu

import (
	"crypto/rand"
	"net/netip"
	"testing"

	"github.com/pion/srtp/v2"
)

// peerKeys are the client side of an endpoint wired without ICE/DTLS.
type peerKeys struct {
	send *srtp.Context // encrypts what the client sends to the bridge
	recv *srtp.Context // decrypts what the bridge sends to the client
}

// wireEndpoint installs fresh AEAD_AES_128_GCM keys and a selected remote
// address on ep, as a completed ICE/DTLS handshake would.
func wireEndpoint(tb testing.TB, ep *Endpoint, remote netip.AddrPort) peerKeys {
	tb.Helper()
	profile := srtp.ProtectionProfileAeadAes128Gcm
	keys := func() ([]byte, []byte) {
		k, s := make([]byte, 16), make([]byte, 12)
		_, _ = rand.Read(k)
		_, _ = rand.Read(s)
		return k, s
	}
	upK, upS := keys()
	downK, downS := keys()
	ctx := func(k, s []byte, opts ...srtp.ContextOption) *srtp.Context {
		c, err := srtp.CreateContext(k, s, profile, opts...)
		if err != nil {
			tb.Fatal(err)
		}
		return c
	}
	tr, err := transportFromKeys(profile, downK, downS, upK, upS)
	if err != nil {
		tb.Fatal(err)
	}
	ep.tr.Store(tr)
	ep.selected.Store(&remote)
	ep.sfu.bindAddr(remote, ep)
	ep.state.Store(int32(TransportConnected))
	ep.mu.Lock()
	ep.dtlsStarted = true // as after a handshake
	ep.mu.Unlock()
	return peerKeys{send: ctx(upK, upS), recv: ctx(downK, downS)}
}
