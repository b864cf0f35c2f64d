package sfu

import (
	"crypto/aes"
	"crypto/cipher"
	"encoding/binary"
	"errors"
)

// SRTP key derivation labels (RFC 3711 4.3.1).
const (
	labelSRTPEncryption = 0x00
	labelSRTPSalt       = 0x02
	gcmTagLen           = 16
)

var (
	errSRTPShort  = errors.New("sfu: srtp packet too short")
	errSRTPReplay = errors.New("sfu: srtp replay")
	errSRTPAuth   = errors.New("sfu: srtp authentication failed")
)

// gcmRTP is an allocation-free SRTP AEAD_AES_128_GCM transform for RTP
// (RFC 7714). pion/srtp allocates the nonce on every packet; this one keeps
// it in the struct. RTCP stays on pion/srtp. Not safe for concurrent use.
type gcmRTP struct {
	aead   cipher.AEAD
	salt   [12]byte
	iv     [12]byte
	states map[uint32]*rtpState
	replay bool
	fresh  rtpState // state of an SSRC not yet authenticated
}

// rtpState is the rollover counter and replay window of one SSRC.
type rtpState struct {
	roc     uint32
	lastSeq uint16
	started bool
	window  replayWindow
}

func newGCMRTP(masterKey, masterSalt []byte, replay bool) (*gcmRTP, error) {
	key, err := deriveSessionKey(labelSRTPEncryption, masterKey, masterSalt, len(masterKey))
	if err != nil {
		return nil, err
	}
	salt, err := deriveSessionKey(labelSRTPSalt, masterKey, masterSalt, 12)
	if err != nil {
		return nil, err
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	aead, err := cipher.NewGCM(block)
	if err != nil {
		return nil, err
	}
	g := &gcmRTP{aead: aead, states: map[uint32]*rtpState{}, replay: replay}
	copy(g.salt[:], salt)
	return g, nil
}

// deriveSessionKey is the AES-CM PRF of RFC 3711 4.3.3 with a key
// derivation rate of 0: the master salt, left-aligned in a 16-byte block,
// has the label XORed into byte 7 and a block counter in the last 2 bytes.
func deriveSessionKey(label byte, masterKey, masterSalt []byte, n int) ([]byte, error) {
	block, err := aes.NewCipher(masterKey)
	if err != nil {
		return nil, err
	}
	if len(masterSalt) > 14 {
		return nil, errSRTPShort
	}
	var in [16]byte
	copy(in[:], masterSalt)
	in[7] ^= label
	out := make([]byte, 0, n+16)
	var blk [16]byte
	for i := uint16(0); len(out) < n; i++ {
		binary.BigEndian.PutUint16(in[14:], i)
		block.Encrypt(blk[:], in[:])
		out = append(out, blk[:]...)
	}
	return out[:n], nil
}

// estimateROC is RFC 3711 Appendix A: the ROC of seq given the last one.
func (s *rtpState) estimateROC(seq uint16) uint32 {
	if !s.started {
		return s.roc
	}
	switch {
	case s.lastSeq < 0x8000 && int(seq)-int(s.lastSeq) > 0x8000:
		return s.roc - 1
	case s.lastSeq >= 0x8000 && int(s.lastSeq)-0x8000 > int(seq):
		return s.roc + 1
	}
	return s.roc
}

func (s *rtpState) update(seq uint16, roc uint32) {
	switch {
	case !s.started:
		s.started, s.roc, s.lastSeq = true, roc, seq
	case roc == s.roc+1:
		s.roc, s.lastSeq = roc, seq
	case roc == s.roc && seq > s.lastSeq:
		s.lastSeq = seq
	}
}

func (g *gcmRTP) nonce(ssrc, roc uint32, seq uint16) []byte {
	binary.BigEndian.PutUint16(g.iv[0:], 0)
	binary.BigEndian.PutUint32(g.iv[2:], ssrc)
	binary.BigEndian.PutUint32(g.iv[6:], roc)
	binary.BigEndian.PutUint16(g.iv[10:], seq)
	for i := range g.iv {
		g.iv[i] ^= g.salt[i]
	}
	return g.iv[:]
}

// decrypt authenticates and decrypts an SRTP packet in place and returns
// the plaintext RTP packet (a prefix of pkt).
func (g *gcmRTP) decrypt(pkt []byte) ([]byte, error) {
	hl := rtpHeaderLen(pkt)
	if hl < 0 || len(pkt) < hl+gcmTagLen {
		return nil, errSRTPShort
	}
	ssrc, seq := binary.BigEndian.Uint32(pkt[8:12]), binary.BigEndian.Uint16(pkt[2:4])
	st := g.states[ssrc]
	if st == nil {
		g.fresh = rtpState{}
		st = &g.fresh
	}
	roc := st.estimateROC(seq)
	idx := uint64(roc)<<16 | uint64(seq)
	if g.replay && !st.window.fresh(idx) {
		return nil, errSRTPReplay
	}
	if _, err := g.aead.Open(pkt[hl:hl], g.nonce(ssrc, roc, seq), pkt[hl:], pkt[:hl]); err != nil {
		return nil, errSRTPAuth
	}
	if st == &g.fresh {
		st = &rtpState{}
		g.states[ssrc] = st
	}
	st.update(seq, roc)
	if g.replay {
		st.window.mark(idx)
	}
	return pkt[:len(pkt)-gcmTagLen], nil
}

// encrypt appends the SRTP form of the plaintext RTP packet to dst[:0].
func (g *gcmRTP) encrypt(dst, plain []byte) ([]byte, error) {
	hl := rtpHeaderLen(plain)
	if hl < 0 {
		return nil, errSRTPShort
	}
	ssrc, seq := binary.BigEndian.Uint32(plain[8:12]), binary.BigEndian.Uint16(plain[2:4])
	st := g.states[ssrc]
	if st == nil {
		st = &rtpState{}
		g.states[ssrc] = st
	}
	roc := st.estimateROC(seq)
	st.update(seq, roc)
	dst = append(dst[:0], plain[:hl]...)
	return g.aead.Seal(dst, g.nonce(ssrc, roc, seq), plain[hl:], plain[:hl]), nil
}
