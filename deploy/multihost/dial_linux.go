package multihost

import (
	"context"
	"fmt"
	"net"
	"os"
	"runtime"

	"golang.org/x/sys/unix"
)

// DialIn connects to addr from inside network namespace ns (a name under
// /run/netns). The socket is made in ns and stays there for its life.
func DialIn(ctx context.Context, ns, network, addr string) (net.Conn, error) {
	var c net.Conn
	err := inNS(ns, func() error {
		var d net.Dialer
		var err error
		c, err = d.DialContext(ctx, network, addr)
		return err
	})
	return c, err
}

// ListenIn listens on addr inside network namespace ns.
func ListenIn(ns, network, addr string) (net.Listener, error) {
	var ln net.Listener
	err := inNS(ns, func() error {
		var err error
		ln, err = net.Listen(network, addr)
		return err
	})
	return ln, err
}

// inNS runs f on an OS thread moved into ns; sockets f creates belong to
// ns. The thread is moved back before it is unlocked: a thread the
// runtime discarded would fire the parent-death signal of every child
// forked on it (testenv's processes). Only if the move back fails does
// the thread stay locked, to be discarded.
func inNS(ns string, f func() error) error {
	ch := make(chan error, 1)
	go func() {
		runtime.LockOSThread()
		err, restored := onThread(ns, f)
		if restored {
			runtime.UnlockOSThread()
		}
		ch <- err
	}()
	return <-ch
}

func onThread(ns string, f func() error) (err error, restored bool) {
	self, err := os.Open("/proc/thread-self/ns/net")
	if err != nil {
		return fmt.Errorf("%w: %v", ErrSetup, err), true
	}
	defer self.Close()
	target, err := os.Open("/run/netns/" + ns)
	if err != nil {
		return fmt.Errorf("%w: %v", ErrSetup, err), true
	}
	defer target.Close()
	if err := unix.Setns(int(target.Fd()), unix.CLONE_NEWNET); err != nil {
		return fmt.Errorf("%w: setns %s: %v", ErrSetup, ns, err), true
	}
	err = f()
	return err, unix.Setns(int(self.Fd()), unix.CLONE_NEWNET) == nil
}
