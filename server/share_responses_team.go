package server

import (
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/gin-gonic/gin"

	"firstperson/forms"
	"firstperson/models"
	"firstperson/render"
)

// careHomeAPIRoutes adds the team's side of the care-home conversation.
func (s *Server) careHomeAPIRoutes(api *gin.RouterGroup) {
	api.GET("/assessments/:id/responses", s.api(s.listResponses))
	api.POST("/assessments/:id/responses", s.api(s.replyToHome))
	api.GET("/team/contact", s.api(s.getTeamContact))
	api.PUT("/team/contact", s.api(s.putTeamContact))
}

// careHomePageRoutes adds the pages for the care-home conversation.
func (s *Server) careHomePageRoutes(g *gin.RouterGroup) {
	g.POST("/assessments/:id/responses", s.page(s.replyPage))
	g.GET("/team/contact", s.page(s.teamContactGet))
	g.POST("/team/contact", s.page(s.teamContactPost))
}

// careHomeJSON is the "care_home" member of the assessment JSON.
type careHomeJSON struct {
	Shared       bool       `json:"shared"`
	Decision     *string    `json:"decision"` // accept, question, decline; null before any
	At           *time.Time `json:"at"`
	By           string     `json:"by,omitempty"`
	Replied      bool       `json:"replied"`
	OpenedAt     *time.Time `json:"opened_at"`
	LastOpenedAt *time.Time `json:"last_opened_at"`
	Views        int        `json:"views"`
}

func newCareHomeJSON(st models.CareHomeState) careHomeJSON {
	out := careHomeJSON{Shared: st.Shared, At: st.At, By: st.By, Replied: st.Replied,
		OpenedAt: st.OpenedAt, LastOpenedAt: st.LastOpenedAt, Views: st.Views}
	if st.Decision != "" {
		d := st.Decision
		out.Decision = &d
	}
	return out
}

// careHomeStates returns the care-home state of each listed assessment.
func (s *Server) careHomeStates(c *gin.Context, as []models.Assessment) (map[uint]models.CareHomeState, error) {
	ids := make([]uint, len(as))
	for i := range as {
		ids[i] = as[i].ID
	}
	return s.store.CareHomeStates(c.Request.Context(), currentUser(c).TeamID, ids)
}

// careBadge is the care home's latest answer as a badge.
type careBadge struct {
	Class string // care-accept, care-question, care-decline, care-waiting
	Text  string // "Accepted by Rosewood House, 14:02"
}

// badgeTime says when: the time today, else the day and time.
func badgeTime(t time.Time, now time.Time) string {
	t, now = t.Local(), now.Local()
	if t.YearDay() == now.YearDay() && t.Year() == now.Year() {
		return t.Format("15:04")
	}
	return t.Format("2 Jan, 15:04")
}

// newCareBadge words a state; ok is false when never shared.
func newCareBadge(st models.CareHomeState, now time.Time) (careBadge, bool) {
	if !st.Shared {
		return careBadge{}, false
	}
	if st.Decision == "" || st.At == nil {
		b := careBadge{Class: "care-waiting", Text: "Waiting for the care home"}
		if st.OpenedAt == nil {
			b.Text += " · not opened yet"
		} else {
			b.Text += " · opened " + strconv.Itoa(st.Views) + "×"
		}
		return b, true
	}
	when := badgeTime(*st.At, now)
	switch st.Decision {
	case models.DecisionAccept:
		return careBadge{"care-accept", "Accepted by " + st.By + ", " + when}, true
	case models.DecisionDecline:
		return careBadge{"care-decline", "Declined by " + st.By + ", " + when}, true
	}
	b := careBadge{"care-question", "Question from " + st.By + ", " + when}
	if st.Replied {
		b.Text += " · replied"
	}
	return b, true
}

// careBadges words the states of the listed assessments.
func (s *Server) careBadges(c *gin.Context, as []models.Assessment) (map[uint]careBadge, error) {
	states, err := s.careHomeStates(c, as)
	if err != nil {
		return nil, err
	}
	out := map[uint]careBadge{}
	for id, st := range states {
		if b, ok := newCareBadge(st, s.now()); ok {
			out[id] = b
		}
	}
	return out, nil
}

// careHomePanel is what the share panel of a completed assessment shows.
type careHomePanel struct {
	Badge    *careBadge
	Shared   bool
	Links    []models.ShareLink // more than one: the reply asks which home
	Messages []conversationItem
	Reply    string
	Error    string
}

// careHomePanelFor gathers the panel of a completed assessment.
func (s *Server) careHomePanelFor(c *gin.Context, r *assessmentRecord) (*careHomePanel, error) {
	ctx, teamID := c.Request.Context(), currentUser(c).TeamID
	st, err := s.store.CareHomeState(ctx, teamID, r.ID)
	if err != nil {
		return nil, err
	}
	rs, err := s.store.ShareResponses(ctx, teamID, r.ID)
	if err != nil {
		return nil, err
	}
	links, err := s.store.Shares(ctx, teamID, r.ID)
	if err != nil {
		return nil, err
	}
	p := &careHomePanel{Shared: st.Shared, Links: links,
		Messages: conversationItems(rs, callName(r.schema, r.answers, r.Person()), true)}
	if b, ok := newCareBadge(st, s.now()); ok {
		p.Badge = &b
	}
	return p, nil
}

// replyPage serves POST /assessments/:id/responses: the team's reply from
// the assessment page (303 back; 422 shows the page with the typed reply).
func (s *Server) replyPage(c *gin.Context) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	msg := c.PostForm("message")
	shareID, _ := strconv.ParseUint(c.PostForm("share_id"), 10, 32)
	_, err = s.store.ReplyToCareHome(c.Request.Context(), currentUser(c).Actor(), id, uint(shareID), msg, c.ClientIP())
	var ve *forms.ValidationError
	if errors.As(err, &ve) {
		r, err := s.loadAssessment(c)
		if err != nil {
			return err
		}
		panel, err := s.careHomePanelFor(c, r)
		if err != nil {
			return err
		}
		panel.Reply, panel.Error = msg, ve.Fields["message"]+ve.Fields["share_id"]
		p := s.newAssessmentPage(c, r, render.NewAssessmentView(r.schema, r.answers, render.ViewOptions{ReadOnly: true}))
		p.CareHome = panel
		s.render(c, http.StatusUnprocessableEntity, "assessment", Page{Title: r.PersonName, Nav: "assessments", Data: p})
		return nil
	}
	if err != nil {
		return err
	}
	c.Redirect(http.StatusSeeOther, "/assessments/"+strconv.FormatUint(uint64(id), 10)+"?replied=1#care-home")
	return nil
}

// listResponses serves GET /api/v1/assessments/:id/responses, oldest first.
func (s *Server) listResponses(c *gin.Context) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	rs, err := s.store.ShareResponses(c.Request.Context(), currentUser(c).TeamID, id)
	if err != nil {
		return err
	}
	out := make([]gin.H, 0, len(rs))
	for _, r := range rs {
		out = append(out, responseJSON(r))
	}
	c.JSON(http.StatusOK, out)
	return nil
}

// replyToHome serves POST /api/v1/assessments/:id/responses {"message"}.
func (s *Server) replyToHome(c *gin.Context) error {
	id, err := idParam(c, "id")
	if err != nil {
		return err
	}
	var body struct {
		Message string `json:"message"`
		ShareID uint   `json:"share_id"` // optional: which care home's link
	}
	if err := decodeJSON(c, &body); err != nil {
		return err
	}
	r, err := s.store.ReplyToCareHome(c.Request.Context(), currentUser(c).Actor(), id, body.ShareID, body.Message, c.ClientIP())
	if err != nil {
		return err
	}
	c.JSON(http.StatusCreated, responseJSON(*r))
	return nil
}
