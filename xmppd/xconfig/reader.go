package xconfig

import (
	"slices"
	"strconv"
	"time"

	"github.com/jitsi-go/jitsi-go/config"
)

// reader collects the first typed error and any warnings while reading.
type reader struct {
	d    *config.Doc
	err  error
	warn []config.Warning
}

func (r *reader) keep(err error) {
	if r.err == nil && err != nil {
		r.err = err
	}
}

func (r *reader) str(key, def string) string {
	v, err := r.d.String(root+"."+key, def)
	r.keep(err)
	return v
}

func (r *reader) strs(key string, def []string) []string {
	v, err := r.d.Strings(root+"."+key, def)
	r.keep(err)
	return v
}

func (r *reader) integer(key string, def int) int {
	v, err := r.d.Int(root+"."+key, def)
	r.keep(err)
	return v
}

// count is integer for a value that must not be negative.
func (r *reader) count(key string, def int) int {
	v := r.integer(key, def)
	if v < 0 {
		r.keep(r.d.Errorf(config.ErrInvalid, root+"."+key, "want 0 or more, got "+strconv.Itoa(v)))
		return def
	}
	return v
}

func (r *reader) boolean(key string, def bool) bool {
	v, err := r.d.Bool(root+"."+key, def)
	r.keep(err)
	return v
}

func (r *reader) duration(key string, def time.Duration) time.Duration {
	v, err := r.d.Duration(root+"."+key, def)
	r.keep(err)
	return v
}

// object warns about fields of a list entry that are not in fields.
func (r *reader) object(prefix string, fields ...string) {
	p := root + "." + prefix[:len(prefix)-1]
	for _, k := range r.d.Keys(p) {
		if !slices.Contains(fields, k) {
			r.warn = append(r.warn, r.d.Warn(p+"."+k, "unknown key, ignored"))
		}
	}
}
