package muc

import (
	"github.com/jitsi-go/jitsi-go/xmpp"
)

const nsRoomConfig = "http://jabber.org/protocol/muc#roomconfig"

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
	if r.svc.cfg.MeetingID {
		f.Add(field("muc#roominfo_meetingId", "text-single", r.meetingID))
	}
	return f
}

// applyForm applies a submitted form; unknown fields are ignored as prosody
// does. It reports whether whois changed (status 172/173).
func (r *Room) applyForm(x *xmpp.Element) (whoisChanged bool) {
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
		}
	}
	return whoisChanged
}
