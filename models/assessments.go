package models

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"

	"firstperson/forms"
)

// Assessment statuses.
const (
	StatusInProgress = "in_progress"
	StatusCompleted  = "completed"
)

// Assessment is one person's assessment, pinned to the template version it
// was started on. Answers are stored as JSON; Revision counts saves so two
// tablets cannot silently overwrite each other.
type Assessment struct {
	ID            uint `gorm:"primaryKey"`
	TeamID        uint
	TemplateID    uint
	VersionID     uint
	VersionNumber int
	Reference     string
	PersonName    string
	NHSNumber     string `gorm:"column:nhs_number"`
	DateOfBirth   string
	AnswersJSON   string `gorm:"column:answers_json"`
	Revision      int
	Status        string
	CreatedBy     uint
	CreatedAt     time.Time
	UpdatedAt     time.Time
	CompletedAt   *time.Time
	CompletedBy   *uint
	// apart holds the encoded answers stored apart (answers_apart.go), by
	// question id, as the loader read them.
	apart map[string]string `gorm:"-"`
}

// Person returns who the assessment is about.
func (a *Assessment) Person() forms.Person {
	return forms.Person{Name: a.PersonName, NHSNumber: a.NHSNumber, DateOfBirth: a.DateOfBirth}
}

// Answers decodes the answers, the large ones stored apart included.
func (a *Assessment) Answers() (forms.Answers, error) {
	ans, err := a.storedAnswers()
	if err != nil {
		return nil, err
	}
	for qid, v := range ans {
		if _, ok := asStub(v); !ok {
			continue
		}
		enc, ok := a.apart[qid]
		if !ok {
			return nil, fmt.Errorf("answer %q of assessment %d is stored apart and was not loaded", qid, a.ID)
		}
		var val any
		if err := json.Unmarshal([]byte(enc), &val); err != nil {
			return nil, fmt.Errorf("decode answer %q of assessment %d: %w", qid, a.ID, err)
		}
		ans[qid] = val
	}
	return ans, nil
}

// Completed reports whether the assessment is locked.
func (a *Assessment) Completed() bool { return a.Status == StatusCompleted }

// referenceAlphabet is Crockford's base32: no I, L, O or U to misread.
const referenceAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

// newReference makes a short reference a person can read out on the phone,
// e.g. FP-7K3M-9QX2 (40 random bits; uniqueness is checked on insert).
func newReference() string {
	b := make([]byte, 8)
	if _, err := rand.Read(b); err != nil {
		panic(fmt.Sprintf("crypto/rand: %v", err))
	}
	var sb strings.Builder
	sb.WriteString("FP-")
	for i, c := range b {
		if i == 4 {
			sb.WriteByte('-')
		}
		sb.WriteByte(referenceAlphabet[int(c)%len(referenceAlphabet)])
	}
	return sb.String()
}

// CreateAssessment starts an assessment for a person on the template's
// newest published version.
func (s *Store) CreateAssessment(ctx context.Context, actor Actor, templateID uint, p forms.Person) (*Assessment, error) {
	p = p.Normalized()
	if err := p.Validate(s.Now()); err != nil {
		return nil, err
	}
	var a *Assessment
	err := s.tx(ctx, func(tx *gorm.DB) error {
		v, err := s.latestPublished(tx, actor.TeamID, templateID)
		if err != nil {
			return err
		}
		for try := 0; ; try++ {
			a = &Assessment{TeamID: actor.TeamID, TemplateID: templateID, VersionID: v.ID, VersionNumber: v.Number,
				Reference: newReference(), PersonName: p.Name, NHSNumber: p.NHSNumber, DateOfBirth: p.DateOfBirth,
				AnswersJSON: "{}", Status: StatusInProgress, CreatedBy: actor.UserID}
			err = tx.Create(a).Error
			if err == nil || !isUniqueViolation(err) || try == 3 {
				break
			}
		}
		if err != nil {
			return dbErr(err, "create assessment")
		}
		if err := setSearchTerms(tx, a); err != nil {
			return err
		}
		return s.audit(tx, actor, "assessment", a.ID, "assessment.started", map[string]any{
			"template_id": templateID, "version": v.Number, "person": p.Name})
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// Assessment returns one of the team's assessments.
func (s *Store) Assessment(ctx context.Context, teamID, id uint) (*Assessment, error) {
	return s.assessment(s.read(ctx), teamID, id)
}

// assessment reads one assessment with its answers stored apart.
func (s *Store) assessment(db *gorm.DB, teamID, id uint) (*Assessment, error) {
	a, err := s.assessmentRow(db, teamID, id)
	if err != nil {
		return a, err
	}
	return a, loadApart(db, a)
}

// assessmentRow reads one assessment's row with a plain scan (every
// autosave makes this read; gorm's reflection cost as much as the query),
// without the answers stored apart.
func (s *Store) assessmentRow(db *gorm.DB, teamID, id uint) (*Assessment, error) {
	var a Assessment
	err := db.Raw(`SELECT id, team_id, template_id, version_id, version_number, reference, person_name,
		nhs_number, date_of_birth, answers_json, revision, status, created_by, created_at, updated_at,
		completed_at, completed_by FROM assessments WHERE id = ? AND team_id = ?`, id, teamID).Row().
		Scan(&a.ID, &a.TeamID, &a.TemplateID, &a.VersionID, &a.VersionNumber, &a.Reference, &a.PersonName,
			&a.NHSNumber, &a.DateOfBirth, &a.AnswersJSON, &a.Revision, &a.Status, &a.CreatedBy, &a.CreatedAt, &a.UpdatedAt,
			&a.CompletedAt, &a.CompletedBy)
	if errors.Is(err, sql.ErrNoRows) {
		err = gorm.ErrRecordNotFound
	}
	return &a, dbErr(err, fmt.Sprintf("assessment %d", id))
}

// PinnedVersion returns the version an assessment was started on.
func (s *Store) PinnedVersion(ctx context.Context, a *Assessment) (*Version, *forms.Schema, error) {
	return s.pinned(s.read(ctx), a)
}

func (s *Store) pinned(db *gorm.DB, a *Assessment) (*Version, *forms.Schema, error) {
	if p, ok := s.published.m.Load(a.VersionID); ok {
		pv := p.(pinnedVersion)
		return pv.version, pv.schema, nil
	}
	var v Version
	if err := db.First(&v, a.VersionID).Error; err != nil {
		return nil, nil, dbErr(err, fmt.Sprintf("version of assessment %d", a.ID))
	}
	schema, err := s.published.publishedSchema(&v)
	return &v, schema, err
}

// SaveAnswers merges answers into the assessment (a nil value clears one)
// if revision is still current, and returns the new revision. A stale
// revision returns *StaleRevisionError with the current state; a completed
// assessment ErrConflict; an answer that does not fit its question a
// *forms.ValidationError. Each changed answer is audited with its old and
// new value in the same transaction.
func (s *Store) SaveAnswers(ctx context.Context, actor Actor, id uint, revision int, answers forms.Answers) (int, error) {
	return s.change(ctx, actor, id, revision, answers, "answer.changed", "", false)
}

// Amend corrects answers of a completed assessment. Amendments need a
// reason and are recorded as such; they are never silent edits.
func (s *Store) Amend(ctx context.Context, actor Actor, id uint, revision int, answers forms.Answers, reason string) (int, error) {
	reason = strings.TrimSpace(reason)
	if reason == "" {
		return 0, &forms.ValidationError{Message: "an amendment needs a reason",
			Fields: map[string]string{"reason": "say why this is being corrected"}}
	}
	return s.change(ctx, actor, id, revision, answers, "answer.amended", reason, true)
}

func (s *Store) change(ctx context.Context, actor Actor, id uint, revision int, answers forms.Answers,
	action, reason string, amend bool) (int, error) {
	// Everything that only reads is worked out first, outside the writer:
	// on SQLite the writer is one connection that every save queues for
	// (and a group-commit batch runs its saves one after another), so the
	// less each save does while holding it, the more saves one fsync
	// carries. The guarded UPDATE below makes this safe: it only lands if
	// the revision and status are still the ones this plan was made from.
	plan, err := s.planChange(s.readOne(ctx), actor, id, revision, answers, action, reason, amend)
	if err != nil {
		return 0, err
	}
	switch {
	case s.dialect == "postgres" && !amend && !plan.personChanged && len(plan.putApart) == 0 && len(plan.dropApart) == 0:
		err = s.writeAtOnce(ctx, actor, plan) // group commit on PostgreSQL
	case !amend:
		// Group commit on SQLite; on PostgreSQL a transaction (the person's
		// details or answers stored apart change), which first checks a
		// credential read from memory (autosave_cache.go).
		err = s.writeAnswers(ctx, func(tx *gorm.DB) error {
			if err := s.checkCredential(tx, actor); err != nil {
				return err
			}
			return s.applyChange(tx, actor, plan)
		})
	default:
		err = s.tx(ctx, func(tx *gorm.DB) error { return s.applyChange(tx, actor, plan) })
	}
	if s.dialect == "postgres" {
		if err == nil && !amend && !plan.personChanged {
			s.wrote(plan)
		} else {
			s.forgetRow(id)
		}
	}
	if err != nil {
		return 0, err
	}
	return plan.a.Revision + 1, nil
}

// answerChange is one save worked out from the assessment as it was read:
// the answers to store, the person's details if answers bound to them
// changed, and the audit events to write with it.
type answerChange struct {
	a             *Assessment
	schema        *forms.Schema
	answersJSON   string
	person        forms.Person
	personChanged bool
	events        []AuditEvent
	// putApart and dropApart are the large answers to store apart and
	// those no longer stored apart (answers_apart.go).
	putApart  map[string]string
	dropApart []string
}

// planChange reads the assessment and its pinned version through db and
// checks, validates and encodes the save; it writes nothing.
func (s *Store) planChange(db *gorm.DB, actor Actor, id uint, revision int, answers forms.Answers,
	action, reason string, amend bool) (*answerChange, error) {
	// The row alone: answers stored apart are read only if this save
	// changes them (answers_apart.go). On PostgreSQL an autosave based on
	// the revision this process last wrote plans from that (the write's
	// guard checks it is still so; autosave_cache.go).
	a, known := (*Assessment)(nil), false
	if s.dialect == "postgres" && !amend {
		a, known = s.knownRow(actor.TeamID, id, revision)
	}
	if !known {
		var err error
		if a, err = s.assessmentRow(db, actor.TeamID, id); err != nil {
			return nil, err
		}
	}
	switch {
	case a.Completed() && !amend:
		return nil, fmt.Errorf("assessment %d is completed; corrections are amendments: %w", id, ErrConflict)
	case !a.Completed() && amend:
		return nil, fmt.Errorf("assessment %d is not completed yet; change its answers instead: %w", id, ErrConflict)
	}
	current, err := a.storedAnswers()
	if err != nil {
		return nil, err
	}
	_, schema, err := s.pinned(db, a)
	if err != nil {
		return nil, err
	}
	if revision != a.Revision {
		if err := loadApart(db, a); err != nil {
			return nil, err
		}
		all, err := a.Answers()
		if err != nil {
			return nil, err
		}
		return nil, &StaleRevisionError{Revision: a.Revision, Answers: schema.WithPerson(all, a.Person())}
	}
	// Answers to questions bound to a person detail change the person
	// (person.go); only the rest are stored as answers.
	answers, person, err := schema.TakePerson(answers, a.Person(), s.Now())
	if err != nil {
		return nil, err
	}
	if err := schema.ValidateAnswers(answers); err != nil {
		return nil, err
	}
	if err := schema.CheckDates(answers, s.Now()); err != nil {
		return nil, err
	}
	plan := &answerChange{a: a, schema: schema, person: person}
	if changed := personChange(a.Person(), person); len(changed) > 0 {
		plan.personChanged = true
		personAction := "person.changed"
		if amend {
			personAction = "person.amended"
		}
		ev, err := s.auditEvent(actor, "assessment", id, personAction, personDetail(changed, reason))
		if err != nil {
			return nil, err
		}
		plan.events = append(plan.events, *ev)
	}
	schema.StampTypedSignatures(answers, current, actor.Name, s.Now())
	stored, err := plan.store(answers, current)
	if err != nil {
		return nil, err
	}
	// The old value of a large answer that changes is read now, for the
	// audit trail; the others stay where they are.
	if err := s.loadChangedApart(db, a, stored, current); err != nil {
		return nil, err
	}
	for qid, val := range answers {
		old, had := current[qid]
		if stored[qid] == nil {
			delete(current, qid)
		} else {
			current[qid] = stored[qid]
		}
		_, oldApart := asStub(old)
		if !had && val == nil || had && (jsonEqual(old, stored[qid]) || !oldApart && jsonEqual(old, val)) {
			continue
		}
		if oldApart {
			if err := json.Unmarshal([]byte(a.apart[qid]), &old); err != nil {
				return nil, fmt.Errorf("decode answer %q of assessment %d: %w", qid, id, err)
			}
		}
		detail := map[string]any{"question_id": qid, "old": auditValue(schema, qid, old), "new": auditValue(schema, qid, val)}
		if reason != "" {
			detail["reason"] = reason
		}
		ev, err := s.auditEvent(actor, "assessment", id, action, detail)
		if err != nil {
			return nil, err
		}
		plan.events = append(plan.events, *ev)
	}
	enc, err := json.Marshal(current)
	if err != nil {
		return nil, fmt.Errorf("encode answers: %w", err)
	}
	plan.answersJSON = string(enc)
	return plan, nil
}

// applyChange writes a planned save inside tx. The revision in the WHERE
// clause is the guard: an update can only move one revision forward from
// the state the plan was read from. The status is guarded the same way, so
// a save racing a completion (in this process or another one on
// PostgreSQL) never changes a completed assessment. If the guard does not
// hold, nothing is written and the caller hears the state as it is now.
func (s *Store) applyChange(tx *gorm.DB, actor Actor, plan *answerChange) error {
	a := plan.a
	// Plain SQL rather than gorm's Updates and Create: this runs while the
	// writer is held (on SQLite, inside a group-commit batch), where gorm's
	// reflection and RETURNING cost about as much as the writes themselves.
	set, args := "answers_json = ?, revision = ?, updated_at = ?", []any{plan.answersJSON, a.Revision + 1, s.Now()}
	if plan.personChanged {
		set += ", person_name = ?, nhs_number = ?, date_of_birth = ?"
		args = append(args, plan.person.Name, plan.person.NHSNumber, plan.person.DateOfBirth)
	}
	args = append(args, a.ID, a.Revision, a.Status)
	res := tx.Exec("UPDATE assessments SET "+set+" WHERE id = ? AND revision = ? AND status = ?", args...)
	if res.Error != nil {
		return dbErr(res.Error, "save answers")
	}
	if res.RowsAffected != 1 {
		return s.staleNow(tx, actor.TeamID, a.ID, plan.schema) // another save or a completion came first
	}
	if err := writeApart(tx, a.ID, plan.putApart, plan.dropApart); err != nil {
		return err
	}
	if plan.personChanged {
		moved := *a
		moved.PersonName, moved.NHSNumber, moved.DateOfBirth = plan.person.Name, plan.person.NHSNumber, plan.person.DateOfBirth
		if err := setSearchTerms(tx, &moved); err != nil {
			return err
		}
	}
	return insertAuditEvents(tx, plan.events)
}

// auditValue is how an answer is kept in the audit trail: as given, except
// signatures, which are recorded as signed or not rather than repeated as
// a large image in every event.
func auditValue(schema *forms.Schema, qid string, v any) any {
	if q := schema.Question(qid); q != nil && q.Type == forms.TypeSignature && v != nil {
		if t, ok := forms.AsTypedSignature(v); ok {
			return "typed signature: " + t.Name + " (entered by " + t.EnteredBy + ")"
		}
		return fmt.Sprintf("signature (%d bytes)", len(fmt.Sprint(v)))
	}
	return v
}

func jsonEqual(a, b any) bool {
	ja, err1 := json.Marshal(a)
	jb, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && string(ja) == string(jb)
}

// Complete locks an in-progress assessment. Every required question that is
// shown and unanswered comes back in a *forms.ValidationError.
func (s *Store) Complete(ctx context.Context, actor Actor, id uint) (*Assessment, error) {
	var a *Assessment
	err := s.tx(ctx, func(tx *gorm.DB) error {
		var err error
		if a, err = s.assessment(tx, actor.TeamID, id); err != nil {
			return err
		}
		if a.Completed() {
			return fmt.Errorf("assessment %d is already completed: %w", id, ErrConflict)
		}
		answers, err := a.Answers()
		if err != nil {
			return err
		}
		_, schema, err := s.pinned(tx, a)
		if err != nil {
			return err
		}
		if missing := schema.MissingRequired(schema.WithPerson(answers, a.Person())); len(missing) > 0 {
			return &forms.ValidationError{Message: "some required questions have no answer yet", Fields: missing}
		}
		now, uid := s.Now(), actor.UserID
		// Status and revision guard the UPDATE: a save or a completion
		// from another process that slipped in since the read makes this
		// a conflict instead of completing answers nobody checked.
		res := tx.Model(&Assessment{}).Where("id = ? AND status = ? AND revision = ?", id, StatusInProgress, a.Revision).Updates(map[string]any{
			"status": StatusCompleted, "completed_at": now, "completed_by": uid, "updated_at": now})
		if res.Error != nil {
			return dbErr(res.Error, "complete assessment")
		}
		if res.RowsAffected != 1 {
			return fmt.Errorf("assessment %d changed while it was being completed; try again: %w", id, ErrConflict)
		}
		a.Status, a.CompletedAt, a.CompletedBy = StatusCompleted, &now, &uid
		return s.audit(tx, actor, "assessment", id, "assessment.completed", map[string]any{"revision": a.Revision})
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// AssessmentQuery filters the team's assessment list.
type AssessmentQuery struct {
	Search  string // words of the person's name, NHS number or reference (see search.go)
	Status  string // "", StatusInProgress or StatusCompleted
	Page    int    // from 1
	PerPage int

	// CareHome is "" or one of CareHomeFilters (share_responses_state.go).
	CareHome string
}

// Assessments lists the team's assessments, newest first, one page at a time,
// with the total that match (counted up to MaxCounted+1).
func (s *Store) Assessments(ctx context.Context, teamID uint, q AssessmentQuery) ([]Assessment, int64, error) {
	if q.PerPage <= 0 || q.PerPage > 100 {
		q.PerPage = 25
	}
	if q.Page < 1 {
		q.Page = 1
	}
	if strings.TrimSpace(q.Search) != "" {
		return s.searchAssessments(ctx, teamID, q)
	}
	db := s.read(ctx).Model(&Assessment{}).Where("team_id = ?", teamID)
	if q.Status != "" {
		db = db.Where("status = ?", q.Status)
	}
	db, err := careHomeFilter(db, q.CareHome)
	if err != nil {
		return nil, 0, err
	}
	total, err := countCapped(db)
	if err != nil {
		return nil, 0, err
	}
	var as []Assessment
	err = db.Order("created_at DESC, id DESC").Offset((q.Page - 1) * q.PerPage).Limit(q.PerPage).Find(&as).Error
	return as, total, dbErr(err, "list assessments")
}

// AssessmentAudit lists an assessment's audit trail.
func (s *Store) AssessmentAudit(ctx context.Context, teamID, id uint) ([]AuditEvent, error) {
	if _, err := s.Assessment(ctx, teamID, id); err != nil {
		return nil, err
	}
	return s.AuditTrail(ctx, teamID, "assessment", id)
}
