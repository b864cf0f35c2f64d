// Package loadtest is the library behind cmd/loadtest: it joins N
// conferences of M simulated participants (package participant) to a
// deployment over WebSocket, BOSH or c2s, measures each one's join timings
// and received media, samples the server processes and their stats
// endpoints once a second, and produces a Result (JSON) that package
// loadtest/report turns into an offline HTML report.
package loadtest
