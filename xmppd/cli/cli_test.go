package cli

import (
	"bytes"
	"errors"
	"testing"

	"github.com/jitsi-go/jitsi-go/xmppd/store"
)

func TestRegisterDeluser(t *testing.T) {
	dir := t.TempDir()
	var out, errb bytes.Buffer
	if code := Run([]string{"-data", dir, "register", "focus", "auth.meet.test", "pw"}, &out, &errb); code != 0 {
		t.Fatalf("register: %d %s", code, errb.String())
	}
	st, _ := store.Open(dir)
	if _, err := st.Lookup("focus", "auth.meet.test"); err != nil {
		t.Fatal(err)
	}
	if code := Run([]string{"-data", dir, "deluser", "focus@auth.meet.test"}, &out, &errb); code != 0 {
		t.Fatalf("deluser: %d %s", code, errb.String())
	}
	if _, err := st.Lookup("focus", "auth.meet.test"); !errors.Is(err, store.ErrNotFound) {
		t.Fatalf("after deluser: %v", err)
	}
	for _, args := range [][]string{{"-data", dir, "register", "x"}, {"-data", dir, "frobnicate"}, {"-data", dir, "deluser", "nohost"}} {
		if code := Run(args, &out, &errb); code != 2 {
			t.Errorf("%v: exit %d, want 2", args, code)
		}
	}
	if code := Run([]string{"-data", dir, "deluser", "ghost@auth.meet.test"}, &out, &errb); code != 1 {
		t.Errorf("deluser of missing account: exit %d, want 1", code)
	}
}
