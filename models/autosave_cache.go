package models

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"gorm.io/gorm"
)

// What an autosave reads, kept in memory on PostgreSQL.
//
// Before it writes, an autosave reads who is asking (the session or API
// token and its user) and the assessment. On SQLite those are calls into
// the same process; on PostgreSQL each is a round trip and a statement in
// a server process, and with the write batched (group_commit_pg.go) the
// two reads were most of an autosave's work on both sides: left out, the
// benchmark's saves/s on PostgreSQL nearly doubled.
//
// So on PostgreSQL an autosave may plan from what this process last knew
// of both, and neither is trusted: the guarded UPDATE that writes the save
// moves the row only if it is still at the revision and status the save
// was planned from AND the credential is still valid at that moment (the
// session or token exists, is not expired or idle too long, and its user
// is in the assessment's team, active and not due to change a one-time
// password). A credential revoked in any process a moment ago therefore
// never writes: the save answers ErrSignedOut. Only the autosave route
// reads credentials from here; every other request reads them afresh.
//
// Entries are at most credentialFor old, so a session is still touched
// (last_seen_at, the idle timeout) while it is used, and a user's new name
// reaches the audit trail within seconds. An assessment row is the one
// this process wrote last, used only when the save is based on exactly
// that revision; anything else reads the row.

// credentialFor is how long a credential read for an autosave is kept.
const credentialFor = 10 * time.Second

// autosaveCacheSize bounds each map, and autosaveRowBytes the answers the
// rows hold between them; when either is reached the map starts again.
const (
	autosaveCacheSize = 4096
	autosaveRowBytes  = 64 << 20
)

// ErrSignedOut answers a save whose session or token was ended, expired
// or whose user was deactivated after it was read: nothing was written.
var ErrSignedOut = errors.New("signed out")

// credRef names the credential an autosave's user came from when it was
// not read afresh: kind "s" (sessions) or "t" (api_tokens) and the token's
// hash. The zero value means read afresh, nothing to check.
type credRef struct {
	kind, hash string
}

type cachedCredential struct {
	user User
	read time.Time
}

type autosaveCache struct {
	mu       sync.Mutex
	creds    map[credRef]cachedCredential
	rows     map[uint]Assessment
	rowBytes int // the answers_json the rows hold
}

func newAutosaveCache() *autosaveCache {
	return &autosaveCache{creds: map[credRef]cachedCredential{}, rows: map[uint]Assessment{}}
}

// AutosaveSessionUser is SessionUser for a request that saves answers and
// does nothing else: see the top of this file.
func (s *Store) AutosaveSessionUser(ctx context.Context, token string) (*User, error) {
	return s.autosaveUser(ctx, credRef{"s", HashToken(token)}, token, s.SessionUser)
}

// AutosaveTokenUser is TokenUser for a request that saves answers and does
// nothing else: see the top of this file.
func (s *Store) AutosaveTokenUser(ctx context.Context, token string) (*User, error) {
	return s.autosaveUser(ctx, credRef{"t", HashToken(token)}, token, s.TokenUser)
}

func (s *Store) autosaveUser(ctx context.Context, ref credRef, token string,
	read func(context.Context, string) (*User, error)) (*User, error) {
	if s.dialect != "postgres" {
		return read(ctx, token) // a read in this process: nothing to save
	}
	c := s.autosave
	now := s.Now()
	c.mu.Lock()
	e, ok := c.creds[ref]
	c.mu.Unlock()
	if ok && now.Sub(e.read) < credentialFor && !now.Before(e.read) {
		u := e.user
		return &u, nil
	}
	u, err := read(ctx, token)
	if err != nil {
		c.mu.Lock()
		delete(c.creds, ref)
		c.mu.Unlock()
		return nil, err
	}
	u.cred = ref
	c.mu.Lock()
	if len(c.creds) >= autosaveCacheSize {
		clear(c.creds)
	}
	c.creds[ref] = cachedCredential{user: *u, read: now}
	c.mu.Unlock()
	return u, nil
}

// forgetCredential drops a credential this process ended (sign-out).
func (s *Store) forgetCredential(tokenHash string) {
	s.autosave.mu.Lock()
	delete(s.autosave.creds, credRef{"s", tokenHash})
	delete(s.autosave.creds, credRef{"t", tokenHash})
	s.autosave.mu.Unlock()
}

// knownRow returns a copy of the assessment as this process last wrote it,
// if that is revision rev of team teamID's assessment id.
func (s *Store) knownRow(teamID, id uint, rev int) (*Assessment, bool) {
	s.autosave.mu.Lock()
	a, ok := s.autosave.rows[id]
	s.autosave.mu.Unlock()
	if !ok || a.TeamID != teamID || a.Revision != rev {
		return nil, false
	}
	return &a, true
}

// wrote keeps the row an autosave has just written (revision and answers
// moved on from plan.a), unless a later revision is kept already.
func (s *Store) wrote(plan *answerChange) {
	a := *plan.a
	a.Revision++
	a.AnswersJSON = plan.answersJSON
	a.UpdatedAt = s.Now()
	a.apart = nil // read again when a save needs it
	c := s.autosave
	c.mu.Lock()
	defer c.mu.Unlock()
	old, had := c.rows[a.ID]
	if had && old.Revision >= a.Revision {
		return
	}
	if had {
		c.rowBytes -= len(old.AnswersJSON)
	}
	if len(c.rows) >= autosaveCacheSize || c.rowBytes+len(a.AnswersJSON) > autosaveRowBytes {
		clear(c.rows)
		c.rowBytes = 0
	}
	c.rows[a.ID] = a
	c.rowBytes += len(a.AnswersJSON)
}

// forgetRow drops what this process knows of assessment id.
func (s *Store) forgetRow(id uint) {
	c := s.autosave
	c.mu.Lock()
	if old, ok := c.rows[id]; ok {
		c.rowBytes -= len(old.AnswersJSON)
		delete(c.rows, id)
	}
	c.mu.Unlock()
}

// credentialHolds is the condition, over v (cred_kind, cred, now,
// idle_after) and the assessment a (team_id), that the credential an
// autosave was planned with still lets it write. The batch statement, the
// single-save statement and checkCredential all use it. It repeats rules
// that Go applies to a credential read afresh (SessionUser, TokenUser, the
// server's one-time-password and team checks), limits included:
// TestCredentialRulesAgreeInGoAndSQL holds the two to the same answers.
const credentialHolds = `(v.cred_kind = ''
	OR v.cred_kind = 's' AND EXISTS (SELECT 1 FROM sessions c JOIN users u ON u.id = c.user_id
		WHERE c.token_hash = v.cred AND c.expires_at >= v.now AND c.last_seen_at >= v.idle_after
		AND u.team_id = a.team_id AND u.deactivated_at IS NULL AND NOT u.must_change_password)
	OR v.cred_kind = 't' AND EXISTS (SELECT 1 FROM api_tokens c JOIN users u ON u.id = c.user_id
		WHERE c.token_hash = v.cred
		AND u.team_id = a.team_id AND u.deactivated_at IS NULL AND NOT u.must_change_password))`

// credentialRow is the row v of credentialHolds made of four query
// parameters, credentialArgs.
const credentialRow = `(SELECT CAST(? AS TEXT) AS cred_kind, CAST(? AS TEXT) AS cred,
	CAST(? AS TIMESTAMPTZ) AS now, CAST(? AS TIMESTAMPTZ) AS idle_after) v`

// credentialArgs are the parameters of credentialRow for actor's
// credential, now.
func (s *Store) credentialArgs(actor Actor) []any {
	now := s.Now()
	return []any{actor.cred.kind, actor.cred.hash, now, now.Add(-SessionIdleTimeout)}
}

// checkCredential reads afresh whether actor's credential (if it was not
// read afresh) still lets them write to their team: nil, ErrSignedOut, or
// the database's error.
func (s *Store) checkCredential(db *gorm.DB, actor Actor) error {
	if actor.cred.kind == "" {
		return nil
	}
	var ok bool
	err := db.Raw(`SELECT EXISTS (SELECT 1 FROM `+credentialRow+`, (SELECT CAST(? AS BIGINT) AS team_id) a
		WHERE `+credentialHolds+`)`, append(s.credentialArgs(actor), actor.TeamID)...).
		Row().Scan(&ok)
	if err != nil {
		return dbErr(err, "check the session")
	}
	if !ok {
		return fmt.Errorf("the session or token ended before the save was written: %w", ErrSignedOut)
	}
	return nil
}
