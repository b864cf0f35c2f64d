package xmppapi

// MUCCounts are jvb's muc_clients_* and mucs_* statistics.
type MUCCounts struct {
	// ClientsConfigured is the number of xmpp-client configs.
	ClientsConfigured int
	// ClientsConnected counts the clients logged in with their rooms joined.
	ClientsConnected int
	// MUCsConfigured sums the configured muc_jids over every client.
	MUCsConfigured int
	// MUCsJoined counts the rooms currently joined.
	MUCsJoined int
}

// MUCCounts returns the clients' and rooms' counts.
func (s *Service) MUCCounts() MUCCounts {
	n := MUCCounts{ClientsConfigured: len(s.connectors)}
	for _, c := range s.connectors {
		n.MUCsConfigured += len(c.x.MUCJIDs)
		st := c.state()
		if st.Connected {
			n.ClientsConnected++
		}
		n.MUCsJoined += len(st.Rooms)
	}
	return n
}
