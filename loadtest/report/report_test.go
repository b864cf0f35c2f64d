package report

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/jitsi-go/jitsi-go/loadtest"
)

var update = flag.Bool("update", false, "rewrite testdata/report.golden.html")

const goldenPath = "testdata/report.golden.html"

func TestWriteHTMLFixture(t *testing.T) {
	r := loadFixture(t)
	doc := parse(t, render(t, r))
	if n := len(elements(doc, "svg")); n != 6 {
		t.Errorf("%d <svg> plots, want 6", n)
	}
	if n := len(withClass(doc, "nodata")); n != 0 {
		t.Errorf("%d no-data notes, want 0", n)
	}
	rows := tableRows(t, doc)
	if len(rows) != len(r.Participants) {
		t.Fatalf("%d participant rows, want %d", len(rows), len(r.Participants))
	}
	for i, p := range r.Participants {
		if got := text(rows[i]); !strings.Contains(got, p.Endpoint) {
			t.Errorf("row %d = %q, want endpoint %s", i, got, p.Endpoint)
		}
	}
	page := text(doc)
	for _, want := range []string{
		"ws://127.0.0.1:5280/xmpp-websocket", "2 × 3 = 6", "AMD EPYC 7B13", "kernel 6.8.0-49-generic",
		"209 ms / 242 ms / 242 ms", "2.76 %", "6.60 Mbit/s", "42.7 MiB", "904.9 KiB",
		"2 (2960 ms)", "ice: connection failed after 10s", "packets dropped both ways for 1.5 s",
		"applied at t = 8.6 s", "Join latency CDF", "Server RSS",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page text lacks %q", want)
		}
	}
	// The applied cut is marked on the five time charts.
	if n := strings.Count(page, "network cut"); n != 5 {
		t.Errorf("%d cut marks, want 5", n)
	}
	if got := len(withClass(doc, "bad")); got != 1 {
		t.Errorf("%d rows marked bad, want 1 (the failed participant)", got)
	}
	if got := len(withClass(doc, "warn")); got != 1 {
		t.Errorf("%d rows marked warn, want 1 (the frozen participant)", got)
	}
}

// TestWriteHTMLOffline checks that nothing in the page loads a resource:
// no script, link, image or frame, no URL in an attribute or in CSS.
func TestWriteHTMLOffline(t *testing.T) {
	page := render(t, loadFixture(t))
	doc := parse(t, page)
	for _, tag := range []string{"script", "link", "img", "image", "iframe", "object", "embed", "use"} {
		if n := len(elements(doc, tag)); n != 0 {
			t.Errorf("%d <%s> elements, want none", n, tag)
		}
	}
	walk(doc, func(n *html.Node) {
		for _, a := range n.Attr {
			v := strings.ToLower(a.Val)
			if strings.Contains(v, "http:") || strings.Contains(v, "https:") || strings.HasPrefix(v, "//") {
				t.Errorf("<%s %s=%q> refers to the network", n.Data, a.Key, a.Val)
			}
		}
	})
	for _, st := range elements(doc, "style") {
		if strings.Contains(text(st), "url(") || strings.Contains(text(st), "@import") {
			t.Errorf("<style> loads something: %q", text(st))
		}
	}
}

func TestWriteHTMLEscapes(t *testing.T) {
	const evil = `<script>alert(1)</script>`
	r := loadFixture(t)
	r.Config.Target = `ws://127.0.0.1/"><img src=x onerror=alert(1)>` + evil
	r.Participants[0].Endpoint = evil
	r.Participants[1].Conference = evil
	r.Participants[5].Error = evil
	r.Errors = append(r.Errors, evil)
	r.Summary.Procs[0].Name = evil
	for i := range r.Samples {
		r.Samples[i].Procs[0].Name = evil
	}
	r.Cuts[0].Endpoint = evil
	page := render(t, r)
	if bytes.Contains(page, []byte(evil)) {
		t.Error("page holds the hostile string unescaped")
	}
	doc := parse(t, page)
	if n := len(elements(doc, "script")) + len(elements(doc, "img")); n != 0 {
		t.Errorf("%d injected elements", n)
	}
	// Header, cut, table (×3), proc summary, two legends, run errors.
	if n := strings.Count(text(doc), evil); n < 9 {
		t.Errorf("hostile string shown as text %d times, want ≥ 9", n)
	}
}

func TestWriteHTMLEmpty(t *testing.T) {
	doc := parse(t, render(t, &loadtest.Result{}))
	if n := len(elements(doc, "svg")); n != 0 {
		t.Errorf("%d <svg> for an empty result, want 0", n)
	}
	if n := len(withClass(doc, "nodata")); n != 6 {
		t.Errorf("%d no-data notes, want 6", n)
	}
	if !strings.Contains(text(doc), "No participants.") {
		t.Error("empty participant list not said")
	}
}

func TestWriteHTMLNil(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteHTML(&buf, nil); !errors.Is(err, ErrNilResult) {
		t.Fatalf("err = %v, want ErrNilResult", err)
	}
	if buf.Len() != 0 {
		t.Errorf("wrote %d bytes on error", buf.Len())
	}
}

// TestWriteHTMLGolden compares the fixture's page with the golden file;
// run with -update to rewrite it after a deliberate change.
func TestWriteHTMLGolden(t *testing.T) {
	page := render(t, loadFixture(t))
	if again := render(t, loadFixture(t)); !bytes.Equal(page, again) {
		t.Fatal("two renderings of the same result differ")
	}
	if *update {
		if err := os.WriteFile(goldenPath, page, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(goldenPath)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(page, want) {
		t.Errorf("page differs from %s (%d vs %d bytes); rerun with -update if intended",
			goldenPath, len(page), len(want))
	}
}
