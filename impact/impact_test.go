package impact

import (
	"fmt"
	"testing"
	"time"
)

func TestPercentileByHand(t *testing.T) {
	cases := []struct {
		values      []float64
		median, p90 string
	}{
		{[]float64{7}, "7", "7"},                                 // one value: both are it
		{[]float64{10, 20}, "15", "19"},                          // h = 0.5 → 15; h = 0.9 → 10 + 0.9×10
		{[]float64{8, 1, 5}, "5", "7.4"},                         // sorted 1 5 8; h = 1.8 → 5 + 0.8×3
		{[]float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, "5.5", "9.1"}, // h = 4.5, 8.1
	}
	for _, c := range cases {
		m := Summarise(c.values)
		if got := fmt.Sprint(*m.Median, "/", *m.P90); got != c.median+"/"+c.p90 {
			t.Errorf("Summarise(%v) = %s, want %s/%s", c.values, got, c.median, c.p90)
		}
	}
	if m := Summarise(nil); m.Median != nil || m.P90 != nil {
		t.Errorf("nothing to measure = %+v", m)
	}
}

func TestWeekOf(t *testing.T) {
	for in, want := range map[string]string{
		"2026-11-02T00:00:00Z": "2026-11-02", // a Monday
		"2026-11-08T23:59:59Z": "2026-11-02", // the Sunday after
		"2026-11-09T00:00:00Z": "2026-11-09",
		"2027-01-01T12:00:00Z": "2026-12-28", // across the year
	} {
		tm, _ := time.Parse(time.RFC3339, in)
		if got := WeekOf(tm); got != want {
			t.Errorf("WeekOf(%s) = %s, want %s", in, got, want)
		}
	}
}

func TestCareHomeFiguresUnavailable(t *testing.T) {
	c := CareHomeFigures(false, []Shared{{SharedAt: time.Now()}})
	if c.Available || c.Shared != 0 || c.AcceptedShare != nil {
		t.Errorf("unavailable care home = %+v", c)
	}
	c = CareHomeFigures(true, nil)
	if !c.Available || c.Shared != 0 || c.MinutesToDecision.Median != nil || c.AcceptedShare != nil {
		t.Errorf("nothing shared = %+v", c)
	}
}
