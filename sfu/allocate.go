package sfu

import "slices"

// SetReceiverConstraints applies a receiver's (merged) ReceiverVideoConstraints.
func (ep *Endpoint) SetReceiverConstraints(c ReceiverConstraints) {
	c.SelectedSources = slices.Clone(c.SelectedSources)
	c.OnStageSources = slices.Clone(c.OnStageSources)
	m := make(map[string]int, len(c.MaxHeight))
	for k, v := range c.MaxHeight {
		m[k] = v
	}
	c.MaxHeight = m
	ep.mu.Lock()
	ep.constraints, ep.hasConstr = c, true
	ep.mu.Unlock()
	ep.conf.mu.Lock()
	ep.conf.allocateFor(ep)
	ep.conf.mu.Unlock()
}

// SetLastN sets the endpoint's last-N from LastNChangedEvent or Colibri2
// initial-last-n (-1 = unlimited).
func (ep *Endpoint) SetLastN(n int) {
	ep.mu.Lock()
	ep.opts.LastN = n
	ep.mu.Unlock()
	ep.conf.mu.Lock()
	ep.conf.allocateFor(ep)
	ep.conf.mu.Unlock()
}

// allocate chooses, per receiver, which video sources are forwarded and at
// which simulcast layer; it announces changed forwarded sets.
func (c *Conference) allocate() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.allocateLocked()
}

func (c *Conference) allocateLocked() {
	for _, r := range c.order {
		c.allocateFor(r)
	}
}

func (c *Conference) allocateFor(r *Endpoint) {
	r.mu.Lock()
	cons, has, optN := r.constraints, r.hasConstr, r.opts.LastN
	r.mu.Unlock()
	lastN := effectiveLastN(c.sfu.cfg.LastN, optN, cons.LastN, has)
	downs := *r.downs.Load()
	var forwarded []string
	for i, src := range c.rankSources(r, cons) {
		d := downs[src]
		if d == nil {
			continue
		}
		layer := -1
		if lastN < 0 || i < lastN {
			layer = c.layerFor(src, c.maxHeight(src.name, cons, has))
		}
		d.target.Store(int32(layer))
		if layer >= 0 {
			forwarded = append(forwarded, src.name)
		}
	}
	slices.Sort(forwarded)
	if !slices.Equal(forwarded, r.forwarded) || r.forwarded == nil {
		r.forwarded = append([]string{}, forwarded...)
		c.sfu.events.emit(ForwardedSourcesChanged{Conference: c.id, Endpoint: r.id, Sources: forwarded})
	}
}

func effectiveLastN(cfg, opt, cons int, has bool) int {
	n := -1
	for _, v := range []int{cfg, opt} {
		if v > 0 && (n < 0 || v < n) {
			n = v
		}
	}
	if has && cons >= 0 && (n < 0 || cons < n) {
		n = cons
	}
	return n
}

func (c *Conference) maxHeight(name string, cons ReceiverConstraints, has bool) int {
	if !has {
		return c.sfu.cfg.InitialMaxHeight
	}
	if h, ok := cons.MaxHeight[name]; ok {
		return h
	}
	if cons.DefaultMaxHeight >= 0 {
		return cons.DefaultMaxHeight
	}
	return c.sfu.cfg.DefaultMaxHeight
}

// layerFor is the highest layer whose height fits maxHeight (the lowest if
// none fits); -1 when maxHeight is 0.
func (c *Conference) layerFor(src *mediaSource, maxHeight int) int {
	if maxHeight <= 0 {
		return -1
	}
	heights := c.sfu.cfg.SimulcastHeights
	layer := 0
	for l := range src.layers {
		if l < len(heights) && heights[l] <= maxHeight {
			layer = l
		}
	}
	return layer
}

// rankSources orders the video sources r may receive: selected, on-stage,
// then by speech activity, then by join order.
func (c *Conference) rankSources(r *Endpoint, cons ReceiverConstraints) []*mediaSource {
	var all []*mediaSource
	for _, ep := range c.order {
		if ep == r {
			continue
		}
		for _, s := range ep.sources.Load().sources {
			if s.kind == Video {
				all = append(all, s)
			}
		}
	}
	rank := func(s *mediaSource) int {
		if i := slices.Index(cons.SelectedSources, s.name); i >= 0 {
			return i
		}
		if i := slices.Index(cons.OnStageSources, s.name); i >= 0 {
			return 1000 + i
		}
		if i := slices.Index(c.speakers.order, s.owner.id); i >= 0 {
			return 2000 + i
		}
		return 1 << 30
	}
	slices.SortStableFunc(all, func(a, b *mediaSource) int { return rank(a) - rank(b) })
	return all
}
