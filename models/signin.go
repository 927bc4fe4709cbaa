package models

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"firstperson/forms"
)

// Sign-in throttling (ASVS 2.2.1, NIST SP 800-63B §5.2.2). Failures are
// counted in a sliding window since the last success, per account (the
// email tried, known or not) and per address. Past the limit, each further
// failure doubles the wait, up to MaxSignInDelay; since only failures in
// the window count, an attacker can slow an account down but never lock it
// for good, and its owner can sign in once the delay has passed.
const (
	SignInWindow          = 15 * time.Minute
	AccountFailureLimit   = 5
	AddressFailureLimit   = 20
	FirstSignInDelay      = time.Minute
	MaxSignInDelay        = 15 * time.Minute
	signInAttemptsKeptFor = 24 * time.Hour
)

// ThrottledError answers a sign-in refused without checking the password
// because of too many recent failures (429 with Retry-After).
type ThrottledError struct {
	RetryAfter time.Duration
}

func (e *ThrottledError) Error() string {
	return fmt.Sprintf("too many failed sign-ins; try again in %s", e.RetryAfter.Round(time.Second))
}

// ErrSignIn is the one answer to a wrong email, a wrong password and a
// deactivated account alike.
var ErrSignIn = fmt.Errorf("that email and password do not match an account: %w", ErrNotFound)

// SignInAttempt is one row of the sign-in log that throttling reads.
type SignInAttempt struct {
	ID      uint `gorm:"primaryKey"`
	At      time.Time
	Email   string
	Address string
	OK      bool `gorm:"column:ok"`
}

// SignIn checks an email and password from address, applying the limits,
// recording the attempt and auditing it in the account's team.
func (s *Store) SignIn(ctx context.Context, email, password, address string) (*User, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	now := s.Now()
	known, _ := s.UserByEmail(ctx, email)
	attempt, err := s.reserveAttempt(ctx, now, email, address, known)
	if err != nil {
		return nil, err
	}
	u, authErr := s.Authenticate(ctx, email, password)
	err = s.tx(ctx, func(tx *gorm.DB) error {
		if authErr != nil {
			if known == nil || known.ID == 0 {
				return nil // no team to audit in; the attempt row records it
			}
			return s.audit(tx, Actor{TeamID: known.TeamID, Name: "system"}, "user", known.ID, "sign_in.failed",
				map[string]any{"email": email, "address": address})
		}
		if err := tx.Model(&SignInAttempt{}).Where("id = ?", attempt).Update("ok", true).Error; err != nil {
			return err
		}
		upd := map[string]any{"last_sign_in_at": now}
		if !strings.HasPrefix(u.PasswordHash, prehashPrefix) {
			// Upgrade a plain bcrypt hash from before pre-hashing.
			if h, err := s.hashPassword(password); err == nil {
				upd["password_hash"] = h
			}
		}
		if err := tx.Model(&User{}).Where("id = ?", u.ID).Updates(upd).Error; err != nil {
			return err
		}
		u.LastSignInAt = &now
		return s.audit(tx, u.Actor(), "user", u.ID, "sign_in.succeeded", map[string]any{"email": email, "address": address})
	})
	if err != nil {
		return nil, dbErr(err, "record sign-in")
	}
	if authErr != nil {
		return nil, ErrSignIn
	}
	return u, nil
}

// reserveAttempt checks the limits and, when the attempt may go ahead,
// records it as a failure before the password is checked (a success
// marks it ok afterwards). Check and record are one transaction, so a
// burst of parallel guesses cannot all slip under the limit while bcrypt
// runs. Throttled attempts are audited in the account's team, not counted.
func (s *Store) reserveAttempt(ctx context.Context, now time.Time, email, address string, known *User) (uint, error) {
	var wait time.Duration
	var id uint
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if s.dialect == "postgres" {
			// SQLite's one writer serialises this already; PostgreSQL needs a lock.
			if err := tx.Exec(`SELECT pg_advisory_xact_lock(hashtext(?))`, "sign-in:"+email).Error; err != nil {
				return err
			}
		}
		var err error
		wait, err = signInWait(tx, now, "email", email, AccountFailureLimit)
		if err == nil && wait == 0 {
			wait, err = signInWait(tx, now, "address", address, AddressFailureLimit)
		}
		if err != nil {
			return err
		}
		if wait > 0 {
			if known == nil || known.ID == 0 {
				return nil
			}
			return s.audit(tx, Actor{TeamID: known.TeamID, Name: "system"}, "user", known.ID, "sign_in.throttled",
				map[string]any{"email": email, "address": address, "retry_after_s": int(wait.Seconds())})
		}
		// Keep the log small: drop what no window can reach any more.
		if err := tx.Where("at < ?", now.Add(-signInAttemptsKeptFor)).Delete(&SignInAttempt{}).Error; err != nil {
			return err
		}
		a := &SignInAttempt{At: now, Email: email, Address: address}
		if err := tx.Create(a).Error; err != nil {
			return err
		}
		id = a.ID
		return nil
	})
	if err != nil {
		return 0, dbErr(err, "check sign-in limits")
	}
	if wait > 0 {
		return 0, &ThrottledError{RetryAfter: wait}
	}
	return id, nil
}

// checkCurrentPassword verifies a signed-in user's current password (to
// change it) under the same limits as signing in, so a stolen session or
// token cannot be used to guess it; a wrong one counts as a failure.
func (s *Store) checkCurrentPassword(ctx context.Context, u *User, current, address string) error {
	attempt, err := s.reserveAttempt(ctx, s.Now(), u.Email, address, u)
	if err != nil {
		return err
	}
	ok := checkPassword(u.PasswordHash, current)
	err = s.tx(ctx, func(tx *gorm.DB) error {
		if ok {
			return tx.Model(&SignInAttempt{}).Where("id = ?", attempt).Update("ok", true).Error
		}
		return s.audit(tx, u.Actor(), "user", u.ID, "password.check_failed", map[string]any{"email": u.Email, "address": address})
	})
	if err != nil || ok {
		return dbErr(err, "record password check")
	}
	return &forms.ValidationError{Message: "your current password is not right",
		Fields: map[string]string{"current": "this is not your current password"}}
}

// signInWait says how long the key (an email or an address) must wait
// before its next attempt is checked: zero below the limit.
func signInWait(db *gorm.DB, now time.Time, column, key string, limit int) (time.Duration, error) {
	since := now.Add(-SignInWindow)
	var last SignInAttempt
	var afterID uint
	err := db.Where(column+" = ? AND ok = ? AND at >= ?", key, true, since).Order("id DESC").First(&last).Error
	if err == nil {
		afterID = last.ID
	} else if !errors.Is(err, gorm.ErrRecordNotFound) {
		return 0, dbErr(err, "read sign-ins")
	}
	var fails []SignInAttempt
	if err := db.Where(column+" = ? AND ok = ? AND at >= ? AND id > ?", key, false, since, afterID).
		Order("id DESC").Limit(limit + 8).Find(&fails).Error; err != nil {
		return 0, dbErr(err, "read failed sign-ins")
	}
	if len(fails) < limit {
		return 0, nil
	}
	delay := FirstSignInDelay << (len(fails) - limit)
	if delay > MaxSignInDelay || delay <= 0 {
		delay = MaxSignInDelay
	}
	wait := fails[0].At.Add(delay).Sub(now)
	if wait < 0 {
		return 0, nil
	}
	return wait.Round(time.Second) + time.Second, nil
}
