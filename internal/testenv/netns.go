package testenv

import (
	"os"
	"testing"
)

// netnsEnv marks the re-executed test binary that runs inside the namespace.
const netnsEnv = "JITSI_GO_TESTENV_NETNS"

var (
	// insideNetNS is set in the re-executed binary once lo is up.
	insideNetNS bool
	// netnsErr says why the tests run without a private namespace.
	netnsErr error
)

// NetNSMain is for TestMain: it re-executes the test binary with the same
// arguments inside a new network namespace where only lo exists (brought up
// here) and returns the child's exit code. Only if the OS cannot create the
// namespace does it run the tests in this process, where RequireNetNS skips
// them with the reason.
//
//	func TestMain(m *testing.M) { os.Exit(testenv.NetNSMain(m)) }
func NetNSMain(m *testing.M) int {
	if os.Getenv(netnsEnv) == "1" {
		if err := loopbackUp(); err != nil {
			os.Stderr.WriteString("testenv: bring lo up in the private namespace: " + err.Error() + "\n")
			return 1
		}
		insideNetNS = true
		return m.Run()
	}
	code, err := reexecInNetNS()
	if err == nil {
		return code
	}
	netnsErr = err
	return m.Run()
}

// InNetNS reports whether this process runs in the private namespace that
// NetNSMain made.
func InNetNS() bool { return insideNetNS }

// RequireNetNS skips t, saying why, when NetNSMain could not create the
// namespace. A test whose package has no NetNSMain in TestMain is failed:
// that is a harness mistake, not a missing OS feature.
func RequireNetNS(t testing.TB) {
	t.Helper()
	switch {
	case insideNetNS:
	case netnsErr != nil:
		t.Skipf("SKIP: this OS cannot give the test a private network namespace (%v); "+
			"the e2e tests run only inside one so that every socket is 127.0.0.1", netnsErr)
	default:
		t.Fatal("testenv: RequireNetNS without testenv.NetNSMain in TestMain")
	}
}
