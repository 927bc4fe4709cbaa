package server

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"

	"firstperson/internal/pgtest"
	"firstperson/models"
)

// BenchmarkAutosave measures acknowledged autosaves over real HTTP on
// loopback, 16 tablets saving at once, each on its own assessment, and
// reports saves/s and the p50/p99 latency of one save:
//
//   - group-commit: the app as it runs, on a SQLite file (WAL,
//     synchronous=FULL); in the same run, on the same disk, it also measures
//     raw SQLite: one-row UPDATEs, each its own transaction, at the same
//     settings (raw-commits/s), and the ratio of the two;
//   - one-tx-per-save: the same with group commit off, for comparison;
//   - postgres: the app on PostgreSQL (pooled writes), when
//     FIRSTPERSON_TEST_POSTGRES is set, in rounds that alternate with the
//     app on SQLite, and the ratio of the two (pg/sqlite).
//
// go test -run '^$' -bench Autosave -benchtime 3000x -count 5 ./server/
func BenchmarkAutosave(b *testing.B) {
	b.Run("group-commit", func(b *testing.B) {
		var batches, saves atomic.Int64
		app := newApp(b, models.WithHooks(models.Hooks{BatchCommitted: func(n int) { batches.Add(1); saves.Add(int64(n)) }}))
		rate := autosaveLoad(b, app)
		if n := batches.Load(); n > 0 {
			b.ReportMetric(float64(saves.Load())/float64(n), "saves/batch")
		}
		raw := rawSQLiteCommits(b, b.N)
		b.ReportMetric(raw, "raw-commits/s")
		b.ReportMetric(rate/raw, "ratio")
	})
	// The same with a pad signature (about 20 kB) already on every
	// assessment: each save of another answer rewrites the answers.
	b.Run("group-commit-signed", func(b *testing.B) {
		app := newBenchApp(b)
		autosaveLoad(b, app, handSignature(b))
	})
	b.Run("one-tx-per-save", func(b *testing.B) {
		app := newAppOn(b, filepath.Join(b.TempDir(), "test.db"), []models.Option{models.WithoutGroupCommit()})
		autosaveLoad(b, app)
	})
	// PostgreSQL and SQLite (group commit) in alternate rounds of the same
	// run, so that a change in what else the machine is doing falls on
	// both alike: the figures without a prefix are PostgreSQL's, those
	// starting "sqlite-" SQLite's, and pg/sqlite their ratio of saves/s.
	b.Run("postgres", func(b *testing.B) {
		var batches, saves atomic.Int64
		pg := newSavingTablets(b, newAppOn(b, pgtest.DSN(b, "bench_autosave"), []models.Option{
			models.WithHooks(models.Hooks{BatchCommitted: func(n int) { batches.Add(1); saves.Add(int64(n)) }})}))
		lite := newSavingTablets(b, newApp(b))
		const rounds = 6
		var onPG, onSQLite saveRound
		b.ResetTimer()
		for i := 0; i < rounds; i++ {
			n := b.N / rounds
			if i < b.N%rounds {
				n++
			}
			onSQLite.add(lite.save(b, n))
			onPG.add(pg.save(b, n))
		}
		b.StopTimer()
		rate := onPG.report(b, "")
		b.ReportMetric(rate/onSQLite.report(b, "sqlite-"), "pg/sqlite")
		if n := batches.Load(); n > 0 {
			b.ReportMetric(float64(saves.Load())/float64(n), "saves/batch")
		}
	})
}

// autosaveLoad runs b.N saves from 16 clients and reports the figures; it
// returns saves/s.
func autosaveLoad(b *testing.B, app *testApp, signature ...string) float64 {
	tablets := newSavingTablets(b, app, signature...)
	b.ResetTimer()
	r := tablets.save(b, b.N)
	b.StopTimer()
	return r.report(b, "")
}

// savingTablets are 16 clients, each saving its own assessment over HTTP;
// each knows its revision, so rounds of saves can follow one another.
type savingTablets struct {
	app    *testApp
	client *http.Client
	ids    []uint
	revs   []int
}

func newSavingTablets(b testing.TB, app *testApp, signature ...string) *savingTablets {
	const clients = 16
	t := &savingTablets{app: app, ids: make([]uint, clients), revs: make([]int, clients),
		client: &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}}}
	for i := range t.ids {
		t.ids[i] = app.startAssessment(app.assessor)
		if len(signature) > 0 {
			app.json("PATCH", fmt.Sprintf("/api/v1/assessments/%d/answers", t.ids[i]), app.assessor,
				map[string]any{"revision": 0, "answers": map[string]any{"assessor-signature": signature[0]}}, http.StatusOK, nil)
			t.revs[i] = 1
		}
	}
	// A first round, not measured, so that what the first saves of a
	// process do once (PostgreSQL: opening the pool's connections, each
	// a new server process; preparing statements) is not counted: on
	// PostgreSQL it held the first saves up to 160 ms.
	t.save(b, 4*len(t.ids))
	return t
}

// saveRound is what one round of saves measured.
type saveRound struct {
	elapsed, cpu, machine time.Duration
	lat                   []time.Duration
}

func (r *saveRound) add(o saveRound) {
	r.elapsed, r.cpu, r.machine = r.elapsed+o.elapsed, r.cpu+o.cpu, r.machine+o.machine
	r.lat = append(r.lat, o.lat...)
}

// save makes n saves from the 16 tablets at once and measures them.
func (t *savingTablets) save(b testing.TB, n int) saveRound {
	var next atomic.Int64
	lat := make([][]time.Duration, len(t.ids))
	var wg sync.WaitGroup
	cpu0, machine0 := processCPU(), machineCPU()
	start := time.Now()
	for c := range t.ids {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			url := fmt.Sprintf("%s/api/v1/assessments/%d/answers", t.app.srv.URL, t.ids[c])
			for next.Add(1) <= int64(n) {
				rev := t.revs[c]
				body, _ := json.Marshal(map[string]any{"revision": rev,
					"answers": map[string]any{"good-day": fmt.Sprintf("A walk in the garden, save %d", rev), "people-to-move": float64(rev % 3)}})
				req, _ := http.NewRequest("PATCH", url, bytes.NewReader(body))
				req.Header.Set("Authorization", "Bearer "+t.app.assessor)
				t0 := time.Now()
				resp, err := t.client.Do(req)
				if err != nil {
					b.Error(err)
					return
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					b.Errorf("save: status %d", resp.StatusCode)
					return
				}
				lat[c] = append(lat[c], time.Since(t0))
				t.revs[c]++
			}
		}(c)
	}
	wg.Wait()
	r := saveRound{elapsed: time.Since(start), cpu: processCPU() - cpu0, machine: machineCPU() - machine0}
	for _, l := range lat {
		r.lat = append(r.lat, l...)
	}
	return r
}

// report reports the round's figures, their units starting with prefix,
// and returns saves/s.
func (r saveRound) report(b *testing.B, prefix string) float64 {
	all := r.lat
	if len(all) == 0 {
		return 0
	}
	sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
	rate := float64(len(all)) / r.elapsed.Seconds()
	b.ReportMetric(rate, prefix+"saves/s")
	// CPU time of the whole process (server and the 16 clients) per save:
	// unlike saves/s, it hardly moves when other work shares the machine.
	b.ReportMetric(float64(r.cpu.Microseconds())/float64(len(all)), prefix+"cpu-us/save")
	// The whole machine's busy CPU per save: on PostgreSQL this includes
	// the database server's processes (on a machine doing nothing else).
	if r.machine > 0 {
		b.ReportMetric(float64(r.machine.Microseconds())/float64(len(all)), prefix+"machine-cpu-us/save")
	}
	b.ReportMetric(float64(all[len(all)/2].Microseconds())/1000, prefix+"p50-ms")
	b.ReportMetric(float64(all[len(all)*99/100].Microseconds())/1000, prefix+"p99-ms")
	return rate
}

// handSignature is a PNG data URL like the signature pad's: a 1400×400
// canvas (a 700×200 pad at two device pixels per CSS pixel) with a few
// ragged strokes, about 20 kB.
func handSignature(b *testing.B) string {
	img := image.NewNRGBA(image.Rect(0, 0, 1400, 400))
	rng := rand.New(rand.NewPCG(7, 7))
	for stroke := 0; stroke < 6; stroke++ {
		x, y := 100+stroke*200, 200
		for step := 0; step < 400; step++ {
			x += rng.IntN(5) - 1
			y += rng.IntN(9) - 4
			for dx := -2; dx <= 2; dx++ {
				for dy := -2; dy <= 2; dy++ {
					img.Set(x+dx, y+dy, color.NRGBA{A: uint8(255 - 40*(dx*dx+dy*dy)/4)})
				}
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		b.Fatal(err)
	}
	return "data:image/png;base64," + base64.StdEncoding.EncodeToString(buf.Bytes())
}

// processCPU is the CPU time (user and system) this process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// machineCPU is the busy CPU time of the whole machine (every core) from
// /proc/stat, or 0 where there is none.
func machineCPU() time.Duration {
	data, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0
	}
	line, _, _ := strings.Cut(string(data), "\n")
	f := strings.Fields(line)
	if len(f) < 9 || f[0] != "cpu" {
		return 0
	}
	var ticks int64
	for i, v := range f[1:9] {
		if i == 3 || i == 4 { // idle, iowait
			continue
		}
		n, _ := strconv.ParseInt(v, 10, 64)
		ticks += n
	}
	return time.Duration(ticks) * (time.Second / 100) // USER_HZ
}

// rawSQLiteCommits is what SQLite itself commits per second on this disk
// at the app's settings (WAL, synchronous=FULL, BEGIN IMMEDIATE): n
// transactions of one single-row UPDATE each, on one connection.
func rawSQLiteCommits(b *testing.B, n int) float64 {
	path := filepath.Join(b.TempDir(), "raw.db")
	db, err := gorm.Open(sqlite.Open("file:"+path+"?_journal_mode=WAL&_synchronous=FULL&_busy_timeout=10000&_txlock=immediate"),
		&gorm.Config{Logger: logger.Discard, SkipDefaultTransaction: true})
	if err != nil {
		b.Fatal(err)
	}
	sqlDB, _ := db.DB()
	defer sqlDB.Close()
	sqlDB.SetMaxOpenConns(1)
	if _, err := sqlDB.Exec(`CREATE TABLE t (id INTEGER PRIMARY KEY, answers TEXT NOT NULL, revision INTEGER NOT NULL)`); err != nil {
		b.Fatal(err)
	}
	if _, err := sqlDB.Exec(`INSERT INTO t VALUES (1, '{}', 0)`); err != nil {
		b.Fatal(err)
	}
	start := time.Now()
	for i := 0; i < n; i++ {
		tx, err := sqlDB.Begin()
		if err != nil {
			b.Fatal(err)
		}
		if _, err := tx.Exec(`UPDATE t SET answers = ?, revision = ? WHERE id = 1`, fmt.Sprintf(`{"good-day":"save %d"}`, i), i); err != nil {
			b.Fatal(err)
		}
		if err := tx.Commit(); err != nil {
			b.Fatal(err)
		}
	}
	return float64(n) / time.Since(start).Seconds()
}
