package colibri

import (
	"encoding/xml"

	"mellium.im/xmpp/stanza"
)

// HealthCheck is <healthcheck xmlns="http://jitsi.org/protocol/healthcheck"/>,
// the payload of the iq get a focus sends each bridge every health-check
// interval (jicofo JvbDoctor). The bridge answers with an empty result, or
// with an internal-server-error error saying what failed.
type HealthCheck struct {
	XMLName xml.Name `xml:"http://jitsi.org/protocol/healthcheck healthcheck"`
}

// NewHealthCheckIQ returns the health-check request with the given id.
func NewHealthCheckIQ(id string) HealthCheckIQ {
	return NewIQ(stanza.GetIQ, id, &HealthCheck{})
}

// HealthCheckResult returns the reply to req: an empty result when failure
// is nil, or an internal-server-error carrying failure's text, as
// jitsi-videobridge answers.
func HealthCheckResult(req HealthCheckIQ, failure error) HealthCheckIQ {
	res := NewIQ[HealthCheck](stanza.ResultIQ, req.ID, nil)
	res.IQ.XMLName = req.IQ.XMLName
	res.To, res.From = req.From, req.To
	if failure != nil {
		res.Type = stanza.ErrorIQ
		res.Error = NewStanzaError(stanza.Cancel, stanza.InternalServerError, failure.Error())
	}
	return res
}
