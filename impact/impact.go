// Package impact computes the figures of the impact page from plain
// records: how many assessments were started and completed per week, how
// long they took (active and elapsed minutes, median and 90th
// percentile), how much of each form version and of the answers is in the
// person's voice, how many family conversations are recorded, and how
// fast care homes answer. It is pure Go: the store gathers the records,
// this package only counts.
package impact

import (
	"math"
	"sort"
	"time"

	"firstperson/forms"
)

// Version is a published template version the figures are kept for.
type Version struct {
	TemplateID uint
	Title      string
	Number     int
	Schema     *forms.Schema
}

// Tally is what the store has counted for one version from the
// assessments started on it: how many were started and completed, their
// free-text answers (how many, how many in the person's voice), the
// conversations recorded in completed ones, the active and elapsed minutes
// of each completed one, and the counts per week.
type Tally struct {
	TemplateID     uint
	Version        int
	Started        int
	Completed      int
	FreeTexts      int
	InVoice        int
	Conversations  int
	ActiveMinutes  []float64
	ElapsedMinutes []float64
	Weeks          []Week
}

// Minutes is a median and 90th percentile in minutes; nil when there is
// nothing to measure.
type Minutes struct {
	Median *float64 `json:"median"`
	P90    *float64 `json:"p90"`
}

// Week counts assessments started and completed in the week from Monday
// Week (YYYY-MM-DD, UTC).
type Week struct {
	Week      string `json:"week"`
	Started   int    `json:"started"`
	Completed int    `json:"completed"`
}

// VersionFigures are the figures of one template version.
type VersionFigures struct {
	TemplateID                 uint     `json:"template_id"`
	Title                      string   `json:"title"`
	Version                    int      `json:"version"`
	Started                    int      `json:"started"`
	Completed                  int      `json:"completed"`
	ActiveMinutes              Minutes  `json:"active_minutes"`
	ElapsedMinutes             Minutes  `json:"elapsed_minutes"`
	LabelVoiceShare            *float64 `json:"label_voice_share"`
	AnswerVoiceShare           *float64 `json:"answer_voice_share"`
	ConversationsPerAssessment *float64 `json:"conversations_per_assessment"`
	Weeks                      []Week   `json:"weeks"`
}

// Compute works out the figures of each version from its tally.
// Versions come out in the order given; a version with no tally has
// nothing to measure.
func Compute(versions []Version, tallies []Tally) []VersionFigures {
	type key struct {
		t uint
		n int
	}
	byVersion := map[key]Tally{}
	for _, t := range tallies {
		byVersion[key{t.TemplateID, t.Version}] = t
	}
	out := make([]VersionFigures, 0, len(versions))
	for _, v := range versions {
		out = append(out, figures(v, byVersion[key{v.TemplateID, v.Number}]))
	}
	return out
}

func figures(v Version, t Tally) VersionFigures {
	f := VersionFigures{TemplateID: v.TemplateID, Title: v.Title, Version: v.Number, Started: t.Started,
		Completed: t.Completed, LabelVoiceShare: LabelVoiceShare(v.Schema), Weeks: sortWeeks(t.Weeks),
		ActiveMinutes: Summarise(t.ActiveMinutes), ElapsedMinutes: Summarise(t.ElapsedMinutes),
		AnswerVoiceShare: share(t.InVoice, t.FreeTexts)}
	if t.Completed > 0 {
		f.ConversationsPerAssessment = round(float64(t.Conversations)/float64(t.Completed), 2)
	}
	return f
}

func sortWeeks(ws []Week) []Week {
	out := append([]Week{}, ws...)
	sort.Slice(out, func(i, j int) bool { return out[i].Week < out[j].Week })
	return out
}

// LabelVoiceShare is the share of a version's answerable questions whose
// labels the designer's voice check (forms.CheckLabel) leaves alone.
func LabelVoiceShare(s *forms.Schema) *float64 {
	if s == nil {
		return nil
	}
	in, total := 0, 0
	for _, q := range s.Questions() {
		if !q.Type.Answerable() {
			continue
		}
		total++
		if _, _, flagged := forms.CheckLabel(q.Label); !flagged {
			in++
		}
	}
	return share(in, total)
}

// WeekOf names the week t falls in by its Monday (UTC).
func WeekOf(t time.Time) string {
	t = t.UTC()
	back := (int(t.Weekday()) + 6) % 7 // days since Monday
	return time.Date(t.Year(), t.Month(), t.Day()-back, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
}

// Summarise gives the median and 90th percentile of values (minutes),
// rounded to a tenth of a minute; nil for no values.
func Summarise(values []float64) Minutes {
	if len(values) == 0 {
		return Minutes{}
	}
	sorted := append([]float64(nil), values...)
	sort.Float64s(sorted)
	return Minutes{Median: round(Percentile(sorted, 0.5), 1), P90: round(Percentile(sorted, 0.9), 1)}
}

// Percentile of sorted values by linear interpolation between closest
// ranks (the method of Excel's PERCENTILE.INC and R's default, type 7):
// rank h = (n-1)p, then between the values at floor(h) and floor(h)+1.
func Percentile(sorted []float64, p float64) float64 {
	if len(sorted) == 0 {
		return math.NaN()
	}
	h := float64(len(sorted)-1) * p
	lo := int(math.Floor(h))
	if lo+1 >= len(sorted) {
		return sorted[len(sorted)-1]
	}
	return sorted[lo] + (h-float64(lo))*(sorted[lo+1]-sorted[lo])
}

func share(part, total int) *float64 {
	if total == 0 {
		return nil
	}
	return round(float64(part)/float64(total), 3)
}

func round(x float64, places int) *float64 {
	m := math.Pow(10, float64(places))
	r := math.Round(x*m) / m
	return &r
}

// Weeks adds up the weeks of all tallies, oldest week first.
func Weeks(tallies []Tally) []Week {
	sum := map[string]*Week{}
	for _, t := range tallies {
		for _, w := range t.Weeks {
			if sum[w.Week] == nil {
				sum[w.Week] = &Week{Week: w.Week}
			}
			sum[w.Week].Started += w.Started
			sum[w.Week].Completed += w.Completed
		}
	}
	out := make([]Week, 0, len(sum))
	for _, w := range sum {
		out = append(out, *w)
	}
	return sortWeeks(out)
}
