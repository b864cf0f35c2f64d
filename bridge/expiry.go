package bridge

import "time"

// timerLoop runs the entity expiration check and the stats sampler on
// the injected clock.
func (b *Bridge) timerLoop() {
	defer b.wg.Done()
	clk := b.cfg.Clock
	expire := clk.After(b.cfg.ExpirationCheck)
	sample := clk.After(b.cfg.StatsInterval)
	for {
		select {
		case <-b.ctx.Done():
			return
		case now := <-expire:
			b.expireInactive(now)
			expire = clk.After(b.cfg.ExpirationCheck)
		case now := <-sample:
			b.rates.sample(now, b.sfu.Stats())
			sample = clk.After(b.cfg.StatsInterval)
		}
	}
}

// expireInactive expires endpoints whose ICE failed or that sent no media
// for entity-expiration.timeout, and conferences left empty as long.
func (b *Bridge) expireInactive(now time.Time) {
	b.mu.Lock()
	defer b.mu.Unlock()
	for _, c := range b.byID {
		for _, ep := range c.eps {
			if ep.shouldExpire(now, b.cfg.EntityExpiration) {
				b.totals.endpointsExpired.Add(1)
				b.expireEndpointLocked(ep, "inactivity")
			}
		}
		if len(c.eps) == 0 && now.Sub(c.created) >= b.cfg.EntityExpiration {
			b.expireConferenceLocked(c, "no endpoints")
		}
	}
}
