package brewery

// Single is jicofo's default SingleBridgeSelectionStrategy: a new conference
// goes to the least loaded bridge in the participant's region, else to the
// least loaded bridge; after that the conference always stays on its bridge.
type Single struct{}

// Name implements Strategy.
func (Single) Name() string { return "Single" }

// Select implements Strategy.
func (Single) Select(s *Selection) *Bridge {
	if b := s.First(s.inRegion); b != nil {
		return b
	}
	return s.First()
}

// RegionBased is jicofo's RegionBasedBridgeSelectionStrategy: keep
// participants close to a bridge in their region (or region group), and use
// more bridges of the conference (Octo) only when that is better.
type RegionBased struct{}

// Name implements Strategy.
func (RegionBased) Name() string { return "RegionBased" }

// Select implements Strategy, trying jicofo's eight steps in order.
func (RegionBased) Select(s *Selection) *Bridge {
	notOver := func(b *Bridge) bool { return !s.Overloaded(b) }
	underLimit := func(b *Bridge) bool {
		max := s.cfg.MaxBridgeParticipants
		return max <= 0 || s.Conference.Bridges[b.JID] < max
	}
	steps := [][]func(*Bridge) bool{
		{notOver, s.InConference, s.inRegion},
		{notOver, s.InConference, s.inRegionGroup},
		{notOver, s.inRegion},
		{notOver, s.inRegionGroup},
		{notOver, s.InConference},
		{notOver},
		{s.InConference, underLimit},
		{},
	}
	for _, tests := range steps {
		if b := s.First(tests...); b != nil {
			return b
		}
	}
	return nil
}

// Split is jicofo's SplitBridgeSelectionStrategy, for testing Octo: every
// participant goes to a bridge the conference does not use yet, and when
// there is none, to the conference bridge with the fewest participants.
type Split struct{}

// Name implements Strategy.
func (Split) Name() string { return "Split" }

// Select implements Strategy.
func (Split) Select(s *Selection) *Bridge {
	if b := s.First(func(b *Bridge) bool { return !s.InConference(b) }); b != nil {
		return b
	}
	var best *Bridge
	for _, b := range s.Candidates {
		if best == nil || s.Conference.Bridges[b.JID] < s.Conference.Bridges[best.JID] {
			best = b
		}
	}
	return best
}

func (s *Selection) inRegion(b *Bridge) bool {
	return s.Region != "" && b.Stats.Region == s.Region
}

func (s *Selection) inRegionGroup(b *Bridge) bool {
	return s.cfg.inGroup(s.Region, b.Stats.Region)
}
