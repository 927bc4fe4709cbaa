package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"sync"
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
	const tablets, rounds = 16, 20
	ids := make([]uint, tablets)
	for i := range ids {
		ids[i] = app.startAssessment(app.assessor)
	}
	batches.Store(0)
	saved.Store(0)
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: tablets}}
	defer client.CloseIdleConnections()
	var wg sync.WaitGroup
	errs := make(chan error, tablets)
	for _, id := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for rev := range rounds {
				body, _ := json.Marshal(map[string]any{"revision": rev, "answers": map[string]any{"good-day": fmt.Sprintf("A walk, save %d", rev)}})
				req, _ := http.NewRequest("PATCH", fmt.Sprintf("%s/api/v1/assessments/%d/answers", app.srv.URL, id), bytes.NewReader(body))
				req.Header.Set("Authorization", "Bearer "+app.assessor)
				resp, err := client.Do(req)
				if err != nil {
					errs <- err
					return
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusOK {
					errs <- fmt.Errorf("assessment %d, save %d: status %d", id, rev, resp.StatusCode)
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if saved.Load() != tablets*rounds {
		t.Fatalf("%d saves committed, want %d", saved.Load(), tablets*rounds)
	}
	per := float64(saved.Load()) / float64(batches.Load())
	t.Logf("%d saves in %d batches (%.1f a batch)", saved.Load(), batches.Load(), per)
	if per < 2 {
		t.Errorf("%.2f saves a batch: with one processor the saves ready to be queued are not waited for", per)
	}
}
