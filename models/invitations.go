package models

import (
	"context"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"

	"firstperson/forms"
)

// InvitationLifetime is how long an invitation link works.
const InvitationLifetime = 72 * time.Hour

// Invitation lets a person set their own password once, through a link a
// lead passes on. Only a hash of its token is stored.
type Invitation struct {
	ID        uint `gorm:"primaryKey"`
	UserID    uint
	TokenHash string
	CreatedBy *uint
	CreatedAt time.Time
	ExpiresAt time.Time
	UsedAt    *time.Time
}

// NewInvitation is what a lead gets back: the link's token, shown once.
type NewInvitation struct {
	UserID    uint
	Token     string
	ExpiresAt time.Time
}

// createInvitation replaces any open invitation of the user with a new one.
func (s *Store) createInvitation(tx *gorm.DB, actor Actor, userID uint) (*NewInvitation, error) {
	if err := tx.Where("user_id = ? AND used_at IS NULL", userID).Delete(&Invitation{}).Error; err != nil {
		return nil, dbErr(err, "replace invitation")
	}
	token, now := NewToken(), s.Now()
	inv := &Invitation{UserID: userID, TokenHash: HashToken(token), CreatedBy: actorID(actor), CreatedAt: now,
		ExpiresAt: now.Add(InvitationLifetime)}
	if err := tx.Create(inv).Error; err != nil {
		return nil, dbErr(err, "create invitation")
	}
	return &NewInvitation{UserID: userID, Token: token, ExpiresAt: inv.ExpiresAt}, nil
}

// InvitePerson adds a person to the actor's team without a password and
// returns their invitation.
func (s *Store) InvitePerson(ctx context.Context, actor Actor, email, name, role string) (*User, *NewInvitation, error) {
	n := NewUser{Email: email, Name: name, Role: role, NoPassword: true}
	if err := n.Validate(); err != nil {
		return nil, nil, err
	}
	u := &User{TeamID: actor.TeamID, Email: n.Email, Name: n.Name, Role: n.Role, PasswordHash: unusableHash}
	var inv *NewInvitation
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(u).Error; err != nil {
			if errors.Is(dbErr(err, ""), ErrConflict) {
				return &forms.ValidationError{Message: "that email address already has an account",
					Fields: map[string]string{"email": "this email address already has an account"}}
			}
			return dbErr(err, "add person")
		}
		var err error
		if inv, err = s.createInvitation(tx, actor, u.ID); err != nil {
			return err
		}
		return s.audit(tx, actor, "user", u.ID, "user.invited",
			map[string]any{"email": u.Email, "role": u.Role, "expires_at": inv.ExpiresAt})
	})
	if err != nil {
		return nil, nil, err
	}
	return u, inv, nil
}

// ResetPassword makes the person's password unusable at once, ends their
// sessions and returns a new invitation-style link to set another.
func (s *Store) ResetPassword(ctx context.Context, actor Actor, id uint) (*NewInvitation, error) {
	var inv *NewInvitation
	err := s.tx(ctx, func(tx *gorm.DB) error {
		u, err := teamUser(tx, actor.TeamID, id)
		if err != nil {
			return err
		}
		if !u.Active() {
			return fmt.Errorf("%s is deactivated; reactivate them first: %w", u.Name, ErrConflict)
		}
		if err := tx.Model(&User{}).Where("id = ?", u.ID).
			Updates(map[string]any{"password_hash": unusableHash, "must_change_password": false}).Error; err != nil {
			return dbErr(err, "reset password")
		}
		if err := tx.Where("user_id = ?", u.ID).Delete(&Session{}).Error; err != nil {
			return dbErr(err, "end sessions")
		}
		if inv, err = s.createInvitation(tx, actor, u.ID); err != nil {
			return err
		}
		return s.audit(tx, actor, "user", u.ID, "password.reset", map[string]any{"email": u.Email})
	})
	return inv, err
}

// openInvitation finds a usable invitation: ErrNotFound for an unknown
// token, ErrGone once used or expired.
func (s *Store) openInvitation(db *gorm.DB, token string) (*Invitation, *User, error) {
	var inv Invitation
	if err := db.Where("token_hash = ?", HashToken(token)).First(&inv).Error; err != nil {
		return nil, nil, dbErr(err, "invitation")
	}
	if inv.UsedAt != nil || !s.Now().Before(inv.ExpiresAt) {
		return nil, nil, fmt.Errorf("this invitation has been used or has expired; ask your team lead for a new one: %w", ErrGone)
	}
	var u User
	if err := db.First(&u, inv.UserID).Error; err != nil {
		return nil, nil, dbErr(err, "invited user")
	}
	if !u.Active() {
		return nil, nil, fmt.Errorf("this account is deactivated: %w", ErrGone)
	}
	return &inv, &u, nil
}

// Invitation returns the person an open invitation is for.
func (s *Store) Invitation(ctx context.Context, token string) (*User, error) {
	_, u, err := s.openInvitation(s.read(ctx), token)
	return u, err
}

// AcceptInvitation sets the invited person's password and uses the
// invitation up.
func (s *Store) AcceptInvitation(ctx context.Context, token, password string) (*User, error) {
	var u *User
	err := s.tx(ctx, func(tx *gorm.DB) error {
		inv, invited, err := s.openInvitation(tx, token)
		if err != nil {
			return err
		}
		u = invited
		if p := forms.PasswordProblem(password, u.Email); p != "" {
			return PasswordError("password", p)
		}
		if err := s.setPassword(tx, u, password); err != nil {
			return err
		}
		now := s.Now()
		if err := tx.Model(&Invitation{}).Where("id = ?", inv.ID).Update("used_at", now).Error; err != nil {
			return dbErr(err, "use invitation")
		}
		if err := tx.Model(&User{}).Where("id = ?", u.ID).Update("last_sign_in_at", now).Error; err != nil {
			return dbErr(err, "sign in")
		}
		return s.audit(tx, Actor{UserID: u.ID, TeamID: u.TeamID, Name: u.Name, Role: u.Role}, "user", u.ID,
			"password.set_by_invitation", map[string]any{"email": u.Email})
	})
	return u, err
}
