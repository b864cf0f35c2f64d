// Package jinglesdp translates between Jingle (package jingle) and SDP the
// way lib-jitsi-meet does for a JVB session, so that a pion/webrtc
// PeerConnection can stand in for a browser.
//
// Offer holds the remote description a client keeps for the JVB session:
// the bridge transport, one template description per media, and one m-line
// per remote source family (a source with its FID/SIM partners), the first
// m-line of each media being the sendrecv one that carries the bridge's
// feedback source ("mixedmslabel"). It is built from a session-initiate
// (FromJingle) or from any transport + descriptions + sources (NewOffer, as
// the bridge's tests build offers from Colibri2 answers), updated by
// source-add, source-remove and transport-info, and written as SDP. Removed
// sources leave a rejected m-line (port 0, inactive) as lib-jitsi-meet leaves
// them, so mids never move.
//
// ToJingle turns a local SDP (the PeerConnection's answer) into session-accept
// contents: one content per media type, the negotiated payload types with
// their parameters and rtcp-fb, header extensions, extmap-allow-mixed,
// rtcp-mux, the local sources with msid, name and videoType (from
// "a=ssrc:N name:" lines, which Annotate adds) and their groups, and the
// transport (ufrag, pwd, fingerprint with setup, candidates, sctpmap).
package jinglesdp
