package models

import (
	"context"
	"fmt"
	"net/mail"
	"strings"
	"unicode"
	"unicode/utf8"

	"gorm.io/gorm"

	"firstperson/forms"
)

// TeamContact is how a care home reaches the team: shown on the share
// page, the ended-link page and the PDF's last page. Set by the lead.
type TeamContact struct {
	Name  string `json:"name"`  // the team as care homes know it
	Phone string `json:"phone"` // e.g. 0161 496 0000
	Email string `json:"email"` // a secure (nhs.net) address
	Hours string `json:"hours"` // e.g. Monday to Friday, 8am to 6pm
}

// Empty reports whether nothing is set.
func (c TeamContact) Empty() bool { return c == TeamContact{} }

// Normalized trims every field.
func (c TeamContact) Normalized() TeamContact {
	return TeamContact{Name: strings.TrimSpace(c.Name), Phone: strings.TrimSpace(c.Phone),
		Email: strings.TrimSpace(c.Email), Hours: strings.TrimSpace(c.Hours)}
}

// Validate names every field that is wrong. All fields are optional, but
// a team that sets anything must say how to reach it.
func (c TeamContact) Validate() error {
	f := map[string]string{}
	long := func(field, v string, n int) {
		if utf8.RuneCountInString(v) > n {
			f[field] = fmt.Sprintf("up to %d characters", n)
		}
	}
	for field, v := range map[string]string{"name": c.Name, "phone": c.Phone, "email": c.Email, "hours": c.Hours} {
		if strings.IndexFunc(v, unicode.IsControl) >= 0 {
			f[field] = "one line of text, without control characters"
		}
	}
	long("name", c.Name, 200)
	long("hours", c.Hours, 200)
	long("email", c.Email, 254)
	if c.Phone != "" {
		digits := 0
		for _, r := range c.Phone {
			switch {
			case r >= '0' && r <= '9':
				digits++
			case strings.ContainsRune(" +()-", r):
			default:
				f["phone"] = "digits, spaces, + ( ) and - only"
			}
		}
		if f["phone"] == "" && (digits < 6 || digits > 15) {
			f["phone"] = "a telephone number of 6 to 15 digits"
		}
	}
	if c.Email != "" {
		if a, err := mail.ParseAddress(c.Email); err != nil || a.Address != c.Email {
			f["email"] = "an email address such as team@nhs.net"
		}
	}
	if !c.Empty() && c.Phone == "" && c.Email == "" {
		f["phone"] = "give a telephone number or an email address, so care homes can reach you"
	}
	if len(f) > 0 {
		return &forms.ValidationError{Message: "the contact details were not saved", Fields: f}
	}
	return nil
}

// TeamContact returns a team's contact details.
func (s *Store) TeamContact(ctx context.Context, teamID uint) (TeamContact, error) {
	return s.teamContact(s.read(ctx), teamID)
}

func (s *Store) teamContact(db *gorm.DB, teamID uint) (TeamContact, error) {
	var rows []TeamContact
	err := db.Raw(`SELECT contact_name AS name, contact_phone AS phone, contact_email AS email, contact_hours AS hours
		FROM teams WHERE id = ?`, teamID).Scan(&rows).Error
	if err != nil {
		return TeamContact{}, dbErr(err, "read the team's contact details")
	}
	if len(rows) == 0 {
		return TeamContact{}, fmt.Errorf("team %d: %w", teamID, ErrNotFound)
	}
	return rows[0], nil
}

// SetTeamContact saves the lead's team's contact details, audited.
func (s *Store) SetTeamContact(ctx context.Context, actor Actor, c TeamContact) (TeamContact, error) {
	c = c.Normalized()
	if err := c.Validate(); err != nil {
		return c, err
	}
	err := s.tx(ctx, func(tx *gorm.DB) error {
		old, err := s.teamContact(tx, actor.TeamID)
		if err != nil {
			return err
		}
		if err := tx.Exec(`UPDATE teams SET contact_name = ?, contact_phone = ?, contact_email = ?, contact_hours = ?
			WHERE id = ?`, c.Name, c.Phone, c.Email, c.Hours, actor.TeamID).Error; err != nil {
			return dbErr(err, "save the team's contact details")
		}
		return s.audit(tx, actor, "team", actor.TeamID, "team.contact_changed", map[string]any{"old": old, "new": c})
	})
	return c, err
}

// ShareContact returns the contact details of the team behind a share
// token, live or ended (the ended-link page says whom to call).
func (s *Store) ShareContact(ctx context.Context, token string) (TeamContact, error) {
	_, a, err := s.linkByToken(s.read(ctx), token)
	if err != nil {
		return TeamContact{}, err
	}
	return s.TeamContact(ctx, a.TeamID)
}

// Tel is the telephone number for a tel: link (digits and a leading +).
func (c TeamContact) Tel() string {
	var b strings.Builder
	for i, r := range c.Phone {
		if (r >= '0' && r <= '9') || (r == '+' && i == 0) {
			b.WriteRune(r)
		}
	}
	return b.String()
}
