package server

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sort"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// BenchmarkAutosave measures acknowledged autosaves over real HTTP on
// loopback against a real SQLite file (WAL, synchronous=FULL), with 16
// tablets saving at once, each on its own assessment. It reports saves/s
// and the p50/p99 latency of one save.
func BenchmarkAutosave(b *testing.B) {
	app := newBenchApp(b)
	const clients = 16
	ids := make([]uint, clients)
	for i := range ids {
		ids[i] = app.startAssessment(app.assessor)
	}
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: clients}}
	var next atomic.Int64
	lat := make([][]time.Duration, clients)
	var wg sync.WaitGroup
	b.ResetTimer()
	start := time.Now()
	for c := 0; c < clients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			rev := 0
			url := fmt.Sprintf("%s/api/v1/assessments/%d/answers", app.srv.URL, ids[c])
			for next.Add(1) <= int64(b.N) {
				body, _ := json.Marshal(map[string]any{"revision": rev,
					"answers": map[string]any{"good-day": fmt.Sprintf("A walk in the garden, save %d", rev), "people-to-move": float64(rev % 3)}})
				req, _ := http.NewRequest("PATCH", url, bytes.NewReader(body))
				req.Header.Set("Authorization", "Bearer "+app.assessor)
				t0 := time.Now()
				resp, err := client.Do(req)
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
				rev++
			}
		}(c)
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	var all []time.Duration
	for _, l := range lat {
		all = append(all, l...)
	}
	if len(all) == 0 {
		return
	}
	sort.Slice(all, func(i, j int) bool { return all[i] < all[j] })
	b.ReportMetric(float64(len(all))/elapsed.Seconds(), "saves/s")
	b.ReportMetric(float64(all[len(all)/2].Microseconds())/1000, "p50-ms")
	b.ReportMetric(float64(all[len(all)*99/100].Microseconds())/1000, "p99-ms")
}
