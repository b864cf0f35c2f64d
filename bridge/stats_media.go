package bridge

import (
	"github.com/jitsi-go/jitsi-go/bridge/xmppapi"
	"github.com/jitsi-go/jitsi-go/sfu"
)

// addLoadStats adds jvb's load, media-quality, ICE/DTLS and speaker keys.
// l is computed from the endpoints now; loss comes from the last stats
// interval; the totals are the SFU's and the bridge's counters.
func (b *Bridge) addLoadStats(m map[string]any, l loadStats, st sfu.Stats) {
	loss := b.rates.getLoss()
	for k, v := range map[string]any{
		"endpoints_sending_audio":        l.sendingAudio,
		"endpoints_sending_video":        l.sendingVideo,
		"receive_only_endpoints":         l.receiveOnly,
		"inactive_endpoints":             l.inactiveEndpoints,
		"inactive_conferences":           l.inactiveConferences,
		"p2p_conferences":                l.p2pConferences,
		"local_active_endpoints":         l.localActive,
		"visitors":                       l.visitors,
		"rtt_aggregate":                  l.rttMs,
		"incoming_loss":                  loss.incoming,
		"outgoing_loss":                  loss.outgoing,
		"overall_loss":                   loss.overall,
		"total_visitors":                 b.totals.visitors.Load(),
		"total_conference_seconds":       b.totals.conferenceSeconds.Load(),
		"total_ice_failed":               st.ICEFailed,
		"total_ice_succeeded":            st.ICESucceeded,
		"total_ice_succeeded_relayed":    st.ICESucceededRelayed,
		"endpoints_ice_failed":           st.ICEFailed,
		"dtls_failed_endpoints":          st.DTLSFailed,
		"total_dominant_speaker_changes": st.DominantSpeakerChanges,
		// No SCTP stack: data channels are refused, as jvb with
		// sctp.enabled=false, whose counters then stay 0.
		"total_data_channel_messages_received": uint64(0),
		"total_data_channel_messages_sent":     uint64(0),
	} {
		m[k] = v
	}
	addRelayStats(m)
}

// relayKeys are jvb's Octo/relay statistics. This bridge has no relays:
// jvb with relays disabled (the default) emits every one of them as 0.
var relayKeys = []string{
	"octo_conferences", "octo_endpoints",
	"octo_receive_bitrate", "octo_receive_packet_rate", "octo_send_bitrate", "octo_send_packet_rate",
	"total_relays", "relays_ice_failed", "dtls_failed_relays",
	"total_bytes_received_octo", "total_bytes_sent_octo", "total_packets_received_octo", "total_packets_sent_octo",
}

func addRelayStats(m map[string]any) {
	for _, k := range relayKeys {
		m[k] = 0
	}
}

// addMUCStats adds jvb's muc_clients_* and mucs_* keys from the brewery
// client; without one (no xmpp-client configured) they are 0, as in jvb.
func (b *Bridge) addMUCStats(m map[string]any) {
	var n xmppapi.MUCCounts
	if svc := b.xmpp.Load(); svc != nil {
		n = svc.MUCCounts()
	}
	m["muc_clients_configured"] = n.ClientsConfigured
	m["muc_clients_connected"] = n.ClientsConnected
	m["mucs_configured"] = n.MUCsConfigured
	m["mucs_joined"] = n.MUCsJoined
}
