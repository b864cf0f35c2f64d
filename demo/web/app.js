// app.js: the demo's web app. Joins a room through lib-jitsi-meet with the
// browser's camera and microphone, shows a tile per participant, mute
// buttons and the participant list. window.demo exposes the state the
// demo's end-to-end test reads.
'use strict';
(function () {
    const J = window.JitsiMeetJS;
    const $ = id => document.getElementById(id);
    const demo = {state: {connection: 'idle', conference: 'idle', error: ''}, conn: null, conf: null, localTracks: []};

    function status(text) { $('status').textContent = text; }
    function fail(where, err) {
        demo.state.error = where + ': ' + String(err);
        status('Error — ' + demo.state.error);
    }

    // tile returns the figure of a remote participant, creating it.
    function tile(id) {
        let fig = $('tile-' + id);
        if (!fig) {
            fig = document.createElement('figure');
            fig.className = 'tile remote';
            fig.id = 'tile-' + id;
            fig.innerHTML = '<video autoplay playsinline muted></video><figcaption></figcaption>';
            $('tiles').appendChild(fig);
        }
        const p = demo.conf && demo.conf.getParticipantById(id);
        fig.querySelector('figcaption').textContent = (p && p.getDisplayName()) || id;
        return fig;
    }

    function onTrackAdded(track) {
        if (track.isLocal()) { return; }
        const fig = tile(track.getParticipantId());
        if (track.getType() === 'video') {
            track.attach(fig.querySelector('video'));
        } else {
            const audio = document.createElement('audio');
            audio.autoplay = true;
            fig.appendChild(audio);
            track.attach(audio);
        }
        renderParticipants();
    }

    function onTrackRemoved(track) {
        if (track.isLocal()) { return; }
        const fig = $('tile-' + track.getParticipantId());
        if (fig) { track.containers.slice().forEach(el => { track.detach(el); if (el.tagName === 'AUDIO') { el.remove(); } }); }
        renderParticipants();
    }

    function mutedKinds(tracks) {
        return tracks.filter(t => t.isMuted()).map(t => t.getType()).sort().join(', ');
    }

    function renderParticipants() {
        const ul = $('participants');
        ul.textContent = '';
        if (!demo.conf) { return; }
        const rows = [{name: ($('name').value || 'You') + ' (you)', muted: mutedKinds(demo.localTracks)}];
        demo.conf.getParticipants().forEach(p => {
            rows.push({name: p.getDisplayName() || p.getId(), muted: mutedKinds(p.getTracks())});
        });
        rows.forEach(r => {
            const li = document.createElement('li');
            li.textContent = r.name;
            if (r.muted) {
                const m = document.createElement('span');
                m.className = 'muted';
                m.textContent = 'muted: ' + r.muted;
                li.appendChild(m);
            }
            ul.appendChild(li);
        });
    }

    function listen(conf) {
        const E = J.events.conference;
        conf.on(E.CONFERENCE_JOINED, () => {
            demo.state.conference = 'joined';
            status('In room "' + conf.getName() + '". Open this page in another tab and join the same room.');
            // Ask the bridge for up to 720p of everyone (the default is 180p).
            conf.setReceiverConstraints({lastN: -1, defaultConstraints: {maxHeight: 720}});
            renderParticipants();
        });
        conf.on(E.CONFERENCE_FAILED, err => { demo.state.conference = 'failed'; fail('conference', err); });
        conf.on(E.CONFERENCE_LEFT, () => { demo.state.conference = 'left'; });
        conf.on(E.TRACK_ADDED, onTrackAdded);
        conf.on(E.TRACK_REMOVED, onTrackRemoved);
        conf.on(E.TRACK_MUTE_CHANGED, renderParticipants);
        conf.on(E.USER_JOINED, id => { tile(id); renderParticipants(); });
        conf.on(E.USER_LEFT, id => { const f = $('tile-' + id); if (f) { f.remove(); } renderParticipants(); });
        conf.on(E.DISPLAY_NAME_CHANGED, id => { tile(id); renderParticipants(); });
    }

    // connect opens the XMPP connection over the WebSocket the demo
    // proxies on this origin, resolving once it is established.
    function connect(cfg) {
        const C = J.events.connection;
        const ws = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + '/xmpp-websocket';
        const conn = new J.JitsiConnection(null, null,
            {hosts: {domain: cfg.domain, muc: cfg.muc, focus: cfg.focus}, serviceUrl: ws});
        demo.conn = conn;
        demo.state.connection = 'connecting';
        return new Promise((resolve, reject) => {
            conn.addEventListener(C.CONNECTION_ESTABLISHED, () => { demo.state.connection = 'established'; resolve(conn); });
            conn.addEventListener(C.CONNECTION_FAILED, err => { demo.state.connection = 'failed'; reject(err); });
            conn.addEventListener(C.CONNECTION_DISCONNECTED, () => { demo.state.connection = 'disconnected'; });
            conn.connect();
        });
    }

    async function join(room) {
        setJoined(true);
        demo.state.error = '';
        status('Connecting…');
        try {
            const cfg = await (await fetch('config.json')).json();
            await connect(cfg);
            status('Starting camera and microphone…');
            demo.localTracks = await J.createLocalTracks({devices: ['audio', 'video']});
            demo.localTracks.filter(t => t.getType() === 'video').forEach(t => t.attach($('local-video')));
            // P2P off: the media goes through our bridge even for two.
            const conf = demo.conn.initJitsiConference(room, {p2p: {enabled: false}});
            demo.conf = conf;
            listen(conf);
            if ($('name').value) { conf.setDisplayName($('name').value); }
            for (const t of demo.localTracks) { await conf.addTrack(t); }
            demo.state.conference = 'joining';
            status('Joining "' + room + '"…');
            conf.join();
            setMuteButtons();
        } catch (err) {
            demo.state.conference = 'failed';
            fail('join', err);
        }
    }

    async function leave() {
        try { if (demo.conf) { await demo.conf.leave(); } } catch (err) { fail('leave', err); }
        demo.localTracks.forEach(t => t.dispose());
        if (demo.conn) { demo.conn.disconnect(); }
        demo.conf = null;
        demo.localTracks = [];
        document.querySelectorAll('.tile.remote').forEach(f => f.remove());
        renderParticipants();
        setJoined(false);
        status('Left.');
    }

    function setJoined(joined) {
        $('join').disabled = joined;
        $('room').disabled = joined;
        $('leave').disabled = !joined;
        $('mute-audio').disabled = !joined;
        $('mute-video').disabled = !joined;
    }

    async function toggleMute(kind) {
        const t = demo.localTracks.find(x => x.getType() === kind);
        if (!t) { return; }
        try { await (t.isMuted() ? t.unmute() : t.mute()); } catch (err) { fail('mute ' + kind, err); }
        setMuteButtons();
        renderParticipants();
    }

    function setMuteButtons() {
        [['audio', 'mute-audio'], ['video', 'mute-video']].forEach(([kind, id]) => {
            const t = demo.localTracks.find(x => x.getType() === kind);
            const muted = Boolean(t && t.isMuted());
            $(id).textContent = (muted ? 'Unmute ' : 'Mute ') + kind;
            $(id).classList.toggle('on', muted);
        });
    }

    // inboundStats sums getStats() inbound-rtp counters per kind on the
    // peer connection to the bridge (for the end-to-end test).
    demo.inboundStats = async function () {
        const out = {audio: {packets: 0, bytes: 0, streams: 0}, video: {packets: 0, bytes: 0, streams: 0}};
        const s = demo.conf && demo.conf.jvbJingleSession;
        if (!s || !s.peerconnection) { return out; }
        (await s.peerconnection.peerconnection.getStats()).forEach(r => {
            if (r.type !== 'inbound-rtp' || !out[r.kind]) { return; }
            out[r.kind].packets += r.packetsReceived || 0;
            out[r.kind].bytes += r.bytesReceived || 0;
            out[r.kind].streams += 1;
        });
        return out;
    };

    $('join-form').addEventListener('submit', ev => { ev.preventDefault(); join($('room').value.trim().toLowerCase()); });
    $('leave').addEventListener('click', leave);
    $('mute-audio').addEventListener('click', () => toggleMute('audio'));
    $('mute-video').addEventListener('click', () => toggleMute('video'));
    const q = new URLSearchParams(location.search).get('room');
    if (q) { $('room').value = q; }
    J.init({});
    J.setLogLevel(J.logLevels.WARN);
    window.demo = demo;
})();
