// Package models stores teams, users, templates and their versions,
// assessments, share links and the audit trail with gorm, on SQLite by
// default or PostgreSQL. It translates database errors into the sentinel
// errors in errors.go so callers never see a driver error type.
package models

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"

	"gorm.io/driver/postgres"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// Store is the database behind Firstperson.
type Store struct {
	// w is the one connection that writes. SQLite allows one writer at a
	// time; with several pooled writers, a transaction that reads and then
	// writes can meet "database is locked" even with busy_timeout, because
	// SQLite cannot upgrade a read lock while another writer waits. One
	// writer connection plus BEGIN IMMEDIATE (_txlock) makes writers queue
	// in Go instead, fairly and without errors.
	w *gorm.DB
	// r serves reads; in WAL mode readers never block the writer.
	r       *gorm.DB
	dialect string
	now     func() time.Time
	// passwordCost is the bcrypt cost for new passwords.
	passwordCost int
	dummyOnce    sync.Once
	dummy        []byte
	// versions caches published versions with their decoded schemas by
	// version id (versionCache in templates.go); per store, because ids
	// are only unique within one database.
	published versionCache
	// group batches autosaves: into one commit on SQLite, into one
	// statement on PostgreSQL (group_commit.go); nil when it is off.
	group *groupCommitter
	hooks Hooks
	// noGroupCommit turns group commit off (the benchmark's baseline).
	noGroupCommit bool
	// autosave keeps what autosaves read on PostgreSQL (autosave_cache.go).
	autosave *autosaveCache
}

// Option changes how Open sets up the store.
type Option func(*Store)

// WithClock makes the store read the time from now (tests fix the clock).
func WithClock(now func() time.Time) Option { return func(s *Store) { s.now = now } }

// WithPasswordCost sets the bcrypt cost of new password hashes. Tests use
// bcrypt.MinCost to stay fast; the default (12) is for real use.
func WithPasswordCost(cost int) Option { return func(s *Store) { s.passwordCost = cost } }

// Open connects to dsn — a SQLite file path (optionally "file:" URI) or a
// postgres:// URL — and applies any migrations not yet applied.
func Open(ctx context.Context, dsn string, opts ...Option) (*Store, error) {
	s := &Store{now: time.Now, passwordCost: bcryptCost, autosave: newAutosaveCache()}
	for _, o := range opts {
		o(s)
	}
	cfg := &gorm.Config{
		Logger:                 logger.Discard,
		SkipDefaultTransaction: true, // our writes open their own transactions
		NowFunc:                func() time.Time { return s.now().UTC() },
	}
	var err error
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		s.dialect = "postgres"
		s.w, err = gorm.Open(postgres.Open(dsn), cfg)
		if err != nil {
			return nil, fmt.Errorf("open postgres: %w", err)
		}
		// The one-writer rule is SQLite's: PostgreSQL writes go through a
		// pool, kept safe by the revision and status guards in each UPDATE.
		sqlDB, _ := s.w.DB()
		sqlDB.SetMaxOpenConns(8)
		sqlDB.SetMaxIdleConns(8)
		sqlDB.SetConnMaxIdleTime(5 * time.Minute)
		s.r = s.w
	} else {
		s.dialect = "sqlite"
		// SQLite connections keep their statements prepared: parsing SQL
		// cost about a tenth of an autosave's CPU, much of it while holding
		// the writer.
		pcfg := *cfg
		pcfg.PrepareStmt, pcfg.PrepareStmtMaxSize, pcfg.PrepareStmtTTL = true, 512, time.Hour
		if s.w, err = gorm.Open(sqlite.Open(sqliteDSN(dsn, false)), &pcfg); err != nil {
			return nil, fmt.Errorf("open sqlite %s: %w", dsn, err)
		}
		sqlW, _ := s.w.DB()
		sqlW.SetMaxOpenConns(1)
		sqlW.SetMaxIdleConns(1)
		sqlW.SetConnMaxLifetime(0)
		if dsn == ":memory:" {
			s.r = s.w // every :memory: connection is its own database
		} else if s.r, err = gorm.Open(sqlite.Open(sqliteDSN(dsn, true)), &pcfg); err != nil {
			return nil, fmt.Errorf("open sqlite %s for reading: %w", dsn, err)
		} else {
			sqlR, _ := s.r.DB()
			sqlR.SetMaxOpenConns(4)
		}
	}
	for _, db := range []*gorm.DB{s.w, s.r} {
		if err := s.installHooks(db); err != nil {
			s.Close()
			return nil, fmt.Errorf("install hooks: %w", err)
		}
		if s.r == s.w {
			break
		}
	}
	if err := s.migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	if !s.noGroupCommit {
		s.group = newGroupCommitter(s)
	}
	return s, nil
}

// sqliteDSN puts the pragmas into the DSN itself: a PRAGMA run through Exec
// reaches only the one pooled connection it happened to use, while DSN
// parameters apply to every connection the driver opens. synchronous=FULL
// makes every acknowledged commit durable across a power cut, not only a
// process crash.
func sqliteDSN(path string, readOnly bool) string {
	q := url.Values{}
	q.Set("_journal_mode", "WAL")
	q.Set("_synchronous", "FULL")
	q.Set("_busy_timeout", "10000")
	q.Set("_foreign_keys", "on")
	if readOnly {
		q.Set("_query_only", "true")
	} else {
		q.Set("_txlock", "immediate")
	}
	base, existing, _ := strings.Cut(strings.TrimPrefix(path, "file:"), "?")
	if existing != "" {
		return "file:" + base + "?" + existing + "&" + q.Encode()
	}
	return "file:" + base + "?" + q.Encode()
}

// Close closes the database connections.
func (s *Store) Close() error {
	if s.group != nil {
		s.group.close()
	}
	var errs []error
	for _, db := range []*gorm.DB{s.w, s.r} {
		if db == nil {
			continue
		}
		if sqlDB, err := db.DB(); err == nil {
			errs = append(errs, sqlDB.Close())
		}
		if s.r == s.w {
			break
		}
	}
	return errors.Join(errs...)
}

// Ping reports whether the database answers (GET /healthz).
func (s *Store) Ping(ctx context.Context) error {
	var one int
	if err := s.r.WithContext(ctx).Raw("SELECT 1").Scan(&one).Error; err != nil {
		return fmt.Errorf("ping database: %w", err)
	}
	return nil
}

// Now is the store's clock.
func (s *Store) Now() time.Time { return s.now().UTC() }

// tx runs fn in a write transaction on the one writer connection.
func (s *Store) tx(ctx context.Context, fn func(tx *gorm.DB) error) error {
	return s.w.WithContext(ctx).Transaction(fn)
}

// read returns a read handle bound to ctx.
func (s *Store) read(ctx context.Context) *gorm.DB { return s.r.WithContext(ctx) }

// readOne is read for a lookup by key that every request makes (who is
// signed in, the assessment being saved). Such a read cannot run long, so
// it is not cancelled with the request: with a cancellable context the
// SQLite driver starts a goroutine for every row it steps.
func (s *Store) readOne(ctx context.Context) *gorm.DB {
	return s.r.WithContext(context.WithoutCancel(ctx))
}
