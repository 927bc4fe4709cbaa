package server

import (
	"fmt"
	"net/http"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"firstperson/models"
)

// testClock is a clock the test moves by hand.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = t
}

// newClockApp is newTestApp on a fixed clock; it also returns the path of
// its database, for tests that write rows another issue's code would.
func newClockApp(t testing.TB, start time.Time) (*testApp, *testClock, string) {
	t.Helper()
	clk := &testClock{t: start}
	path := filepath.Join(t.TempDir(), "test.db")
	app := newAppOn(t, path, []models.Option{models.WithClock(clk.now)}, func(c *Config) { c.Now = clk.now })
	return app, clk, path
}

// saveAt saves answers at the given time and returns the new revision.
func (a *testApp) saveAt(clk *testClock, at time.Time, id uint, rev int, answers map[string]any) int {
	a.t.Helper()
	clk.set(at)
	var out struct{ Revision int }
	a.json("PATCH", fmt.Sprintf("/api/v1/assessments/%d/answers", id), a.assessor,
		map[string]any{"revision": rev, "answers": answers}, http.StatusOK, &out)
	return out.Revision
}

func (a *testApp) startAt(clk *testClock, at time.Time) uint {
	a.t.Helper()
	clk.set(at)
	return a.startAssessment(a.assessor)
}

func (a *testApp) completeAt(clk *testClock, at time.Time, id uint) {
	a.t.Helper()
	clk.set(at)
	a.json("POST", fmt.Sprintf("/api/v1/assessments/%d/complete", id), a.assessor, nil, http.StatusOK, nil)
}

// careHomeDB opens the database beside the store and makes sure the
// care-home tables of issue 12 exist in the agreed shape (only if missing:
// after the merge, issue 12's migrations have made them).
func careHomeDB(t testing.TB, path string) *gorm.DB {
	t.Helper()
	db, err := gorm.Open(sqlite.Open("file:"+path+"?_busy_timeout=10000&_foreign_keys=on"), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if d, err := db.DB(); err == nil {
			d.Close()
		}
	})
	if !db.Migrator().HasTable("share_responses") {
		err = db.Exec(`CREATE TABLE share_responses (id INTEGER PRIMARY KEY AUTOINCREMENT,
			assessment_id BIGINT NOT NULL REFERENCES assessments(id), share_link_id BIGINT REFERENCES share_links(id),
			at DATETIME NOT NULL, from_party TEXT NOT NULL, decision TEXT NOT NULL DEFAULT '',
			name TEXT NOT NULL DEFAULT '', role TEXT NOT NULL DEFAULT '', message TEXT NOT NULL DEFAULT '',
			author_id BIGINT REFERENCES users(id), address TEXT NOT NULL DEFAULT '')`).Error
		if err != nil {
			t.Fatal(err)
		}
	}
	if !db.Migrator().HasColumn("share_links", "first_opened_at") {
		for _, col := range []string{"first_opened_at DATETIME", "last_opened_at DATETIME", "views INTEGER NOT NULL DEFAULT 0"} {
			if err := db.Exec("ALTER TABLE share_links ADD COLUMN " + col).Error; err != nil {
				t.Fatal(err)
			}
		}
	}
	return db
}
