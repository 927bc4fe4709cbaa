package models

import (
	"context"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"firstperson/forms"
)

// MaxShareHours is the longest a share link may live (30 days).
const MaxShareHours = 24 * 30

// ShareLink lets a receiving care home open one completed assessment
// without an account. Only a hash of the token is stored.
type ShareLink struct {
	ID           uint `gorm:"primaryKey"`
	AssessmentID uint
	TokenHash    string
	Recipient    string
	CreatedBy    uint
	CreatedAt    time.Time
	ExpiresAt    time.Time
	RevokedAt    *time.Time
	RevokedBy    *uint
	// Opens of the care home's page (share_responses.go records them).
	FirstOpenedAt *time.Time
	LastOpenedAt  *time.Time
	Views         int
}

// Active reports whether the link can still be opened at now.
func (l *ShareLink) Active(now time.Time) bool { return l.RevokedAt == nil && now.Before(l.ExpiresAt) }

// CreateShare makes a share link for a completed assessment and returns the
// token, which is shown once and never stored.
func (s *Store) CreateShare(ctx context.Context, actor Actor, assessmentID uint, recipient string, hours int) (string, *ShareLink, error) {
	recipient = forms.NFC(strings.TrimSpace(recipient))
	f := map[string]string{}
	if recipient == "" || utf8.RuneCountInString(recipient) > 200 {
		f["recipient"] = "say who receives this, e.g. the care home's name (up to 200 characters)"
	} else if msg := forms.InvisibleProblem(recipient); msg != "" {
		f["recipient"] = "the recipient " + msg
	}
	if hours < 1 || hours > MaxShareHours {
		f["expires_in_hours"] = fmt.Sprintf("a link can last from 1 to %d hours", MaxShareHours)
	}
	if len(f) > 0 {
		return "", nil, &forms.ValidationError{Message: "the share link cannot be made", Fields: f}
	}
	token := NewToken()
	var link *ShareLink
	err := s.tx(ctx, func(tx *gorm.DB) error {
		a, err := s.assessment(tx, actor.TeamID, assessmentID)
		if err != nil {
			return err
		}
		if !a.Completed() {
			return fmt.Errorf("only a completed assessment can be shared: %w", ErrConflict)
		}
		now := s.Now()
		link = &ShareLink{AssessmentID: a.ID, TokenHash: HashToken(token), Recipient: recipient,
			CreatedBy: actor.UserID, CreatedAt: now, ExpiresAt: now.Add(time.Duration(hours) * time.Hour)}
		if err := tx.Create(link).Error; err != nil {
			return dbErr(err, "create share link")
		}
		return s.audit(tx, actor, "assessment", a.ID, "share.created", map[string]any{
			"share_id": link.ID, "recipient": recipient, "expires_at": link.ExpiresAt})
	})
	if err != nil {
		return "", nil, err
	}
	return token, link, nil
}

// Shares lists an assessment's share links, newest first.
func (s *Store) Shares(ctx context.Context, teamID, assessmentID uint) ([]ShareLink, error) {
	if _, err := s.Assessment(ctx, teamID, assessmentID); err != nil {
		return nil, err
	}
	var ls []ShareLink
	err := s.read(ctx).Where("assessment_id = ?", assessmentID).Order("id DESC").Find(&ls).Error
	return ls, dbErr(err, "list share links")
}

// RevokeShare ends a share link given its token or, from the assessment
// page, its id (token empty).
func (s *Store) RevokeShare(ctx context.Context, actor Actor, token string, id uint) error {
	return s.tx(ctx, func(tx *gorm.DB) error {
		var l ShareLink
		q := tx.Joins("JOIN assessments ON assessments.id = share_links.assessment_id").
			Where("assessments.team_id = ?", actor.TeamID)
		if token != "" {
			q = q.Where("share_links.token_hash = ?", HashToken(token))
		} else {
			q = q.Where("share_links.id = ?", id)
		}
		if err := q.First(&l).Error; err != nil {
			return dbErr(err, "share link")
		}
		if l.RevokedAt != nil {
			return nil // revoking twice is harmless
		}
		now, uid := s.Now(), actor.UserID
		if err := tx.Model(&ShareLink{}).Where("id = ?", l.ID).
			Updates(map[string]any{"revoked_at": now, "revoked_by": uid}).Error; err != nil {
			return dbErr(err, "revoke share link")
		}
		return s.audit(tx, actor, "assessment", l.AssessmentID, "share.revoked",
			map[string]any{"share_id": l.ID, "recipient": l.Recipient})
	})
}

// OpenShare returns the assessment behind a share token for the care
// home and records the access (what: "viewed" or "downloaded"; from: the
// client address) in the audit trail. Unknown tokens are ErrNotFound;
// expired or revoked ones ErrGone, also recorded.
func (s *Store) OpenShare(ctx context.Context, token, what, from string) (*Assessment, *ShareLink, error) {
	var a Assessment
	var l ShareLink
	err := s.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Where("token_hash = ?", HashToken(token)).First(&l).Error; err != nil {
			return dbErr(err, "share link")
		}
		if err := tx.First(&a, l.AssessmentID).Error; err != nil {
			return dbErr(err, "shared assessment")
		}
		if err := loadApart(tx, &a); err != nil {
			return err
		}
		actor := Actor{TeamID: a.TeamID, Name: "Share link: " + l.Recipient}
		detail := map[string]any{"share_id": l.ID, "recipient": l.Recipient, "client": from}
		if !l.Active(s.Now()) {
			return s.audit(tx, actor, "assessment", a.ID, "share.refused", detail)
		}
		if what == "viewed" {
			if err := s.recordOpen(tx, &l); err != nil {
				return err
			}
		}
		return s.audit(tx, actor, "assessment", a.ID, "share."+what, detail)
	})
	if err != nil {
		return nil, nil, err
	}
	if !l.Active(s.Now()) {
		return nil, &l, fmt.Errorf("share link expired or revoked: %w", ErrGone)
	}
	return &a, &l, nil
}
