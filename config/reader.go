package config

import "time"

// reader reads typed values from a Doc and keeps the first error, so that a
// section can be read as a flat list of assignments.
type reader struct {
	d   *Doc
	err error
}

func (r *reader) keep(err error) {
	if r.err == nil && err != nil {
		r.err = err
	}
}

func (r *reader) str(key, def string) string {
	v, err := r.d.String(key, def)
	r.keep(err)
	return v
}

func (r *reader) int(key string, def int) int {
	v, err := r.d.Int(key, def)
	r.keep(err)
	return v
}

func (r *reader) float(key string, def float64) float64 {
	v, err := r.d.Float(key, def)
	r.keep(err)
	return v
}

func (r *reader) bool(key string, def bool) bool {
	v, err := r.d.Bool(key, def)
	r.keep(err)
	return v
}

func (r *reader) dur(key string, def time.Duration) time.Duration {
	v, err := r.d.Duration(key, def)
	r.keep(err)
	return v
}

func (r *reader) strs(key string, def []string) []string {
	v, err := r.d.Strings(key, def)
	r.keep(err)
	return v
}

// optBool reads a boolean that has no default: nil when absent.
func (r *reader) optBool(key string) *bool {
	if !r.d.Has(key) {
		return nil
	}
	v := r.bool(key, false)
	return &v
}
