package models

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"gorm.io/gorm"

	"firstperson/forms"
)

// ChangePassword replaces a user's own password. current must match
// unless the password is a one-time one the user has just signed in with.
// Every other session of the user ends; keepSession (the token of the
// browser doing this, or "") stays signed in. Wrong current passwords are
// throttled like sign-ins from address.
func (s *Store) ChangePassword(ctx context.Context, u *User, current, next, keepSession, address string) error {
	if !u.MustChangePassword {
		if current == "" {
			return &forms.ValidationError{Message: "enter your current password",
				Fields: map[string]string{"current": "enter your current password"}}
		}
		if err := s.checkCurrentPassword(ctx, u, current, address); err != nil {
			return err
		}
	}
	if next != "" && current != "" && next == current {
		return PasswordError("new", "the new password must differ from the current one")
	}
	if p := forms.PasswordProblem(next, u.Email); p != "" {
		return PasswordError("new", p)
	}
	return s.tx(ctx, func(tx *gorm.DB) error {
		if err := s.setPassword(tx, u, next); err != nil {
			return err
		}
		if err := s.endOtherSessions(tx, u.ID, keepSession); err != nil {
			return err
		}
		return s.audit(tx, u.Actor(), "user", u.ID, "password.changed", map[string]any{"email": u.Email})
	})
}

func (s *Store) endOtherSessions(tx *gorm.DB, userID uint, keepSession string) error {
	q := tx.Where("user_id = ?", userID)
	if keepSession != "" {
		q = q.Where("token_hash <> ?", HashToken(keepSession))
	}
	return dbErr(q.Delete(&Session{}).Error, "end sessions")
}

// EndOtherSessions signs the user out of every browser but this one.
func (s *Store) EndOtherSessions(ctx context.Context, u *User, keepSession string) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		if err := s.endOtherSessions(tx, u.ID, keepSession); err != nil {
			return err
		}
		return s.audit(tx, u.Actor(), "user", u.ID, "sessions.ended", nil)
	})
}

// Tokens lists a user's API tokens, newest first.
func (s *Store) Tokens(ctx context.Context, userID uint) ([]APIToken, error) {
	var ts []APIToken
	err := s.read(ctx).Where("user_id = ?", userID).Order("id DESC").Find(&ts).Error
	return ts, dbErr(err, "list tokens")
}

// CreateNamedToken makes an API token for the user; the token is returned
// once and only its hash is kept.
func (s *Store) CreateNamedToken(ctx context.Context, u *User, name string) (*APIToken, string, error) {
	name = strings.TrimSpace(name)
	if name == "" || utf8.RuneCountInString(name) > 100 {
		return nil, "", &forms.ValidationError{Message: "the token needs a name",
			Fields: map[string]string{"name": "name the token (up to 100 characters), e.g. the program that uses it"}}
	}
	token := NewToken()
	t := &APIToken{UserID: u.ID, TokenHash: HashToken(token), Name: name, CreatedAt: s.Now()}
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(t).Error; err != nil {
			return dbErr(err, "create token")
		}
		return s.audit(tx, u.Actor(), "user", u.ID, "token.created", map[string]any{"token_id": t.ID, "name": name})
	})
	if err != nil {
		return nil, "", err
	}
	return t, token, nil
}

// RevokeToken deletes one of the user's own tokens; another user's is
// ErrNotFound.
func (s *Store) RevokeToken(ctx context.Context, u *User, id uint) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		var t APIToken
		if err := tx.Where("id = ? AND user_id = ?", id, u.ID).First(&t).Error; err != nil {
			return dbErr(err, fmt.Sprintf("token %d", id))
		}
		if err := tx.Delete(&t).Error; err != nil {
			return dbErr(err, "revoke token")
		}
		return s.audit(tx, u.Actor(), "user", u.ID, "token.revoked", map[string]any{"token_id": t.ID, "name": t.Name})
	})
}
