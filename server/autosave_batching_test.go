package server

import (
	"runtime"
	"sync/atomic"
	"testing"

	"firstperson/models"
)

// TestAutosavesShareCommitsOnOneProcessor saves from sixteen tablets at
// once over HTTP with one Go processor (GOMAXPROCS=1: what Go picks in a
// container limited to one CPU). The committer, woken by the first save,
// used to run ahead of the requests the network had just made ready and
// commit that save alone: every batch held one save, so group commit did
// nothing there (BenchmarkAutosave at GOMAXPROCS=1, side by side:
// 1,159–1,528 saves/s with 1.0 saves a batch; 2,406–3,372 with 9.6–10.1
// once it yields first; docs/PERFORMANCE.md).
func TestAutosavesShareCommitsOnOneProcessor(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(1))
	var batches, saved atomic.Int64
	app := newApp(t, models.WithHooks(models.Hooks{BatchCommitted: func(n int) { batches.Add(1); saved.Add(int64(n)) }}))
	tablets := newSavingTablets(t, app) // 16, each saving its own assessment
	defer tablets.client.CloseIdleConnections()
	batches.Store(0)
	saved.Store(0)
	const saves = 320
	tablets.save(t, saves)
	if t.Failed() {
		return
	}
	if saved.Load() != saves {
		t.Fatalf("%d saves committed, want %d", saved.Load(), saves)
	}
	per := float64(saved.Load()) / float64(batches.Load())
	t.Logf("%d saves in %d batches (%.1f a batch)", saved.Load(), batches.Load(), per)
	if per < 2 {
		t.Errorf("%.2f saves a batch: with one processor the saves ready to be queued are not waited for", per)
	}
}
