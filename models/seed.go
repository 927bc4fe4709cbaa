package models

import (
	"context"
	"crypto/rand"
	"fmt"

	"firstperson/forms"
)

// FirstStart is what Bootstrap made on an empty database, to print once.
type FirstStart struct {
	Team     string
	Email    string
	Password string
}

// DefaultLeadEmail is the team lead account made on the first start.
const DefaultLeadEmail = "lead@firstperson.local"

// Bootstrap prepares an empty database: a team, a team lead with a
// one-time password, and the published default template, so an assessor
// can start straight away. On a database that has a team it does nothing
// and returns nil.
func (s *Store) Bootstrap(ctx context.Context) (*FirstStart, error) {
	n, err := s.CountTeams(ctx)
	if err != nil || n > 0 {
		return nil, err
	}
	first := &FirstStart{Team: "Trusted Assessor team", Email: DefaultLeadEmail, Password: NewPassword()}
	_, err = s.CreateUser(ctx, NewUser{TeamName: first.Team, Email: first.Email, Name: "Clinical lead",
		Role: RoleLead, Password: first.Password, MustChange: true})
	if err != nil {
		return nil, fmt.Errorf("create the first team lead: %w", err)
	}
	return first, nil
}

// SeedDefaultTemplate creates and publishes the default "Trusted Assessor
// discharge assessment" for the actor's team.
func (s *Store) SeedDefaultTemplate(ctx context.Context, actor Actor) error {
	v, err := s.CreateTemplate(ctx, actor, forms.DefaultTemplate())
	if err != nil {
		return fmt.Errorf("seed default template: %w", err)
	}
	if _, err := s.Publish(ctx, actor, v.TemplateID, "The default template shipped with Firstperson"); err != nil {
		return fmt.Errorf("publish default template: %w", err)
	}
	return nil
}

// NewPassword makes a random password that is easy to type on a tablet:
// four groups of four lowercase letters and digits (about 82 bits).
func NewPassword() string {
	const alphabet = "abcdefghijkmnpqrstuvwxyz23456789"
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("crypto/rand: %v", err))
	}
	out := make([]byte, 0, 19)
	for i, c := range b {
		if i > 0 && i%4 == 0 {
			out = append(out, '-')
		}
		out = append(out, alphabet[int(c)%len(alphabet)])
	}
	return string(out)
}
