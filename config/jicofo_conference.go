package config

import (
	"slices"
	"strconv"
	"time"
)

// Conference holds jicofo.conference.* (jicofo:jicofo/src/main/resources/reference.conf).
type Conference struct {
	EnableAutoOwner          bool          // true
	InitialTimeout           time.Duration // 15 s
	MinParticipants          int           // 2
	SingleParticipantTimeout time.Duration // 20 s
	MaxSSRCsPerUser          int           // 20
	MaxSSRCGroupsPerUser     int           // default MaxSSRCsPerUser
	MaxAudioSenders          int           // 999999
	MaxVideoSenders          int           // 999999
	StripSimulcast           bool          // true
	UseSSRCRewriting         bool          // true
	UseRTPMidDemux           bool          // true
	UseJSONEncodedSources    bool          // true
	// SourceSignalingDelays maps a conference size to the delay used from
	// that size up (none by default).
	SourceSignalingDelays []SizeDelay
	ReinviteMethod        string // "RestartJingle" or "ReplaceTransport"
	EnableICERestart      bool   // true
	RestartRequests       RateLimit
}

// SizeDelay is one entry of source-signaling-delays.
type SizeDelay struct {
	Size  int
	Delay time.Duration
}

// RateLimit is conference.restart-request-rate-limits.
type RateLimit struct {
	MinInterval time.Duration // 5 s
	MaxRequests int           // 5
	Interval    time.Duration // 1 minute
}

func (c *Jicofo) readConference(r *reader) {
	p := jx + "conference."
	maxSSRCs := r.int(p+"max-ssrcs-per-user", 20)
	c.Conference = Conference{
		EnableAutoOwner:          r.bool(p+"enable-auto-owner", true),
		InitialTimeout:           r.dur(p+"initial-timeout", 15*time.Second),
		MinParticipants:          r.int(p+"min-participants", 2),
		SingleParticipantTimeout: r.dur(p+"single-participant-timeout", 20*time.Second),
		MaxSSRCsPerUser:          maxSSRCs,
		MaxSSRCGroupsPerUser:     r.int(p+"max-ssrc-groups-per-user", maxSSRCs),
		MaxAudioSenders:          r.int(p+"max-audio-senders", 999999),
		MaxVideoSenders:          r.int(p+"max-video-senders", 999999),
		StripSimulcast:           r.bool(p+"strip-simulcast", true),
		UseSSRCRewriting:         r.bool(p+"use-ssrc-rewriting", true),
		UseRTPMidDemux:           r.bool(p+"use-rtp-mid-demux", true),
		UseJSONEncodedSources:    r.bool(p+"use-json-encoded-sources", true),
		ReinviteMethod:           r.str(p+"reinvite-method", "RestartJingle"),
		EnableICERestart:         r.bool(p+"enable-ice-restart", true),
		RestartRequests: RateLimit{
			MinInterval: r.dur(p+"restart-request-rate-limits.min-interval", 5*time.Second),
			MaxRequests: r.int(p+"restart-request-rate-limits.max-requests", 5),
			Interval:    r.dur(p+"restart-request-rate-limits.interval", time.Minute),
		},
	}
	delays := p + "source-signaling-delays"
	for _, k := range r.d.Keys(delays) {
		size, err := strconv.Atoi(k)
		if err != nil {
			r.keep(r.d.Errorf(ErrInvalid, delays+"."+k, "want a conference size (an integer) as key"))
			continue
		}
		ms := r.int(delays+"."+k, 0)
		c.Conference.SourceSignalingDelays = append(c.Conference.SourceSignalingDelays,
			SizeDelay{Size: size, Delay: time.Duration(ms) * time.Millisecond})
	}
	slices.SortFunc(c.Conference.SourceSignalingDelays, func(a, b SizeDelay) int { return a.Size - b.Size })
}
