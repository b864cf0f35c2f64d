// Package loadtest is the library behind cmd/loadtest: it joins N
// conferences of M simulated participants (package participant) to a
// deployment over WebSocket, BOSH or c2s, measures each one's join timings
// and received media, samples the server processes and their stats
// endpoints once a second, and produces a Result (JSON) that package
// loadtest/report turns into an offline HTML report.
//
// A run (Run) has three phases. Joining: one participant starts per
// 1/JoinRate, conference after conference; each join (login, conference
// IQ, MUC, session-accept acknowledged, then the first remote packet when
// its conference has other senders) is bounded by JoinTimeout, and a
// failed one is recorded, not fatal. Measuring: once every join ended, for
// Duration; stream bitrates cover this window, a participant "receives
// all" when every other sender of its conference brought audio and video
// packets (as configured) during it. Leaving: everyone sends unavailable
// presence and closes, within a bound, also when the context ended early.
//
// A sampler runs throughout, once a second on the real clock: joined,
// media flowing (packets from every expected sender in the last second),
// errors, received bitrate and loss over the last second, the CPU and RSS
// of Options.Procs (loadtest/procstat) and the bridge's /colibri/stats and
// the focus's /stats as JSON objects (a failed fetch is counted in
// StatsErrors). Options.Cuts cut chosen participants' media network
// (participant.Session.CutNetwork) At after they joined.
package loadtest
