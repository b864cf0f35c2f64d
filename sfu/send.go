package sfu

import "github.com/pion/rtcp"

// sendRTCP encrypts and sends RTCP packets to this endpoint.
func (ep *Endpoint) sendRTCP(pkts []rtcp.Packet) error {
	raw, err := rtcp.Marshal(pkts)
	if err != nil {
		return err
	}
	ep.sendMu.Lock()
	defer ep.sendMu.Unlock()
	tr, addr := ep.tr.Load(), ep.selected.Load()
	if ep.expired.Load() || tr == nil || addr == nil {
		return ErrNotConnected
	}
	out, err := tr.out.EncryptRTCP(ep.outBuf[:0], raw, nil)
	if err != nil {
		return err
	}
	ep.stats.packetsOut.Add(1)
	return ep.sfu.writeTo(out, *addr)
}

// sendRTP encrypts one plaintext RTP packet and sends it. Hot path.
func (ep *Endpoint) sendRTP(plain []byte) {
	ep.sendMu.Lock()
	tr, addr := ep.tr.Load(), ep.selected.Load()
	if ep.expired.Load() || tr == nil || addr == nil {
		ep.sendMu.Unlock()
		return
	}
	out, err := tr.encryptRTP(ep.outBuf[:0], plain, &ep.txHdr)
	if err == nil && ep.sfu.writeTo(out, *addr) == nil {
		ep.stats.packetsOut.Add(1)
		ep.stats.bytesOut.Add(uint64(len(out)))
	}
	ep.sendMu.Unlock()
}
