package mucbench

// Row is the result of one server at one room size.
type Row struct {
	Server    string `json:"server"`
	Occupants int    `json:"occupants"`
	Senders   int    `json:"senders"`
	// OfferedPerS is the rate messages were sent into the room (achieved).
	OfferedPerS float64 `json:"offered_msgs_per_s"`
	Sent        int     `json:"sent"`
	// Expected is Sent × Occupants: every occupant, the sender included,
	// gets every groupchat message.
	Expected int64 `json:"expected_deliveries"`
	// Delivered counts benchmark messages received by all occupants before
	// the drain deadline; DeliveredPerS divides it by the time from the
	// first send to the last receipt.
	Delivered     int64   `json:"delivered"`
	DeliveredPerS float64 `json:"delivered_msgs_per_s"`
	Completeness  float64 `json:"completeness"`
	// Late are benchmark messages that came after the drain deadline.
	Late int64 `json:"late"`
	// MessageStanzas counts every <message> stanza read (subjects included).
	MessageStanzas int64 `json:"message_stanzas"`
	// MaxPerRead is the most <message> stanzas one read completed.
	MaxPerRead int `json:"max_messages_per_read"`
	// CPUPerMsgUs is server CPU from the first send to the end of the drain
	// divided by Delivered, in µs.
	CPUPerMsgUs float64 `json:"server_cpu_us_per_delivered"`
	// ServerCores and GenCores are CPU use over the sending window.
	ServerCores float64 `json:"server_cores"`
	GenCores    float64 `json:"generator_cores"`
	LatP50Ms    float64 `json:"latency_p50_ms"`
	LatP95Ms    float64 `json:"latency_p95_ms"`
	LatMaxMs    float64 `json:"latency_max_ms"`
	// JoinMs is the room join time: first dial to the last self-presence.
	JoinMs float64 `json:"room_join_ms"`
	// RSS of the server idle and with every occupant joined; per
	// connection is their difference over Occupants, in KiB.
	RSSIdle      uint64  `json:"rss_idle_bytes"`
	RSSJoined    uint64  `json:"rss_joined_bytes"`
	RSSPerConnKB float64 `json:"rss_per_conn_kib"`
	Error        string  `json:"error,omitempty"`
}

// Ratio compares xmppd with prosody at one room size.
type Ratio struct {
	Occupants int `json:"occupants"`
	// CPUPerMsg, P95 and RSSPerConn are xmppd's figure over prosody's.
	CPUPerMsg  float64 `json:"cpu_per_msg"`
	P95        float64 `json:"p95_latency"`
	RSSPerConn float64 `json:"rss_per_conn"`
	// The goals of issue 8: CPU per message ≤ 1/5, RSS per connection ≤
	// 1/2, and (at 200 occupants) xmppd's own p95 < 100 ms.
	CPUGoalMet bool  `json:"cpu_goal_met"`
	RSSGoalMet bool  `json:"rss_goal_met"`
	P95GoalMet *bool `json:"p95_goal_met,omitempty"`
}

// Report is what -json writes.
type Report struct {
	Config Params   `json:"config"`
	Rows   []Row    `json:"rows"`
	Ratios []Ratio  `json:"ratios"`
	Notes  []string `json:"notes,omitempty"`
}

// ratios pairs xmppd and prosody rows of equal size.
func ratios(rows []Row) []Ratio {
	var out []Ratio
	for _, x := range rows {
		if x.Server != "xmppd" || x.Error != "" {
			continue
		}
		for _, p := range rows {
			if p.Server != "prosody" || p.Occupants != x.Occupants || p.Error != "" {
				continue
			}
			r := Ratio{Occupants: x.Occupants, CPUPerMsg: div(x.CPUPerMsgUs, p.CPUPerMsgUs),
				P95: div(x.LatP95Ms, p.LatP95Ms), RSSPerConn: div(x.RSSPerConnKB, p.RSSPerConnKB)}
			r.CPUGoalMet = r.CPUPerMsg <= 0.2
			r.RSSGoalMet = r.RSSPerConn <= 0.5
			if x.Occupants >= 200 {
				met := x.LatP95Ms < 100 && x.Completeness >= 0.99
				r.P95GoalMet = &met
			}
			out = append(out, r)
		}
	}
	return out
}

func div(a, b float64) float64 {
	if b == 0 {
		return 0
	}
	return a / b
}
