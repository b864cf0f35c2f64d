package multihost

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/jitsi-go/jitsi-go/internal/testenv"
)

// Install copies the binary at src into the guest's tree at path (an
// absolute path on the guest, e.g. the rc.d script's daemon=).
func (g *Guest) Install(src, path string) error {
	dst := filepath.Join(g.Root, filepath.FromSlash(path))
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return fmt.Errorf("%w: %v", ErrSetup, err)
	}
	in, err := os.Open(src)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrSetup, err)
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o555)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrSetup, err)
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return fmt.Errorf("%w: %v", ErrSetup, err)
	}
	return out.Close()
}

// command is argv run in the guest's namespace, chrooted into its tree,
// with exactly env as the environment.
func (g *Guest) command(ctx context.Context, env []string, argv ...string) (*exec.Cmd, error) {
	chroot, err := exec.LookPath("chroot")
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrSetup, err)
	}
	if err := os.MkdirAll(filepath.Join(g.Root, "tmp"), 0o1777); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrSetup, err)
	}
	args := append([]string{"netns", "exec", g.NS, chroot, g.Root}, argv...)
	cmd := exec.CommandContext(ctx, "ip", args...)
	cmd.Env = env
	return cmd, nil
}

// Start runs service s on guest g as rc.d would, logging to Dir/log.
func (l *Lab) Start(g *Guest, s Service) (*testenv.Process, error) {
	cmd, err := g.command(context.Background(), s.Env, append([]string{s.Path}, s.Args...)...)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Join(l.Dir, "log"), 0o755); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrSetup, err)
	}
	p, err := testenv.StartProcess(g.Name+"/"+s.Name, filepath.Join(l.Dir, "log", g.Name+"-"+s.Name+".log"), cmd)
	if err != nil {
		return nil, err
	}
	l.procs = append(l.procs, p)
	return p, nil
}

// Run runs argv (its first word a program under the guest's
// /usr/local/bin, as a script's PATH finds it) on guest g and waits.
func (l *Lab) Run(ctx context.Context, g *Guest, argv []string) error {
	prog := argv[0]
	if !strings.HasPrefix(prog, "/") {
		prog = "/usr/local/bin/" + prog
	}
	cmd, err := g.command(ctx, nil, append([]string{prog}, argv[1:]...)...)
	if err != nil {
		return err
	}
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("%w: %s: %s: %v: %s", ErrSetup, g.Name, strings.Join(argv, " "), err, strings.TrimSpace(string(out)))
	}
	return nil
}

// Check returns an error with the log tail of the first started process
// that has exited.
func (l *Lab) Check() error {
	for _, p := range l.procs {
		if p.Exited() {
			return fmt.Errorf("%w: %s exited; log %s:\n%s", ErrNotReady, p.Name, p.LogPath, tail(p.LogPath))
		}
	}
	return nil
}

// Logs returns the tail of every process log, for a failure report.
func (l *Lab) Logs() string {
	var b strings.Builder
	for _, p := range l.procs {
		fmt.Fprintf(&b, "--- %s (pid %d) %s:\n%s\n", p.Name, p.PID(), p.LogPath, tail(p.LogPath))
	}
	return b.String()
}

// Close stops the web stand-ins, every started process by its PID (last
// started first), and deletes every namespace.
func (l *Lab) Close() error {
	var errs []error
	for _, w := range l.webs {
		errs = append(errs, w.Close())
	}
	l.webs = nil
	for i := len(l.procs) - 1; i >= 0; i-- {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		errs = append(errs, l.procs[i].Stop(ctx))
		cancel()
	}
	l.procs = nil
	for i := len(l.namespaces) - 1; i >= 0; i-- {
		errs = append(errs, ip("netns", "del", l.namespaces[i]))
	}
	l.namespaces = nil
	return errors.Join(errs...)
}

func tail(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return err.Error()
	}
	if len(b) > 3000 {
		b = b[len(b)-3000:]
	}
	return string(b)
}
