package models

import (
	"context"
	"fmt"

	"gorm.io/gorm"

	"firstperson/forms"
)

// TeamPeople lists the people of a team, leads first, then by name.
func (s *Store) TeamPeople(ctx context.Context, teamID uint) ([]User, error) {
	var us []User
	err := s.read(ctx).Where("team_id = ?", teamID).Order("role DESC, name, id").Find(&us).Error
	return us, dbErr(err, "list people")
}

// teamUser returns a user of the actor's team for update in tx, or
// ErrNotFound (also for another team's user).
func teamUser(tx *gorm.DB, teamID, id uint) (*User, error) {
	var u User
	err := tx.Where("team_id = ? AND id = ?", teamID, id).First(&u).Error
	return &u, dbErr(err, fmt.Sprintf("user %d", id))
}

// otherActiveLeads counts the team's active leads other than user id.
func otherActiveLeads(tx *gorm.DB, teamID, id uint) (int64, error) {
	var n int64
	err := tx.Model(&User{}).Where("team_id = ? AND id <> ? AND role = ? AND deactivated_at IS NULL",
		teamID, id, RoleLead).Count(&n).Error
	return n, dbErr(err, "count leads")
}

// UserChange is what a lead may change about a person; nil leaves it.
type UserChange struct {
	Role   *string
	Active *bool
}

// ChangeUser changes a person's role or active state. A lead cannot
// deactivate themselves, and a team never loses its last active lead.
// Deactivating deletes the person's sessions and API tokens in the same
// transaction, so they stop working at once.
func (s *Store) ChangeUser(ctx context.Context, actor Actor, id uint, ch UserChange) (*User, error) {
	var u *User
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var err error
		if u, err = teamUser(tx, actor.TeamID, id); err != nil {
			return err
		}
		if ch.Role != nil && *ch.Role != u.Role {
			if err := s.changeRole(tx, actor, u, *ch.Role); err != nil {
				return err
			}
		}
		if ch.Active != nil && *ch.Active != u.Active() {
			return s.changeActive(tx, actor, u, *ch.Active)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

func (s *Store) changeRole(tx *gorm.DB, actor Actor, u *User, role string) error {
	if role != RoleLead && role != RoleAssessor {
		return &forms.ValidationError{Message: "the role cannot be changed",
			Fields: map[string]string{"role": "role must be lead or assessor"}}
	}
	if u.Role == RoleLead && u.Active() {
		if n, err := otherActiveLeads(tx, u.TeamID, u.ID); err != nil {
			return err
		} else if n == 0 {
			return fmt.Errorf("%s is the team's last active lead; make someone else a lead first: %w", u.Name, ErrConflict)
		}
	}
	if err := tx.Model(&User{}).Where("id = ?", u.ID).Update("role", role).Error; err != nil {
		return dbErr(err, "change role")
	}
	old := u.Role
	u.Role = role
	return s.audit(tx, actor, "user", u.ID, "user.role_changed", map[string]any{"email": u.Email, "from": old, "to": role})
}

func (s *Store) changeActive(tx *gorm.DB, actor Actor, u *User, active bool) error {
	if active {
		if err := tx.Model(&User{}).Where("id = ?", u.ID).Update("deactivated_at", nil).Error; err != nil {
			return dbErr(err, "reactivate")
		}
		u.DeactivatedAt = nil
		return s.audit(tx, actor, "user", u.ID, "user.reactivated", map[string]any{"email": u.Email})
	}
	if u.ID == actor.UserID {
		return fmt.Errorf("you cannot deactivate yourself; ask another lead: %w", ErrConflict)
	}
	if u.Role == RoleLead {
		if n, err := otherActiveLeads(tx, u.TeamID, u.ID); err != nil {
			return err
		} else if n == 0 {
			return fmt.Errorf("%s is the team's last active lead: %w", u.Name, ErrConflict)
		}
	}
	now := s.Now()
	if err := tx.Model(&User{}).Where("id = ?", u.ID).Update("deactivated_at", now).Error; err != nil {
		return dbErr(err, "deactivate")
	}
	u.DeactivatedAt = &now
	if err := s.endAccess(tx, u.ID); err != nil {
		return err
	}
	return s.audit(tx, actor, "user", u.ID, "user.deactivated", map[string]any{"email": u.Email})
}

// endAccess deletes every session, API token and open invitation of a user.
func (s *Store) endAccess(tx *gorm.DB, userID uint) error {
	for _, m := range []any{&Session{}, &APIToken{}, &Invitation{}} {
		if err := tx.Where("user_id = ?", userID).Delete(m).Error; err != nil {
			return dbErr(err, "end access")
		}
	}
	return nil
}

// DisableUser deactivates the user with this email from the command line
// (`user disable`), even the last lead: whoever runs it has the server.
func (s *Store) DisableUser(ctx context.Context, email string) (*User, error) {
	u, err := s.UserByEmail(ctx, email)
	if err != nil {
		return nil, err
	}
	err = s.tx(ctx, func(tx *gorm.DB) error {
		now := s.Now()
		if err := tx.Model(&User{}).Where("id = ?", u.ID).Update("deactivated_at", now).Error; err != nil {
			return dbErr(err, "deactivate")
		}
		u.DeactivatedAt = &now
		if err := s.endAccess(tx, u.ID); err != nil {
			return err
		}
		return s.audit(tx, Actor{TeamID: u.TeamID, Name: "system"}, "user", u.ID, "user.deactivated",
			map[string]any{"email": u.Email, "by": "command line"})
	})
	return u, err
}

// TeamAudit lists the team's account events (sign-ins, people, passwords,
// tokens), newest first, at most limit of them.
func (s *Store) TeamAudit(ctx context.Context, teamID uint, limit int) ([]AuditEvent, error) {
	var evs []AuditEvent
	err := s.read(ctx).Where("team_id = ? AND entity = ?", teamID, "user").Order("id DESC").Limit(limit).Find(&evs).Error
	return evs, dbErr(err, "team audit trail")
}
