package models

import (
	"context"
	"fmt"
	"net/mail"
	"strings"
	"time"
	"unicode/utf8"

	"golang.org/x/crypto/bcrypt"
	"gorm.io/gorm"

	"firstperson/forms"
)

// Roles a user can have.
const (
	RoleLead     = "lead"     // designs and publishes templates
	RoleAssessor = "assessor" // completes assessments
)

// bcryptCost is above the library default: a password hash should cost an
// attacker real time, and people sign in rarely.
const bcryptCost = 12

// MinPasswordLength is the shortest password accepted.
const MinPasswordLength = 10

// Team owns templates and assessments; nobody sees another team's records.
type Team struct {
	ID        uint `gorm:"primaryKey"`
	Name      string
	CreatedAt time.Time
}

// User is a team lead or an assessor.
type User struct {
	ID           uint `gorm:"primaryKey"`
	TeamID       uint
	Email        string
	Name         string
	Role         string
	PasswordHash string `json:"-"`
	CreatedAt    time.Time
}

// IsLead reports whether the user may design and publish templates.
func (u *User) IsLead() bool { return u.Role == RoleLead }

// Actor returns who is acting, for the audit trail.
func (u *User) Actor() Actor {
	return Actor{UserID: u.ID, TeamID: u.TeamID, Name: u.Name, Role: u.Role}
}

// Actor is who does something: written into the audit trail and used to
// scope every query to one team.
type Actor struct {
	UserID uint
	TeamID uint
	Name   string
	Role   string
}

// NewUser is what creating a user needs.
type NewUser struct {
	TeamName string // created when it does not exist; empty means the only team
	Email    string
	Name     string
	Role     string
	Password string
}

// Validate checks the fields of a new user.
func (n *NewUser) Validate() error {
	f := map[string]string{}
	n.Email = strings.ToLower(strings.TrimSpace(n.Email))
	n.Name = strings.TrimSpace(n.Name)
	if a, err := mail.ParseAddress(n.Email); err != nil || a.Address != n.Email {
		f["email"] = "enter an email address such as name@example.org"
	}
	n.Name = forms.NFC(n.Name)
	if n.Name == "" || utf8.RuneCountInString(n.Name) > 200 {
		f["name"] = "enter a name of up to 200 characters"
	} else if msg := forms.InvisibleProblem(n.Name); msg != "" {
		f["name"] = "the name " + msg
	}
	if n.Role != RoleLead && n.Role != RoleAssessor {
		f["role"] = "role must be lead or assessor"
	}
	if utf8.RuneCountInString(n.Password) < MinPasswordLength || len(n.Password) > 72 {
		f["password"] = fmt.Sprintf("a password needs %d to 72 characters", MinPasswordLength)
	}
	if len(f) > 0 {
		return &forms.ValidationError{Message: "the user cannot be created", Fields: f}
	}
	return nil
}

// CreateUser creates a user, and their team when it does not exist yet.
func (s *Store) CreateUser(ctx context.Context, n NewUser) (*User, error) {
	if err := n.Validate(); err != nil {
		return nil, err
	}
	hash, err := bcrypt.GenerateFromPassword([]byte(n.Password), s.passwordCost)
	if err != nil {
		return nil, fmt.Errorf("hash password: %w", err)
	}
	u := &User{Email: n.Email, Name: n.Name, Role: n.Role, PasswordHash: string(hash)}
	err = s.tx(ctx, func(tx *gorm.DB) error {
		team, err := s.teamFor(tx, n.TeamName)
		if err != nil {
			return err
		}
		u.TeamID = team.ID
		if err := dbErr(tx.Create(u).Error, "create user "+n.Email); err != nil {
			return err
		}
		return s.audit(tx, Actor{TeamID: team.ID, Name: "system"}, "user", u.ID, "user.created",
			map[string]any{"email": u.Email, "role": u.Role})
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

// teamFor finds the named team or creates it; with no name it picks the
// only team there is.
func (s *Store) teamFor(tx *gorm.DB, name string) (*Team, error) {
	name = strings.TrimSpace(name)
	var teams []Team
	if name == "" {
		if err := tx.Order("id").Limit(2).Find(&teams).Error; err != nil {
			return nil, dbErr(err, "find teams")
		}
		switch len(teams) {
		case 0:
			name = "My team"
		case 1:
			return &teams[0], nil
		default:
			return nil, &forms.ValidationError{Message: "there are several teams",
				Fields: map[string]string{"team": "name the team (-team)"}}
		}
	}
	if err := tx.Where("name = ?", name).Limit(1).Find(&teams).Error; err != nil {
		return nil, dbErr(err, "find team")
	}
	if len(teams) == 1 {
		return &teams[0], nil
	}
	t := &Team{Name: name}
	return t, dbErr(tx.Create(t).Error, "create team "+name)
}

// CountTeams says how many teams exist (zero on the first start).
func (s *Store) CountTeams(ctx context.Context) (int64, error) {
	var n int64
	err := s.read(ctx).Model(&Team{}).Count(&n).Error
	return n, dbErr(err, "count teams")
}

// Team returns a team by id.
func (s *Store) Team(ctx context.Context, id uint) (*Team, error) {
	var t Team
	err := s.read(ctx).First(&t, id).Error
	return &t, dbErr(err, fmt.Sprintf("team %d", id))
}

// User returns a user by id.
func (s *Store) User(ctx context.Context, id uint) (*User, error) {
	var u User
	err := s.read(ctx).First(&u, id).Error
	return &u, dbErr(err, fmt.Sprintf("user %d", id))
}

// UserByEmail returns a user by email address.
func (s *Store) UserByEmail(ctx context.Context, email string) (*User, error) {
	var u User
	err := s.read(ctx).Where("email = ?", strings.ToLower(strings.TrimSpace(email))).First(&u).Error
	return &u, dbErr(err, "user "+email)
}

// dummyHash is compared against when an email is unknown, so a failed
// sign-in takes as long whether or not the account exists.
// It is made on first use, at the store's cost, so that failing costs the
// same as succeeding.
func (s *Store) dummyHash() []byte {
	s.dummyOnce.Do(func() {
		s.dummy, _ = bcrypt.GenerateFromPassword([]byte("firstperson-no-such-user"), s.passwordCost)
	})
	return s.dummy
}

// Authenticate checks an email and password. Wrong email and wrong
// password give the same ErrNotFound.
func (s *Store) Authenticate(ctx context.Context, email, password string) (*User, error) {
	u, err := s.UserByEmail(ctx, email)
	hash := s.dummyHash()
	if err == nil {
		hash = []byte(u.PasswordHash)
	}
	if bcrypt.CompareHashAndPassword(hash, []byte(password)) != nil || err != nil {
		return nil, fmt.Errorf("sign in %q: %w", email, ErrNotFound)
	}
	return u, nil
}
