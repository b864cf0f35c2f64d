package focus

import (
	"context"
	"log/slog"
	"sort"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/jitsi-go/jitsi-go/colibri"
	"github.com/jitsi-go/jitsi-go/jingle"
)

// conference is the state one executor owns. Nothing here is locked: only
// the goroutine running Conference.Run touches it.
type conference struct {
	p    Params
	log  *slog.Logger
	mail *mailbox[func(*conference)]

	ctx context.Context
	// cancel ends ctx, and with it every send queue and the IQ in flight:
	// see shutdown.
	cancel context.CancelFunc
	wg     sync.WaitGroup
	act    *activity
	// stopping is closed when shutdown begins; timers give up then.
	stopping chan struct{}
	// timers counts the timer goroutines still waiting on the clock.
	timers atomic.Int64
	// sourceAdds and sourceRemoves count the source-add and source-remove
	// IQs handed to the Signaller (jicofo's jingle_sourceadd_sent and jingle_sourceremove_sent).
	sourceAdds, sourceRemoves atomic.Int64

	participants map[string]*participant // by nick
	byJID        map[string]*participant
	bridges      map[string]*bridgeSession // by bridge JID
	sources      *sourceMap
	avModeration map[colibri.MuteMedia]bool

	// startMuted are the room metadata's startMuted flags, applied to
	// participants on their first invitation.
	roomStartMuted [2]bool
	started        bool // min-participants reached once
	ended          bool
	noBridge       bool // bridgeNotAvailable is in the focus's presence
	lonelyTimer    uint64
	timerSeq       uint64
	lastBridgeCnt  int
	droppedReplies int
}

func newConferenceState(p Params, mail *mailbox[func(*conference)]) *conference {
	cc := p.Config.Conference
	return &conference{
		p: p, mail: mail,
		log:          p.Logger.With("conf", p.Room, "meeting", p.MeetingID),
		participants: map[string]*participant{},
		byJID:        map[string]*participant{},
		bridges:      map[string]*bridgeSession{},
		sources:      newSourceMap(cc.MaxSSRCsPerUser, cc.MaxSSRCGroupsPerUser, cc.StripSimulcast),
		avModeration: map[colibri.MuteMedia]bool{},
		act:          newActivity(),
		stopping:     make(chan struct{}),
	}
}

func (c *conference) start(ctx context.Context) {
	// The queues outlive ctx a little at shutdown so queued expires go out.
	c.ctx, c.cancel = context.WithCancel(context.WithoutCancel(ctx))
	c.log.Info("conference started")
}

// shutdown ends every queue and waits for them and the timers. When ctx
// (Run's) is already done it aborts: queued IQs are dropped and the ones in
// flight cancelled. Otherwise queued IQs (the expires of an emptied room) go
// out, each bounded by the IQ timeout, unless ctx ends meanwhile (the focus
// is stopping): then the rest is aborted, so a stopping focus never waits a
// reply timeout for a peer that is stopping or gone too.
func (c *conference) shutdown(ctx context.Context) {
	close(c.stopping)
	defer c.cancel()
	abort := ctx.Err() != nil
	if abort {
		c.cancel()
	} else {
		drained := make(chan struct{})
		defer close(drained)
		go func() {
			select {
			case <-ctx.Done():
				c.cancel()
			case <-drained:
			}
		}()
	}
	for _, p := range c.participants {
		if abort {
			p.out.abort()
		} else {
			p.out.close()
		}
	}
	for _, b := range c.bridges {
		if abort {
			b.queues.abortAll()
		} else {
			b.queues.closeAll()
		}
	}
	c.wg.Wait()
	c.log.Info("conference ended")
}

// post queues fn for the executor from any goroutine.
func (c *conference) post(fn func(*conference)) { c.mail.put(fn, 0) }

// after runs fn on the executor once d has passed on the conference clock.
func (c *conference) after(d time.Duration, fn func(*conference)) { c.afterUnless(d, nil, fn) }

// afterUnless is after, except that the timer is dropped, and its goroutine
// ends, as soon as cancel is closed (a nil cancel never is).
func (c *conference) afterUnless(d time.Duration, cancel <-chan struct{}, fn func(*conference)) {
	ch := c.p.Clock.After(d)
	c.wg.Add(1)
	c.timers.Add(1)
	go func() {
		defer c.wg.Done()
		defer c.timers.Add(-1)
		select {
		case <-ch:
			c.post(fn)
		case <-cancel:
		case <-c.stopping:
		}
	}()
}

// sortedParticipants returns the participants ordered by nick, so that what
// the executor does for several of them happens in a stable order.
func (c *conference) sortedParticipants() []*participant {
	out := make([]*participant, 0, len(c.participants))
	for _, p := range c.participants {
		out = append(out, p)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].occ.Nick < out[j].occ.Nick })
	return out
}

// sessionState is where a participant's Jingle session stands.
type sessionState int

const (
	stateIdle       sessionState = iota // no session, not being invited
	stateNoBridge                       // waiting for a bridge to appear
	stateAllocating                     // Colibri2 allocation in flight
	statePending                        // session-initiate sent, no session-accept yet
	stateActive                         // session-accept received
)

var stateNames = [...]string{"idle", "no-bridge", "allocating", "pending", "active"}

func (s sessionState) String() string { return stateNames[s] }

// participant is one occupant taking part in the media session.
type participant struct {
	occ   Occupant
	log   *slog.Logger
	out   *sendQueue
	state sessionState
	// gen changes with every invitation, so replies to an older one are ignored.
	gen    uint64
	bridge *bridgeSession
	sid    string
	opts   OfferOptions
	remote *sourceSignaling
	// flushPending is set while a delayed flush of remote is scheduled
	// (jicofo's signalQueuedSourcesTask); gone is closed when the occupant
	// leaves, which drops that flush.
	flushPending bool
	gone         chan struct{}
	restarts     rateLimit
	// failures counts allocations failed in a row; it stops endless re-invites.
	failures int
	// justJoined is set until the first invitation.
	justJoined bool
	// forceMute is the force-mute state last sent to the bridge.
	forceMute map[colibri.MuteMedia]bool
	// mutedByFocus is set by an accepted mute request and cleared by the
	// participant's own unmute request, as jicofo's handleMuteRequest does
	// through its Colibri2 mute (audio; video also stands for desktop).
	mutedByFocus map[colibri.MuteMedia]bool
}

func (c *conference) newParticipant(o Occupant) *participant {
	return &participant{
		occ: o, log: c.log.With("endpoint", o.Nick),
		out:          newSendQueue(c.ctx, &c.wg, c.act),
		remote:       newSourceSignaling(),
		gone:         make(chan struct{}),
		restarts:     rateLimit{cfg: c.p.Config.Conference.RestartRequests},
		forceMute:    map[colibri.MuteMedia]bool{},
		mutedByFocus: map[colibri.MuteMedia]bool{},
	}
}

// json reports whether the participant gets sources as json-message.
func (c *conference) json(p *participant) bool {
	return c.p.Config.Conference.UseJSONEncodedSources && p.occ.Features.Has(FeatureJSONSources)
}

// bridgeSession is the conference on one bridge (jicofo's Colibri2Session).
type bridgeSession struct {
	jid    string
	id     string // sent to clients as <bridge-session id>
	region string
	// created is set once the request with create="true" is queued.
	created  bool
	queues   *bridgeQueues
	feedback jingle.EndpointSources
}

// session returns the conference's session on the bridge, creating it.
func (c *conference) session(jid, region string) *bridgeSession {
	if b, ok := c.bridges[jid]; ok {
		return b
	}
	b := &bridgeSession{jid: jid, id: c.p.NewID(), region: region, queues: newBridgeQueues(c.ctx, &c.wg, c.act),
		feedback: jingle.EndpointSources{Owner: jingle.OwnerJVB}}
	c.bridges[jid] = b
	c.bridgeCountChanged()
	return b
}

func (c *conference) bridgeCountChanged() {
	if n := len(c.bridges); n != c.lastBridgeCnt && c.p.Presence != nil {
		c.lastBridgeCnt = n
		c.p.Presence.SetConferenceProperty(colibri.KeyBridgeCount, strconv.Itoa(n))
	}
}
