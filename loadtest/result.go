package loadtest

import "time"

// Result is the JSON file a run writes. Durations are milliseconds,
// rates bit/s, memory bytes, CPU in cores (1.0 = one core busy for the
// whole interval). A step a participant never reached is -1.
type Result struct {
	Started  time.Time `json:"started"`
	Duration float64   `json:"duration_s"` // wall time from the first join to the end of measuring
	Config   RunConfig `json:"config"`
	Machine  Machine   `json:"machine"`

	Participants []ParticipantResult `json:"participants"`
	Samples      []Sample            `json:"samples"` // one per second
	Summary      Summary             `json:"summary"`
	Errors       []string            `json:"errors,omitempty"`
	// Cuts are the network faults injected (Options.Cuts), as applied.
	Cuts []CutResult `json:"cuts,omitempty"`
}

// CutResult is one injected network cut.
type CutResult struct {
	Conference  int    `json:"conference"`
	Participant int    `json:"participant"`
	Endpoint    string `json:"endpoint"`
	// AtMs is the asked delay after the participant joined; ForMs the drop
	// length, 0 for a socket closed for good.
	AtMs  float64 `json:"at_ms"`
	ForMs float64 `json:"for_ms"`
	// AppliedS is when the cut happened, seconds since the run started
	// (-1 when it was not applied: the participant never joined, the run
	// ended first, or the cut failed with Error).
	AppliedS float64 `json:"applied_t_s"`
	Error    string  `json:"error,omitempty"`
}

// RunConfig is what was asked for.
type RunConfig struct {
	Target        string  `json:"target"`    // WebSocket/BOSH URL or c2s host:port
	Transport     string  `json:"transport"` // "websocket", "bosh" or "c2s"
	Domain        string  `json:"domain"`
	Conferences   int     `json:"conferences"`
	PerConference int     `json:"participants_per_conference"`
	AudioSenders  int     `json:"audio_senders"` // per conference
	VideoSenders  int     `json:"video_senders"` // per conference
	VideoBitrate  int     `json:"video_bitrate_bps"`
	Simulcast     bool    `json:"simulcast"`
	JoinRate      float64 `json:"join_rate_per_s"`
	DurationS     float64 `json:"duration_s"`
	BridgeStats   string  `json:"bridge_stats_url,omitempty"`
	FocusStats    string  `json:"focus_stats_url,omitempty"`
	PIDs          []Proc  `json:"pids,omitempty"`
}

// Proc names a local server process whose CPU and RSS are sampled.
type Proc struct {
	Name string `json:"name"`
	PID  int    `json:"pid"`
}

// Machine describes where the run happened.
type Machine struct {
	CPUs     int    `json:"cpus"`
	GOOS     string `json:"goos"`
	GOARCH   string `json:"goarch"`
	CPUModel string `json:"cpu_model,omitempty"`
	Kernel   string `json:"kernel,omitempty"`
}

// ParticipantResult is one simulated participant.
type ParticipantResult struct {
	Conference string `json:"conference"`
	Endpoint   string `json:"endpoint"`
	SendsAudio bool   `json:"sends_audio"`
	SendsVideo bool   `json:"sends_video"`
	Joined     bool   `json:"joined"` // session-accept acknowledged
	Error      string `json:"error,omitempty"`

	// Join timings: conference IQ → session-initiate, then
	// session-initiate → each later step.
	ToSessionInitiateMs float64 `json:"to_session_initiate_ms"`
	ToICEMs             float64 `json:"to_ice_connected_ms"`
	ToDTLSMs            float64 `json:"to_dtls_connected_ms"`
	ToFirstAudioMs      float64 `json:"to_first_audio_ms"`
	ToFirstVideoMs      float64 `json:"to_first_video_ms"`
	// JoinMs is conference IQ → first remote media packet of any kind.
	JoinMs float64 `json:"join_ms"`

	Streams []StreamResult `json:"streams"`
}

// StreamResult is one received stream (one remote SSRC).
type StreamResult struct {
	From       string  `json:"from"` // sending endpoint, from the payload trailer
	SSRC       uint32  `json:"ssrc"`
	Kind       string  `json:"kind"` // "audio" or "video"
	Packets    uint64  `json:"packets"`
	Bytes      uint64  `json:"bytes"`
	Expected   uint64  `json:"expected"`
	Lost       uint64  `json:"lost"`
	LossRate   float64 `json:"loss_rate"` // Lost/Expected in [0,1]
	BitrateBps float64 `json:"bitrate_bps"`
	JitterMs   float64 `json:"jitter_ms"` // RFC 3550 interarrival jitter
	Freezes    int     `json:"freezes"`   // video gaps > 500 ms
	FrozenMs   float64 `json:"frozen_ms"`
}

// Sample is the state once a second.
type Sample struct {
	T            float64 `json:"t_s"` // seconds since the run started
	Joined       int     `json:"joined"`
	MediaFlowing int     `json:"media_flowing"` // participants receiving from every sender
	Errors       int     `json:"errors"`
	// RecvBitrateBps is the sum over all participants in the last second;
	// LossRate is lost/expected over all streams in the last second.
	RecvBitrateBps float64        `json:"recv_bitrate_bps"`
	LossRate       float64        `json:"loss_rate"`
	Procs          []ProcSample   `json:"procs,omitempty"`
	Bridge         map[string]any `json:"bridge_stats,omitempty"` // /colibri/stats
	Focus          map[string]any `json:"focus_stats,omitempty"`  // focus /stats
	// StatsErrors counts the stats endpoints and processes that could not
	// be read at this sample.
	StatsErrors int `json:"stats_errors,omitempty"`
}

// ProcSample is one server process at one sample.
type ProcSample struct {
	Name     string  `json:"name"`
	PID      int     `json:"pid"`
	CPU      float64 `json:"cpu_cores"` // over the last interval
	RSSBytes uint64  `json:"rss_bytes"`
}

// Summary condenses a run.
type Summary struct {
	Participants   int     `json:"participants"`
	Joined         int     `json:"joined"`
	ReceivingAll   int     `json:"receiving_all"` // got media from every sender of its conference
	JoinP50Ms      float64 `json:"join_p50_ms"`
	JoinP95Ms      float64 `json:"join_p95_ms"`
	JoinMaxMs      float64 `json:"join_max_ms"`
	LossRate       float64 `json:"loss_rate"` // over all streams
	JitterP95Ms    float64 `json:"jitter_p95_ms"`
	Freezes        int     `json:"freezes"`
	RecvBitrateBps float64 `json:"recv_bitrate_bps"` // mean over the measuring window, all participants
	// Per server process: peak and mean CPU, peak RSS, and per participant.
	Procs []ProcSummary `json:"procs,omitempty"`
	// StatsErrors sums Sample.StatsErrors: failed stats fetches and
	// process readings (counted, never fatal).
	StatsErrors int `json:"stats_errors"`
}

// ProcSummary is one server process over the run.
type ProcSummary struct {
	Name               string  `json:"name"`
	CPUMean            float64 `json:"cpu_mean_cores"`
	CPUPeak            float64 `json:"cpu_peak_cores"`
	RSSPeakBytes       uint64  `json:"rss_peak_bytes"`
	CPUPerParticipant  float64 `json:"cpu_per_participant_cores"`
	RSSPerParticipantB float64 `json:"rss_per_participant_bytes"` // (peak - first sample) / participants
}
