package models

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"firstperson/forms"
)

// sharedAssessment completes an assessment and makes a share link for it.
func sharedAssessment(t *testing.T, s *Store, a Actor, name string) (*Assessment, string) {
	t.Helper()
	ctx := context.Background()
	as, err := s.CreateAssessment(ctx, a, 1, forms.Person{Name: name, DateOfBirth: "1940-02-02"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = s.SaveAnswers(ctx, a, as.ID, 0, forms.Answers{"my-name": name, "assessor-name": "Ada",
		"recommendation": "Home", "care-home-accepts": true, "sign-off-date": "2026-11-20",
		"assessor-signature": "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.Complete(ctx, a, as.ID); err != nil {
		t.Fatal(err)
	}
	tok, _, err := s.CreateShare(ctx, a, as.ID, "Rosewood House", 48)
	if err != nil {
		t.Fatal(err)
	}
	return as, tok
}

func TestCareHomeConversation(t *testing.T) {
	s, clk, _ := MustOpenStore(t)
	exerciseShareResponses(t, s, clk.Add)
}

// exerciseShareResponses runs the conversation on any dialect (TestPostgres
// calls it too); advance moves the store's clock, or is nil.
func exerciseShareResponses(t *testing.T, s *Store, advance func(time.Duration)) {
	ctx := context.Background()
	a := lead(t, s)
	as, tok := sharedAssessment(t, s, a, "Zoë Example")
	other, _ := sharedAssessment(t, s, a, "Bea Example")

	var ve *forms.ValidationError
	_, err := s.RespondToShare(ctx, tok, CareHomeInput{Decision: "maybe", Message: strings.Repeat("x", 4001)}, "192.0.2.1")
	if !errors.As(err, &ve) || ve.Fields["decision"] == "" || ve.Fields["name"] == "" || ve.Fields["role"] == "" || ve.Fields["message"] == "" {
		t.Fatalf("bad input: %v", err)
	}
	_, err = s.RespondToShare(ctx, tok, CareHomeInput{Decision: DecisionQuestion, Name: "Rita", Role: "Manager"}, "192.0.2.1")
	if !errors.As(err, &ve) || ve.Fields["message"] == "" {
		t.Fatalf("question without a message: %v", err)
	}
	if _, err := s.RespondToShare(ctx, "no-such-token", CareHomeInput{Decision: DecisionAccept, Name: "R", Role: "M"}, "x"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("unknown token: %v", err)
	}
	if _, _, err := s.OpenShare(ctx, tok, "viewed", "192.0.2.1"); err != nil {
		t.Fatal(err)
	}
	if advance != nil {
		advance(time.Minute)
	}
	_, l, err := s.OpenShare(ctx, tok, "viewed", "192.0.2.1")
	if err != nil || l.Views != 2 || l.FirstOpenedAt == nil || l.LastOpenedAt == nil || (advance != nil && !l.LastOpenedAt.After(*l.FirstOpenedAt)) {
		t.Fatalf("opens: %+v %v", l, err)
	}
	if _, err := s.ReplyToCareHome(ctx, a, as.ID, 0, "  ", "127.0.0.1"); !errors.As(err, &ve) || ve.Fields["message"] == "" {
		t.Fatalf("empty reply: %v", err)
	}
	q, err := s.RespondToShare(ctx, tok, CareHomeInput{Decision: DecisionQuestion, Name: " Rita Mills ", Role: "Home manager",
		Message: "Does Zoë need a hoist?"}, "192.0.2.1")
	if err != nil || q.ID == 0 || q.Name != "Rita Mills" || q.Recipient != "Rosewood House" {
		t.Fatalf("question: %+v %v", q, err)
	}
	st, err := s.CareHomeState(ctx, a.TeamID, as.ID)
	if err != nil || st.Decision != DecisionQuestion || st.By != "Rosewood House" || st.Views != 2 || st.OpenedAt == nil {
		t.Fatalf("state after question: %+v %v", st, err)
	}
	if advance != nil {
		advance(time.Minute)
	}
	if _, err := s.ReplyToCareHome(ctx, a, as.ID, 0, "No, she walks with a frame.", "127.0.0.1"); err != nil {
		t.Fatal(err)
	}
	if advance != nil {
		advance(time.Minute)
	}
	if _, err := s.RespondToShare(ctx, tok, CareHomeInput{Decision: DecisionAccept, Name: "Rita Mills", Role: "Home manager"}, "192.0.2.1"); err != nil {
		t.Fatal(err)
	}
	conv, err := s.ShareResponses(ctx, a.TeamID, as.ID)
	if err != nil || len(conv) != 3 || conv[0].Decision != DecisionQuestion || conv[1].FromParty != FromTeam ||
		conv[1].Author == "" || conv[2].Decision != DecisionAccept || conv[0].Address != "192.0.2.1" {
		t.Fatalf("conversation: %+v %v", conv, err)
	}
	for filter, want := range map[string]uint{CareHomeAccepted: as.ID, CareHomeWaiting: other.ID} {
		list, total, err := s.Assessments(ctx, a.TeamID, AssessmentQuery{CareHome: filter})
		if err != nil || total != 1 || list[0].ID != want {
			t.Fatalf("filter %s: %d %v", filter, total, err)
		}
	}
	for _, filter := range []string{CareHomeQuestion, CareHomeDeclined} {
		if _, total, err := s.Assessments(ctx, a.TeamID, AssessmentQuery{CareHome: filter}); err != nil || total != 0 {
			t.Fatalf("filter %s: %d %v", filter, total, err)
		}
	}
	if _, _, err := s.Assessments(ctx, a.TeamID, AssessmentQuery{CareHome: "nope"}); !errors.As(err, &ve) {
		t.Fatalf("unknown filter: %v", err)
	}
	// Another team sees nothing of it.
	if _, err := s.ShareResponses(ctx, a.TeamID+100, as.ID); !errors.Is(err, ErrNotFound) {
		t.Fatalf("other team: %v", err)
	}
	// The hourly limit: 2 responses so far on this link.
	for i := 0; i < MaxResponsesPerHour-2; i++ {
		if _, err := s.RespondToShare(ctx, tok, CareHomeInput{Decision: DecisionAccept, Name: "R", Role: "M"}, "192.0.2.1"); err != nil {
			t.Fatalf("response %d: %v", i, err)
		}
	}
	if _, err := s.RespondToShare(ctx, tok, CareHomeInput{Decision: DecisionAccept, Name: "R", Role: "M"}, "192.0.2.1"); !errors.Is(err, ErrTooMany) {
		t.Fatalf("over the limit: %v", err)
	}
	if err := s.RevokeShare(ctx, a, tok, 0); err != nil {
		t.Fatal(err)
	}
	if _, err := s.RespondToShare(ctx, tok, CareHomeInput{Decision: DecisionAccept, Name: "R", Role: "M"}, "192.0.2.9"); !errors.Is(err, ErrGone) {
		t.Fatalf("revoked link: %v", err)
	}
	if _, err := s.SetTeamContact(ctx, a, TeamContact{Name: "TA team", Phone: "abc"}); !errors.As(err, &ve) || ve.Fields["phone"] == "" {
		t.Fatalf("bad contact: %v", err)
	}
	if _, err := s.SetTeamContact(ctx, a, TeamContact{Name: "TA\r\nBcc: x@y.example", Email: "ta@nhs.net"}); !errors.As(err, &ve) || ve.Fields["name"] == "" {
		t.Fatalf("contact name with a line break: %v", err)
	}
	if _, err := s.SetTeamContact(ctx, a, TeamContact{Name: " TA team ", Phone: "+44 161 496 0000", Email: "ta@nhs.net"}); err != nil {
		t.Fatal(err)
	}
	if c, err := s.ShareContact(ctx, tok); err != nil || c.Name != "TA team" || c.Tel() != "+441614960000" {
		t.Fatalf("contact of an ended link: %+v %v", c, err)
	}
	evs, _ := s.AssessmentAudit(ctx, a.TeamID, as.ID)
	count := map[string]int{}
	for _, e := range evs {
		count[e.Action]++
		if e.Action == "share.response" && !strings.Contains(e.Detail, `"client":"192.0.2.1"`) {
			t.Fatalf("response audited without the address: %s", e.Detail)
		}
	}
	if count["share.response"] != MaxResponsesPerHour || count["share.reply"] != 1 || count["share.response_refused"] != 1 {
		t.Fatalf("audit: %v", count)
	}
}
