package config

import (
	"path/filepath"
	"strings"
)

// Default locations of the Debian packages, which the daemons also use.
const (
	DefaultJVBConf    = "/etc/jitsi/videobridge/jvb.conf"
	DefaultSCLocation = "/etc/jitsi"
	DefaultSCName     = "videobridge"
	DefaultJicofoConf = "/etc/jitsi/jicofo/jicofo.conf"
	scFile            = "sip-communicator.properties"
)

// JVBPaths resolves the bridge's two configuration files. A non-empty flag
// wins; then the variables the OpenBSD and Debian wrappers set: JVB_CONF for
// jvb.conf, JVB_SC_HOME_LOCATION and JVB_SC_HOME_NAME for the directory
// $LOCATION/$NAME/ holding sip-communicator.properties; then the defaults
// /etc/jitsi/videobridge/{jvb.conf,sip-communicator.properties}. getenv is
// os.Getenv in the daemons; quotes a shell would strip are removed.
func JVBPaths(flagConf, flagSC string, getenv func(string) string) (conf, sc string) {
	conf = first(flagConf, envValue(getenv, "JVB_CONF"), DefaultJVBConf)
	sc = flagSC
	if sc == "" {
		loc := first(envValue(getenv, "JVB_SC_HOME_LOCATION"), DefaultSCLocation)
		name := first(envValue(getenv, "JVB_SC_HOME_NAME"), DefaultSCName)
		sc = filepath.Join(loc, name, scFile)
	}
	return conf, sc
}

// JicofoPath resolves jicofo.conf: the flag, then JICOFO_CONF, then
// /etc/jitsi/jicofo/jicofo.conf.
func JicofoPath(flagConf string, getenv func(string) string) string {
	return first(flagConf, envValue(getenv, "JICOFO_CONF"), DefaultJicofoConf)
}

func envValue(getenv func(string) string, name string) string {
	if getenv == nil {
		return ""
	}
	v := strings.TrimSpace(getenv(name))
	if len(v) >= 2 && (v[0] == '\'' || v[0] == '"') && v[len(v)-1] == v[0] {
		v = v[1 : len(v)-1]
	}
	return v
}

func first(values ...string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}
