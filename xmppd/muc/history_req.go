package muc

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/jitsi-go/jitsi-go/xmpp"
)

// historyRequest is a joiner's <history maxchars maxstanzas seconds since/>
// as prosody's parse_history reads it; a nil field was absent or not a
// number (Lua tonumber) or not a date (util.datetime.parse).
type historyRequest struct {
	maxChars, maxStanzas, since *float64
}

// parseHistoryRequest reads the <history/> of a join presence; seconds
// becomes a since of now-seconds (the later of the two when both are given).
func parseHistoryRequest(join *xmpp.Element, now time.Time) historyRequest {
	var req historyRequest
	x := join.Child(xmpp.NSMUC, "x")
	if x == nil {
		return req
	}
	h := x.Child(xmpp.NSMUC, "history")
	if h == nil {
		return req
	}
	req.maxChars = luaNumber(h.Get("maxchars"))
	req.maxStanzas = luaNumber(h.Get("maxstanzas"))
	req.since = parseStamp(h.Get("since"))
	if s := luaNumber(h.Get("seconds")); s != nil {
		t := float64(now.Unix()) - *s
		if req.since == nil || t > *req.since {
			req.since = &t
		}
	}
	return req
}

// pick returns the newest entries that fit the request, oldest first, as
// prosody's muc-get-history: walking back from the newest, it stops at the
// first entry that would pass maxchars (each entry counted with the
// joiner's JID as its to), is older than since, or exceeds maxstanzas. A
// request with none of them gets defMsgs stanzas.
func (req historyRequest) pick(entries []histEntry, to string, defMsgs int) []histEntry {
	maxStanzas := float64(len(entries))
	switch {
	case req.maxStanzas != nil:
		maxStanzas = *req.maxStanzas
	case req.maxChars == nil && req.since == nil:
		maxStanzas = float64(defMsgs)
	}
	n, chars := 0, 0.0
	for i := len(entries) - 1; i >= 0; i-- {
		if req.maxChars != nil {
			chars += float64(entries[i].chars + len(to))
			if chars > *req.maxChars {
				break
			}
		}
		if req.since != nil && *req.since > float64(entries[i].at) {
			break
		}
		if float64(n+1) > maxStanzas {
			break
		}
		n++
	}
	return entries[len(entries)-n:]
}

// luaNumber is Lua's tonumber for a string: decimal or 0x hex, surrounding
// space allowed, no inf, nan or digit separators. "" gives nil.
func luaNumber(s string) *float64 {
	s = strings.TrimSpace(s)
	if s == "" || strings.ContainsAny(s, "nN_") {
		return nil
	}
	body, neg := s, false
	if body[0] == '+' || body[0] == '-' {
		body, neg = body[1:], body[0] == '-'
	}
	var v float64
	if len(body) > 2 && (body[:2] == "0x" || body[:2] == "0X") {
		u, err := strconv.ParseUint(body[2:], 16, 64)
		if err != nil {
			return nil
		}
		v = float64(u)
	} else {
		f, err := strconv.ParseFloat(body, 64)
		if err != nil || math.IsInf(f, 0) || strings.HasPrefix(body, "+") || strings.HasPrefix(body, "-") {
			return nil
		}
		v = f
	}
	if neg {
		v = -v
	}
	return &v
}

// stampRE is the pattern of prosody's util.datetime.parse.
var stampRE = regexp.MustCompile(`^(\d{4})-?(\d\d)-?(\d\d)T(\d\d):(\d\d):(\d\d)\.?\d*([Z+-]?.*)$`)

var tzdRE = regexp.MustCompile(`([+-])(\d\d):?(\d*)`)

// parseStamp reads an XEP-0082 DateTime as prosody does: fractions are
// dropped, a missing zone is UTC, a zone whose minutes are not two digits
// counts as whole hours. It returns Unix seconds or nil.
func parseStamp(s string) *float64 {
	m := stampRE.FindStringSubmatch(s)
	if m == nil {
		return nil
	}
	var f [6]int
	for i := range f {
		f[i], _ = strconv.Atoi(m[i+1])
	}
	offset := 0
	if tzd := m[7]; tzd != "" && tzd != "Z" {
		z := tzdRE.FindStringSubmatch(tzd)
		if z == nil {
			return nil
		}
		h, _ := strconv.Atoi(z[2])
		mins, _ := strconv.Atoi(z[3])
		if len(z[3]) != 2 {
			mins = 0
		}
		offset = h*3600 + mins*60
		if z[1] == "-" {
			offset = -offset
		}
	}
	t := time.Date(f[0], time.Month(f[1]), f[2], f[3], f[4], f[5], 0, time.UTC).Unix() - int64(offset)
	v := float64(t)
	return &v
}
