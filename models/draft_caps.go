package models

import (
	"fmt"

	"firstperson/forms"
)

// Caps on one template version. A real assessment form has tens of
// questions; these leave room for the largest plausible one while keeping
// every page that shows, validates or diffs a draft fast (a 40,000-question
// draft once took 22 s to open).
const (
	MaxQuestions   = 1000
	MaxSchemaBytes = 2 << 20
	MaxSections    = 200
)

// checkDraftCaps refuses a schema over the caps with a 422 naming what is
// too big; enc is its JSON.
func checkDraftCaps(s *forms.Schema, enc string) error {
	questions := 0
	for _, sec := range s.Sections {
		questions += len(sec.Questions)
	}
	fields := map[string]string{}
	if questions > MaxQuestions {
		fields["questions"] = fmt.Sprintf("a template holds at most %d questions; this one has %d", MaxQuestions, questions)
	}
	if len(s.Sections) > MaxSections {
		fields["sections"] = fmt.Sprintf("a template holds at most %d sections; this one has %d", MaxSections, len(s.Sections))
	}
	if len(enc) > MaxSchemaBytes {
		fields["schema"] = fmt.Sprintf("a template is at most %d MB as JSON; this one is %.1f MB", MaxSchemaBytes>>20, float64(len(enc))/(1<<20))
	}
	if len(fields) > 0 {
		return &forms.ValidationError{Message: "the template is too large", Fields: fields}
	}
	return nil
}
