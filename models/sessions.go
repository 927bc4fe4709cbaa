package models

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// Session lifetimes. A ward round can leave a tablet idle for a while, so
// the idle limit is generous; the absolute limit ends a shift's session.
const (
	SessionIdleTimeout     = 2 * time.Hour
	SessionAbsoluteTimeout = 12 * time.Hour
	// sessionTouchEvery limits last_seen_at writes to one a minute per session.
	sessionTouchEvery = time.Minute
	// tokenTouchEvery limits last_used_at writes to one a minute per token.
	tokenTouchEvery = time.Minute
)

// Session is a signed-in browser. Only a hash of its token is stored.
type Session struct {
	ID         uint `gorm:"primaryKey"`
	UserID     uint
	TokenHash  string
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time
}

// APIToken lets a program use the JSON API as a user. Only a hash is stored.
type APIToken struct {
	ID         uint `gorm:"primaryKey"`
	UserID     uint
	TokenHash  string `json:"-"`
	Name       string
	CreatedAt  time.Time
	LastUsedAt *time.Time
}

// NewToken returns a random 256-bit token, URL-safe.
func NewToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("crypto/rand: %v", err)) // never fails on supported platforms
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

// HashToken is how tokens are stored: a database leak reveals no usable
// token. A fast hash is right here, unlike for passwords, because tokens
// carry 256 bits of randomness.
func HashToken(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// CreateSession signs a user in and returns the new session's token.
func (s *Store) CreateSession(ctx context.Context, userID uint) (string, error) {
	token, now := NewToken(), s.Now()
	sess := &Session{UserID: userID, TokenHash: HashToken(token), CreatedAt: now, LastSeenAt: now,
		ExpiresAt: now.Add(SessionAbsoluteTimeout)}
	err := s.tx(ctx, func(tx *gorm.DB) error {
		// Sweep this user's dead sessions while we are writing anyway.
		if err := tx.Where("user_id = ? AND (expires_at < ? OR last_seen_at < ?)", userID, now,
			now.Add(-SessionIdleTimeout)).Delete(&Session{}).Error; err != nil {
			return err
		}
		return tx.Create(sess).Error
	})
	return token, dbErr(err, "create session")
}

// SessionUser returns the user behind a session token, or ErrNotFound when
// the session is unknown, idle too long or past its absolute limit.
func (s *Store) SessionUser(ctx context.Context, token string) (*User, error) {
	var id uint
	var lastSeen, expires time.Time
	u, err := s.credentialUser(ctx, "sessions", token, &id, &lastSeen, &expires)
	if err != nil {
		return nil, dbErr(err, "session")
	}
	now := s.Now()
	if now.After(expires) || now.Sub(lastSeen) > SessionIdleTimeout {
		return nil, fmt.Errorf("session expired: %w", ErrNotFound)
	}
	if !u.Active() {
		return nil, fmt.Errorf("user %d is deactivated: %w", u.ID, ErrNotFound)
	}
	if now.Sub(lastSeen) > sessionTouchEvery {
		if err := s.w.WithContext(ctx).Model(&Session{}).Where("id = ?", id).
			Update("last_seen_at", now).Error; err != nil {
			return nil, dbErr(err, "touch session")
		}
	}
	return u, nil
}

// credentialUser reads, in one query, the user behind a session or API
// token (table "sessions" or "api_tokens") with the credential's own id
// and times, scanned into cred: for sessions its id, last_seen_at and
// expires_at; for tokens its id and last_used_at. Every request makes
// this read, so it is one round trip, not two.
func (s *Store) credentialUser(ctx context.Context, table, token string, cred ...any) (*User, error) {
	credCols := "c.id, c.last_seen_at, c.expires_at"
	if table == "api_tokens" {
		credCols = "c.id, c.last_used_at"
	}
	var u User
	row := s.readOne(ctx).Raw(`SELECT u.id, u.team_id, u.email, u.name, u.role, u.password_hash, u.created_at,
		u.must_change_password, u.deactivated_at, u.last_sign_in_at, `+credCols+`
		FROM `+table+` c JOIN users u ON u.id = c.user_id WHERE c.token_hash = ?`, HashToken(token)).Row()
	dest := append([]any{&u.ID, &u.TeamID, &u.Email, &u.Name, &u.Role, &u.PasswordHash, &u.CreatedAt,
		&u.MustChangePassword, &u.DeactivatedAt, &u.LastSignInAt}, cred...)
	if err := row.Scan(dest...); err != nil {
		if errors.Is(err, sql.ErrNoRows) {
			return nil, gorm.ErrRecordNotFound
		}
		return nil, err
	}
	return &u, nil
}

// activeUser returns a user who may act, or ErrNotFound for a deactivated
// one (whose sessions and tokens are deleted anyway; this is the second lock).
func (s *Store) activeUser(ctx context.Context, id uint) (*User, error) {
	u, err := s.User(ctx, id)
	if err != nil {
		return nil, err
	}
	if !u.Active() {
		return nil, fmt.Errorf("user %d is deactivated: %w", id, ErrNotFound)
	}
	return u, nil
}

// DeleteSession signs a browser out.
func (s *Store) DeleteSession(ctx context.Context, token string) error {
	hash := HashToken(token)
	s.forgetCredential(hash)
	err := s.w.WithContext(ctx).Where("token_hash = ?", hash).Delete(&Session{}).Error
	return dbErr(err, "delete session")
}

// CreateAPIToken makes a token for the user with this email.
func (s *Store) CreateAPIToken(ctx context.Context, email string) (string, error) {
	u, err := s.UserByEmail(ctx, email)
	if err != nil {
		return "", err
	}
	token := NewToken()
	err = s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(&APIToken{UserID: u.ID, TokenHash: HashToken(token), CreatedAt: s.Now()}).Error; err != nil {
			return err
		}
		return s.audit(tx, u.Actor(), "user", u.ID, "token.created", nil)
	})
	return token, dbErr(err, "create token")
}

// TokenUser returns the user behind an API token.
func (s *Store) TokenUser(ctx context.Context, token string) (*User, error) {
	var id uint
	var lastUsed *time.Time
	u, err := s.credentialUser(ctx, "api_tokens", token, &id, &lastUsed)
	if err != nil {
		return nil, dbErr(err, "api token")
	}
	if !u.Active() {
		return nil, fmt.Errorf("user %d is deactivated: %w", u.ID, ErrNotFound)
	}
	// last_used_at is kept up to date, written at most once a minute.
	if now := s.Now(); lastUsed == nil || now.Sub(*lastUsed) >= tokenTouchEvery {
		if err := s.w.WithContext(ctx).Model(&APIToken{}).Where("id = ?", id).
			Update("last_used_at", now).Error; err != nil {
			return nil, dbErr(err, "touch api token")
		}
	}
	return u, nil
}
