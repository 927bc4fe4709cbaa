package models

import (
	"context"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"firstperson/forms"
)

// AnswersWithPerson returns the assessment's answers as they are shown:
// the stored answers, with every question bound to a person detail holding
// that detail (forms.Schema.WithPerson).
func (a *Assessment) AnswersWithPerson(schema *forms.Schema) (forms.Answers, error) {
	ans, err := a.Answers()
	if err != nil {
		return nil, err
	}
	return schema.WithPerson(ans, a.Person()), nil
}

// personChange lists the details that differ between old and new, each
// with its old and new value, for the audit trail.
func personChange(old, new forms.Person) map[string]any {
	changed := map[string]any{}
	for _, f := range []string{forms.PersonName, forms.PersonDateOfBirth, forms.PersonNHSNumber} {
		if o, n := old.PersonDetail(f), new.PersonDetail(f); o != n {
			changed[f] = map[string]string{"old": o, "new": n}
		}
	}
	return changed
}

// setPerson writes the person's new details, their search terms and one
// audit event (action, old and new value of each changed detail, the
// reason when there is one) inside tx. It does not touch the revision.
func (s *Store) setPerson(tx *gorm.DB, actor Actor, a *Assessment, p forms.Person, action, reason string) error {
	old := a.Person()
	changed := personChange(old, p)
	if len(changed) == 0 {
		return nil
	}
	res := tx.Model(&Assessment{}).Where("id = ?", a.ID).Updates(map[string]any{
		"person_name": p.Name, "nhs_number": p.NHSNumber, "date_of_birth": p.DateOfBirth, "updated_at": s.Now()})
	if res.Error != nil {
		return dbErr(res.Error, "save the person's details")
	}
	a.PersonName, a.NHSNumber, a.DateOfBirth = p.Name, p.NHSNumber, p.DateOfBirth
	if err := setSearchTerms(tx, a); err != nil {
		return err
	}
	return s.audit(tx, actor, "assessment", a.ID, action, personDetail(changed, reason))
}

// personDetail is the audit detail of a change to the person's details:
// each changed detail's old and new value, and the reason if there is one.
func personDetail(changed map[string]any, reason string) map[string]any {
	detail := map[string]any{"person": changed}
	if reason != "" {
		detail["reason"] = reason
	}
	return detail
}

// CorrectPerson corrects who an assessment is about, before or after
// completion. A reason is required; the old and new value of every changed
// detail go into the audit trail with it. Problems come back as a
// *forms.ValidationError with fields "person.name", "person.nhs_number",
// "person.date_of_birth" and "reason". The revision moves on, so a tablet
// holding the old details hears about the change.
func (s *Store) CorrectPerson(ctx context.Context, actor Actor, id uint, p forms.Person, reason string) (*Assessment, error) {
	p = p.Normalized()
	reason = strings.TrimSpace(reason)
	f := map[string]string{}
	if err := p.Validate(s.Now()); err != nil {
		if ve, ok := err.(*forms.ValidationError); ok {
			f = ve.Fields
		} else {
			return nil, err
		}
	}
	if reason == "" {
		f["reason"] = "say why the details are being corrected"
	} else if len([]rune(reason)) > 1000 {
		f["reason"] = "keep the reason to 1000 characters or fewer"
	}
	if len(f) > 0 {
		return nil, &forms.ValidationError{Message: "the person's details cannot be corrected", Fields: f}
	}
	var a *Assessment
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var err error
		if a, err = s.assessment(tx, actor.TeamID, id); err != nil {
			return err
		}
		if len(personChange(a.Person(), p)) == 0 {
			return nil // nothing to correct: no write, no audit noise
		}
		if err := s.setPerson(tx, actor, a, p, "person.corrected", reason); err != nil {
			return err
		}
		res := tx.Model(&Assessment{}).Where("id = ? AND revision = ?", id, a.Revision).Update("revision", a.Revision+1)
		if res.Error != nil {
			return dbErr(res.Error, "correct the person")
		}
		if res.RowsAffected != 1 {
			return fmt.Errorf("assessment %d changed meanwhile: %w", id, ErrConflict)
		}
		a.Revision++
		return nil
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}
