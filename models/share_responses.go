package models

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"gorm.io/gorm"

	"firstperson/forms"
)

// Parties and decisions of the care-home conversation.
const (
	FromCareHome = "care_home"
	FromTeam     = "team"

	DecisionAccept   = "accept"
	DecisionQuestion = "question"
	DecisionDecline  = "decline"
)

// Limits on what the care home (or the team) may write.
const (
	MaxResponseMessage = 4000
	MaxResponseName    = 200
	// MaxResponsesPerHour is how many responses one share link takes in
	// any hour; more are refused with ErrTooMany.
	MaxResponsesPerHour = 20
)

// ErrTooMany says a limit on how often something may be done was reached.
var ErrTooMany = errors.New("too many requests")

// ShareResponse is one message of the conversation between the receiving
// care home and the team: the home's decision (with its question or
// reason) or the team's reply.
type ShareResponse struct {
	ID           uint `gorm:"primaryKey"`
	AssessmentID uint
	ShareLinkID  *uint
	At           time.Time
	FromParty    string
	Decision     string
	Name         string
	Role         string
	Message      string
	AuthorID     *uint
	Address      string
	// Author is the team member's name for replies (not a column).
	Author string `gorm:"->;-:migration"`
	// Recipient is who the link was made for, e.g. "Rosewood House" (not a column).
	Recipient string `gorm:"->;-:migration"`
}

// CareHomeInput is what the care home sends from the share page.
type CareHomeInput struct {
	Decision string `json:"decision"`
	Name     string `json:"name"`
	Role     string `json:"role"`
	Message  string `json:"message"`
}

// Normalized trims the text fields.
func (in CareHomeInput) Normalized() CareHomeInput {
	in.Decision = strings.TrimSpace(in.Decision)
	in.Name = strings.TrimSpace(in.Name)
	in.Role = strings.TrimSpace(in.Role)
	in.Message = strings.TrimSpace(strings.ReplaceAll(in.Message, "\r\n", "\n"))
	return in
}

// Validate names every field that is wrong.
func (in CareHomeInput) Validate() error {
	f := map[string]string{}
	switch in.Decision {
	case DecisionAccept, DecisionQuestion, DecisionDecline:
	default:
		f["decision"] = "choose whether you can meet the person's needs, have questions, or cannot accept"
	}
	if in.Name == "" || utf8.RuneCountInString(in.Name) > MaxResponseName {
		f["name"] = fmt.Sprintf("give your name (up to %d characters)", MaxResponseName)
	}
	if in.Role == "" || utf8.RuneCountInString(in.Role) > MaxResponseName {
		f["role"] = fmt.Sprintf("give your role, e.g. home manager (up to %d characters)", MaxResponseName)
	}
	if n := utf8.RuneCountInString(in.Message); n > MaxResponseMessage {
		f["message"] = fmt.Sprintf("the message is %d characters; the most is %d", n, MaxResponseMessage)
	} else if n == 0 && in.Decision == DecisionQuestion {
		f["message"] = "write your question"
	} else if n == 0 && in.Decision == DecisionDecline {
		f["message"] = "say why you cannot accept, so the team can find another placement"
	}
	if len(f) > 0 {
		return &forms.ValidationError{Message: "your response was not sent", Fields: f}
	}
	return nil
}

// RespondToShare records the care home's response through a share link,
// with the address it came from, in one transaction with its audit event.
// Unknown tokens are ErrNotFound; expired or revoked links ErrGone (the
// refusal is audited), whatever was sent; then invalid input is a
// *forms.ValidationError; more than MaxResponsesPerHour in the last hour
// ErrTooMany.
func (s *Store) RespondToShare(ctx context.Context, token string, in CareHomeInput, from string) (*ShareResponse, error) {
	in = in.Normalized()
	var r *ShareResponse
	gone := false
	err := s.tx(ctx, func(tx *gorm.DB) error {
		l, a, err := s.linkByToken(tx, token)
		if err != nil {
			return err
		}
		actor := Actor{TeamID: a.TeamID, Name: "Share link: " + l.Recipient}
		now := s.Now()
		if !l.Active(now) {
			gone = true
			return s.audit(tx, actor, "assessment", a.ID, "share.response_refused",
				map[string]any{"share_id": l.ID, "recipient": l.Recipient, "client": from})
		}
		if err := in.Validate(); err != nil {
			return err
		}
		if s.dialect == "postgres" { // SQLite's one writer already serialises this
			var id uint
			if err := tx.Raw(`SELECT id FROM share_links WHERE id = ? FOR UPDATE`, l.ID).Scan(&id).Error; err != nil {
				return dbErr(err, "lock the share link")
			}
		}
		var recent int64
		if err := tx.Model(&ShareResponse{}).Where("share_link_id = ? AND from_party = ? AND at > ?", l.ID, FromCareHome, now.Add(-time.Hour)).
			Count(&recent).Error; err != nil {
			return dbErr(err, "count recent responses")
		}
		if recent >= MaxResponsesPerHour {
			return fmt.Errorf("this link has taken %d responses in the last hour; please try again later or telephone the team: %w",
				MaxResponsesPerHour, ErrTooMany)
		}
		lid := l.ID
		r = &ShareResponse{AssessmentID: a.ID, ShareLinkID: &lid, At: now, FromParty: FromCareHome,
			Decision: in.Decision, Name: in.Name, Role: in.Role, Message: in.Message, Address: from}
		if err := tx.Omit("Author", "Recipient").Create(r).Error; err != nil {
			return dbErr(err, "save the care home's response")
		}
		r.Recipient = l.Recipient
		return s.audit(tx, actor, "assessment", a.ID, "share.response", map[string]any{
			"share_id": l.ID, "response_id": r.ID, "decision": in.Decision, "name": in.Name,
			"role": in.Role, "client": from})
	})
	if err != nil {
		return nil, err
	}
	if gone {
		return nil, fmt.Errorf("this link has ended and cannot take responses: %w", ErrGone)
	}
	return r, nil
}

// ReplyToCareHome records the team's reply to one care home (the link
// shareID; 0 picks the link the home last answered through, else the
// newest link) on one of the actor's team's assessments. Only that link's
// page shows it: two homes never see each other's conversation. from is
// the client address.
func (s *Store) ReplyToCareHome(ctx context.Context, actor Actor, assessmentID, shareID uint, message, from string) (*ShareResponse, error) {
	message = strings.TrimSpace(strings.ReplaceAll(message, "\r\n", "\n"))
	if n := utf8.RuneCountInString(message); n == 0 || n > MaxResponseMessage {
		return nil, &forms.ValidationError{Message: "the reply was not sent",
			Fields: map[string]string{"message": fmt.Sprintf("write a reply of up to %d characters", MaxResponseMessage)}}
	}
	var r *ShareResponse
	err := s.tx(ctx, func(tx *gorm.DB) error {
		a, err := s.assessment(tx, actor.TeamID, assessmentID)
		if err != nil {
			return err
		}
		l, err := s.replyLink(tx, a.ID, shareID)
		if err != nil {
			return err
		}
		uid, lid := actor.UserID, l.ID
		r = &ShareResponse{AssessmentID: a.ID, ShareLinkID: &lid, At: s.Now(), FromParty: FromTeam, Name: actor.Name,
			Message: message, AuthorID: &uid, Address: from, Author: actor.Name, Recipient: l.Recipient}
		if err := tx.Omit("Author", "Recipient").Create(r).Error; err != nil {
			return dbErr(err, "save the reply")
		}
		return s.audit(tx, actor, "assessment", a.ID, "share.reply",
			map[string]any{"response_id": r.ID, "share_id": l.ID, "recipient": l.Recipient, "client": from})
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// replyLink is the link a team reply goes to (see ReplyToCareHome).
func (s *Store) replyLink(tx *gorm.DB, assessmentID, shareID uint) (*ShareLink, error) {
	var l ShareLink
	q := tx.Where("assessment_id = ?", assessmentID)
	if shareID != 0 {
		if err := q.Where("id = ?", shareID).First(&l).Error; err != nil {
			return nil, &forms.ValidationError{Message: "the reply was not sent",
				Fields: map[string]string{"share_id": "choose one of this assessment's share links"}}
		}
		return &l, nil
	}
	var last []ShareResponse
	if err := tx.Where("assessment_id = ? AND from_party = ? AND share_link_id IS NOT NULL", assessmentID, FromCareHome).
		Order("at DESC, id DESC").Limit(1).Omit("Author", "Recipient").Find(&last).Error; err != nil {
		return nil, dbErr(err, "find the care home's last response")
	}
	if len(last) == 1 {
		q = q.Where("id = ?", *last[0].ShareLinkID)
	}
	if err := q.Order("id DESC").First(&l).Error; err != nil {
		if errors.Is(err, gorm.ErrRecordNotFound) {
			return nil, fmt.Errorf("this assessment has not been shared with a care home yet: %w", ErrConflict)
		}
		return nil, dbErr(err, "find the share link to reply to")
	}
	return &l, nil
}

// ShareResponses lists the conversation of one of the team's assessments
// with every care home, oldest first.
func (s *Store) ShareResponses(ctx context.Context, teamID, assessmentID uint) ([]ShareResponse, error) {
	if _, err := s.Assessment(ctx, teamID, assessmentID); err != nil {
		return nil, err
	}
	return s.conversation(s.read(ctx), assessmentID, 0)
}

// conversation reads an assessment's responses (through one link, or all
// when linkID is 0), oldest first, with the author's name and the link's
// recipient.
func (s *Store) conversation(db *gorm.DB, assessmentID, linkID uint) ([]ShareResponse, error) {
	var rs []ShareResponse
	q := db.Table("share_responses").
		Select("share_responses.*, COALESCE(users.name, '') AS author, COALESCE(share_links.recipient, '') AS recipient").
		Joins("LEFT JOIN users ON users.id = share_responses.author_id").
		Joins("LEFT JOIN share_links ON share_links.id = share_responses.share_link_id").
		Where("share_responses.assessment_id = ?", assessmentID)
	if linkID != 0 {
		q = q.Where("share_responses.share_link_id = ?", linkID)
	}
	err := q.Order("share_responses.at, share_responses.id").Scan(&rs).Error
	return rs, dbErr(err, "read the care home conversation")
}

// ShareConversation is the conversation as the care home sees it through
// its link: its own responses and the team's replies to it, no other
// home's.
func (s *Store) ShareConversation(ctx context.Context, l *ShareLink) ([]ShareResponse, error) {
	return s.conversation(s.read(ctx), l.AssessmentID, l.ID)
}

// linkByToken finds a share link and its assessment.
func (s *Store) linkByToken(tx *gorm.DB, token string) (*ShareLink, *Assessment, error) {
	var l ShareLink
	if err := tx.Where("token_hash = ?", HashToken(token)).First(&l).Error; err != nil {
		return nil, nil, dbErr(err, "share link")
	}
	var a Assessment
	if err := tx.First(&a, l.AssessmentID).Error; err != nil {
		return nil, nil, dbErr(err, "shared assessment")
	}
	if err := loadApart(tx, &a); err != nil {
		return nil, nil, err
	}
	return &l, &a, nil
}

// recordOpen counts one opening of the care home's page: the first and
// last time and how many times.
func (s *Store) recordOpen(tx *gorm.DB, l *ShareLink) error {
	now := s.Now()
	err := tx.Exec(`UPDATE share_links SET first_opened_at = COALESCE(first_opened_at, ?),
		last_opened_at = ?, views = views + 1 WHERE id = ?`, now, now, l.ID).Error
	if err != nil {
		return dbErr(err, "record the opening of a share link")
	}
	if l.FirstOpenedAt == nil {
		l.FirstOpenedAt = &now
	}
	l.LastOpenedAt = &now
	l.Views++
	return nil
}

// ShareByToken returns a live link and its assessment without recording an
// opening (the share page shown again after a refused response). Unknown
// tokens are ErrNotFound, ended links ErrGone.
func (s *Store) ShareByToken(ctx context.Context, token string) (*Assessment, *ShareLink, error) {
	l, a, err := s.linkByToken(s.read(ctx), token)
	if err != nil {
		return nil, nil, err
	}
	if !l.Active(s.Now()) {
		return nil, l, fmt.Errorf("share link expired or revoked: %w", ErrGone)
	}
	return a, l, nil
}

// RecordShareEmail audits an attempt to email a share link (sendErr nil
// when the mail server took it).
func (s *Store) RecordShareEmail(ctx context.Context, actor Actor, l *ShareLink, to string, sendErr error) error {
	detail := map[string]any{"share_id": l.ID, "to": to, "sent": sendErr == nil}
	if sendErr != nil {
		detail["error"] = sendErr.Error()
	}
	return s.tx(ctx, func(tx *gorm.DB) error {
		return s.audit(tx, actor, "assessment", l.AssessmentID, "share.emailed", detail)
	})
}
