package models

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"

	"gorm.io/gorm"
)

// Group commit for autosave.
//
// SQLite has one writer and each commit at synchronous=FULL waits for an
// fsync. With sixteen tablets saving at once, one transaction (and one
// fsync) per save leaves most of the disk's time to the fsyncs. Here every
// save that arrives while a commit is under way waits in a queue; the next
// batch takes them all and runs them in ONE transaction, each in its own
// SAVEPOINT: a save that is stale, invalid or fails for any reason is
// rolled back to its savepoint and answered with its own error, while its
// neighbours go on. Nobody is answered before the batch has committed, so
// a save is acknowledged only once it is durable; if the commit fails,
// every save of the batch gets that error.
//
// On PostgreSQL the queue is the same but a batch is ONE statement that
// writes every save of it (group_commit_pg.go); the revision and status
// guards in its UPDATE keep it honest beside the other writes, which use
// the connection pool. There too one batch is written at a time: two at
// once (tried up to session 6) split the saves into batches of about 5
// instead of 8, and a batch's fixed cost in the database (the statement,
// its commit, the wake-ups) then took a quarter to a half more CPU per
// save: on two cores shared with the app, 10–26% fewer saves/s
// (docs/PERFORMANCE.md, session 7).

// maxBatch caps one batch, so one commit never holds the writer for long.
const maxBatch = 64

// groupJob is one save waiting for a batch: on SQLite fn, the save to run
// in its savepoint; on PostgreSQL the planned change and who makes it.
type groupJob struct {
	ctx   context.Context
	fn    func(tx *gorm.DB) error
	plan  *answerChange
	actor Actor
	done  chan error
}

// groupCommitter runs the batches of one Store: one loop takes every save
// queued when it is free and hands them to commit.
type groupCommitter struct {
	s      *Store
	jobs   chan *groupJob
	commit func(batch []*groupJob)
	mu     sync.RWMutex
	quit   chan struct{}
	ended  sync.WaitGroup
	shut   bool
}

// errBatchBroken marks a save whose savepoint could not be rolled back:
// the whole batch must then be rolled back.
var errBatchBroken = errors.New("the batch transaction is broken")

// errClosed answers a save that arrives while the store closes.
var errClosed = errors.New("the database is closing")

// newGroupCommitter starts the group committer of s.
func newGroupCommitter(s *Store) *groupCommitter {
	g := &groupCommitter{s: s, jobs: make(chan *groupJob, 1024), quit: make(chan struct{})}
	g.commit = g.commitTx
	if s.dialect == "postgres" {
		g.commit = g.commitStatement
	}
	g.ended.Add(1)
	go g.loop()
	return g
}

// writeAnswers runs fn as an answer save: batched with other saves on
// SQLite, an ordinary pooled transaction on PostgreSQL (whose group
// commit takes planned saves, writeAtOnce) and whenever group commit is
// off.
func (s *Store) writeAnswers(ctx context.Context, fn func(tx *gorm.DB) error) error {
	if s.group == nil || s.dialect == "postgres" {
		return s.tx(ctx, fn)
	}
	return s.group.run(ctx, fn)
}

func (g *groupCommitter) run(ctx context.Context, fn func(tx *gorm.DB) error) error {
	return g.queue(&groupJob{ctx: ctx, fn: fn, done: make(chan error, 1)})
}

func (g *groupCommitter) queue(job *groupJob) error {
	g.mu.RLock()
	if g.shut {
		g.mu.RUnlock()
		return errClosed
	}
	g.jobs <- job
	g.mu.RUnlock()
	// The caller waits for the commit even when its context ends: once its
	// save is in a batch, whether it is durable is the only true answer.
	return <-job.done
}

// close stops taking saves, commits those queued and ends the loop.
func (g *groupCommitter) close() {
	g.mu.Lock()
	if g.shut {
		g.mu.Unlock()
		return
	}
	g.shut = true
	g.mu.Unlock()
	close(g.quit)
	g.ended.Wait()
}

func (g *groupCommitter) loop() {
	defer g.ended.Done()
	batch := make([]*groupJob, 0, maxBatch)
	for {
		var first *groupJob
		select {
		case first = <-g.jobs:
		case <-g.quit:
			// Finish what was queued before the store closed.
			for {
				select {
				case j := <-g.jobs:
					g.commit(append(batch[:0], j))
				default:
					return
				}
			}
		}
		batch = append(batch[:0], first)
		// Let the saves that are ready queue first. The save that woke
		// this loop handed it the processor directly, ahead of the
		// requests the network had just made ready; on SQLite a commit
		// is calls into C that keep the processor, so with one of them
		// (GOMAXPROCS=1, a container limited to one CPU) every batch held
		// one save: 1.0 saves a batch against 9.6–10.1 with this yield,
		// and about twice the saves/s (figures side by side, on one CPU
		// and on two: docs/PERFORMANCE.md, session 6). Nothing waits when
		// nothing else is ready.
		runtime.Gosched()
	fill:
		for len(batch) < maxBatch {
			select {
			case j := <-g.jobs:
				batch = append(batch, j)
			default:
				break fill
			}
		}
		g.commit(batch)
	}
}

// commitTx runs one batch in one transaction, each save in its savepoint.
func (g *groupCommitter) commitTx(batch []*groupJob) {
	results := make([]error, len(batch))
	ran := 0

	err := g.s.w.WithContext(context.Background()).Transaction(func(tx *gorm.DB) error {
		for i, j := range batch {
			if err := j.ctx.Err(); err != nil {
				results[i] = err // the caller gave up before its save began
				continue
			}
			results[i] = savepoint(tx, j.fn)
			if errors.Is(results[i], errBatchBroken) {
				return results[i] // the transaction itself is lost
			}
			if results[i] == nil {
				ran++
			}
		}
		return nil
	})
	if err != nil {
		err = dbErr(err, "commit saves")
	}
	for i, j := range batch {
		if err != nil && (results[i] == nil || errors.Is(results[i], errBatchBroken)) {
			results[i] = err
		}
		j.done <- results[i]
	}
	if h := g.s.hooks.BatchCommitted; h != nil && err == nil && ran > 0 {
		h(ran)
	}
}

// savepoint runs fn inside SAVEPOINT save: on an error or a panic only
// fn's own writes are rolled back. Either way the savepoint is released
// before the next save begins, so savepoints never nest: SQLite keeps, for
// every open savepoint, which pages it has copied, and with a batch of
// nested ones each write had to consult them all (an audit INSERT cost
// 130–170 µs instead of 25 µs, all of it while holding the writer).
func savepoint(tx *gorm.DB, fn func(tx *gorm.DB) error) (err error) {
	const name = "save" // one at a time, so one name (and three prepared statements)
	if err := tx.SavePoint(name).Error; err != nil {
		return dbErr(err, "savepoint")
	}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("save panicked: %v", r)
		}
		if err != nil {
			if rb := tx.RollbackTo(name).Error; rb != nil {
				err = fmt.Errorf("%w: %w (after %w)", errBatchBroken, dbErr(rb, "roll back to savepoint"), err)
				return
			}
		}
		// RELEASE after a success keeps fn's writes in the batch; after a
		// ROLLBACK TO it only drops the (now empty) savepoint.
		if rel := tx.Exec("RELEASE SAVEPOINT " + name).Error; rel != nil {
			err = fmt.Errorf("%w: %w", errBatchBroken, dbErr(rel, "release savepoint"))
		}
	}()
	return fn(tx)
}
