package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// pollInterval is how often a page's JS state is polled while waiting.
const pollInterval = 50 * time.Millisecond

// Page is one tab showing web/index.html for a deployment: one participant.
type Page struct {
	t      testing.TB
	d      Deployment
	tab    context.Context
	diag   diag
	mu     sync.Mutex
	wsURLs []string // WebSockets the page opened
	xhrs   []string // HTTP requests other than the page's own files
	excs   []string // uncaught exceptions
}

// NewPage opens a tab on the test page for d and waits until the page's
// harness (window.e2e) is loaded. The tab closes at cleanup, after printing
// the page's events and console errors if the test failed.
func (b *Browser) NewPage(t testing.TB, d Deployment) *Page {
	t.Helper()
	p := &Page{t: t, d: d}
	tab, cancel := chromedp.NewContext(b.alloc, chromedp.WithErrorf(func(f string, a ...any) { p.diag.add("cdp: "+f, a...) }))
	p.tab = tab
	t.Cleanup(func() {
		if t.Failed() {
			p.dumpState()
		}
		cancel()
	})
	if err := chromedp.Run(tab); err != nil { // allocates the tab; no deadline on this context
		t.Fatalf("e2e: open tab: %v", err)
	}
	chromedp.ListenTarget(tab, p.onEvent)
	ctx, cancelNav := context.WithTimeout(context.Background(), startTimeout)
	defer cancelNav()
	err := p.run(ctx, network.Enable(), chromedp.Navigate(b.web+"/index.html"),
		chromedp.Poll("window.e2e !== undefined", nil, chromedp.WithPollingInterval(pollInterval)))
	if err != nil {
		t.Fatalf("e2e: load page: %v", err)
	}
	return p
}

// run runs actions on the tab, bounded by ctx as well as by the tab's life.
func (p *Page) run(ctx context.Context, actions ...chromedp.Action) error {
	c, cancel := context.WithCancel(p.tab)
	defer cancel()
	if dl, ok := ctx.Deadline(); ok {
		c, cancel = context.WithDeadline(c, dl)
		defer cancel()
	}
	stop := context.AfterFunc(ctx, cancel)
	defer stop()
	return chromedp.Run(c, actions...)
}

// Eval evaluates a JS expression (awaiting a promise) and decodes its JSON
// value into res, which may be nil.
func (p *Page) Eval(ctx context.Context, expr string, res any) error {
	var raw json.RawMessage
	err := p.run(ctx, chromedp.Evaluate(expr, &raw, func(e *runtime.EvaluateParams) *runtime.EvaluateParams {
		return e.WithAwaitPromise(true)
	}))
	if err != nil {
		return fmt.Errorf("e2e: eval %.60q: %w", expr, err)
	}
	if res == nil {
		return nil
	}
	return json.Unmarshal(raw, res)
}

// WaitFor polls the JS expression until it is truthy, decoding that value
// into res (may be nil); it gives up when ctx ends, reporting the page state.
func (p *Page) WaitFor(ctx context.Context, expr string, res any) error {
	var raw json.RawMessage
	err := p.run(ctx, chromedp.Poll(expr, &raw, chromedp.WithPollingInterval(pollInterval)))
	if err != nil {
		st, _ := p.stateNow()
		return fmt.Errorf("e2e: waiting for %q: %w (page state %+v)", expr, err, st)
	}
	if res == nil {
		return nil
	}
	return json.Unmarshal(raw, res)
}

// call formats a call of window.e2e.fn with JSON-encoded arguments.
func call(fn string, args ...any) string {
	parts := make([]string, len(args))
	for i, a := range args {
		b, _ := json.Marshal(a)
		parts[i] = string(b)
	}
	return "window.e2e." + fn + "(" + strings.Join(parts, ",") + ")"
}

func (p *Page) onEvent(ev any) {
	switch ev := ev.(type) {
	case *network.EventWebSocketCreated:
		p.mu.Lock()
		p.wsURLs = append(p.wsURLs, ev.URL)
		p.mu.Unlock()
	case *network.EventRequestWillBeSent:
		if ev.Type == network.ResourceTypeXHR || ev.Type == network.ResourceTypeFetch {
			p.mu.Lock()
			p.xhrs = append(p.xhrs, ev.Request.URL)
			p.mu.Unlock()
		}
	case *runtime.EventExceptionThrown:
		p.diag.add("exception: %s", ev.ExceptionDetails.Error())
		p.mu.Lock()
		p.excs = append(p.excs, ev.ExceptionDetails.Error())
		p.mu.Unlock()
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.APITypeError || ev.Type == runtime.APITypeWarning {
			p.diag.add("console.%s: %s", ev.Type, consoleText(ev.Args))
		}
	}
}

func consoleText(args []*runtime.RemoteObject) string {
	var b strings.Builder
	for _, a := range args {
		if a.Value != nil {
			b.Write(a.Value)
		} else {
			b.WriteString(a.Description)
		}
		b.WriteByte(' ')
	}
	s := b.String()
	if len(s) > 1200 {
		s = s[:1200]
	}
	return s
}
