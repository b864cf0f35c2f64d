package xmppapi

import (
	"context"
	"log/slog"
	"runtime"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jitsi-go/jitsi-go/focus"
	"github.com/jitsi-go/jitsi-go/xmpp"
)

const (
	// focusNick is the nick the focus joins conference rooms with; the
	// client and mod_muc_meeting_id recognise the focus by it.
	focusNick = "focus"
	// occupantQueue bounds the IQs waiting per occupant.
	occupantQueue  = 32
	fieldMeetingID = "muc#roominfo_meetingId"
	fieldWhois     = "muc#roomconfig_whois"
)

// member is what the room session keeps of an occupant for owner election.
type member struct{ realJID, role, affiliation string }

// roomSession is the focus in one conference room: the MUC membership, the
// focus.Conference and the per-occupant queues between them.
type roomSession struct {
	sess  *session
	jid   string
	props map[string]string
	log   *slog.Logger
	pres  *focusPresence
	tasks *serial

	ctx     context.Context
	cancel  context.CancelFunc
	ready   chan struct{} // closed once joined and started, or failed (err)
	done    chan struct{} // closed once the room is left
	first   chan struct{} // closed at the first occupant
	closing atomic.Bool
	err     error
	conf    *focus.Conference
	room    mucRoom

	mu      sync.Mutex
	order   []string // nicks in join order
	members map[string]member
	latest  map[string]*xmpp.Element // last presence per nick
	pending map[string]bool          // an update task is queued
	owner   string
	once    sync.Once
}

func newRoomSession(sess *session, room string, props map[string]string) *roomSession {
	ctx, cancel := context.WithCancel(sess.ctx)
	return &roomSession{sess: sess, jid: room, props: props, log: sess.log.With("conf", room),
		pres: newFocusPresence(sess.svc.opts.Version), tasks: newSerial(ctx, occupantQueue),
		ctx: ctx, cancel: cancel, ready: make(chan struct{}), done: make(chan struct{}), first: make(chan struct{}),
		members: map[string]member{}, latest: map[string]*xmpp.Element{}, pending: map[string]bool{}}
}

// run joins, starts the conference and stays until the conference ends,
// the room is lost, nobody came within initial-timeout, or the session ends.
func (r *roomSession) run() {
	defer r.finish()
	if err := r.start(); err != nil {
		r.err = err
		r.log.Error("could not start the conference", "err", err)
		close(r.ready)
		return
	}
	close(r.ready)
	presDone := make(chan struct{})
	go func() {
		defer close(presDone)
		r.pres.run(r.ctx, r.sess.svc.clk, r.room, r.sess.svc.opts.replyTimeout(),
			func(err error) { r.log.Warn("presence update failed", "err", err) })
	}()
	r.log.Info("conference room joined", "meeting", r.conf.MeetingID())
	r.log.Info("leaving the conference room", "reason", r.wait())
	r.cancel()
	<-presDone
}

// start joins the room as focus (whois=anyone), reads the meeting id and
// starts the conference.
func (r *roomSession) start() error {
	svc := r.sess.svc
	ctx, cancel := withTimeout(r.ctx, svc.clk, svc.opts.replyTimeout())
	defer cancel()
	room, err := r.sess.join(ctx, r.jid, joinOptions{nick: focusNick, ext: r.pres.extensions(),
		configure: map[string][]string{fieldWhois: {"anyone"}}, onEvent: r.onEvent})
	if err != nil {
		return err
	}
	r.room = room
	meeting := ""
	if fields, err := room.Info(ctx); err == nil && len(fields[fieldMeetingID]) > 0 {
		meeting = fields[fieldMeetingID][0]
	}
	p := focus.Params{Room: r.jid, MeetingID: meeting, FocusJID: r.sess.c.JID().String(), Config: svc.cfg,
		Registry: svc.registry, Strategy: svc.strategy, Signaller: r.sess.sig, Bridges: r.sess.sig,
		Presence: r.pres, Clock: svc.clk, Logger: svc.log,
		StartAudioMuted: intProp(r.props, "startAudioMuted"), StartVideoMuted: intProp(r.props, "startVideoMuted")}
	conf, err := startConference(r.ctx, svc.hub, p)
	if err != nil {
		return err
	}
	r.conf = conf
	svc.confsCreated.Add(1)
	svc.state.changed()
	return nil
}

// startConference starts the room's conference; a conference of an earlier
// session of this room that has ended but not yet left the hub is waited out.
func startConference(ctx context.Context, hub *focus.Hub, p focus.Params) (*focus.Conference, error) {
	for {
		conf, err := hub.Start(ctx, p)
		if err != nil {
			return nil, err
		}
		select {
		case <-conf.Done():
			if ctx.Err() != nil {
				return nil, ctx.Err()
			}
			runtime.Gosched()
		default:
			return conf, nil
		}
	}
}

// wait returns why the room session ends.
func (r *roomSession) wait() string {
	var initial <-chan time.Time
	if d := r.sess.svc.cfg.Conference.InitialTimeout; d > 0 {
		initial = r.sess.svc.clk.After(d)
	}
	for {
		select {
		case <-r.conf.Done():
			return "conference ended"
		case <-r.room.Done():
			return "removed from the room"
		case <-r.ctx.Done():
			return "focus stopping"
		case <-initial:
			select {
			case <-r.first:
				initial = nil
			default:
				return "nobody joined within initial-timeout"
			}
		}
	}
}

// finish stops the conference and the queues, leaves the room and lets a
// new request for this room start afresh.
func (r *roomSession) finish() {
	r.closing.Store(true)
	r.cancel()
	if r.conf != nil {
		<-r.conf.Done()
	}
	r.tasks.wait()
	if r.room != nil {
		select {
		case <-r.room.Done():
		default:
			ctx, cancel := withTimeout(context.Background(), r.sess.svc.clk, r.sess.svc.opts.replyTimeout())
			if err := r.room.Leave(ctx); err != nil {
				r.log.Warn("leaving the room", "err", err)
			}
			cancel()
		}
	}
	r.sess.removeRoom(r)
	close(r.done)
	r.sess.svc.state.changed()
	r.log.Info("conference room left")
}

// waitReady waits for the conference; false when it could not start.
func (r *roomSession) waitReady(ctx context.Context) bool {
	select {
	case <-r.ready:
		return r.conf != nil
	case <-ctx.Done():
		return false
	}
}

func intProp(props map[string]string, name string) *int {
	v, ok := props[name]
	if !ok {
		return nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return nil
	}
	return &n
}
