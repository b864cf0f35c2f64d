// Package mucbench is head-to-head benchmark 2 of issue 8: xmppd against
// stock prosody, MUC fan-out, in the same run on the same machine with the
// same load generator. It is wired as `loadtest bench muc` (Main); the
// script scripts/bench-muc.sh builds cmd/xmppd and runs it.
//
// For every room size (-sizes, default 10,100,200) and every server
// (-servers, default xmppd,prosody; interleaved, a fresh server process per
// row) it:
//
//   - starts the server on free 127.0.0.1 ports: xmppd from the -xmppd
//     binary with an xmppd.conf serving the anonymous host bench.test and a
//     plain MUC muc.bench.test; prosody (-prosody, Debian's /usr/bin/prosody)
//     through internal/testenv with the same host and MUC (OpenMUC), logging
//     at warn and without mod_limits. Both get client rate limits far above
//     the offered load. Without prosody installed the run measures xmppd
//     alone and says so in a note.
//   - connects that many c2s clients (plain TCP, SASL ANONYMOUS, bind),
//     -join-parallel at a time, and joins them all to one room; the join
//     time is from the first dial to the last client's self-presence. The
//     server's RSS is read before the first dial and once the presence
//     broadcasts are in; their difference over the occupants is the RSS per
//     connection.
//   - lets -senders occupants post groupchat messages at the fixed offered
//     rate -rate (messages per second into the room, all senders together)
//     for -duration, then waits up to -drain for the deliveries. Every body
//     is "mb SENDER SEQ NANOS", the send instant on the generator's
//     monotonic clock.
//   - counts, in every client, every <message> stanza of every read: a
//     streaming scanner (Stream) splits the bytes into top-level elements
//     however the reads cut them, and its per-read stamp gives the receive
//     time, so fan-out latency is receive − send for every delivery.
//   - reads the server's CPU (loadtest/procstat, /proc) at the first send,
//     the last send and the end of the drain: CPU per delivered message is
//     the first-send-to-drain CPU over the deliveries, cores the CPU over
//     the sending window. The generator's own cores are reported too.
//
// The default load, 40 msgs/s for 10 s from 4 senders, is 8000 deliveries/s
// into the 200-occupant room: where prosody is documented to saturate one
// core (~8 k deliveries/s). The goals compared are the issue's: xmppd ≤ 1/5
// of prosody's CPU per delivered message, ≤ 1/2 of its RSS per connection,
// and p95 fan-out latency < 100 ms at 200 occupants.
//
// Output: the table and the xmppd/prosody ratios on stdout, progress on
// stderr, the rows and ratios as JSON with -json FILE.
package mucbench
