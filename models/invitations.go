package models

import (
	"time"
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
