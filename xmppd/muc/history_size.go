package muc

import (
	"strconv"

	"github.com/jitsi-go/jitsi-go/xmpp"
)

// Sizes for maxchars, counted as prosody's util.stanza serialises a stored
// history entry (tostring with an empty to and the delay element appended):
// single-quoted attributes, ' " < > & escaped everywhere, a namespace
// declared only where it differs from the parent's (jabber:client at the
// top level is the stream's and not written), empty elements self-closed,
// namespaced attributes other than xml:* as xmlns:nsN='…' nsN:name='…'.
// Only the length is computed; attribute order does not change it.

// stanzaLen is the length of e serialised with from set to from and an empty to.
func stanzaLen(e *xmpp.Element, from string) int {
	n := len("<") + len(e.Local) + len(" from=''") + escLen(from) + len(" to=''")
	if e.Space != xmpp.NSClient {
		n += len(" xmlns=''") + escLen(e.Space)
	}
	nsid := 0
	for _, a := range e.Attr {
		if a.Name.Space == "" && (a.Name.Local == "from" || a.Name.Local == "to") {
			continue
		}
		n += attrLen(a.Name.Space, a.Name.Local, a.Value, &nsid)
	}
	return n + contentLen(e)
}

// delayLen is the length of <delay xmlns='urn:xmpp:delay' from='room' stamp='…'/>.
func delayLen(room string) int {
	return len("<delay xmlns='"+nsDelay+"' from='' stamp=''/>") + escLen(room) + len(stampLayout)
}

// elementLen is the length of e inside a parent in namespace parentNS.
func elementLen(e *xmpp.Element, parentNS string) int {
	n := len("<") + len(e.Local)
	if e.Space != parentNS {
		n += len(" xmlns=''") + escLen(e.Space)
	}
	nsid := 0
	for _, a := range e.Attr {
		n += attrLen(a.Name.Space, a.Name.Local, a.Value, &nsid)
	}
	return n + contentLen(e)
}

// contentLen is the length from the end of e's attributes to its end.
func contentLen(e *xmpp.Element) int {
	if len(e.Nodes) == 0 {
		return len("/>")
	}
	n := len(">") + len("</>") + len(e.Local)
	for _, c := range e.Nodes {
		if c.El != nil {
			n += elementLen(c.El, e.Space)
		} else {
			n += escLen(c.Text)
		}
	}
	return n
}

func attrLen(space, local, value string, nsid *int) int {
	switch space {
	case "":
		return len(" ='") + len(local) + escLen(value) + len("'")
	case "xml", xmpp.NSXML:
		return len(" xml:='") + len(local) + escLen(value) + len("'")
	}
	*nsid++
	id := len(strconv.Itoa(*nsid))
	return len(" xmlns:ns='' ns:='") + 2*id + escLen(space) + len(local) + escLen(value) + len("'")
}

// escLen is the length of s after prosody's xml_escape.
func escLen(s string) int {
	n := len(s)
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '\'', '"':
			n += 5
		case '<', '>':
			n += 3
		case '&':
			n += 4
		}
	}
	return n
}
