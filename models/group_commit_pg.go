package models

import (
	"context"
	"errors"
	"fmt"
	"time"
)

// Group commit for autosave on PostgreSQL (see group_commit.go).
//
// One autosave alone is already one statement (applyChangeAtOnce), but
// each statement is its own transaction: a round trip, a trip through
// the parser and executor, its foreign-key checks and a WAL flush at
// commit, in a server process that wakes for it. Under load the saves
// waiting in the queue are written by ONE statement instead: the saves'
// rows arrive as arrays, the guarded UPDATE moves every row whose
// revision and status are still the planned ones, and the audit events
// are inserted only for the rows it moved. The statement's text never
// changes, so it is prepared once per connection.
//
// A single statement commits all or nothing, so a save is acknowledged
// only once its batch is durable. A save the guard stops hears the state
// as it is now, as before; and if the statement fails as a whole, no save
// of the batch was written and each is tried again on its own, so one
// save that cannot be written never fails its neighbours.

// errNotMoved and errAlone answer a save that its batch did not write:
// the guard did not hold (the caller finds out how things stand), or the
// save must be written on its own (another save of the same assessment
// was in the batch, or the batch failed).
var (
	errNotMoved = errors.New("the guard did not hold")
	errAlone    = errors.New("write this save on its own")
)

// batchStatement writes a batch of planned autosaves: $1–$4 and $14–$15
// one entry per save, $5 the time, $16 the time before which a session is
// idle too long, $6–$13 one entry per audit event; it returns the ids of
// the assessments it moved. A row moves only if it is still at the planned
// revision and status and the save's credential still holds
// (autosave_cache.go). The audit events keep their order (WITH
// ORDINALITY), so their ids follow the saves as applyChange's would.
const batchStatement = `WITH v AS (
	SELECT *, $5::timestamptz AS now, $16::timestamptz AS idle_after
	FROM unnest($1::bigint[], $2::integer[], $3::text[], $4::text[], $14::text[], $15::text[])
		AS v (id, revision, status, answers, cred_kind, cred)
), moved AS (
	UPDATE assessments a SET answers_json = v.answers, revision = v.revision + 1, updated_at = v.now
	FROM v WHERE a.id = v.id AND a.revision = v.revision AND a.status = v.status
	AND ` + credentialHolds + `
	RETURNING a.id
), audited AS (
	INSERT INTO audit_events (team_id, at, actor_id, actor, entity, entity_id, action, detail)
	SELECT e.team_id, e.at, e.actor_id, e.actor, e.entity, e.entity_id, e.action, e.detail
	FROM unnest($6::bigint[], $7::timestamptz[], $8::bigint[], $9::text[], $10::text[], $11::bigint[], $12::text[], $13::text[])
		WITH ORDINALITY AS e (team_id, at, actor_id, actor, entity, entity_id, action, detail, n)
	JOIN moved ON moved.id = e.entity_id
	ORDER BY e.n
)
SELECT id FROM moved`

// writeAtOnce writes a planned autosave on PostgreSQL: in a batch with
// the others waiting when group commit is on, alone otherwise.
func (s *Store) writeAtOnce(ctx context.Context, actor Actor, plan *answerChange) error {
	if s.group == nil {
		return s.applyChangeAtOnce(ctx, actor, plan)
	}
	err := s.group.queue(&groupJob{ctx: ctx, plan: plan, actor: actor, done: make(chan error, 1)})
	switch {
	case errors.Is(err, errNotMoved):
		return s.notMoved(ctx, actor, plan)
	case errors.Is(err, errAlone):
		return s.applyChangeAtOnce(ctx, actor, plan)
	}
	return err
}

// commitStatement writes one batch with batchStatement and answers each
// save; the callers do any further reading or writing themselves, so the
// worker is free for the next batch at once.
func (g *groupCommitter) commitStatement(batch []*groupJob) {
	in := make([]*groupJob, 0, len(batch))
	seen := make(map[uint]bool, len(batch))
	for _, j := range batch {
		switch {
		case j.ctx.Err() != nil:
			j.done <- j.ctx.Err() // the caller gave up before its save began
		case seen[j.plan.a.ID]:
			// Two saves of one assessment in one UPDATE would leave which
			// one counted to chance: the second goes after the batch.
			j.done <- errAlone
		default:
			seen[j.plan.a.ID] = true
			in = append(in, j)
		}
	}
	if len(in) == 0 {
		return
	}
	moved, err := g.s.writeBatch(in)
	if err != nil {
		// One statement: nothing of the batch was written.
		for _, j := range in {
			j.done <- errAlone
		}
		return
	}
	for _, j := range in {
		if moved[j.plan.a.ID] {
			j.done <- nil
		} else {
			j.done <- errNotMoved
		}
	}
	if h := g.s.hooks.BatchCommitted; h != nil && len(moved) > 0 {
		h(len(moved))
	}
}

// writeBatch runs batchStatement for the planned saves of jobs and
// returns the assessments it moved.
func (s *Store) writeBatch(jobs []*groupJob) (map[uint]bool, error) {
	n := len(jobs)
	ids, revisions, statuses, answers := make([]int64, n), make([]int32, n), make([]string, n), make([]string, n)
	credKinds, creds := make([]string, n), make([]string, n)
	var (
		teams, actorIDs, entityIDs         []int64
		actorSet                           []bool
		ats                                []time.Time
		actors, entities, actions, details []string
	)
	for i, j := range jobs {
		a := j.plan.a
		ids[i], revisions[i], statuses[i], answers[i] = int64(a.ID), int32(a.Revision), a.Status, j.plan.answersJSON
		credKinds[i], creds[i] = j.actor.cred.kind, j.actor.cred.hash
		for _, ev := range j.plan.events {
			teams = append(teams, int64(ev.TeamID))
			ats = append(ats, ev.At)
			actorID, set := int64(0), ev.ActorID != nil
			if set {
				actorID = int64(*ev.ActorID)
			}
			actorIDs, actorSet = append(actorIDs, actorID), append(actorSet, set)
			actors, entities = append(actors, ev.Actor), append(entities, ev.Entity)
			entityIDs = append(entityIDs, int64(ev.EntityID))
			actions, details = append(actions, ev.Action), append(details, ev.Detail)
		}
	}
	sqlDB, err := s.w.DB()
	if err != nil {
		return nil, err
	}
	now := s.Now()
	rows, err := sqlDB.QueryContext(context.Background(), batchStatement, ids, revisions, statuses, answers, now,
		teams, ats, nullable(actorIDs, actorSet), actors, entities, entityIDs, actions, details,
		credKinds, creds, now.Add(-SessionIdleTimeout))
	if err != nil {
		return nil, s.batchErr(err)
	}
	defer rows.Close()
	moved := make(map[uint]bool, n)
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, s.batchErr(err)
		}
		moved[uint(id)] = true
	}
	if err := rows.Err(); err != nil {
		return nil, s.batchErr(err)
	}
	return moved, nil
}

// nullable is an array of BIGINT with NULL where set is false.
func nullable(vals []int64, set []bool) []*int64 {
	out := make([]*int64, len(vals))
	for i := range vals {
		if set[i] {
			out[i] = &vals[i]
		}
	}
	return out
}

// batchErr counts a failed batch as a database error (the statement does
// not go through gorm, whose hook counts the others).
func (s *Store) batchErr(err error) error {
	if h := s.hooks.DBError; h != nil {
		h()
	}
	return fmt.Errorf("write a batch of saves: %w", err)
}

// notMoved is the answer to a planned autosave that its guard stopped:
// ErrSignedOut if its credential no longer holds, else the state as it is
// now (staleNow).
func (s *Store) notMoved(ctx context.Context, actor Actor, plan *answerChange) error {
	if err := s.checkCredential(s.readOne(ctx), actor); err != nil {
		return err
	}
	return s.staleNow(s.readOne(ctx), actor.TeamID, plan.a.ID, plan.schema)
}
