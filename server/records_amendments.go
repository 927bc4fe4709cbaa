package server

import (
	"context"
	"time"

	"firstperson/forms"
	"firstperson/models"
	"firstperson/render"
)

// amendmentsOf lists an assessment's amendments ready to show.
func (s *Server) amendmentsOf(ctx context.Context, a *models.Assessment, schema *forms.Schema) ([]render.Amendment, error) {
	list, err := s.store.Amendments(ctx, a.TeamID, a.ID)
	if err != nil {
		return nil, err
	}
	out := make([]render.Amendment, 0, len(list))
	for _, am := range list {
		out = append(out, render.NewAmendment(schema, am.QuestionID, am.Old, am.New, am.By, am.At, am.Reason))
	}
	return out, nil
}

// amendedSince returns &shared when an amendment was made after the link
// was shared, else nil.
func amendedSince(list []render.Amendment, shared time.Time) *time.Time {
	for _, a := range list {
		if a.At.After(shared) {
			return &shared
		}
	}
	return nil
}
