package render

import (
	"strconv"

	"firstperson/forms"
)

// AssessmentView is what the assessment page reads: every section of the
// pinned version with its questions, the answers given, which questions are
// shown (show-if) and how far the assessor has got.
type AssessmentView struct {
	Sections []SectionView
	// Current is the index of the section on screen.
	Current int
	// Answered, Answerable and RequiredLeft count shown questions across
	// the whole form.
	Answered     int
	Answerable   int
	RequiredLeft int
}

// ViewOptions say how to build an AssessmentView.
type ViewOptions struct {
	// Section is the id of the section on screen; "" or an unknown id means
	// the first.
	Section string
	// Errors are messages shown next to questions, keyed by question id.
	Errors map[string]string
	// Typed keeps text the assessor typed that could not become an answer
	// (a number such as "two"), keyed by question id, so a 422 page shows
	// it again instead of losing it.
	Typed map[string]string
	// ReadOnly shows answers as text (a completed assessment).
	ReadOnly bool
}

// SectionView is one section with its progress.
type SectionView struct {
	ID        string
	Title     string
	Number    int // 1-based
	Questions []QuestionView
	Current   bool
	// Answered of Answerable shown questions have an answer; RequiredLeft
	// shown required questions do not yet.
	Answered     int
	Answerable   int
	RequiredLeft int
	HasErrors    bool
}

// Progress is the section's progress in words for the section list,
// e.g. "3 of 5 answered · 1 required left".
func (s SectionView) Progress() string {
	return progressText(s.Answered, s.Answerable, s.RequiredLeft)
}

// Complete reports whether every shown required question has an answer and
// at least one question does.
func (s SectionView) Complete() bool { return s.RequiredLeft == 0 && s.Answered > 0 }

// CurrentSection returns the section on screen.
func (v *AssessmentView) CurrentSection() *SectionView {
	if v.Current < 0 || v.Current >= len(v.Sections) {
		return nil
	}
	return &v.Sections[v.Current]
}

// Next returns the section after the current one, or nil after the last.
func (v *AssessmentView) Next() *SectionView {
	if v.Current+1 >= len(v.Sections) {
		return nil
	}
	return &v.Sections[v.Current+1]
}

// Previous returns the section before the current one, or nil.
func (v *AssessmentView) Previous() *SectionView {
	if v.Current <= 0 || v.Current > len(v.Sections) {
		return nil
	}
	return &v.Sections[v.Current-1]
}

// Progress is the whole form's progress in words.
func (v *AssessmentView) Progress() string {
	return progressText(v.Answered, v.Answerable, v.RequiredLeft)
}

// Percent is how much of the form is answered, 0 to 100.
func (v *AssessmentView) Percent() int {
	if v.Answerable == 0 {
		return 0
	}
	return v.Answered * 100 / v.Answerable
}

// NewAssessmentView builds the page's view of a pinned schema and its
// answers. It never modifies schema or answers.
func NewAssessmentView(schema *forms.Schema, answers forms.Answers, opt ViewOptions) *AssessmentView {
	v := &AssessmentView{Sections: make([]SectionView, 0, len(schema.Sections))}
	for i := range schema.Sections {
		sec := &schema.Sections[i]
		sv := SectionView{ID: sec.ID, Title: sec.Title, Number: i + 1,
			Questions: make([]QuestionView, 0, len(sec.Questions))}
		if sec.ID == opt.Section {
			v.Current = i
		}
		for qi := range sec.Questions {
			q := &sec.Questions[qi]
			qv := NewQuestionView(q, answers[q.ID], QuestionOptions{
				Hidden:   !schema.Visible(q.ID, answers),
				Error:    opt.Errors[q.ID],
				Typed:    opt.Typed[q.ID],
				HasTyped: hasKey(opt.Typed, q.ID),
				ReadOnly: opt.ReadOnly,
			})
			if qv.Error != "" {
				sv.HasErrors = true
			}
			if !qv.Hidden && q.Type.Answerable() {
				sv.Answerable++
				if qv.Answered {
					sv.Answered++
				} else if q.Required {
					sv.RequiredLeft++
				}
			}
			sv.Questions = append(sv.Questions, qv)
		}
		v.Answered += sv.Answered
		v.Answerable += sv.Answerable
		v.RequiredLeft += sv.RequiredLeft
		v.Sections = append(v.Sections, sv)
	}
	if len(v.Sections) > 0 {
		v.Sections[v.Current].Current = true
	}
	return v
}

func hasKey(m map[string]string, k string) bool {
	_, ok := m[k]
	return ok
}

func progressText(answered, answerable, requiredLeft int) string {
	s := strconv.Itoa(answered) + " of " + strconv.Itoa(answerable) + " answered"
	switch requiredLeft {
	case 0:
	case 1:
		s += " · 1 required left"
	default:
		s += " · " + strconv.Itoa(requiredLeft) + " required left"
	}
	return s
}
