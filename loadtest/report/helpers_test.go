package report

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"os"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/jitsi-go/jitsi-go/loadtest"
)

const fixturePath = "testdata/result.json"

// loadFixture reads the realistic 2×3 run under testdata.
func loadFixture(t testing.TB) *loadtest.Result {
	t.Helper()
	b, err := os.ReadFile(fixturePath)
	if err != nil {
		t.Fatal(err)
	}
	var r loadtest.Result
	if err := json.Unmarshal(b, &r); err != nil {
		t.Fatalf("%s: %v", fixturePath, err)
	}
	return &r
}

// render runs WriteHTML and fails the test on error.
func render(t testing.TB, r *loadtest.Result) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WriteHTML(&buf, r); err != nil {
		t.Fatalf("WriteHTML: %v", err)
	}
	return buf.Bytes()
}

// parse parses the page as a browser would and checks that its tags
// balance.
func parse(t *testing.T, page []byte) *html.Node {
	t.Helper()
	if err := balanced(page); err != nil {
		t.Fatalf("page is not well formed: %v", err)
	}
	doc, err := html.Parse(bytes.NewReader(page))
	if err != nil {
		t.Fatalf("html.Parse: %v", err)
	}
	return doc
}

// voidElements never have an end tag.
var voidElements = map[string]bool{"meta": true, "br": true, "hr": true, "img": true,
	"input": true, "link": true, "col": true, "area": true, "base": true, "wbr": true}

// balanced checks that every start tag has its end tag, in order.
func balanced(page []byte) error {
	z := html.NewTokenizer(bytes.NewReader(page))
	var stack []string
	for {
		switch z.Next() {
		case html.ErrorToken:
			if !errors.Is(z.Err(), io.EOF) {
				return z.Err()
			}
			if len(stack) > 0 {
				return errors.New("unclosed <" + strings.Join(stack, "> <") + ">")
			}
			return nil
		case html.StartTagToken:
			name, _ := z.TagName()
			if !voidElements[string(name)] {
				stack = append(stack, string(name))
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			if len(stack) == 0 || stack[len(stack)-1] != string(name) {
				return errors.New("unexpected </" + string(name) + "> in <" + strings.Join(stack, "> <") + ">")
			}
			stack = stack[:len(stack)-1]
		}
	}
}

// walk calls f on every node of the tree under n.
func walk(n *html.Node, f func(*html.Node)) {
	f(n)
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, f)
	}
}

// elements returns the elements named tag (in any namespace).
func elements(doc *html.Node, tag string) []*html.Node {
	var out []*html.Node
	walk(doc, func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == tag {
			out = append(out, n)
		}
	})
	return out
}

// text is the text content of n.
func text(n *html.Node) string {
	var b strings.Builder
	walk(n, func(c *html.Node) {
		if c.Type == html.TextNode {
			b.WriteString(c.Data)
		}
	})
	return b.String()
}

// withClass returns the elements whose class attribute is class.
func withClass(doc *html.Node, class string) []*html.Node {
	var out []*html.Node
	walk(doc, func(n *html.Node) {
		for _, a := range n.Attr {
			if n.Type == html.ElementNode && a.Key == "class" && a.Val == class {
				out = append(out, n)
			}
		}
	})
	return out
}

// tableRows returns the data rows of the participant table.
func tableRows(t *testing.T, doc *html.Node) []*html.Node {
	t.Helper()
	tables := withClass(doc, "participants")
	if len(tables) != 1 {
		t.Fatalf("%d participant tables, want 1", len(tables))
	}
	var rows []*html.Node
	for _, tr := range elements(tables[0], "tr") {
		if len(elements(tr, "td")) > 0 {
			rows = append(rows, tr)
		}
	}
	return rows
}
