package web

import (
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/jitsi-go/jitsi-go/xmpp"
	"github.com/jitsi-go/jitsi-go/xmppd/c2s"
)

// orderLog records which rid's response the server wrote first.
type orderLog struct {
	mu   sync.Mutex
	rids []uint64
}

// loggedWriter notes its rid in the log on the response's first write.
type loggedWriter struct {
	*httptest.ResponseRecorder
	log   *orderLog
	rid   uint64
	wrote bool
}

func (w *loggedWriter) Write(b []byte) (int, error) {
	if !w.wrote {
		w.wrote = true
		w.log.mu.Lock()
		w.log.rids = append(w.log.rids, w.rid)
		w.log.mu.Unlock()
	}
	return w.ResponseRecorder.Write(b)
}

const nsBind = `xmlns="http://jabber.org/protocol/httpbind"`

// serve posts one body straight to the handler and returns the response.
func serve(h http.Handler, log *orderLog, rid uint64, body string) string {
	w := &loggedWriter{ResponseRecorder: httptest.NewRecorder(), log: log, rid: rid}
	h.ServeHTTP(w, httptest.NewRequest(http.MethodPost, "/http-bind", strings.NewReader(body)))
	return w.Body.String()
}

// createSession opens a BOSH session at rid and returns it with its sid.
func createSession(t *testing.T, h *Handler, rid uint64) (*boshSession, string, string) {
	t.Helper()
	resp := serve(h, &orderLog{}, rid, `<body `+nsBind+` rid="`+strconv.FormatUint(rid, 10)+`" to="`+domain+`" wait="60" hold="1"/>`)
	body, err := ParseBody([]byte(strings.Replace(resp, "<body ", `<body rid="0" `, 1)))
	if err != nil || body.Get("sid") == "" {
		t.Fatalf("create: %v %q", err, resp)
	}
	return h.bosh.get(body.Get("sid")), body.Get("sid"), resp
}

func heldRID(bs *boshSession) (uint64, bool) {
	bs.mu.Lock()
	defer bs.mu.Unlock()
	if bs.held == nil {
		return 0, false
	}
	return bs.held.rid, true
}

func reqBody(rid uint64, sid, payload string) string {
	return `<body ` + nsBind + ` rid="` + strconv.FormatUint(rid, 10) + `" sid="` + sid + `">` + payload + `</body>`
}

const authAnon = `<auth xmlns="urn:ietf:params:xml:ns:xmpp-sasl" mechanism="ANONYMOUS"/>`

// TestBOSHAnswersInRIDOrder holds an empty poll (rid N), then sends rid N+1
// whose input produces output: the held poll must be answered before N+1,
// and the <success/> must reach the client exactly once.
func TestBOSHAnswersInRIDOrder(t *testing.T) {
	h, _ := newServer(t, c2s.Limits{})
	for i := range 20 {
		bs, sid, _ := createSession(t, h, 1000)
		log := &orderLog{}
		polled := make(chan string, 1)
		go func() { polled <- serve(h, log, 1001, reqBody(1001, sid, "")) }()
		for rid, ok := heldRID(bs); !ok || rid != 1001; rid, ok = heldRID(bs) {
			select {
			case p := <-polled:
				t.Fatalf("round %d: empty poll answered without being held: %s", i, p)
			default:
				runtime.Gosched()
			}
		}
		auth := serve(h, log, 1002, reqBody(1002, sid, authAnon))
		poll := <-polled
		log.mu.Lock()
		order := append([]uint64(nil), log.rids...)
		log.mu.Unlock()
		if len(order) != 2 || order[0] != 1001 || order[1] != 1002 {
			t.Fatalf("round %d: responses written in rid order %v, want [1001 1002]", i, order)
		}
		if n := strings.Count(poll+auth, "<success"); n != 1 {
			t.Fatalf("round %d: <success/> delivered %d times\npoll %s\nauth %s", i, n, poll, auth)
		}
	}
}

// TestBOSHRIDWindow drives one session through the rid rules: in order,
// a repeated rid gets the same response, a rid beyond the window ends it.
func TestBOSHRIDWindow(t *testing.T) {
	h, _ := newServer(t, c2s.Limits{})
	_, sid, created := createSession(t, h, 500)
	log := &orderLog{}
	var authResp string
	for _, tc := range []struct {
		name    string
		rid     uint64
		payload string
		want    func(string) bool
	}{
		{"in order", 501, authAnon, func(s string) bool { authResp = s; return strings.Contains(s, "<success") }},
		{"repeated rid", 501, "", func(s string) bool { return s == authResp }},
		{"repeated creation rid", 500, "", func(s string) bool { return s == created }},
		{"beyond window", 502 + boshWindow, "", func(s string) bool { return strings.Contains(s, `condition="item-not-found"`) }},
		{"session ended", 502, "", func(s string) bool { return strings.Contains(s, `type="terminate"`) }},
	} {
		if got := serve(h, log, tc.rid, reqBody(tc.rid, sid, tc.payload)); !tc.want(got) {
			t.Fatalf("%s: rid %d got %q", tc.name, tc.rid, got)
		}
	}
}

// TestRIDClassify is the rid window table: the next rid is processed, a
// later one within the window waits its turn, an earlier one within the
// window is a repeat, anything else is out of window.
func TestRIDClassify(t *testing.T) {
	o := newRIDOrder(100)
	o.cache[100] = xmpp.NewElement(xmpp.NSBOSH, "body")
	o.next = 104 // 101..103 processed
	o.done(101, xmpp.NewElement(xmpp.NSBOSH, "body"))
	for _, tc := range []struct {
		rid  uint64
		want ridClass
	}{
		{104, ridNext},
		{105, ridEarly},
		{104 + boshWindow - 1, ridEarly},
		{104 + boshWindow, ridOut},
		{101, ridRepeat}, // answered and cached
		{103, ridRepeat}, // processed, not yet answered
		{100, ridRepeat},
		{99, ridOut}, // before the session
		{104 - boshWindow - 1, ridOut},
		{0, ridOut},
	} {
		if got := o.classify(tc.rid); got != tc.want {
			t.Errorf("classify(%d) = %d, want %d", tc.rid, got, tc.want)
		}
	}
}
