package muc

import (
	"math"
	"strconv"

	"github.com/jitsi-go/jitsi-go/xmpp"
)

const (
	nsRoomConfig = "http://jabber.org/protocol/muc#roomconfig"
	nsValidate   = "http://jabber.org/protocol/xdata-validate"
)

func newForm(typ, formType string) *xmpp.Element {
	return xmpp.NewElement(xmpp.NSData, "x", "type", typ).
		Add(field("FORM_TYPE", "hidden", formType))
}

func field(v, typ, value string, options ...string) *xmpp.Element {
	f := xmpp.NewElement(xmpp.NSData, "field", "var", v, "type", typ)
	f.Add(xmpp.NewElement(xmpp.NSData, "value").AddText(value))
	for _, o := range options {
		f.Add(xmpp.NewElement(xmpp.NSData, "option").Add(xmpp.NewElement(xmpp.NSData, "value").AddText(o)))
	}
	return f
}

func boolField(v string, b bool) *xmpp.Element {
	s := "0"
	if b {
		s = "1"
	}
	return field(v, "boolean", s)
}

// configForm is the muc#owner form, including muc#roomconfig_whois and the
// meeting id (jicofo reads muc#roominfo_meetingId from it).
func (r *Room) configForm() *xmpp.Element {
	f := newForm("form", nsRoomConfig)
	f.Add(field("muc#roomconfig_roomname", "text-single", r.cfg.Name),
		field("muc#roomconfig_roomdesc", "text-single", r.cfg.Description),
		boolField("muc#roomconfig_persistentroom", r.cfg.Persistent),
		boolField("muc#roomconfig_publicroom", r.cfg.Public),
		boolField("muc#roomconfig_membersonly", r.cfg.MembersOnly),
		boolField("muc#roomconfig_moderatedroom", r.cfg.Moderated),
		boolField("muc#roomconfig_passwordprotectedroom", r.cfg.Password != ""),
		field("muc#roomconfig_roomsecret", "text-private", r.cfg.Password),
		field("muc#roomconfig_whois", "list-single", r.cfg.Whois, "moderators", "anyone"),
		boolField("muc#roomconfig_changesubject", r.cfg.ChangeSubject),
		boolField("muc#roomconfig_allowinvites", r.cfg.AllowInvites))
	f.Add(intField("muc#roomconfig_historylength", r.hist.length),
		intField("muc#roomconfig_defaulthistorymessages", r.hist.defMsgs))
	if r.svc.cfg.MeetingID {
		f.Add(field("muc#roominfo_meetingId", "text-single", r.meetingID))
	}
	return f
}

// intField is a text-single field with XEP-0122 xs:integer validation, as
// prosody's history fields are.
func intField(v string, n int) *xmpp.Element {
	return xmpp.NewElement(xmpp.NSData, "field", "var", v, "type", "text-single").Add(
		xmpp.NewElement(nsValidate, "validate", "datatype", "xs:integer"),
		xmpp.NewElement(xmpp.NSData, "value").AddText(strconv.Itoa(n)))
}

// applyForm applies a submitted form; unknown fields are ignored as prosody
// does. It returns the status codes to announce: 104 when a history field
// was submitted (prosody's history.lib sets it whatever the value), 172/173
// when whois changed.
func (r *Room) applyForm(x *xmpp.Element) (codes []string) {
	var histLen, defMsgs *string
	whoisChanged := false
	for _, f := range x.Children() {
		if f.Local != "field" {
			continue
		}
		v := ""
		if val := f.Child(xmpp.NSData, "value"); val != nil {
			v = val.Text()
		}
		b := v == "1" || v == "true"
		switch f.Get("var") {
		case "muc#roomconfig_roomname":
			r.cfg.Name = v
		case "muc#roomconfig_roomdesc":
			r.cfg.Description = v
		case "muc#roomconfig_persistentroom":
			r.cfg.Persistent = b
		case "muc#roomconfig_publicroom":
			r.cfg.Public = b
		case "muc#roomconfig_membersonly":
			r.cfg.MembersOnly = b
		case "muc#roomconfig_moderatedroom":
			r.cfg.Moderated = b
		case "muc#roomconfig_roomsecret":
			r.cfg.Password = v
		case "muc#roomconfig_whois":
			if (v == "anyone" || v == "moderators") && v != r.cfg.Whois {
				r.cfg.Whois, whoisChanged = v, true
			}
		case "muc#roomconfig_changesubject":
			r.cfg.ChangeSubject = b
		case "muc#roomconfig_allowinvites":
			r.cfg.AllowInvites = b
		case "muc#roominfo_meetingId":
			if v != "" && r.svc.cfg.MeetingID {
				r.meetingID = v
			}
		case "muc#roomconfig_historylength":
			histLen = &v
		case "muc#roomconfig_defaulthistorymessages":
			defMsgs = &v
		}
	}
	if histLen != nil || defMsgs != nil {
		r.applyHistoryFields(histLen, defMsgs)
		codes = append(codes, "104")
	}
	switch {
	case whoisChanged && r.cfg.Whois == "anyone":
		codes = append(codes, "172")
	case whoisChanged:
		codes = append(codes, "173")
	}
	return codes
}

// applyHistoryFields sets the history length (clamped to the service's
// maximum; a value that is not an integer restores the service default, as
// prosody restores its own) and then the default number of messages for
// joiners that ask for none (not above the length; not an integer gives 20).
func (r *Room) applyHistoryFields(histLen, defMsgs *string) {
	if histLen != nil {
		n, ok := xsInteger(*histLen)
		if !ok {
			n = r.svc.cfg.HistoryLength
		}
		r.hist.setLength(min(max(n, 0), r.svc.cfg.MaxHistory))
	}
	if defMsgs != nil {
		n, ok := xsInteger(*defMsgs)
		if !ok {
			n = defaultHistoryMessages
		}
		r.hist.defMsgs = min(n, r.hist.length)
	}
}

// xsInteger validates a form value as prosody's xs:integer validator.
func xsInteger(s string) (int, bool) {
	f := luaNumber(s)
	if f == nil || *f != math.Trunc(*f) || math.Abs(*f) > 1<<31 {
		return 0, false
	}
	return int(*f), true
}
