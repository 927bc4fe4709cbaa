package models

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"
	"gorm.io/gorm"

	"firstperson/forms"
)

// The search benchmark runs on a million assessments of one team, built in
// SQL (INSERT … SELECT over a recursive CTE) in a few seconds rather than
// one by one. Names: 50 first names × 8,000 made-up surnames, so a surname
// matches about 125 people and a first name 20,000. Run with
//
//	go test -run '^$' -bench SearchMillion -benchtime 200x ./models/
const benchAssessments = 1_000_000

var benchFirstNames = []string{"Zoë", "Seán", "Siobhán", "Paweł", "Małgorzata", "Søren", "Bjørn",
	"Jürgen", "François", "Hélène", "José", "Iñaki", "João", "Niccolò", "Đorđe", "Tomáš", "Jiří",
	"Zsófia", "Ştefan", "Şükrü", "İlkay", "Þórður", "Åsa", "Väinö", "Jānis", "Vytautas", "Anne-Marie",
	"Mairéad", "Ieuan", "Priya", "Amir", "Grace", "Oliver", "Amelia", "Noah", "Isla", "Leo", "Ava",
	"Arthur", "Mia", "Ivy", "Finn", "Freya", "Ewa", "Kasia", "Lars", "Ingrid", "Marta", "Pilar", "Eoin"}

var benchSyllables = []string{"Łuk", "O'Br", "Ní ", "Dvoř", "Gon", "Kier", "Ødeg", "Groß", "Lef",
	"Núñ", "Pet", "Bjö", "Erd", "Wró", "Mac", "van", "Ber", "Ţăr", "Yıl", "Gü"}

func benchSurname(k int) string {
	n := len(benchSyllables)
	return benchSyllables[k%n] + "a" + benchSyllables[k/n%n] + "ic" + benchSyllables[k/n/n%n] + "z"
}

var (
	benchOnce  sync.Once
	benchStore *Store
	benchTeam  uint
	benchErr   error
)

func millionAssessments(b *testing.B) (*Store, uint) {
	b.Helper()
	benchOnce.Do(func() {
		// Built once and kept: building takes a minute or two on a small
		// machine. Delete the file to build it afresh.
		path := filepath.Join(os.TempDir(), "firstperson-search-bench-v1.db")
		if _, err := os.Stat(path); err == nil {
			if benchStore, benchErr = Open(context.Background(), path); benchErr == nil {
				benchErr = benchStore.w.Raw(`SELECT team_id FROM users LIMIT 1`).Scan(&benchTeam).Error
			}
			return
		}
		start := time.Now()
		benchStore, benchTeam, benchErr = buildMillion(path + ".tmp")
		if benchErr == nil {
			benchStore.Close()
			if benchErr = os.Rename(path+".tmp", path); benchErr == nil {
				benchStore, benchErr = Open(context.Background(), path)
			}
		}
		fmt.Fprintf(os.Stderr, "built %d assessments in %s (%s)\n", benchAssessments, time.Since(start).Round(time.Second), path)
	})
	if benchErr != nil {
		b.Fatal(benchErr)
	}
	return benchStore, benchTeam
}

func buildMillion(path string) (*Store, uint, error) {
	ctx := context.Background()
	s, err := Open(ctx, path, WithPasswordCost(bcrypt.MinCost))
	if err != nil {
		return nil, 0, err
	}
	if _, err := s.Bootstrap(ctx); err != nil {
		return nil, 0, err
	}
	var ids struct{ TeamID, UserID, TemplateID, VersionID uint }
	if err := s.w.Raw(`SELECT u.team_id, u.id AS user_id, v.template_id, v.id AS version_id
		FROM users u, template_versions v LIMIT 1`).Scan(&ids).Error; err != nil {
		return nil, 0, err
	}
	db := s.w
	stmts := []string{
		`CREATE TEMP TABLE bench_first (k INTEGER, name TEXT)`,
		`CREATE TEMP TABLE bench_last (k INTEGER, name TEXT)`,
		`CREATE TEMP TABLE bench_first_terms (k INTEGER, term TEXT)`,
		`CREATE TEMP TABLE bench_last_terms (k INTEGER, term TEXT)`,
	}
	for _, q := range stmts {
		if err := db.Exec(q).Error; err != nil {
			return nil, 0, err
		}
	}
	const surnames = 8000
	err = s.tx(ctx, func(tx *gorm.DB) error {
		for k, n := range benchFirstNames {
			tx.Exec(`INSERT INTO bench_first VALUES (?, ?)`, k, n)
			for _, t := range forms.SearchTerms(n) {
				tx.Exec(`INSERT INTO bench_first_terms VALUES (?, ?)`, k, t)
			}
		}
		for k := 0; k < surnames; k++ {
			n := benchSurname(k)
			tx.Exec(`INSERT INTO bench_last VALUES (?, ?)`, k, n)
			for _, t := range forms.SearchTerms(n) {
				tx.Exec(`INSERT INTO bench_last_terms VALUES (?, ?)`, k, t)
			}
		}
		if err := tx.Exec(`WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
			INSERT INTO assessments (team_id, template_id, version_id, version_number, reference, person_name,
				nhs_number, date_of_birth, answers_json, revision, status, created_by, created_at, updated_at)
			SELECT ?, ?, ?, 1, printf('FP-%04X-%04X', i / 65536, i % 65536),
				f.name || ' ' || l.name, printf('%010d', 4000000000 + i), '1940-01-01', '{}', 0,
				CASE WHEN i % 3 = 0 THEN 'completed' ELSE 'in_progress' END, ?,
				datetime('2020-01-01', '+' || (i / 10) || ' minutes'), datetime('2020-01-01', '+' || (i / 10) || ' minutes')
			FROM n JOIN bench_first f ON f.k = i % 50 JOIN bench_last l ON l.k = (i / 50) % ?`,
			benchAssessments, ids.TeamID, ids.TemplateID, ids.VersionID, ids.UserID, surnames).Error; err != nil {
			return fmt.Errorf("assessments: %w", err)
		}
		// The same terms setSearchTerms writes, computed in SQL from the
		// terms of each first name and surname.
		for _, q := range []string{
			`INSERT OR IGNORE INTO assessment_search_terms (assessment_id, team_id, term)
				SELECT a.id, a.team_id, t.term FROM assessments a JOIN bench_first_terms t ON t.k = a.id % 50`,
			`INSERT OR IGNORE INTO assessment_search_terms (assessment_id, team_id, term)
				SELECT a.id, a.team_id, t.term FROM assessments a JOIN bench_last_terms t ON t.k = (a.id / 50) % 8000`,
			`INSERT OR IGNORE INTO assessment_search_terms (assessment_id, team_id, term)
				SELECT id, team_id, nhs_number FROM assessments`,
			`INSERT OR IGNORE INTO assessment_search_terms (assessment_id, team_id, term)
				SELECT id, team_id, lower(replace(reference, '-', '')) FROM assessments`,
			`INSERT OR IGNORE INTO assessment_search_terms (assessment_id, team_id, term)
				SELECT id, team_id, lower(substr(reference, 4, 4)) FROM assessments`,
			`INSERT OR IGNORE INTO assessment_search_terms (assessment_id, team_id, term)
				SELECT id, team_id, lower(substr(reference, 9, 4)) FROM assessments`,
		} {
			if err := tx.Exec(q).Error; err != nil {
				return fmt.Errorf("terms: %w", err)
			}
		}
		return nil
	})
	if err != nil {
		return nil, 0, err
	}
	return s, ids.TeamID, nil
}

func BenchmarkSearchMillion(b *testing.B) {
	s, team := millionAssessments(b)
	ctx := context.Background()
	for _, bc := range []struct {
		name string
		q    AssessmentQuery
	}{
		{"list/page1", AssessmentQuery{}},
		{"list/page200", AssessmentQuery{Page: 200}},
		{"list/completed", AssessmentQuery{Status: StatusCompleted}},
		{"surname", AssessmentQuery{Search: "lukaobricdvorz"}},
		{"surname-prefix", AssessmentQuery{Search: "lukaobr"}},
		{"first-name-20000", AssessmentQuery{Search: "zoe"}},
		{"first-name-page50", AssessmentQuery{Search: "zoe", Page: 50}},
		{"first-and-surname", AssessmentQuery{Search: "Łukaobricdvořz Zoë"}},
		{"nhs", AssessmentQuery{Search: "400 012 3456"}},
		{"reference", AssessmentQuery{Search: "FP-0001-E240"}},
		{"reference-part", AssessmentQuery{Search: "e240"}},
		{"no-match", AssessmentQuery{Search: "nobody"}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			var total int64
			for b.Loop() {
				var err error
				if _, total, err = s.Assessments(ctx, team, bc.q); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportMetric(float64(total), "matches")
		})
	}
}
