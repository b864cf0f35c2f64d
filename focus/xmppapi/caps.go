package xmppapi

import (
	"context"
	"sync"

	"github.com/jitsi-go/jitsi-go/focus"
	"github.com/jitsi-go/jitsi-go/xmpp"
)

// maxCaps bounds the caps cache; past it the cache is emptied (a fresh
// query costs one IQ per occupant, a full cache costs memory forever).
const maxCaps = 4096

// iqSender is the part of *xmpp.Client that sends IQs.
type iqSender interface {
	SendIQ(ctx context.Context, iq *xmpp.Element) (*xmpp.Element, error)
}

// capsCache maps an entity-capabilities node#ver to the features its
// disco#info listed, as jicofo caches them by caps ver.
type capsCache struct {
	mu    sync.Mutex
	byVer map[string]focus.Features
}

func newCapsCache() *capsCache { return &capsCache{byVer: map[string]focus.Features{}} }

// features returns the occupant's features: from the cache when its caps
// ver is known, else from a disco#info query to the occupant JID. A failed
// query gives focus.DefaultFeatures (audio, video, SCTP), as jicofo assumes.
func (c *capsCache) features(ctx context.Context, s iqSender, occupantJID string, info presenceInfo) focus.Features {
	key := ""
	if info.CapsVer != "" {
		key = info.CapsNode + "#" + info.CapsVer
		c.mu.Lock()
		f, ok := c.byVer[key]
		c.mu.Unlock()
		if ok {
			return f
		}
	}
	vars, err := discoFeatures(ctx, s, occupantJID)
	if err != nil {
		return focus.DefaultFeatures
	}
	f := focus.ParseFeatures(vars)
	if key != "" {
		c.mu.Lock()
		if len(c.byVer) >= maxCaps {
			clear(c.byVer)
		}
		c.byVer[key] = f
		c.mu.Unlock()
	}
	return f
}

// discoFeatures sends a disco#info get to jid and returns the feature vars.
func discoFeatures(ctx context.Context, s iqSender, jid string) ([]string, error) {
	q := xmpp.NewElement(xmpp.NSDiscoInfo, "query")
	reply, err := s.SendIQ(ctx, xmpp.NewIQ("get", "", "", jid, q))
	if err != nil {
		return nil, err
	}
	var vars []string
	if res := reply.Child(xmpp.NSDiscoInfo, "query"); res != nil {
		for _, f := range res.Children() {
			if f.Local == "feature" {
				vars = append(vars, f.Get("var"))
			}
		}
	}
	return vars, nil
}
