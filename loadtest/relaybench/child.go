package relaybench

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/netip"
	"os"
	"os/exec"
	"strings"
	"time"
)

// stopGrace is how long a child may take to exit after its stdin closed
// before it is killed.
const stopGrace = 5 * time.Second

// childSpec says how to start the child: path, leading arguments (before
// "-server kind") and extra environment.
type childSpec struct {
	path string
	args []string
	env  []string
}

// child is a running server process and its control channel.
type child struct {
	kind    string
	cmd     *exec.Cmd
	stdin   io.WriteCloser
	msgs    chan ctlMsg
	badLine chan error
	exited  chan struct{}
	waitErr error
	tail    *tailBuffer
	addr    netip.AddrPort
	pid     int
}

// startChild runs the child and waits for its hello.
func startChild(ctx context.Context, spec childSpec, kind string, stderr io.Writer, timeout time.Duration) (*child, error) {
	c := &child{kind: kind, msgs: make(chan ctlMsg, 4), badLine: make(chan error, 1),
		exited: make(chan struct{}), tail: &tailBuffer{max: 2048}}
	c.cmd = exec.Command(spec.path, append(append([]string(nil), spec.args...), "-server", kind)...)
	c.cmd.Env = append(os.Environ(), spec.env...)
	c.cmd.Stderr = io.MultiWriter(&prefixWriter{w: stderr, prefix: "[" + kind + " child] "}, c.tail)
	var err error
	if c.stdin, err = c.cmd.StdinPipe(); err != nil {
		return nil, fmt.Errorf("relaybench: %s child: %w", kind, err)
	}
	stdout, err := c.cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("relaybench: %s child: %w", kind, err)
	}
	if err := c.cmd.Start(); err != nil {
		return nil, fmt.Errorf("relaybench: start %s child %s: %w", kind, spec.path, err)
	}
	c.pid = c.cmd.Process.Pid
	go c.readStdout(stdout)
	hello, err := c.recv(ctx, timeout)
	if err == nil && hello.Type != msgHello {
		err = fmt.Errorf("%w: %s child sent %q before hello", ErrBadControl, kind, hello.Type)
	}
	if err == nil && hello.Server != kind {
		err = fmt.Errorf("%w: asked for a %s child, got %q", ErrBadControl, kind, hello.Server)
	}
	if err != nil {
		c.stop()
		return nil, err
	}
	c.addr = netip.MustParseAddrPort(hello.Addr) // validated by decodeLine
	return c, nil
}

// readStdout decodes the child's lines, then reaps the child.
func (c *child) readStdout(r io.Reader) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 4096), maxLine)
	for sc.Scan() {
		m, err := decodeLine(sc.Bytes())
		if err != nil {
			select {
			case c.badLine <- err:
			default:
			}
			continue
		}
		select {
		case c.msgs <- m:
		default: // nobody asked: an unsolicited line is dropped
		}
	}
	close(c.msgs)
	_, _ = io.Copy(io.Discard, r)
	c.waitErr = c.cmd.Wait()
	close(c.exited)
}

// recv waits for the child's next message.
func (c *child) recv(ctx context.Context, timeout time.Duration) (ctlMsg, error) {
	t := time.NewTimer(timeout)
	defer t.Stop()
	select {
	case m, ok := <-c.msgs:
		if !ok {
			<-c.exited
			return ctlMsg{}, fmt.Errorf("%w: %s child (pid %d): %v; stderr: %s",
				ErrChildExited, c.kind, c.pid, c.waitErr, c.tail.String())
		}
		return m, nil
	case err := <-c.badLine:
		return ctlMsg{}, fmt.Errorf("%s child: %w", c.kind, err)
	case <-t.C:
		return ctlMsg{}, fmt.Errorf("%w: %s child (pid %d) silent for %v", ErrChildTimeout, c.kind, c.pid, timeout)
	case <-ctx.Done():
		return ctlMsg{}, ctx.Err()
	}
}

// request sends m and returns the child's reply; an error reply is an error.
func (c *child) request(ctx context.Context, m ctlMsg, timeout time.Duration) (ctlMsg, error) {
	if err := writeMsg(c.stdin, m); err != nil {
		return ctlMsg{}, fmt.Errorf("%w: %s child: writing %s: %v", ErrChildExited, c.kind, m.Type, err)
	}
	r, err := c.recv(ctx, timeout)
	if err != nil {
		return ctlMsg{}, err
	}
	if r.Type == msgError {
		return ctlMsg{}, fmt.Errorf("relaybench: %s child refused %s: %s", c.kind, m.Type, r.Error)
	}
	return r, nil
}

// stop closes the child's stdin (it exits on EOF) and kills it by PID if
// it has not exited after stopGrace.
func (c *child) stop() {
	_ = c.stdin.Close()
	t := time.NewTimer(stopGrace)
	defer t.Stop()
	select {
	case <-c.exited:
		return
	case <-t.C:
	}
	_ = c.cmd.Process.Kill()
	<-c.exited
}

// prefixWriter prefixes every write (the child writes whole lines).
type prefixWriter struct {
	w      io.Writer
	prefix string
}

func (p *prefixWriter) Write(b []byte) (int, error) {
	if _, err := io.WriteString(p.w, p.prefix+string(b)); err != nil {
		return 0, err
	}
	return len(b), nil
}

// tailBuffer keeps the last max bytes written (for error messages).
type tailBuffer struct {
	max int
	b   []byte
}

func (t *tailBuffer) Write(p []byte) (int, error) {
	t.b = append(t.b, p...)
	if len(t.b) > t.max {
		t.b = append([]byte(nil), t.b[len(t.b)-t.max:]...)
	}
	return len(p), nil
}

func (t *tailBuffer) String() string { return strings.TrimSpace(string(t.b)) }
