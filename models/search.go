package models

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"gorm.io/gorm"

	"firstperson/forms"
)

// Person search. Every assessment has one row per search term in
// assessment_search_terms: the words of the person's name folded by
// forms.SearchTerms (no case, no accents, punctuation both dropped and
// split), the NHS number's digits and the reference. A search finds the
// assessments where every typed word is the start of one of their terms.
// The (team_id, term) index turns each word into a range scan, so a search
// does not read the whole table however many assessments there are. The
// terms are rewritten in the same transaction as every change to the
// person or reference (setSearchTerms), and migration 21 filled them in for
// the assessments that existed before.

// searchTermsDDL creates the table; term is compared byte by byte (code
// point order), which the prefix range in searchWhere relies on.
func searchTermsDDL(termType string) []string {
	return []string{
		`CREATE TABLE assessment_search_terms (
			assessment_id BIGINT NOT NULL REFERENCES assessments(id) ON DELETE CASCADE,
			team_id BIGINT NOT NULL,
			term ` + termType + ` NOT NULL,
			PRIMARY KEY (assessment_id, term))`,
		`CREATE INDEX assessment_search_terms_find ON assessment_search_terms (team_id, term, assessment_id)`,
	}
}

// assessmentSearchTerms are the terms an assessment is found by. The
// reference FP-7K3M-9QX2 gives fp7k3m9qx2, 7k3m and 9qx2, but not "fp"
// alone, which every assessment has.
func assessmentSearchTerms(a *Assessment) []string {
	terms := forms.SearchTerms(a.PersonName, a.NHSNumber)
	for _, t := range forms.SearchTerms(a.Reference) {
		if t != "fp" && !slices.Contains(terms, t) {
			terms = append(terms, t)
		}
	}
	return terms
}

// setSearchTerms replaces an assessment's search terms; call it inside the
// transaction that changes the person or creates the assessment.
func setSearchTerms(tx *gorm.DB, a *Assessment) error {
	if err := tx.Exec(`DELETE FROM assessment_search_terms WHERE assessment_id = ?`, a.ID).Error; err != nil {
		return dbErr(err, "clear search terms")
	}
	terms := assessmentSearchTerms(a)
	if len(terms) == 0 {
		return nil
	}
	var sb strings.Builder
	args := make([]any, 0, 3*len(terms))
	sb.WriteString(`INSERT INTO assessment_search_terms (assessment_id, team_id, term) VALUES `)
	for i, t := range terms {
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString("(?, ?, ?)")
		args = append(args, a.ID, a.TeamID, t)
	}
	return dbErr(tx.Exec(sb.String(), args...).Error, "save search terms")
}

// fillSearchTerms is migration 21: terms for every assessment already
// stored, a thousand at a time so memory stays flat on a big database.
func fillSearchTerms(tx *gorm.DB) error {
	var last uint
	for {
		var batch []Assessment
		err := tx.Select("id", "team_id", "person_name", "nhs_number", "reference").
			Where("id > ?", last).Order("id").Limit(1000).Find(&batch).Error
		if err != nil {
			return fmt.Errorf("read assessments for search terms: %w", err)
		}
		for i := range batch {
			if err := setSearchTerms(tx, &batch[i]); err != nil {
				return err
			}
		}
		if len(batch) < 1000 {
			return nil
		}
		last = batch[len(batch)-1].ID
	}
}

// MaxCounted is as far as a list counts its matches: beyond it the list
// says "more than 10,000" instead of counting a million rows on every page.
const MaxCounted = 10000

// countCapped counts the rows of db, stopping after MaxCounted+1.
func countCapped(db *gorm.DB) (int64, error) {
	var n int64
	err := db.Session(&gorm.Session{NewDB: true}).
		Raw(`SELECT COUNT(*) FROM (?) AS capped`, db.Session(&gorm.Session{}).Select("1").Limit(MaxCounted+1)).Scan(&n).Error
	return n, dbErr(err, "count assessments")
}

// matchingIDs is the SQL for the ids of the team's assessments that match
// every word of q. The rarest word drives: its index range gives the
// candidates, and each other word is checked for them through the primary
// key (assessment_id, term), so "zoe lukasiewicz" reads the 150
// Łukasiewicz rows, not the 20,000 Zoës. ok is false when q has no
// searchable word.
func (s *Store) matchingIDs(db *gorm.DB, teamID uint, q string) (sql string, args []any, ok bool, err error) {
	words := forms.SearchQuery(q)
	if len(words) == 0 {
		return "", nil, false, nil
	}
	if len(words) > 1 {
		// How many terms each word's range holds (stopping at MaxCounted):
		// the index answers this without reading any assessment.
		counts := make(map[string]int64, len(words))
		for _, w := range words {
			var n int64
			err := db.Raw(`SELECT COUNT(*) FROM (SELECT 1 FROM assessment_search_terms
				WHERE team_id = ? AND term >= ? AND term < ? LIMIT ?) AS c`, teamID, w, w+"\U0010FFFF", MaxCounted+1).Scan(&n).Error
			if err != nil {
				return "", nil, false, dbErr(err, "count search terms")
			}
			counts[w] = n
		}
		sort.SliceStable(words, func(i, j int) bool { return counts[words[i]] < counts[words[j]] })
	}
	// Every term that starts with w sorts between w and w followed by the
	// highest code point.
	sql = `SELECT DISTINCT t0.assessment_id FROM assessment_search_terms t0 WHERE t0.team_id = ? AND t0.term >= ? AND t0.term < ?`
	args = []any{teamID, words[0], words[0] + "\U0010FFFF"}
	// When the driving word starts exactly one term (the usual case: "zoe"
	// is only ever "zoe"), ask for that term: an assessment holds a term at
	// most once, so no de-duplication is needed, and the index hands the
	// ids over already in order, newest last, so a page is read straight
	// off its end instead of sorting every match.
	var span struct{ Lo, Hi *string }
	if err := db.Raw(`SELECT MIN(term) AS lo, MAX(term) AS hi FROM assessment_search_terms WHERE team_id = ? AND term >= ? AND term < ?`,
		teamID, words[0], words[0]+"\U0010FFFF").Scan(&span).Error; err != nil {
		return "", nil, false, dbErr(err, "read search terms")
	}
	if span.Lo != nil && span.Hi != nil && *span.Lo == *span.Hi {
		sql = `SELECT t0.assessment_id FROM assessment_search_terms t0 WHERE t0.team_id = ? AND t0.term = ?`
		args = []any{teamID, *span.Lo}
	}
	for _, w := range words[1:] {
		sql += ` AND EXISTS (SELECT 1 FROM assessment_search_terms t WHERE t.assessment_id = t0.assessment_id AND t.term >= ? AND t.term < ?)`
		args = append(args, w, w+"\U0010FFFF")
	}
	return sql, args, true, nil
}

// searchAssessments is Assessments with a search: newest (highest id)
// first. The matching ids come from the term index alone, so a page costs
// about the number of matches, never the size of the table.
func (s *Store) searchAssessments(ctx context.Context, teamID uint, q AssessmentQuery) ([]Assessment, int64, error) {
	ids, args, ok, err := s.matchingIDs(s.read(ctx), teamID, q.Search)
	if err != nil {
		return nil, 0, err
	}
	if !ok {
		return []Assessment{}, 0, nil
	}
	where, wargs := `id IN (`+ids+`)`, args
	if q.Status != "" {
		where, wargs = where+` AND status = ?`, append(append([]any{}, args...), q.Status)
	}
	// Without a filter the count needs the index alone, not the rows.
	filtered := q.Status != "" || q.CareHome != ""
	counted := s.read(ctx).Table(`(`+ids+`) AS m`, args...)
	if filtered {
		f, err := careHomeFilter(s.read(ctx).Model(&Assessment{}).Where(where, wargs...), q.CareHome)
		if err != nil {
			return nil, 0, err
		}
		counted = f
	}
	total, err := countCapped(counted)
	if err != nil {
		return nil, 0, err
	}
	var as []Assessment
	db := s.read(ctx).Where(where, wargs...)
	if !filtered {
		// The page's ids straight from the index, then only those rows.
		db = s.read(ctx).Where(`id IN (SELECT assessment_id FROM (`+ids+`) AS m ORDER BY assessment_id DESC LIMIT ? OFFSET ?)`,
			append(append([]any{}, args...), q.PerPage, (q.Page-1)*q.PerPage)...)
	} else {
		db, _ = careHomeFilter(db.Model(&Assessment{}), q.CareHome)
		db = db.Offset((q.Page - 1) * q.PerPage).Limit(q.PerPage)
	}
	// No team_id test here: the ids come from the team's own terms, and
	// one would steer SQLite to the (team_id, created_at) index instead of
	// looking the few ids up by primary key.
	err = db.Order("id DESC").Find(&as).Error
	return as, total, dbErr(err, "search assessments")
}
