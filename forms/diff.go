package forms

import (
	"encoding/json"
	"slices"
)

// QuestionChange describes how one question differs between two versions.
type QuestionChange struct {
	QuestionID string   `json:"question_id"`
	Kinds      []string `json:"kinds"` // any of "added", "removed", "reworded", "moved", "changed"
	OldLabel   string   `json:"old_label,omitempty"`
	NewLabel   string   `json:"new_label,omitempty"`
	OldSection string   `json:"old_section,omitempty"` // section id
	NewSection string   `json:"new_section,omitempty"`
	// Fields lists which properties changed besides the label: "type",
	// "hint", "required", "options", "columns", "show_if", "position".
	Fields []string `json:"fields,omitempty"`
}

// SectionChanges lists section ids that were added, removed, renamed (same
// id, new title) or moved (their order among the sections kept in both
// versions changed).
type SectionChanges struct {
	Added   []string `json:"added"`
	Removed []string `json:"removed"`
	Renamed []string `json:"renamed"`
	Moved   []string `json:"moved"`
}

// VersionDiff is what changed from one version of a form to another, by
// question id. Every slice is non-nil so the JSON shows [] rather than null.
type VersionDiff struct {
	Added    []string `json:"added"`    // in to but not from, in to order
	Removed  []string `json:"removed"`  // in from but not to, in from order
	Changed  []string `json:"changed"`  // in both with any difference, in to order
	Reworded []string `json:"reworded"` // changed, and the label differs
	// Moved are changed questions now in another section, or whose order
	// among the questions that stayed in their section changed. A question
	// merely shifted by an insertion or removal before it has not moved,
	// and neither have the questions of a section that moved as a whole.
	Moved        []string         `json:"moved"`
	Details      []QuestionChange `json:"details"` // added and changed in to order, then removed
	TitleChanged bool             `json:"title_changed"`
	Sections     SectionChanges   `json:"sections"`
}

// placedQuestion is a question with the section that holds it.
type placedQuestion struct {
	q       *Question
	section string
}

// Diff compares two versions of a form. Either may be nil (an empty form).
func Diff(from, to *Schema) VersionDiff {
	if from == nil {
		from = &Schema{}
	}
	if to == nil {
		to = &Schema{}
	}
	d := VersionDiff{
		Added: []string{}, Removed: []string{}, Changed: []string{}, Reworded: []string{},
		Moved: []string{}, Details: []QuestionChange{}, TitleChanged: from.Title != to.Title,
		Sections: diffSections(from.Sections, to.Sections),
	}
	oldQs, oldOrder := placeQuestions(from)
	newQs, newOrder := placeQuestions(to)
	reordered := reorderedQuestions(oldQs, oldOrder, newQs, newOrder)

	for _, id := range newOrder {
		nq := newQs[id]
		oq, kept := oldQs[id]
		if !kept {
			d.Added = append(d.Added, id)
			d.Details = append(d.Details, QuestionChange{
				QuestionID: id, Kinds: []string{"added"}, NewLabel: nq.q.Label, NewSection: nq.section,
			})
			continue
		}
		fields := changedFields(oq.q, nq.q)
		if reordered[id] {
			fields = append(fields, "position")
		}
		reworded := oq.q.Label != nq.q.Label
		moved := reordered[id] || oq.section != nq.section
		if !reworded && !moved && len(fields) == 0 {
			continue
		}
		c := QuestionChange{
			QuestionID: id, Kinds: []string{}, OldLabel: oq.q.Label, NewLabel: nq.q.Label,
			OldSection: oq.section, NewSection: nq.section, Fields: fields,
		}
		d.Changed = append(d.Changed, id)
		if reworded {
			d.Reworded = append(d.Reworded, id)
			c.Kinds = append(c.Kinds, "reworded")
		}
		if moved {
			d.Moved = append(d.Moved, id)
			c.Kinds = append(c.Kinds, "moved")
		}
		if slices.ContainsFunc(fields, func(f string) bool { return f != "position" }) {
			c.Kinds = append(c.Kinds, "changed")
		}
		d.Details = append(d.Details, c)
	}
	for _, id := range oldOrder {
		if _, kept := newQs[id]; !kept {
			oq := oldQs[id]
			d.Removed = append(d.Removed, id)
			d.Details = append(d.Details, QuestionChange{
				QuestionID: id, Kinds: []string{"removed"}, OldLabel: oq.q.Label, OldSection: oq.section,
			})
		}
	}
	return d
}

// placeQuestions indexes a form's questions by id, keeping form order. A
// repeated id (which validation rejects) counts once, where it first appears.
func placeQuestions(s *Schema) (map[string]placedQuestion, []string) {
	byID := map[string]placedQuestion{}
	var order []string
	for si := range s.Sections {
		sec := &s.Sections[si]
		for qi := range sec.Questions {
			q := &sec.Questions[qi]
			if _, seen := byID[q.ID]; seen {
				continue
			}
			byID[q.ID] = placedQuestion{q: q, section: sec.ID}
			order = append(order, q.ID)
		}
	}
	return byID, order
}

// reorderedQuestions finds the questions that changed place within their
// section: among the questions kept in the same section, those outside a
// longest run that keeps its old relative order. Only the fewest questions
// that explain the new order are reported.
func reorderedQuestions(oldQs map[string]placedQuestion, oldOrder []string,
	newQs map[string]placedQuestion, newOrder []string) map[string]bool {
	oldPos := map[string]int{}
	for i, id := range oldOrder {
		oldPos[id] = i
	}
	// The questions that stayed in each section, in their new order.
	stayed := map[string][]string{}
	var sections []string
	for _, id := range newOrder {
		oq, kept := oldQs[id]
		if !kept || oq.section != newQs[id].section {
			continue
		}
		sec := oq.section
		if _, ok := stayed[sec]; !ok {
			sections = append(sections, sec)
		}
		stayed[sec] = append(stayed[sec], id)
	}
	reordered := map[string]bool{}
	for _, sec := range sections {
		ids := stayed[sec]
		positions := make([]int, len(ids))
		for i, id := range ids {
			positions[i] = oldPos[id]
		}
		inOrder := longestIncreasing(positions)
		for i, id := range ids {
			if !inOrder[i] {
				reordered[id] = true
			}
		}
	}
	return reordered
}

// longestIncreasing marks the elements of one longest strictly increasing
// subsequence of xs (patience sorting, O(n log n)). When two neighbours
// simply swap either could be called moved; this reports the one now first.
func longestIncreasing(xs []int) []bool {
	// tails[k] is the index in xs of the smallest tail of a run of length k+1.
	var tails []int
	prev := make([]int, len(xs))
	for i, x := range xs {
		k, _ := slices.BinarySearchFunc(tails, x, func(t, x int) int { return xs[t] - x })
		if k > 0 {
			prev[i] = tails[k-1]
		} else {
			prev[i] = -1
		}
		if k == len(tails) {
			tails = append(tails, i)
		} else {
			tails[k] = i
		}
	}
	keep := make([]bool, len(xs))
	if len(tails) == 0 {
		return keep
	}
	for i := tails[len(tails)-1]; i >= 0; i = prev[i] {
		keep[i] = true
	}
	return keep
}

// changedFields lists which properties other than the label and place differ.
func changedFields(a, b *Question) []string {
	var fields []string
	add := func(name string, differ bool) {
		if differ {
			fields = append(fields, name)
		}
	}
	add("type", a.Type != b.Type)
	add("hint", a.Hint != b.Hint)
	add("required", a.Required != b.Required)
	add("options", !slices.Equal(a.Options, b.Options))
	add("columns", !slices.Equal(a.Columns, b.Columns))
	add("show_if", !sameCondition(a.ShowIf, b.ShowIf))
	return fields
}

// sameCondition compares show-if rules as they are stored (JSON), so 1 and
// 1.0 are the same value whichever way the schema was built.
func sameCondition(a, b *Condition) bool {
	if a == nil || b == nil {
		return a == b
	}
	ja, errA := json.Marshal(a)
	jb, errB := json.Marshal(b)
	return errA == nil && errB == nil && string(ja) == string(jb)
}

// diffSections compares the sections by id.
func diffSections(from, to []Section) SectionChanges {
	c := SectionChanges{Added: []string{}, Removed: []string{}, Renamed: []string{}, Moved: []string{}}
	oldTitle, oldPos := map[string]string{}, map[string]int{}
	for i, s := range from {
		if _, seen := oldTitle[s.ID]; !seen {
			oldTitle[s.ID], oldPos[s.ID] = s.Title, i
		}
	}
	newIDs := map[string]bool{}
	var kept []string
	var positions []int
	for _, s := range to {
		if newIDs[s.ID] {
			continue
		}
		newIDs[s.ID] = true
		title, ok := oldTitle[s.ID]
		switch {
		case !ok:
			c.Added = append(c.Added, s.ID)
			continue
		case title != s.Title:
			c.Renamed = append(c.Renamed, s.ID)
		}
		kept = append(kept, s.ID)
		positions = append(positions, oldPos[s.ID])
	}
	for i, inOrder := range longestIncreasing(positions) {
		if !inOrder {
			c.Moved = append(c.Moved, kept[i])
		}
	}
	for _, s := range from {
		if !newIDs[s.ID] && !slices.Contains(c.Removed, s.ID) {
			c.Removed = append(c.Removed, s.ID)
		}
	}
	return c
}
