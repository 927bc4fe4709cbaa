package server

import (
	"slices"
	"testing"

	"firstperson/forms"
)

func TestKebab(t *testing.T) {
	tests := []struct{ name, label, want string }{
		{"words", "My name", "my-name"},
		{"punctuation", "I walk with…", "i-walk-with"},
		{"apostrophe joins", "The person's wishes", "the-persons-wishes"},
		{"curly apostrophe", "Zoë’s café", "zoes-cafe"},
		{"accents folded", "Łukasiewicz Ó'Brien", "lukasiewicz-obrien"},
		{"digits kept", "Page 2 of 10", "page-2-of-10"},
		{"cut at a word", "What matters most to me now is the garden and the birds", "what-matters-most-to-me-now-is-the"},
		{"nothing to spell", "名前", ""},
		{"leading symbols", "  -- (Optional) notes", "optional-notes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := kebab(tt.label); got != tt.want {
				t.Fatalf("kebab(%q) = %q, want %q", tt.label, got, tt.want)
			}
			if len(kebab(tt.label)) > maxGeneratedID {
				t.Fatalf("too long")
			}
		})
	}
}

func TestUniqueID(t *testing.T) {
	taken := map[string]bool{"my-name": true, "my-name-2": true, "question": true}
	if got := uniqueID("My name", "question", taken); got != "my-name-3" {
		t.Fatalf("got %q", got)
	}
	if got := uniqueID("名前", "question", taken); got != "question-2" {
		t.Fatalf("got %q", got)
	}
	if got := uniqueID("I enjoy", "question", taken); got != "i-enjoy" {
		t.Fatalf("got %q", got)
	}
	s := &forms.Schema{Sections: []forms.Section{{ID: "a", Questions: []forms.Question{{ID: "b"}}}}}
	if ids := schemaIDs(s); !ids["a"] || !ids["b"] || len(ids) != 2 {
		t.Fatalf("schemaIDs = %v", ids)
	}
}

func TestColumnIDsKeepAnswersAttached(t *testing.T) {
	old := []forms.Column{{ID: "name", Label: "Name"}, {ID: "dose", Label: "Dose"}, {ID: "when", Label: "When"}}
	tests := []struct {
		name   string
		labels []string
		want   []string
	}{
		{"unchanged", []string{"Name", "Dose", "When"}, []string{"name", "dose", "when"}},
		{"reordered", []string{"When", "Name", "Dose"}, []string{"when", "name", "dose"}},
		{"renamed in place", []string{"Medicine", "Dose", "When"}, []string{"name", "dose", "when"}},
		{"added", []string{"Name", "Dose", "When", "How I take it"}, []string{"name", "dose", "when", "how-i-take-it"}},
		{"removed", []string{"Name", "When"}, []string{"name", "when"}},
		{"new label clashing with an old id", []string{"Name", "Dose", "When", "Name"}, []string{"name", "dose", "when", "name-2"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cols := columnIDs(tt.labels, old)
			var ids []string
			for i, c := range cols {
				ids = append(ids, c.ID)
				if c.Label != tt.labels[i] {
					t.Fatalf("label %d = %q", i, c.Label)
				}
			}
			if !slices.Equal(ids, tt.want) {
				t.Fatalf("ids = %v, want %v", ids, tt.want)
			}
		})
	}
}
