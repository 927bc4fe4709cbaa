package models

import (
	"context"
	"strings"
)

// applyChangeAtOnce is applyChange for an autosave on PostgreSQL, in ONE
// statement and so one round trip: the guarded UPDATE in a WITH clause and
// the audit rows inserted only for the row it moved. A single statement is
// its own transaction, so the answers and their audit rows commit together
// or not at all, as in applyChange; what it saves is the BEGIN, the COMMIT
// and one more round trip per save, which on PostgreSQL (a network hop
// each, and a server process working on each) were most of an autosave's
// time. Saves that change the person's details take applyChange, which
// also rewrites their search terms.
func (s *Store) applyChangeAtOnce(ctx context.Context, actor Actor, plan *answerChange) error {
	a := plan.a
	args := append([]any{plan.answersJSON, a.Revision + 1}, s.credentialArgs(actor)...)
	args = append(args, a.ID, a.Revision, a.Status)
	// The same guard as the batch's: revision, status and the credential
	// if it was not read afresh (autosave_cache.go).
	update := `UPDATE assessments a SET answers_json = ?, revision = ?, updated_at = v.now
		FROM ` + credentialRow + `
		WHERE a.id = ? AND a.revision = ? AND a.status = ? AND ` + credentialHolds
	var q strings.Builder
	want := int64(1)
	if len(plan.events) == 0 {
		q.WriteString(update)
	} else {
		want = int64(len(plan.events))
		q.WriteString("WITH moved AS (" + update + " RETURNING a.id)\n")
		q.WriteString(`INSERT INTO audit_events (team_id, at, actor_id, actor, entity, entity_id, action, detail)
		SELECT v.team_id, v.at, v.actor_id, v.actor, v.entity, v.entity_id, v.action, v.detail
		FROM moved, (VALUES `)
		for i, ev := range plan.events {
			if i > 0 {
				q.WriteString(", ")
			}
			q.WriteString("(CAST(? AS BIGINT), CAST(? AS TIMESTAMPTZ), CAST(? AS BIGINT), CAST(? AS TEXT), " +
				"CAST(? AS TEXT), CAST(? AS BIGINT), CAST(? AS TEXT), CAST(? AS TEXT))")
			args = append(args, ev.TeamID, ev.At, ev.ActorID, ev.Actor, ev.Entity, ev.EntityID, ev.Action, ev.Detail)
		}
		q.WriteString(") AS v (team_id, at, actor_id, actor, entity, entity_id, action, detail)")
	}
	res := s.w.WithContext(context.WithoutCancel(ctx)).Exec(q.String(), args...)
	if res.Error != nil {
		return dbErr(res.Error, "save answers")
	}
	if res.RowsAffected != want {
		// The guard did not hold, so nothing was written (the INSERT only
		// sees a row the UPDATE moved): tell the caller how things stand.
		return s.notMoved(ctx, actor, plan)
	}
	return nil
}
