package deploy

import (
	"fmt"
	"path"
	"strings"

	"github.com/jitsi-go/jitsi-go/pf"
	"github.com/jitsi-go/jitsi-go/vmm"
)

// validateFile runs the validator for the kind of file at path; every
// emitted file has one. The emitters already validated their own output
// against what they meant to write; this pass re-reads the final bytes.
func validateFile(p string, data []byte) error {
	base := path.Base(p)
	var err error
	switch {
	case base == "vm.conf":
		_, err = vmm.Parse(data)
	case base == "pf.conf":
		_, err = pf.Parse(data)
	case base == "hosts":
		_, err = parseHosts(data)
	case base == "rc.conf.local":
		_, err = parseRCConf(data)
	case strings.HasSuffix(base, ".conf") && strings.Contains(p, "/etc/jicofo/"),
		strings.Contains(p, "/etc/jvb/jvb.conf"), strings.Contains(p, "/etc/xmppd/"):
		_, err = parseHOCON(string(data))
	case strings.HasSuffix(base, ".properties"):
		_, err = parseProperties(data)
	case base == "nginx.conf":
		err = checkNginx(data)
	case base == "config.js":
		_, err = parseConfigJS(data)
	case base == "prosody.cfg.lua":
		err = checkLua(data)
	case base == "sysctl.conf", base == "myname", base == "mygate", base == "hostname.vio0", base == "resolv.conf":
		err = checkLines(data)
	case strings.Contains(p, "/etc/rc.d/"), strings.Contains(p, "/etc/login.conf.d/"), base == "accounts.sh":
		err = checkLines(data) // shipped or fixed-form scripts: ksh -n runs in the tests
	default:
		err = fmt.Errorf("no validator for this file")
	}
	return err
}

// checkLines requires newline-terminated, non-empty text without NULs.
func checkLines(data []byte) error {
	if len(data) == 0 || data[len(data)-1] != '\n' || strings.ContainsRune(string(data), 0) {
		return fmt.Errorf("want non-empty text ending in a newline")
	}
	return nil
}
