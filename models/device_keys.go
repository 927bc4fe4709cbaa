package models

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"time"

	"gorm.io/gorm"
)

// DeviceKey is a user's secret for the tablet's offline store: the browser
// imports it as a non-extractable AES-GCM key, encrypts the waiting
// changes and cached pages with it and deletes it at sign-out. The server
// hands it only to a signed-in session, and the same user always gets the
// same key, so what one user left encrypted on a tablet is theirs again
// when they sign in, and nobody else's.
type DeviceKey struct {
	UserID    uint `gorm:"primaryKey"`
	Secret    string
	CreatedAt time.Time
}

// DeviceKey returns the user's 32-byte key, made on first use.
func (s *Store) DeviceKey(ctx context.Context, userID uint) ([]byte, error) {
	var k DeviceKey
	err := s.read(ctx).Where("user_id = ?", userID).First(&k).Error
	if err != nil {
		if err = dbErr(err, "device key"); !errors.Is(err, ErrNotFound) {
			return nil, err
		}
		raw := make([]byte, 32)
		if _, err := rand.Read(raw); err != nil {
			return nil, fmt.Errorf("make device key: %w", err)
		}
		err = s.tx(ctx, func(tx *gorm.DB) error {
			// Two tabs asking at once: the first key made wins.
			if err := tx.Exec(`INSERT INTO device_keys (user_id, secret, created_at) VALUES (?, ?, ?)
				ON CONFLICT (user_id) DO NOTHING`, userID, base64.StdEncoding.EncodeToString(raw), s.Now()).Error; err != nil {
				return err
			}
			return tx.Where("user_id = ?", userID).First(&k).Error
		})
		if err != nil {
			return nil, dbErr(err, "create device key")
		}
	}
	raw, err := base64.StdEncoding.DecodeString(k.Secret)
	if err != nil || len(raw) != 32 {
		return nil, fmt.Errorf("device key of user %d is damaged", userID)
	}
	return raw, nil
}

// SessionExpiry is when a session's absolute limit ends it.
func (s *Store) SessionExpiry(ctx context.Context, token string) (time.Time, error) {
	var sess Session
	if err := s.read(ctx).Where("token_hash = ?", HashToken(token)).First(&sess).Error; err != nil {
		return time.Time{}, dbErr(err, "session")
	}
	return sess.ExpiresAt, nil
}
