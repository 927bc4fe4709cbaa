package models

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gorm.io/gorm"
)

// migration is one step of the database schema. Steps are applied in
// order, each once, inside its own transaction, and recorded in
// schema_migrations, so a later release can change a database that is
// already full of records. Never edit a step that has shipped: add one.
type migration struct {
	version int
	name    string
	// sql is run statement by statement; {{pk}} and the other placeholders
	// become the dialect's spelling (see ddl).
	sql []string
	// only limits a step to one dialect ("" = all).
	only string
	// run, when set, is Go run after sql in the same transaction (for data
	// a statement cannot compute, such as normalised search terms).
	run func(tx *gorm.DB) error
}

var migrations = []migration{
	{version: 1, name: "initial tables", sql: []string{
		`CREATE TABLE teams (
			id {{pk}},
			name TEXT NOT NULL UNIQUE,
			created_at {{ts}} NOT NULL)`,
		`CREATE TABLE users (
			id {{pk}},
			team_id BIGINT NOT NULL REFERENCES teams(id),
			email TEXT NOT NULL UNIQUE,
			name TEXT NOT NULL,
			role TEXT NOT NULL CHECK (role IN ('lead', 'assessor')),
			password_hash TEXT NOT NULL,
			created_at {{ts}} NOT NULL)`,
		`CREATE TABLE sessions (
			id {{pk}},
			user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
			token_hash TEXT NOT NULL UNIQUE,
			created_at {{ts}} NOT NULL,
			last_seen_at {{ts}} NOT NULL,
			expires_at {{ts}} NOT NULL)`,
		`CREATE TABLE api_tokens (
			id {{pk}},
			user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
			token_hash TEXT NOT NULL UNIQUE,
			created_at {{ts}} NOT NULL,
			last_used_at {{ts}})`,
		`CREATE TABLE templates (
			id {{pk}},
			team_id BIGINT NOT NULL REFERENCES teams(id),
			created_at {{ts}} NOT NULL,
			updated_at {{ts}} NOT NULL)`,
		`CREATE TABLE template_versions (
			id {{pk}},
			template_id BIGINT NOT NULL REFERENCES templates(id),
			number INTEGER NOT NULL,
			status TEXT NOT NULL CHECK (status IN ('draft', 'published')),
			title TEXT NOT NULL,
			schema_json TEXT NOT NULL,
			note TEXT NOT NULL DEFAULT '',
			based_on INTEGER,
			created_by BIGINT REFERENCES users(id),
			created_at {{ts}} NOT NULL,
			updated_at {{ts}} NOT NULL,
			published_at {{ts}},
			published_by BIGINT REFERENCES users(id),
			UNIQUE (template_id, number))`,
		// At most one draft per template, enforced by the database itself.
		`CREATE UNIQUE INDEX template_versions_one_draft ON template_versions (template_id) WHERE status = 'draft'`,
		`CREATE TABLE assessments (
			id {{pk}},
			team_id BIGINT NOT NULL REFERENCES teams(id),
			template_id BIGINT NOT NULL REFERENCES templates(id),
			version_id BIGINT NOT NULL REFERENCES template_versions(id),
			version_number INTEGER NOT NULL,
			reference TEXT NOT NULL UNIQUE,
			person_name TEXT NOT NULL,
			nhs_number TEXT NOT NULL DEFAULT '',
			date_of_birth TEXT NOT NULL,
			answers_json TEXT NOT NULL,
			revision INTEGER NOT NULL DEFAULT 0,
			status TEXT NOT NULL CHECK (status IN ('in_progress', 'completed')),
			created_by BIGINT NOT NULL REFERENCES users(id),
			created_at {{ts}} NOT NULL,
			updated_at {{ts}} NOT NULL,
			completed_at {{ts}},
			completed_by BIGINT REFERENCES users(id))`,
		`CREATE INDEX assessments_team_created ON assessments (team_id, created_at)`,
		`CREATE TABLE share_links (
			id {{pk}},
			assessment_id BIGINT NOT NULL REFERENCES assessments(id),
			token_hash TEXT NOT NULL UNIQUE,
			recipient TEXT NOT NULL,
			created_by BIGINT NOT NULL REFERENCES users(id),
			created_at {{ts}} NOT NULL,
			expires_at {{ts}} NOT NULL,
			revoked_at {{ts}},
			revoked_by BIGINT REFERENCES users(id))`,
		`CREATE TABLE audit_events (
			id {{pk}},
			team_id BIGINT NOT NULL REFERENCES teams(id),
			at {{ts}} NOT NULL,
			actor_id BIGINT REFERENCES users(id),
			actor TEXT NOT NULL,
			entity TEXT NOT NULL,
			entity_id BIGINT NOT NULL,
			action TEXT NOT NULL,
			detail TEXT NOT NULL DEFAULT '{}')`,
		`CREATE INDEX audit_events_entity ON audit_events (entity, entity_id, id)`,
	}},
	// Defence in depth for two promises the code already keeps: a
	// published version never changes, and the audit trail is append-only.
	{version: 2, name: "freeze published versions and the audit trail (sqlite)", only: "sqlite", sql: []string{
		`CREATE TRIGGER template_versions_frozen BEFORE UPDATE ON template_versions
			WHEN OLD.status = 'published'
			BEGIN SELECT RAISE(ABORT, 'published versions are frozen'); END`,
		`CREATE TRIGGER template_versions_no_delete BEFORE DELETE ON template_versions
			WHEN OLD.status = 'published'
			BEGIN SELECT RAISE(ABORT, 'published versions are frozen'); END`,
		`CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events
			BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END`,
		`CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
			BEGIN SELECT RAISE(ABORT, 'the audit trail is append-only'); END`,
	}},
	{version: 2, name: "freeze published versions and the audit trail (postgres)", only: "postgres", sql: []string{
		`CREATE FUNCTION firstperson_refuse() RETURNS trigger LANGUAGE plpgsql AS $$
			BEGIN RAISE EXCEPTION '%', TG_ARGV[0]; END $$`,
		`CREATE TRIGGER template_versions_frozen BEFORE UPDATE OR DELETE ON template_versions
			FOR EACH ROW WHEN (OLD.status = 'published')
			EXECUTE FUNCTION firstperson_refuse('published versions are frozen')`,
		`CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
			FOR EACH ROW EXECUTE FUNCTION firstperson_refuse('the audit trail is append-only')`,
	}},
	// Issue 9: accounts a team runs itself (docs/ACCOUNTS.md).
	{version: 10, name: "account security: one-time passwords, deactivation, invitations, sign-in attempts", sql: []string{
		`ALTER TABLE users ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT FALSE`,
		`ALTER TABLE users ADD COLUMN deactivated_at {{ts}}`,
		`ALTER TABLE users ADD COLUMN last_sign_in_at {{ts}}`,
		`ALTER TABLE api_tokens ADD COLUMN name TEXT NOT NULL DEFAULT ''`,
		`CREATE TABLE invitations (
			id {{pk}},
			user_id BIGINT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
			token_hash TEXT NOT NULL UNIQUE,
			created_by BIGINT REFERENCES users(id),
			created_at {{ts}} NOT NULL,
			expires_at {{ts}} NOT NULL,
			used_at {{ts}})`,
		`CREATE TABLE sign_in_attempts (
			id {{pk}},
			at {{ts}} NOT NULL,
			email TEXT NOT NULL,
			address TEXT NOT NULL,
			ok BOOLEAN NOT NULL)`,
		`CREATE INDEX sign_in_attempts_email ON sign_in_attempts (email, at)`,
		`CREATE INDEX sign_in_attempts_address ON sign_in_attempts (address, at)`,
	}},
	// Person search (issue 10): see search.go.
	{version: 20, name: "assessment search terms (sqlite)", only: "sqlite", sql: searchTermsDDL(`TEXT`)},
	{version: 20, name: "assessment search terms (postgres)", only: "postgres", sql: searchTermsDDL(`TEXT COLLATE "C"`)},
	{version: 21, name: "fill assessment search terms", run: fillSearchTerms},
	// Issue 11 (shared ward tablets): a per-user secret from which the
	// tablet's AES-GCM key is made (crypto-shred on sign-out), and how long
	// a tablet may sit untouched before the assessment page locks.
	{version: 30, name: "device keys", sql: []string{
		`CREATE TABLE device_keys (
			user_id BIGINT PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
			secret TEXT NOT NULL,
			created_at {{ts}} NOT NULL)`,
	}},
	{version: 31, name: "team idle lock minutes", sql: []string{
		`ALTER TABLE teams ADD COLUMN idle_lock_minutes INTEGER NOT NULL DEFAULT 10
			CHECK (idle_lock_minutes BETWEEN 2 AND 60)`,
	}},
	// Issue 12: the care home answers back through the share link.
	{version: 40, name: "care home responses and share link opens", sql: []string{
		`CREATE TABLE share_responses (
			id {{pk}},
			assessment_id BIGINT NOT NULL REFERENCES assessments(id),
			share_link_id BIGINT REFERENCES share_links(id),
			at {{ts}} NOT NULL,
			from_party TEXT NOT NULL CHECK (from_party IN ('care_home', 'team')),
			decision TEXT NOT NULL DEFAULT '' CHECK (decision IN ('accept', 'question', 'decline', '')),
			name TEXT NOT NULL DEFAULT '',
			role TEXT NOT NULL DEFAULT '',
			message TEXT NOT NULL DEFAULT '',
			author_id BIGINT REFERENCES users(id),
			address TEXT NOT NULL DEFAULT '')`,
		`CREATE INDEX share_responses_assessment_at ON share_responses (assessment_id, at)`,
		`CREATE INDEX share_responses_link_at ON share_responses (share_link_id, at)`,
		`ALTER TABLE share_links ADD COLUMN first_opened_at {{ts}}`,
		`ALTER TABLE share_links ADD COLUMN last_opened_at {{ts}}`,
		`ALTER TABLE share_links ADD COLUMN views INTEGER NOT NULL DEFAULT 0`,
	}},
	{version: 41, name: "team contact details for care homes", sql: []string{
		`ALTER TABLE teams ADD COLUMN contact_name TEXT NOT NULL DEFAULT ''`,
		`ALTER TABLE teams ADD COLUMN contact_phone TEXT NOT NULL DEFAULT ''`,
		`ALTER TABLE teams ADD COLUMN contact_email TEXT NOT NULL DEFAULT ''`,
		`ALTER TABLE teams ADD COLUMN contact_hours TEXT NOT NULL DEFAULT ''`,
	}},
	// Issue 13 (impact): what the impact page needs from each assessment,
	// kept per revision and status so the page never re-reads every
	// answer or the whole audit trail. Times are milliseconds since 1970.
	{version: 50, name: "impact facts", sql: []string{
		`CREATE TABLE impact_facts (
			assessment_id BIGINT PRIMARY KEY REFERENCES assessments(id),
			team_id BIGINT NOT NULL REFERENCES teams(id),
			template_id BIGINT NOT NULL,
			version_number INTEGER NOT NULL,
			revision INTEGER NOT NULL,
			status TEXT NOT NULL,
			started_ms BIGINT NOT NULL,
			completed_ms BIGINT,
			active_seconds DOUBLE PRECISION NOT NULL DEFAULT 0,
			free_texts INTEGER NOT NULL,
			in_voice INTEGER NOT NULL,
			conversations INTEGER NOT NULL)`,
		`CREATE INDEX impact_facts_team ON impact_facts (team_id, started_ms)`,
	}},
	// Issue 15 (60–69): operations.
	{version: 60, name: "health probe row", sql: []string{
		`CREATE TABLE health_probe (id INTEGER PRIMARY KEY, at {{ts}} NOT NULL)`,
		`INSERT INTO health_probe (id, at) VALUES (1, CURRENT_TIMESTAMP)`,
	}},
	// Lists stay flat at a million assessments: the status filter and its
	// count walk the team's rows of one status in order, and a team's
	// audit trail is read by (team, id).
	{version: 61, name: "indexes for the list filter and the team audit", sql: []string{
		`CREATE INDEX assessments_team_status_created ON assessments (team_id, status, created_at, id)`,
		`CREATE INDEX audit_events_team ON audit_events (team_id, id)`,
	}},
	// Large answers (drawn signatures) live apart from answers_json, so an
	// autosave of another answer does not rewrite them (answers_apart.go).
	{version: 62, name: "answers stored apart", sql: []string{
		`CREATE TABLE assessment_answers_apart (
			assessment_id BIGINT NOT NULL REFERENCES assessments(id),
			question_id TEXT NOT NULL,
			value_json TEXT NOT NULL,
			PRIMARY KEY (assessment_id, question_id))`,
	}, run: moveLargeAnswersApart},
}

// ddl spells the placeholders for the dialect.
func ddl(dialect, stmt string) string {
	pk, ts := "INTEGER PRIMARY KEY AUTOINCREMENT", "DATETIME"
	if dialect == "postgres" {
		pk, ts = "BIGSERIAL PRIMARY KEY", "TIMESTAMPTZ"
	}
	return strings.NewReplacer("{{pk}}", pk, "{{ts}}", ts).Replace(stmt)
}

// migrate applies the steps this database has not seen yet.
func (s *Store) migrate(ctx context.Context) error {
	if s.dialect == "postgres" {
		// Several processes may start at once on one database (two
		// replicas, a rolling deploy): the first holds this lock while it
		// migrates, the others wait and then find nothing left to do.
		// (SQLite needs nothing: its one writer and BEGIN IMMEDIATE make
		// each step's transaction exclusive.)
		unlock, err := s.pgLock(ctx, migrationLock)
		if err != nil {
			return err
		}
		defer unlock()
	}
	db := s.w.WithContext(ctx)
	if err := db.Exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at ` + ddl(s.dialect, "{{ts}}") + ` NOT NULL)`).Error; err != nil {
		return fmt.Errorf("create schema_migrations: %w", err)
	}
	var applied []int
	if err := db.Raw(`SELECT version FROM schema_migrations`).Scan(&applied).Error; err != nil {
		return fmt.Errorf("read schema_migrations: %w", err)
	}
	done := map[int]bool{}
	for _, v := range applied {
		done[v] = true
	}
	for _, m := range migrations {
		if done[m.version] || (m.only != "" && m.only != s.dialect) {
			continue
		}
		err := db.Transaction(func(tx *gorm.DB) error {
			for _, stmt := range m.sql {
				if err := tx.Exec(ddl(s.dialect, stmt)).Error; err != nil {
					return err
				}
			}
			if m.run != nil {
				if err := m.run(tx); err != nil {
					return err
				}
			}
			return tx.Exec(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)`,
				m.version, m.name, time.Now().UTC()).Error
		})
		if err != nil {
			return fmt.Errorf("migration %d (%s): %w", m.version, m.name, err)
		}
	}
	return nil
}

// SchemaVersion returns the newest migration applied.
func (s *Store) SchemaVersion(ctx context.Context) (int, error) {
	var v int
	err := s.read(ctx).Raw(`SELECT COALESCE(MAX(version), 0) FROM schema_migrations`).Scan(&v).Error
	return v, dbErr(err, "read schema version")
}
