package media

import (
	"encoding/binary"
	"fmt"
)

// TrailerSize is the length of the trailer at the end of every payload.
const TrailerSize = 16

// trailerMagic marks a payload written by this package.
var trailerMagic = [4]byte{'J', 'G', 'O', '1'}

// Trailer is what a sender embeds at the end of each payload.
type Trailer struct {
	// Sender identifies the sending participant (tests choose it).
	Sender uint32
	// Counter counts the packets of one stream (one layer), from 0,
	// independent of the RTP sequence number a bridge may rewrite.
	Counter uint32
	// Layer is the simulcast encoding (0 lowest); 0 for audio.
	Layer uint8
	// Keyframe is set on every packet of a keyframe.
	Keyframe bool
}

// AppendTrailer appends t's 16 bytes to b.
func AppendTrailer(b []byte, t Trailer) []byte {
	b = append(b, trailerMagic[:]...)
	b = binary.BigEndian.AppendUint32(b, t.Sender)
	b = binary.BigEndian.AppendUint32(b, t.Counter)
	flags := byte(0)
	if t.Keyframe {
		flags = 1
	}
	return append(b, t.Layer, flags, 0, 0)
}

// ParseTrailer reads the trailer at the end of a payload.
func ParseTrailer(payload []byte) (Trailer, error) {
	if len(payload) < TrailerSize {
		return Trailer{}, fmt.Errorf("%w: %d bytes", ErrNoTrailer, len(payload))
	}
	b := payload[len(payload)-TrailerSize:]
	if [4]byte(b[:4]) != trailerMagic {
		return Trailer{}, fmt.Errorf("%w: magic %x", ErrNoTrailer, b[:4])
	}
	return Trailer{
		Sender:   binary.BigEndian.Uint32(b[4:8]),
		Counter:  binary.BigEndian.Uint32(b[8:12]),
		Layer:    b[12],
		Keyframe: b[13]&1 == 1,
	}, nil
}
