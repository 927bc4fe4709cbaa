package server

import (
	"errors"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/gin-gonic/gin"

	"firstperson/forms"
	"firstperson/models"
	"firstperson/render"
)

// careHomeRoutes adds the receiving care home's pages: no account, an
// unguessable expiring link.
func (s *Server) careHomeRoutes(e *gin.Engine) {
	e.GET("/s/:token", s.shareHandler(s.sharePage))
	e.GET("/s/:token/pdf", s.shareHandler(s.sharePDF))
	e.POST("/s/:token/responses", s.shareHandler(s.shareRespond))
}

// shareHandler adapts a care-home handler: no-store headers on every
// answer, JSON errors for JSON requests, and the ended-link page (with
// whom to call) for an expired or revoked link.
func (s *Server) shareHandler(h pageHandler) gin.HandlerFunc {
	return func(c *gin.Context) {
		shareHeaders(c)
		err := h(c)
		switch {
		case err == nil:
		case sendsJSON(c):
			s.writeAPIError(c, err)
		case errors.Is(err, models.ErrGone):
			s.renderEnded(c)
		case errors.Is(err, models.ErrTooMany):
			c.Abort()
			s.render(c, http.StatusTooManyRequests, "error", Page{Title: "Too many responses for now",
				Data: publicMessage(err, classify(err))})
		default:
			s.renderError(c, err)
		}
	}
}

// sendsJSON reports whether the request body is JSON (an API client).
func sendsJSON(c *gin.Context) bool {
	mt, _, _ := mime.ParseMediaType(c.GetHeader("Content-Type"))
	return mt == "application/json"
}

// shareView is what the care home's page shows.
type shareView struct {
	Token       string
	Person      forms.Person
	CallName    string // the preferred name, else the name
	Reference   string
	Recipient   string
	AssessedBy  string
	CompletedAt *time.Time
	ExpiresAt   time.Time
	Template    string
	Version     int
	Contact     models.TeamContact
	Messages    []conversationItem
	Form        models.CareHomeInput
	Errors      map[string]string
	Sent        bool
	MaxMessage  int
	// Amendments are every correction after completion; AmendedSince is
	// when the link was made, set when one came after it (records_pages.go).
	Amendments   []render.Amendment
	AmendedSince *time.Time
}

// conversationItem is one message as the page shows it.
type conversationItem struct {
	FromTeam bool
	Who      string
	Decision string // "accept", "question", "decline" or ""
	Label    string // the decision in words
	Message  string
	At       time.Time
}

// decisionLabel says a decision in words, with the person's name.
func decisionLabel(decision, name string) string {
	switch decision {
	case models.DecisionAccept:
		return "We can meet " + name + "'s needs"
	case models.DecisionQuestion:
		return "We have questions"
	case models.DecisionDecline:
		return "We cannot accept"
	}
	return ""
}

// conversationItems turns stored responses into what pages show; the
// team's view says which home each reply went to.
func conversationItems(rs []models.ShareResponse, name string, teamView bool) []conversationItem {
	out := make([]conversationItem, 0, len(rs))
	for _, r := range rs {
		it := conversationItem{FromTeam: r.FromParty == models.FromTeam, Decision: r.Decision,
			Label: decisionLabel(r.Decision, name), Message: r.Message, At: r.At}
		if it.FromTeam {
			it.Who = r.Author
			if it.Who == "" {
				it.Who = r.Name
			}
			it.Who += ", Trusted Assessor team"
			if teamView && r.Recipient != "" {
				it.Who += " → " + r.Recipient
			}
		} else {
			it.Who = r.Name + ", " + r.Role
			if r.Recipient != "" {
				it.Who += " (" + r.Recipient + ")"
			}
		}
		out = append(out, it)
	}
	return out
}

// callName is the person's preferred name when the form asks for one and
// it was answered, else their name.
func callName(schema *forms.Schema, answers forms.Answers, p forms.Person) string {
	if schema != nil {
		for _, q := range schema.Questions() {
			label := strings.ToLower(q.Label)
			if q.ID != "please-call-me" && q.ID != "preferred-name" &&
				!strings.Contains(label, "please call me") && !strings.Contains(label, "preferred name") {
				continue
			}
			if v, ok := answers[q.ID].(string); ok && strings.TrimSpace(v) != "" {
				return strings.TrimSpace(v)
			}
		}
	}
	return p.Name
}

// sharePage serves GET /s/:token, the care home's page, and counts the opening.
func (s *Server) sharePage(c *gin.Context) error {
	a, link, err := s.store.OpenShare(c.Request.Context(), c.Param("token"), "viewed", c.ClientIP())
	if err != nil {
		return err
	}
	return s.renderSharePage(c, http.StatusOK, a, link, models.CareHomeInput{}, nil)
}

func (s *Server) renderSharePage(c *gin.Context, status int, a *models.Assessment, link *models.ShareLink,
	form models.CareHomeInput, errs map[string]string) error {
	ctx := c.Request.Context()
	doc, err := s.document(ctx, a)
	if err != nil {
		return err
	}
	rs, err := s.store.ShareConversation(ctx, link)
	if err != nil {
		return err
	}
	contact, err := s.store.TeamContact(ctx, a.TeamID)
	if err != nil {
		return err
	}
	name := callName(doc.Schema, doc.Answers, a.Person())
	s.render(c, status, "share", Page{Title: "Assessment for " + a.PersonName, Data: shareView{
		Token: c.Param("token"), Person: a.Person(), CallName: name, Reference: a.Reference, Recipient: link.Recipient,
		AssessedBy: doc.CompletedBy, CompletedAt: a.CompletedAt, ExpiresAt: link.ExpiresAt,
		Template: doc.TemplateTitle, Version: doc.TemplateVersion, Contact: contact,
		Messages: conversationItems(rs, name, false), Form: form, Errors: errs,
		Sent: status == http.StatusOK && c.Query("sent") == "1", MaxMessage: models.MaxResponseMessage,
		Amendments: doc.Amendments, AmendedSince: amendedSince(doc.Amendments, link.CreatedAt)}})
	return nil
}

// responseJSON is one message of the conversation as the API shows it.
func responseJSON(r models.ShareResponse) gin.H {
	author := r.Author
	if r.FromParty == models.FromCareHome {
		author = r.Recipient
	}
	return gin.H{"id": r.ID, "at": r.At, "decision": r.Decision, "name": r.Name, "role": r.Role,
		"message": r.Message, "from": r.FromParty, "author": author}
}

// shareRespond serves POST /s/:token/responses: the care home's decision,
// from the page's form (303 back to the page) or as JSON (201).
func (s *Server) shareRespond(c *gin.Context) error {
	ctx, token := c.Request.Context(), c.Param("token")
	var in models.CareHomeInput
	asJSON := sendsJSON(c)
	if asJSON {
		if err := decodeJSON(c, &in); err != nil {
			return err
		}
	} else {
		in = models.CareHomeInput{Decision: c.PostForm("decision"), Name: c.PostForm("name"),
			Role: c.PostForm("role"), Message: c.PostForm("message")}
	}
	r, err := s.store.RespondToShare(ctx, token, in, c.ClientIP())
	var ve *forms.ValidationError
	if !asJSON && errors.As(err, &ve) {
		a, link, err := s.store.ShareByToken(ctx, token)
		if err != nil {
			return err
		}
		return s.renderSharePage(c, http.StatusUnprocessableEntity, a, link, in, ve.Fields)
	}
	if err != nil {
		return err
	}
	if asJSON {
		c.JSON(http.StatusCreated, responseJSON(*r))
		return nil
	}
	c.Redirect(http.StatusSeeOther, "/s/"+token+"?sent=1#conversation")
	return nil
}

// renderEnded shows the ended-link page (410) with whom to contact.
func (s *Server) renderEnded(c *gin.Context) {
	contact, err := s.store.ShareContact(c.Request.Context(), c.Param("token"))
	if err != nil {
		s.log.Warn("contact for an ended link", "err", err)
	}
	c.Abort()
	s.render(c, http.StatusGone, "share_ended", Page{Title: "This link has ended", Data: contact})
}
