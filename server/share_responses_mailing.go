package server

import (
	"net/mail"
	"strings"

	"github.com/gin-gonic/gin"

	"firstperson/forms"
	"firstperson/models"
)

// shareEmailForm is the email part of the shares page.
type shareEmailForm struct {
	Enabled bool   // SMTP is configured: the field is shown
	To      string // the care home's address, as typed
	Error   string // the address is wrong (422, no link made)
	Sent    string // "sent to …" after a link was emailed
	Failed  string // why sending failed; the link still works
}

// shareEmailInput reads and checks the optional care-home email address.
func (s *Server) shareEmailInput(c *gin.Context) shareEmailForm {
	f := shareEmailForm{Enabled: s.mailer != nil}
	if !f.Enabled {
		return f
	}
	f.To = strings.TrimSpace(c.PostForm("email"))
	f.Error = checkShareEmail(f.To)
	return f
}

// checkShareEmail says what is wrong with a care home's address ("" when
// it is fine or empty).
func checkShareEmail(to string) string {
	if to == "" {
		return ""
	}
	if a, err := mail.ParseAddress(to); err != nil || a.Address != to || len(to) > 254 {
		return "an email address such as manager@rosewood.example, or leave it empty to send the link yourself"
	}
	return ""
}

// apiShareEmail checks the "email" of POST /api/v1/assessments/:id/shares.
func (s *Server) apiShareEmail(to string) error {
	msg := checkShareEmail(to)
	if to != "" && s.mailer == nil {
		msg = "this server does not send email (no -smtp configured); leave it out and send the link yourself"
	}
	if msg == "" {
		return nil
	}
	return &forms.ValidationError{Message: "the share link was not made", Fields: map[string]string{"email": msg}}
}

// emailShare sends a fresh link to the care home when an address was
// given, and records the attempt in the audit trail. A failure is shown
// on the page; the link works either way.
func (s *Server) emailShare(c *gin.Context, link *models.ShareLink, url, to string) shareEmailForm {
	f := shareEmailForm{Enabled: s.mailer != nil}
	if !f.Enabled || to == "" || link == nil {
		return f
	}
	ctx, u := c.Request.Context(), currentUser(c)
	a, err := s.store.Assessment(ctx, u.TeamID, link.AssessmentID)
	if err == nil {
		var contact models.TeamContact
		if contact, err = s.store.TeamContact(ctx, u.TeamID); err == nil {
			team := contact.Name
			if team == "" {
				if t, terr := s.store.Team(ctx, u.TeamID); terr == nil {
					team = t.Name
				}
			}
			subject, body := shareEmail(url, a.PersonName, cmpOr(team, "Trusted Assessor team"), contactLine(contact))
			err = s.mailer.Send(ctx, to, subject, body)
		}
	}
	if aerr := s.store.RecordShareEmail(ctx, u.Actor(), link, to, err); aerr != nil {
		s.log.Error("audit share email", "err", aerr)
	}
	if err != nil {
		s.log.Warn("share email failed", "share", link.ID, "err", err)
		f.Failed = err.Error()
		return f
	}
	f.Sent = to
	return f
}
