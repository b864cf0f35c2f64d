package testenv

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"syscall"
)

// Process is one program started by a launcher. It is stopped by its PID; on
// Linux it also dies with the test process (parent-death signal), so a test
// binary that crashes leaves nothing behind.
type Process struct {
	// Name says what the program is, for errors and logs.
	Name string
	// LogPath holds the program's stdout and stderr.
	LogPath string

	cmd     *exec.Cmd
	done    chan struct{}
	waitErr error
}

// StartProcess starts cmd in its own process group with stdout and stderr
// appended to logPath.
func StartProcess(name, logPath string, cmd *exec.Cmd) (*Process, error) {
	logf, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, fmt.Errorf("testenv: %s log: %w", name, err)
	}
	cmd.Stdout, cmd.Stderr = logf, logf
	cmd.SysProcAttr = childAttr()
	if err := cmd.Start(); err != nil {
		_ = logf.Close()
		if errors.Is(err, exec.ErrNotFound) || errors.Is(err, os.ErrNotExist) {
			return nil, fmt.Errorf("%w: %s: %v", ErrNotInstalled, name, err)
		}
		return nil, fmt.Errorf("testenv: start %s: %w", name, err)
	}
	p := &Process{Name: name, LogPath: logPath, cmd: cmd, done: make(chan struct{})}
	go func() {
		p.waitErr = cmd.Wait()
		_ = logf.Close()
		close(p.done)
	}()
	return p, nil
}

// PID is the process ID.
func (p *Process) PID() int { return p.cmd.Process.Pid }

// Done is closed once the process has exited and been reaped.
func (p *Process) Done() <-chan struct{} { return p.done }

// Exited reports whether the process has exited.
func (p *Process) Exited() bool {
	select {
	case <-p.done:
		return true
	default:
		return false
	}
}

// Stop sends SIGTERM to the PID and waits for the exit until ctx ends; then it
// sends SIGKILL to the PID. Finally it kills what is left of the process group
// the program leads (helpers such as Chromium's renderers). It returns an error
// only when the process could not be reaped.
func (p *Process) Stop(ctx context.Context) error {
	if !p.Exited() {
		_ = p.cmd.Process.Signal(syscall.SIGTERM)
		select {
		case <-p.done:
		case <-ctx.Done():
			_ = p.cmd.Process.Kill()
			<-p.done
		}
	}
	killGroup(p.PID())
	return nil
}

// checkAlive returns ErrExited with the log's tail if the process has ended.
func (p *Process) checkAlive() error {
	if !p.Exited() {
		return nil
	}
	return fmt.Errorf("%w: %s (pid %d): %v; log %s:\n%s", ErrExited, p.Name, p.PID(), p.waitErr, p.LogPath, tail(p.LogPath, 2048))
}

// tail returns up to n bytes from the end of a file.
func tail(path string, n int64) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return err.Error()
	}
	if int64(len(b)) > n {
		b = b[int64(len(b))-n:]
	}
	return string(b)
}
