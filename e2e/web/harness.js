// harness.js: drives lib-jitsi-meet for the e2e tests. Everything the tests
// read or call lives on window.e2e; the Go side polls e2e.state with a
// deadline instead of waiting for fixed times.
'use strict';
(function () {
    const J = window.JitsiMeetJS;
    const maxEvents = 500;
    // Conference events that fire many times a second; not worth recording.
    const noisy = new Set(['conference.audioLevelsChanged', 'conference.endpoint_stats_received']);

    const e2e = {
        state: {connection: 'idle', conference: 'idle', error: ''},
        events: [],            // {at, source, name, detail}
        endpointMessages: [],  // {from, payload}
        remoteTracks: [],      // {participant, kind}
        removedTracks: [],     // {participant, kind}
        leftParticipants: [],  // endpoint IDs from USER_LEFT
        bridgeDown: 0,         // CONFERENCE_FAILED videobridgeNotAvailable seen
        conn: null,
        conf: null,
        localTracks: []
    };

    // The bridge channel: every colibri websocket lib-jitsi-meet opens is
    // recorded with the colibriClass of each message in and out, so the
    // tests see ServerHello and EndpointMessage on the wire itself.
    // counts: 'in:ServerHello' → n, unbounded by the message log's size.
    e2e.colibri = {sockets: [], messages: [], counts: {}}; // messages: {dir, cls, at, to, from, payload}
    const maxColibri = 500;
    function colibriRecord(dir, data) {
        let m = {};
        try { m = JSON.parse(data); } catch (err) { m = {colibriClass: '(not json)'}; }
        const key = dir + ':' + (m.colibriClass || '');
        e2e.colibri.counts[key] = (e2e.colibri.counts[key] || 0) + 1;
        if (e2e.colibri.messages.length >= maxColibri) { e2e.colibri.messages.shift(); }
        e2e.colibri.messages.push({dir: dir, cls: m.colibriClass || '', at: Date.now(),
            to: m.to === undefined ? null : m.to, from: m.from === undefined ? null : m.from,
            payload: m.colibriClass === 'EndpointMessage' ? m.msgPayload : null,
            raw: String(data).slice(0, 400)});
    }
    const NativeWebSocket = window.WebSocket;
    class RecordingWebSocket extends NativeWebSocket {
        constructor(url, protocols) {
            super(url, protocols);
            this.e2eColibri = String(url).includes('/colibri-ws/');
            if (this.e2eColibri) {
                const sock = {url: String(url), opened: false, closed: null};
                e2e.colibri.sockets.push(sock);
                this.addEventListener('open', () => { sock.opened = true; });
                this.addEventListener('close', ev => { sock.closed = {code: ev.code, reason: ev.reason}; });
                this.addEventListener('message', ev => colibriRecord('in', ev.data));
            }
        }
        send(data) {
            if (this.e2eColibri) { colibriRecord('out', data); }
            super.send(data);
        }
    }
    window.WebSocket = RecordingWebSocket;

    function detail(args) {
        return args.map(a => {
            if (a && typeof a.getId === 'function') { return 'id:' + a.getId(); }
            try { return typeof a === 'string' ? a : JSON.stringify(a); } catch (err) { return String(a); }
        }).join(' ').slice(0, 300);
    }

    function record(source, name, args) {
        if (e2e.events.length >= maxEvents) { e2e.events.shift(); }
        e2e.events.push({at: Date.now(), source: source, name: name, detail: detail(args || [])});
        const status = document.getElementById('status');
        if (status) {
            status.textContent = 'connection: ' + e2e.state.connection + ', conference: ' + e2e.state.conference;
        }
    }

    // connect opens an XMPP connection; serviceUrl ws(s):// selects WebSocket,
    // http(s):// selects BOSH. Progress shows in e2e.state.connection.
    e2e.connect = function (o) {
        const C = J.events.connection;
        const conn = new J.JitsiConnection(null, null,
            {hosts: {domain: o.domain, muc: o.muc, focus: o.focus}, serviceUrl: o.serviceUrl});
        const on = (ev, st) => conn.addEventListener(ev, (...args) => {
            e2e.state.connection = st;
            if (st === 'failed') { e2e.state.error = detail(args); }
            record('connection', ev, args);
        });
        on(C.CONNECTION_ESTABLISHED, 'established');
        on(C.CONNECTION_FAILED, 'failed');
        on(C.CONNECTION_DISCONNECTED, 'disconnected');
        e2e.conn = conn;
        e2e.state.connection = 'connecting';
        conn.connect();
    };

    function listen(conf) {
        const E = J.events.conference;
        Object.values(E).filter(ev => !noisy.has(ev)).forEach(ev => conf.on(ev, (...args) => record('conference', ev, args)));
        conf.on(E.CONFERENCE_JOINED, () => { e2e.state.conference = 'joined'; });
        conf.on(E.CONFERENCE_LEFT, () => { e2e.state.conference = 'left'; });
        conf.on(E.CONFERENCE_FAILED, err => {
            // The focus's <bridgeNotAvailable/> presence (no bridge while one
            // restarts) arrives as CONFERENCE_FAILED, but the conference goes
            // on: jitsi-meet only shows a notice. Count it, stay joined.
            if (err === 'conference.videobridgeNotAvailable') { e2e.bridgeDown += 1; return; }
            e2e.state.conference = 'failed'; e2e.state.error = String(err);
        });
        conf.on(E.TRACK_ADDED, t => {
            if (!t.isLocal()) { e2e.remoteTracks.push({participant: t.getParticipantId(), kind: t.getType()}); }
        });
        conf.on(E.TRACK_REMOVED, t => {
            if (!t.isLocal()) { e2e.removedTracks.push({participant: t.getParticipantId(), kind: t.getType()}); }
        });
        conf.on(E.USER_LEFT, id => { e2e.leftParticipants.push(id); });
        conf.on(E.ENDPOINT_MESSAGE_RECEIVED, (p, payload) => {
            e2e.endpointMessages.push({from: p.getId(), payload: payload});
        });
    }

    // join creates fake camera and microphone tracks, inits the conference in
    // room and asks to join; the focus request goes out from here.
    e2e.join = async function (room, options) {
        e2e.state.conference = 'tracks';
        e2e.localTracks = await J.createLocalTracks({devices: ['audio', 'video']});
        // P2P off: two participants would otherwise bypass the bridge.
        const conf = e2e.conn.initJitsiConference(room, Object.assign({p2p: {enabled: false}}, options || {}));
        e2e.conf = conf;
        listen(conf);
        for (const t of e2e.localTracks) { await conf.addTrack(t); }
        e2e.state.conference = 'joining';
        conf.join();
        return e2e.localTracks.map(t => t.getType());
    };

    // inboundStats sums getStats() inbound-rtp counters per kind over the
    // peer connection to the bridge (never a P2P one).
    e2e.inboundStats = async function () {
        const out = {audio: {packets: 0, bytes: 0, streams: 0}, video: {packets: 0, bytes: 0, streams: 0}};
        const session = e2e.conf && e2e.conf.jvbJingleSession;
        const tpc = session && session.peerconnection;
        if (!tpc) { return out; }
        const report = await tpc.peerconnection.getStats();
        report.forEach(s => {
            if (s.type !== 'inbound-rtp' || !out[s.kind]) { return; }
            out[s.kind].packets += s.packetsReceived || 0;
            out[s.kind].bytes += s.bytesReceived || 0;
            out[s.kind].streams += 1;
        });
        return out;
    };

    // inboundStreams lists every inbound-rtp stream of the bridge peer
    // connection with its SSRC, the receiving MediaStreamTrack and the
    // remote participant lib-jitsi-meet currently attributes that track or
    // SSRC to ('' once the track is gone).
    e2e.inboundStreams = async function () {
        const session = e2e.conf && e2e.conf.jvbJingleSession;
        const tpc = session && session.peerconnection;
        if (!tpc) { return []; }
        const byTrack = {}, bySSRC = {};
        e2e.conf.getParticipants().forEach(p => p.getTracks().forEach(t => {
            const track = t.getTrack();
            if (track) { byTrack[track.id] = p.getId(); }
            if (t.getSSRC()) { bySSRC[t.getSSRC()] = p.getId(); }
        }));
        const out = [];
        (await tpc.peerconnection.getStats()).forEach(s => {
            if (s.type !== 'inbound-rtp' || (s.kind !== 'audio' && s.kind !== 'video')) { return; }
            out.push({ssrc: s.ssrc, kind: s.kind, track: s.trackIdentifier || '', mid: s.mid || '',
                participant: byTrack[s.trackIdentifier] || bySSRC[s.ssrc] || '',
                packets: s.packetsReceived || 0, bytes: s.bytesReceived || 0});
        });
        return out;
    };

    // participants lists the remote participants' endpoint IDs.
    e2e.participants = function () {
        return e2e.conf ? e2e.conf.getParticipants().map(p => p.getId()) : [];
    };

    // muteParticipant asks the focus, as moderator, to mute id's kind.
    e2e.muteParticipant = function (id, kind) {
        e2e.conf.muteParticipant(id, kind);
    };

    // isModerator says whether the focus made this page a moderator.
    e2e.isModerator = function () {
        return !!e2e.conf && e2e.conf.isModerator();
    };

    // debugReport summarises the bridge peer connection for failure
    // reports: RTP stats entries, the selected candidate pair and both
    // session descriptions.
    e2e.debugReport = async function () {
        const session = e2e.conf && e2e.conf.jvbJingleSession;
        const tpc = session && session.peerconnection;
        if (!tpc) { return {error: 'no JVB peer connection'}; }
        const pc = tpc.peerconnection;
        const stats = [];
        (await pc.getStats()).forEach(s => {
            if (['inbound-rtp', 'outbound-rtp', 'candidate-pair', 'transport'].includes(s.type)) {
                stats.push(JSON.stringify(s));
            }
        });
        return {
            iceState: pc.iceConnectionState, connectionState: pc.connectionState, stats: stats,
            local: pc.localDescription ? pc.localDescription.sdp : '',
            remote: pc.remoteDescription ? pc.remoteDescription.sdp : ''
        };
    };

    // sendEndpointMessage sends over the bridge channel; to '' is everyone.
    e2e.sendEndpointMessage = function (to, payload) {
        e2e.conf.sendEndpointMessage(to, payload);
    };

    // info reports who this page is to the servers.
    e2e.info = function () {
        return {
            jid: e2e.conn ? e2e.conn.getJid() || '' : '',
            machineUid: window.localStorage.getItem('jitsiMeetId') || '',
            myUserId: e2e.conf ? e2e.conf.myUserId() || '' : ''
        };
    };

    e2e.leave = async function () {
        if (e2e.conf) { await e2e.conf.leave(); }
        e2e.localTracks.forEach(t => t.dispose());
        if (e2e.conn) { e2e.conn.disconnect(); }
    };

    J.init({});
    J.setLogLevel(J.logLevels.WARN);
    window.e2e = e2e;
    record('page', 'ready');
})();
