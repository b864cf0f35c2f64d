package bridge

// messageHandler handles one client → bridge message class.
type messageHandler func(b *Bridge, ep *endpoint, m *Message)

// messageHandlers registers the handler of each class a client sends.
func messageHandlers() map[string]messageHandler {
	return map[string]messageHandler{
		ClassClientHello:              (*Bridge).onClientHello,
		ClassEndpointMessage:          (*Bridge).onEndpointMessage,
		ClassEndpointStats:            (*Bridge).onEndpointStats,
		ClassReceiverVideoConstraints: (*Bridge).onReceiverVideoConstraints,
		ClassLastNChanged:             (*Bridge).onLastN,
		ClassSourceVideoType:          (*Bridge).onSourceVideoType,
		ClassVideoType:                (*Bridge).onVideoType,
	}
}

// handleMessage decodes and dispatches one text message from ep.
func (b *Bridge) handleMessage(ep *endpoint, data []byte) {
	b.totals.wsReceived.Add(1)
	m, err := DecodeMessage(data)
	if err != nil {
		ep.log.Debug("bad bridge channel message", "err", err)
		return
	}
	h := b.handlers[m.Class]
	if h == nil {
		ep.log.Debug("unhandled bridge channel message", "class", m.Class)
		return
	}
	h(b, ep, m)
}

func (b *Bridge) serverHello() []byte {
	h := ServerHello{Class: ClassServerHello}
	if b.cfg.AnnounceVersion {
		h.Version = b.cfg.Version
	}
	return mustJSON(h)
}

func (b *Bridge) onClientHello(ep *endpoint, _ *Message) { ep.send(b.serverHello()) }

// onEndpointMessage relays to one endpoint ("to") or to all others ("" =
// broadcast), with "from" set to the sender. Visitors' messages are dropped.
func (b *Bridge) onEndpointMessage(ep *endpoint, m *Message) {
	if ep.visitor {
		return
	}
	out, err := m.WithFrom(ep.id)
	if err != nil {
		return
	}
	to := m.String("to")
	if to == "" {
		for _, p := range b.peers(ep.conf, ep) {
			p.send(out)
		}
		return
	}
	if _, target := b.lookup(ep.conf.id, to); target != nil {
		target.send(out)
		return
	}
	ep.log.Debug("EndpointMessage to an unknown endpoint", "to", to)
}

// onEndpointStats relays the sender's stats to every other endpoint.
func (b *Bridge) onEndpointStats(ep *endpoint, m *Message) {
	if ep.visitor {
		return
	}
	out, err := m.WithFrom(ep.id)
	if err != nil {
		return
	}
	for _, p := range b.peers(ep.conf, ep) {
		p.send(out)
	}
}

func (b *Bridge) onReceiverVideoConstraints(ep *endpoint, m *Message) {
	var rvc ReceiverVideoConstraints
	if err := m.Decode(&rvc); err != nil {
		ep.log.Debug("bad ReceiverVideoConstraints", "err", err)
		return
	}
	ep.stMu.Lock()
	defer ep.stMu.Unlock() // keeps the SFU's view in message order
	ep.rvc.merge(&rvc)
	ep.sep.SetReceiverConstraints(ep.rvc.sfu())
}

func (b *Bridge) onLastN(ep *endpoint, m *Message) {
	var l LastNChanged
	if err := m.Decode(&l); err != nil {
		return
	}
	ep.stMu.Lock()
	ep.clientLastN = true
	ep.applyLastNLocked(l.LastN)
	ep.stMu.Unlock()
}

// onSourceVideoType records a source's video type. jvb forwards it to
// relays only; without relays there is nobody to tell.
func (b *Bridge) onSourceVideoType(ep *endpoint, m *Message) {
	var v SourceVideoType
	if err := m.Decode(&v); err != nil {
		return
	}
	ep.stMu.Lock()
	if ep.videoTypes == nil {
		ep.videoTypes = map[string]string{}
	}
	ep.videoTypes[v.SourceName] = v.VideoType
	ep.stMu.Unlock()
	ep.log.Debug("source video type", "source", v.SourceName, "type", v.VideoType)
}

// onVideoType is the deprecated per-endpoint form: it names the
// endpoint's first video source.
func (b *Bridge) onVideoType(ep *endpoint, m *Message) {
	var v SourceVideoType
	if err := m.Decode(&v); err != nil {
		return
	}
	v.SourceName = ep.id + "-v0"
	ep.stMu.Lock()
	if ep.videoTypes == nil {
		ep.videoTypes = map[string]string{}
	}
	ep.videoTypes[v.SourceName] = v.VideoType
	ep.stMu.Unlock()
}
