package models

import (
	"context"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"strings"

	"golang.org/x/crypto/bcrypt"
	"gorm.io/gorm"

	"firstperson/forms"
)

// prehashPrefix marks a password hash made as bcrypt(base64(sha256(pw))).
// bcrypt reads at most 72 bytes, so a long passphrase would otherwise be
// cut silently; the SHA-256 digest in base64 is 44 bytes, and every byte
// of the password counts. Hashes without the prefix are plain bcrypt from
// before (passwords were limited to 72 bytes then) and still verify; they
// are upgraded at the next sign-in.
const prehashPrefix = "sha256b64$"

// unusableHash is the hash of an account whose password is still to be
// set through an invitation: no password matches it.
const unusableHash = "!unset"

func prehash(password string) []byte {
	sum := sha256.Sum256([]byte(password))
	out := make([]byte, base64.StdEncoding.EncodedLen(len(sum)))
	base64.StdEncoding.Encode(out, sum[:])
	return out
}

// hashPassword hashes a password for storing.
func (s *Store) hashPassword(password string) (string, error) {
	h, err := bcrypt.GenerateFromPassword(prehash(password), s.passwordCost)
	if err != nil {
		return "", fmt.Errorf("hash password: %w", err)
	}
	return prehashPrefix + string(h), nil
}

// checkPassword reports whether password matches a stored hash of either
// form. Callers compare unknown and unusable accounts against the store's
// dummy hash, so every answer costs one bcrypt comparison.
func checkPassword(hash, password string) bool {
	if rest, ok := strings.CutPrefix(hash, prehashPrefix); ok {
		return bcrypt.CompareHashAndPassword([]byte(rest), prehash(password)) == nil
	}
	if hash == unusableHash || len(password) > 72 {
		return false
	}
	return bcrypt.CompareHashAndPassword([]byte(hash), []byte(password)) == nil
}

// PasswordError is the 422 for a password the rules refuse, naming the
// rule under field.
func PasswordError(field, problem string) error {
	return &forms.ValidationError{Message: "choose another password: " + problem,
		Fields: map[string]string{field: problem}}
}

// setPassword stores a new password for a user in tx and clears the
// one-time mark; ending sessions is the caller's choice.
func (s *Store) setPassword(tx *gorm.DB, u *User, password string) error {
	if p := forms.PasswordProblem(password, u.Email); p != "" {
		return PasswordError("password", p)
	}
	hash, err := s.hashPassword(password)
	if err != nil {
		return err
	}
	err = tx.Model(&User{}).Where("id = ?", u.ID).
		Updates(map[string]any{"password_hash": hash, "must_change_password": false}).Error
	if err != nil {
		return dbErr(err, "set password")
	}
	u.PasswordHash, u.MustChangePassword = hash, false
	return nil
}

// SetPassword replaces the password of the user with this email (the
// `user passwd` command) and signs them out everywhere.
func (s *Store) SetPassword(ctx context.Context, email, password string) error {
	u, err := s.UserByEmail(ctx, email)
	if err != nil {
		return err
	}
	return s.tx(ctx, func(tx *gorm.DB) error {
		if err := s.setPassword(tx, u, password); err != nil {
			return err
		}
		if err := tx.Where("user_id = ?", u.ID).Delete(&Session{}).Error; err != nil {
			return dbErr(err, "end sessions")
		}
		return s.audit(tx, Actor{TeamID: u.TeamID, Name: "system"}, "user", u.ID, "password.reset",
			map[string]any{"email": u.Email, "by": "command line"})
	})
}

// EnsureDefaultTemplate gives the actor's team the published default
// template when it has no template at all.
func (s *Store) EnsureDefaultTemplate(ctx context.Context, actor Actor) error {
	var n int64
	if err := s.read(ctx).Model(&Template{}).Where("team_id = ?", actor.TeamID).Count(&n).Error; err != nil {
		return dbErr(err, "count templates")
	}
	if n > 0 {
		return nil
	}
	return s.SeedDefaultTemplate(ctx, actor)
}
