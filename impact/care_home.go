package impact

import "time"

// Shared is one shared assessment as the care-home figures see it: when
// it was first shared, when the care home first opened it, and its
// care-home decisions (first and latest).
type Shared struct {
	SharedAt       time.Time
	FirstOpened    *time.Time
	FirstDecision  *time.Time
	LatestDecision string // "accept", "question", "decline" or ""
}

// CareHome are the care-home figures. Available is false when this
// database does not record care-home responses; the other figures are then
// empty.
type CareHome struct {
	Available          bool     `json:"available"`
	Shared             int      `json:"shared"`
	Opened             int      `json:"opened"`
	Decided            int      `json:"decided"`
	MinutesToFirstOpen Minutes  `json:"minutes_to_first_open"`
	MinutesToDecision  Minutes  `json:"minutes_to_decision"`
	AcceptedShare      *float64 `json:"accepted_share"`
	QuestionedShare    *float64 `json:"questioned_share"`
	DeclinedShare      *float64 `json:"declined_share"`
}

// CareHomeFigures counts how fast care homes open and answer, and how.
func CareHomeFigures(available bool, shared []Shared) CareHome {
	c := CareHome{Available: available}
	if !available {
		return c
	}
	var open, decide []float64
	counts := map[string]int{}
	for _, s := range shared {
		c.Shared++
		if s.FirstOpened != nil {
			c.Opened++
			open = append(open, s.FirstOpened.Sub(s.SharedAt).Minutes())
		}
		if s.FirstDecision != nil && s.LatestDecision != "" {
			c.Decided++
			decide = append(decide, s.FirstDecision.Sub(s.SharedAt).Minutes())
			counts[s.LatestDecision]++
		}
	}
	c.MinutesToFirstOpen, c.MinutesToDecision = Summarise(open), Summarise(decide)
	c.AcceptedShare = share(counts["accept"], c.Decided)
	c.QuestionedShare = share(counts["question"], c.Decided)
	c.DeclinedShare = share(counts["decline"], c.Decided)
	return c
}
