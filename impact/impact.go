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

// Assessment is one assessment as the figures see it.
type Assessment struct {
	TemplateID    uint
	Version       int
	Started       time.Time
	Completed     *time.Time
	ActiveSeconds float64 // completed assessments only
	forms.AnswerFacts
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

// Compute works out the figures of each version from the assessments
// started on it. Versions come out in the order given; assessments of a
// version not given are ignored.
func Compute(versions []Version, as []Assessment) []VersionFigures {
	type key struct {
		t uint
		n int
	}
	byVersion := map[key][]*Assessment{}
	for i := range as {
		k := key{as[i].TemplateID, as[i].Version}
		byVersion[k] = append(byVersion[k], &as[i])
	}
	out := make([]VersionFigures, 0, len(versions))
	for _, v := range versions {
		out = append(out, figures(v, byVersion[key{v.TemplateID, v.Number}]))
	}
	return out
}

func figures(v Version, as []*Assessment) VersionFigures {
	f := VersionFigures{TemplateID: v.TemplateID, Title: v.Title, Version: v.Number, Started: len(as),
		LabelVoiceShare: LabelVoiceShare(v.Schema), Weeks: []Week{}}
	var active, elapsed []float64
	freeTexts, inVoice, conversations := 0, 0, 0
	weeks := map[string]*Week{}
	week := func(t time.Time) *Week {
		k := WeekOf(t)
		if weeks[k] == nil {
			weeks[k] = &Week{Week: k}
		}
		return weeks[k]
	}
	for _, a := range as {
		week(a.Started).Started++
		freeTexts += a.FreeTexts
		inVoice += a.InVoice
		if a.Completed == nil {
			continue
		}
		f.Completed++
		week(*a.Completed).Completed++
		active = append(active, a.ActiveSeconds/60)
		elapsed = append(elapsed, a.Completed.Sub(a.Started).Minutes())
		conversations += a.Conversations
	}
	f.ActiveMinutes, f.ElapsedMinutes = Summarise(active), Summarise(elapsed)
	f.AnswerVoiceShare = share(inVoice, freeTexts)
	if f.Completed > 0 {
		f.ConversationsPerAssessment = round(float64(conversations)/float64(f.Completed), 2)
	}
	for _, w := range weeks {
		f.Weeks = append(f.Weeks, *w)
	}
	sort.Slice(f.Weeks, func(i, j int) bool { return f.Weeks[i].Week < f.Weeks[j].Week })
	return f
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

// Weeks counts assessments started and completed per week across all the
// assessments given, oldest week first.
func Weeks(as []Assessment) []Week {
	weeks := map[string]*Week{}
	get := func(t time.Time) *Week {
		k := WeekOf(t)
		if weeks[k] == nil {
			weeks[k] = &Week{Week: k}
		}
		return weeks[k]
	}
	for i := range as {
		get(as[i].Started).Started++
		if as[i].Completed != nil {
			get(*as[i].Completed).Completed++
		}
	}
	out := make([]Week, 0, len(weeks))
	for _, w := range weeks {
		out = append(out, *w)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Week < out[j].Week })
	return out
}
