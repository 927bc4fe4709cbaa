package models

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"strings"

	"gorm.io/gorm"

	"firstperson/forms"
)

// Large answers are stored apart.
//
// A drawn signature is a PNG of some 20 kB. Kept inside answers_json, every
// autosave of any other answer decoded, re-encoded and rewrote it (and its
// overflow pages), which halved the saves one machine could take. An
// answer whose JSON is apartAt bytes or more is therefore kept in its own
// row of assessment_answers_apart, and answers_json holds a small stub in
// its place: {"$apart": {"bytes": N, "sha256": "…"}}. The stub is enough to
// audit a change ("signature (N bytes)") and to see that a resubmitted
// value is unchanged, so an autosave never reads or writes the large value
// unless that answer itself changes.
//
// Every loader that hands an Assessment to callers fills in the values
// (loadApart); Answers puts them in place and refuses, loudly, to return
// an answer whose value was not loaded. No answer can be mistaken for a
// stub: validation accepts no object with a "$apart" key.
const apartAt = 2048

// apartKey marks a stub in answers_json.
const apartKey = "$apart"

// apartStub is what answers_json keeps for an answer stored apart.
type apartStub struct {
	Bytes  int    `json:"bytes"`
	SHA256 string `json:"sha256"`
}

// stubFor returns the stub for an answer whose encoding is enc.
func stubFor(enc []byte) map[string]any {
	sum := sha256.Sum256(enc)
	return map[string]any{apartKey: map[string]any{"bytes": len(enc), "sha256": hex.EncodeToString(sum[:])}}
}

// asStub reports whether v (decoded from answers_json) is a stub.
func asStub(v any) (apartStub, bool) {
	m, ok := v.(map[string]any)
	if !ok || len(m) != 1 {
		return apartStub{}, false
	}
	inner, ok := m[apartKey].(map[string]any)
	if !ok {
		return apartStub{}, false
	}
	n, _ := inner["bytes"].(float64)
	sum, _ := inner["sha256"].(string)
	return apartStub{Bytes: int(n), SHA256: sum}, true
}

// storedAnswers decodes answers_json as stored, stubs and all.
func (a *Assessment) storedAnswers() (forms.Answers, error) {
	ans := forms.Answers{}
	if err := json.Unmarshal([]byte(a.AnswersJSON), &ans); err != nil {
		return nil, fmt.Errorf("decode answers of assessment %d: %w", a.ID, err)
	}
	return ans, nil
}

// hasApart reports whether any answer of a is stored apart.
func (a *Assessment) hasApart() bool { return strings.Contains(a.AnswersJSON, `"`+apartKey+`"`) }

// apartRow is one answer stored apart.
type apartRow struct {
	AssessmentID uint
	QuestionID   string
	ValueJSON    string
}

// loadApart fills in the answers stored apart for the given assessments,
// in one query.
func loadApart(db *gorm.DB, as ...*Assessment) error {
	byID := map[uint]*Assessment{}
	var ids []uint
	for _, a := range as {
		if a.hasApart() {
			byID[a.ID] = a
			ids = append(ids, a.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	for start := 0; start < len(ids); start += 500 {
		if err := readApart(db, byID, `assessment_id IN ?`, ids[start:min(start+500, len(ids))]); err != nil {
			return err
		}
	}
	return nil
}

// readApart reads the rows of assessment_answers_apart that where selects
// into the apart values of the assessments in byID.
func readApart(db *gorm.DB, byID map[uint]*Assessment, where string, args ...any) error {
	var rows []apartRow
	err := db.Raw(`SELECT assessment_id, question_id, value_json FROM assessment_answers_apart WHERE `+where, args...).
		Scan(&rows).Error
	if err != nil {
		return dbErr(err, "answers stored apart")
	}
	for _, r := range rows {
		a := byID[r.AssessmentID]
		if a.apart == nil {
			a.apart = map[string]string{}
		}
		a.apart[r.QuestionID] = r.ValueJSON
	}
	return nil
}

// loadApartSlice is loadApart for a slice of assessments.
func loadApartSlice(db *gorm.DB, as []Assessment) error {
	ptrs := make([]*Assessment, len(as))
	for i := range as {
		ptrs[i] = &as[i]
	}
	return loadApart(db, ptrs...)
}

// writeApart stores the changed large answers of a save and removes those
// that were cleared or became small, inside the save's transaction.
func writeApart(tx *gorm.DB, id uint, put map[string]string, drop []string) error {
	for qid, enc := range put {
		err := tx.Exec(`INSERT INTO assessment_answers_apart (assessment_id, question_id, value_json) VALUES (?, ?, ?)
			ON CONFLICT (assessment_id, question_id) DO UPDATE SET value_json = excluded.value_json`, id, qid, enc).Error
		if err != nil {
			return dbErr(err, "store a large answer")
		}
	}
	for _, qid := range drop {
		if err := tx.Exec(`DELETE FROM assessment_answers_apart WHERE assessment_id = ? AND question_id = ?`, id, qid).Error; err != nil {
			return dbErr(err, "remove a large answer")
		}
	}
	return nil
}

// store works out how each answer of a save is stored: as itself, or as a
// stub with its encoding put apart. An answer whose stored form does not
// change (the same large value sent again) is not put apart again; one
// that was apart and is now cleared or small is dropped from apart.
func (plan *answerChange) store(answers, current forms.Answers) (forms.Answers, error) {
	stored := make(forms.Answers, len(answers))
	for qid, val := range answers {
		_, wasApart := asStub(current[qid])
		if val == nil {
			stored[qid] = nil
			if wasApart {
				plan.dropApart = append(plan.dropApart, qid)
			}
			continue
		}
		enc, err := json.Marshal(val)
		if err != nil {
			return nil, fmt.Errorf("encode answer %q: %w", qid, err)
		}
		if len(enc) < apartAt {
			stored[qid] = val
			if wasApart {
				plan.dropApart = append(plan.dropApart, qid)
			}
			continue
		}
		stub := stubFor(enc)
		stored[qid] = stub
		if wasApart && jsonEqual(current[qid], stub) {
			continue // the same value again
		}
		if plan.putApart == nil {
			plan.putApart = map[string]string{}
		}
		plan.putApart[qid] = string(enc)
	}
	return stored, nil
}

// loadChangedApart reads the values stored apart of the answers this save
// changes (for their audit), into a.apart.
func (s *Store) loadChangedApart(db *gorm.DB, a *Assessment, stored, current forms.Answers) error {
	var need []string
	for qid, v := range stored {
		if _, ok := asStub(current[qid]); ok && !jsonEqual(current[qid], v) {
			need = append(need, qid)
		}
	}
	if len(need) == 0 {
		return nil
	}
	if err := readApart(db, map[uint]*Assessment{a.ID: a}, `assessment_id = ? AND question_id IN ?`, a.ID, need); err != nil {
		return err
	}
	for _, qid := range need {
		if _, ok := a.apart[qid]; !ok {
			return fmt.Errorf("answer %q of assessment %d is stored apart but missing", qid, a.ID)
		}
	}
	return nil
}

// moveLargeAnswersApart is migration 62's data step: the large answers
// saved before answers were stored apart move apart, 500 assessments at a
// time. Only where they are kept changes; revision, updated_at and the
// audit trail stay as they were.
func moveLargeAnswersApart(tx *gorm.DB) error {
	var last uint
	for {
		var batch []Assessment
		err := tx.Select("id", "answers_json").Where("id > ? AND LENGTH(answers_json) >= ?", last, apartAt).
			Order("id").Limit(500).Find(&batch).Error
		if err != nil {
			return fmt.Errorf("read assessments with large answers: %w", err)
		}
		for i := range batch {
			a := &batch[i]
			ans, err := a.storedAnswers()
			if err != nil {
				return err
			}
			put := map[string]string{}
			for qid, v := range ans {
				if _, ok := asStub(v); ok || v == nil {
					continue
				}
				enc, err := json.Marshal(v)
				if err != nil {
					return fmt.Errorf("encode answer %q of assessment %d: %w", qid, a.ID, err)
				}
				if len(enc) >= apartAt {
					ans[qid], put[qid] = stubFor(enc), string(enc)
				}
			}
			if len(put) == 0 {
				continue
			}
			enc, err := json.Marshal(ans)
			if err != nil {
				return fmt.Errorf("encode answers of assessment %d: %w", a.ID, err)
			}
			if err := tx.Exec(`UPDATE assessments SET answers_json = ? WHERE id = ?`, string(enc), a.ID).Error; err != nil {
				return fmt.Errorf("move answers of assessment %d apart: %w", a.ID, err)
			}
			if err := writeApart(tx, a.ID, put, nil); err != nil {
				return err
			}
		}
		if len(batch) < 500 {
			return nil
		}
		last = batch[len(batch)-1].ID
	}
}
