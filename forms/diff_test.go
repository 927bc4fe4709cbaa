package forms

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func diffBase() *Schema {
	return &Schema{Title: "Discharge assessment", Sections: []Section{
		{ID: "about", Title: "About me", Questions: []Question{
			{ID: "name", Label: "My name", Type: TypeText, Required: true},
			{ID: "call-me", Label: "Please call me", Type: TypeText},
			{ID: "dob", Label: "My date of birth", Type: TypeDate},
		}},
		{ID: "health", Title: "My health", Questions: []Question{
			{ID: "allergies", Label: "I am allergic to", Type: TypeLongText},
			{ID: "interpreter", Label: "I need an interpreter", Type: TypeYesNo},
			{ID: "language", Label: "The language I speak is", Type: TypeText,
				ShowIf: &Condition{Question: "interpreter", Equals: true}},
			{ID: "helpers", Label: "I need this many people to help me move", Type: TypeNumber},
		}},
		{ID: "moving", Title: "Moving around", Questions: []Question{
			{ID: "walk", Label: "I walk with", Type: TypeChoice, Options: []string{"Nothing", "A stick", "A frame"}},
			{ID: "medicines", Label: "My medicines", Type: TypeTable, Columns: []Column{{ID: "name", Label: "Medicine"}}},
			{ID: "fallen", Label: "I have fallen in the last 12 months", Type: TypeYesNo},
		}},
	}}
}

// ids is a non-nil list, as Diff returns.
func ids(s ...string) []string { return append([]string{}, s...) }

func noSectionChanges() SectionChanges {
	return SectionChanges{Added: ids(), Removed: ids(), Renamed: ids(), Moved: ids()}
}

// moveQuestion takes question id out of its section and puts it into
// section sec at index at.
func moveQuestion(s *Schema, id, sec string, at int) {
	var q Question
	for si := range s.Sections {
		qs := s.Sections[si].Questions
		if i := slices.IndexFunc(qs, func(q Question) bool { return q.ID == id }); i >= 0 {
			q = qs[i]
			s.Sections[si].Questions = slices.Delete(qs, i, i+1)
		}
	}
	for si := range s.Sections {
		if s.Sections[si].ID == sec {
			s.Sections[si].Questions = slices.Insert(s.Sections[si].Questions, at, q)
		}
	}
}

func TestDiff(t *testing.T) {
	tests := []struct {
		name                                     string
		change                                   func(s *Schema)
		added, removed, changed, reworded, moved []string
		details                                  []QuestionChange // nil: not checked
		sections                                 *SectionChanges  // nil: no section changes
		titleChanged                             bool
	}{
		{name: "identical", change: func(s *Schema) {}},
		{
			name: "added at the end",
			change: func(s *Schema) {
				s.Sections[2].Questions = append(s.Sections[2].Questions, Question{ID: "equipment", Label: "Equipment I need", Type: TypeLongText})
			},
			added:   ids("equipment"),
			details: []QuestionChange{{QuestionID: "equipment", Kinds: ids("added"), NewLabel: "Equipment I need", NewSection: "moving"}},
		},
		{
			name: "inserted before others is not a move",
			change: func(s *Schema) {
				s.Sections[0].Questions = slices.Insert(s.Sections[0].Questions, 0, Question{ID: "nhs", Label: "My NHS number", Type: TypeText})
			},
			added: ids("nhs"),
		},
		{
			name:    "removed; the questions after it have not moved",
			change:  func(s *Schema) { s.Sections[0].Questions = slices.Delete(s.Sections[0].Questions, 0, 1) },
			removed: ids("name"),
			details: []QuestionChange{{QuestionID: "name", Kinds: ids("removed"), OldLabel: "My name", OldSection: "about"}},
		},
		{
			name:     "reworded",
			change:   func(s *Schema) { s.Sections[1].Questions[0].Label = "I am allergic to these things" },
			changed:  ids("allergies"),
			reworded: ids("allergies"),
			details: []QuestionChange{{QuestionID: "allergies", Kinds: ids("reworded"),
				OldLabel: "I am allergic to", NewLabel: "I am allergic to these things", OldSection: "health", NewSection: "health"}},
		},
		{
			name:    "moved to another section",
			change:  func(s *Schema) { moveQuestion(s, "helpers", "moving", 1) },
			changed: ids("helpers"),
			moved:   ids("helpers"),
			details: []QuestionChange{{QuestionID: "helpers", Kinds: ids("moved"),
				OldLabel: "I need this many people to help me move", NewLabel: "I need this many people to help me move",
				OldSection: "health", NewSection: "moving"}},
		},
		{
			name:    "reordered within a section: only the question that moved",
			change:  func(s *Schema) { moveQuestion(s, "allergies", "health", 3) },
			changed: ids("allergies"),
			moved:   ids("allergies"),
			details: []QuestionChange{{QuestionID: "allergies", Kinds: ids("moved"), OldLabel: "I am allergic to",
				NewLabel: "I am allergic to", OldSection: "health", NewSection: "health", Fields: ids("position")}},
		},
		{
			name:    "last question moved to the front",
			change:  func(s *Schema) { moveQuestion(s, "helpers", "health", 0) },
			changed: ids("helpers"),
			moved:   ids("helpers"),
		},
		{
			name: "moved and a question inserted before: only the moved one",
			change: func(s *Schema) {
				moveQuestion(s, "fallen", "moving", 0)
				s.Sections[2].Questions = slices.Insert(s.Sections[2].Questions, 0, Question{ID: "bed", Label: "I need bed rails", Type: TypeYesNo})
			},
			added:   ids("bed"),
			changed: ids("fallen"),
			moved:   ids("fallen"),
		},
		{
			name: "option added",
			change: func(s *Schema) {
				s.Sections[2].Questions[0].Options = append(s.Sections[2].Questions[0].Options, "A wheelchair")
			},
			changed: ids("walk"),
			details: []QuestionChange{{QuestionID: "walk", Kinds: ids("changed"), OldLabel: "I walk with", NewLabel: "I walk with",
				OldSection: "moving", NewSection: "moving", Fields: ids("options")}},
		},
		{
			name:    "options reordered",
			change:  func(s *Schema) { slices.Reverse(s.Sections[2].Questions[0].Options) },
			changed: ids("walk"),
		},
		{
			name:    "required toggled",
			change:  func(s *Schema) { s.Sections[0].Questions[0].Required = false },
			changed: ids("name"),
			details: []QuestionChange{{QuestionID: "name", Kinds: ids("changed"), OldLabel: "My name", NewLabel: "My name",
				OldSection: "about", NewSection: "about", Fields: ids("required")}},
		},
		{
			name:    "show_if value changed",
			change:  func(s *Schema) { s.Sections[1].Questions[2].ShowIf.Equals = false },
			changed: ids("language"),
		},
		{
			name:    "show_if removed",
			change:  func(s *Schema) { s.Sections[1].Questions[2].ShowIf = nil },
			changed: ids("language"),
		},
		{
			name:    "show_if added",
			change:  func(s *Schema) { s.Sections[2].Questions[2].ShowIf = &Condition{Question: "walk", Equals: "A frame"} },
			changed: ids("fallen"),
		},
		{
			name: "type, hint and columns",
			change: func(s *Schema) {
				s.Sections[0].Questions[2].Type = TypeText
				s.Sections[0].Questions[2].Hint = "Ask to see a letter"
				s.Sections[2].Questions[1].Columns = append(s.Sections[2].Questions[1].Columns, Column{ID: "dose", Label: "Dose"})
			},
			changed: ids("dob", "medicines"),
			details: []QuestionChange{
				{QuestionID: "dob", Kinds: ids("changed"), OldLabel: "My date of birth", NewLabel: "My date of birth",
					OldSection: "about", NewSection: "about", Fields: ids("type", "hint")},
				{QuestionID: "medicines", Kinds: ids("changed"), OldLabel: "My medicines", NewLabel: "My medicines",
					OldSection: "moving", NewSection: "moving", Fields: ids("columns")},
			},
		},
		{
			name: "reworded, moved and changed at once",
			change: func(s *Schema) {
				moveQuestion(s, "dob", "health", 0)
				s.Sections[1].Questions[0].Label = "I was born on"
				s.Sections[1].Questions[0].Required = true
			},
			changed:  ids("dob"),
			reworded: ids("dob"),
			moved:    ids("dob"),
			details: []QuestionChange{{QuestionID: "dob", Kinds: ids("reworded", "moved", "changed"), OldLabel: "My date of birth",
				NewLabel: "I was born on", OldSection: "about", NewSection: "health", Fields: ids("required")}},
		},
		{
			name:         "title changed",
			change:       func(s *Schema) { s.Title = "Discharge assessment (2025)" },
			titleChanged: true,
		},
		{
			name: "sections added, removed, renamed",
			change: func(s *Schema) {
				s.Sections[0].Title = "All about me"
				s.Sections = append(s.Sections[:2], Section{ID: "skin", Title: "My skin"})
			},
			removed:  ids("walk", "medicines", "fallen"),
			sections: &SectionChanges{Added: ids("skin"), Removed: ids("moving"), Renamed: ids("about"), Moved: ids()},
		},
		{
			name:     "a section moved as a whole: its questions did not move",
			change:   func(s *Schema) { s.Sections = []Section{s.Sections[2], s.Sections[0], s.Sections[1]} },
			sections: &SectionChanges{Added: ids(), Removed: ids(), Renamed: ids(), Moved: ids("moving")},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			from, to := diffBase(), diffBase()
			tc.change(to)
			d := Diff(from, to)
			check := func(what string, got, want []string) {
				t.Helper()
				if want == nil {
					want = ids()
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("%s = %q, want %q", what, got, want)
				}
			}
			check("Added", d.Added, tc.added)
			check("Removed", d.Removed, tc.removed)
			check("Changed", d.Changed, tc.changed)
			check("Reworded", d.Reworded, tc.reworded)
			check("Moved", d.Moved, tc.moved)
			if d.TitleChanged != tc.titleChanged {
				t.Errorf("TitleChanged = %v, want %v", d.TitleChanged, tc.titleChanged)
			}
			wantSections := noSectionChanges()
			if tc.sections != nil {
				wantSections = *tc.sections
			}
			if !reflect.DeepEqual(d.Sections, wantSections) {
				t.Errorf("Sections = %+v, want %+v", d.Sections, wantSections)
			}
			if n := len(tc.added) + len(tc.removed) + len(tc.changed); len(d.Details) != n {
				t.Errorf("%d details, want one per added, removed and changed question (%d): %+v", len(d.Details), n, d.Details)
			}
			if tc.details != nil && !reflect.DeepEqual(d.Details, tc.details) {
				t.Errorf("Details =\n%+v\nwant\n%+v", d.Details, tc.details)
			}
		})
	}
}

func TestDiffIdenticalIsEmptyJSON(t *testing.T) {
	b, err := json.Marshal(Diff(diffBase(), diffBase()))
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"added":[],"removed":[],"changed":[],"reworded":[],"moved":[],"details":[],"title_changed":false,` +
		`"sections":{"added":[],"removed":[],"renamed":[],"moved":[]}}`
	if string(b) != want {
		t.Errorf("JSON = %s\nwant %s", b, want)
	}
}

func TestDiffNilAndEmptySchemas(t *testing.T) {
	if d := Diff(nil, nil); !reflect.DeepEqual(d, Diff(&Schema{}, &Schema{})) || len(d.Details) != 0 || d.Added == nil || d.Sections.Moved == nil {
		t.Errorf("Diff(nil, nil) = %+v", d)
	}
	all := ids("name", "call-me", "dob", "allergies", "interpreter", "language", "helpers", "walk", "medicines", "fallen")
	if d := Diff(nil, diffBase()); !reflect.DeepEqual(d.Added, all) || len(d.Removed) != 0 || !d.TitleChanged ||
		!reflect.DeepEqual(d.Sections.Added, ids("about", "health", "moving")) {
		t.Errorf("Diff(nil, base) = %+v", d)
	}
	if d := Diff(diffBase(), &Schema{}); !reflect.DeepEqual(d.Removed, all) || len(d.Added) != 0 ||
		!reflect.DeepEqual(d.Sections.Removed, ids("about", "health", "moving")) {
		t.Errorf("Diff(base, empty) = %+v", d)
	}
}

// TestDiffConditionNumbersCompareAsStored: a schema built in Go may hold
// an int where the stored JSON gives float64; that is not a change.
func TestDiffConditionNumbersCompareAsStored(t *testing.T) {
	from, to := diffBase(), diffBase()
	from.Sections[2].Questions[2].ShowIf = &Condition{Question: "helpers", Equals: 2}
	to.Sections[2].Questions[2].ShowIf = &Condition{Question: "helpers", Equals: 2.0}
	if d := Diff(from, to); len(d.Changed) != 0 {
		t.Errorf("Changed = %q, want none", d.Changed)
	}
}

func TestLongestIncreasing(t *testing.T) {
	tests := []struct {
		in   []int
		keep string // one x per kept element, . per dropped
	}{
		{nil, ""},
		{[]int{0, 1, 2, 3}, "xxxx"},
		{[]int{1, 2, 3, 0}, "xxx."},
		{[]int{3, 0, 1, 2}, ".xxx"},
		{[]int{0, 2, 1, 3}, "x.xx"},
		{[]int{1, 0}, ".x"},
		{[]int{4, 3, 2, 1, 0}, "....x"},
		{[]int{2, 5, 3, 7, 11, 8, 10, 13, 6}, "x.xx.xxx."},
	}
	for _, tc := range tests {
		var b strings.Builder
		for _, k := range longestIncreasing(tc.in) {
			if k {
				b.WriteByte('x')
			} else {
				b.WriteByte('.')
			}
		}
		if b.String() != tc.keep {
			t.Errorf("longestIncreasing(%v) = %s, want %s", tc.in, b.String(), tc.keep)
		}
	}
}
