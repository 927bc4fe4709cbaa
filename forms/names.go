package forms

import (
	"fmt"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// NFC returns s in Unicode normal form C, so a name typed with a combining
// accent (e + ◌̈) and one typed with a precomposed letter (ë) are stored,
// shown, compared and printed the same way.
func NFC(s string) string { return norm.NFC.String(s) }

// Invisible reports the first invisible formatting character in s: the
// bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F,
// U+061C), zero-width characters (U+200B–U+200D, U+2060, U+FEFF) and every
// other format (Cf) character, plus the line and paragraph separators. A
// right-to-left override in a name makes the screen and the PDF show it
// differently, so names refuse them.
func Invisible(s string) (rune, bool) {
	for _, r := range s {
		if unicode.In(r, unicode.Cf, unicode.Zl, unicode.Zp) {
			return r, true
		}
	}
	return 0, false
}

// InvisibleProblem is the message for a field holding an invisible
// character, or "" when it holds none.
func InvisibleProblem(s string) string {
	if r, ok := Invisible(s); ok {
		return fmt.Sprintf("contains an invisible formatting character (U+%04X) that can make it read differently on screen and on paper; please retype it", r)
	}
	return ""
}

// NormalizeText puts every title, label, hint, option and column label of
// the schema (and a show-if's text value, which names an option) in NFC.
func (s *Schema) NormalizeText() {
	s.Title = NFC(s.Title)
	for si := range s.Sections {
		sec := &s.Sections[si]
		sec.Title = NFC(sec.Title)
		for qi := range sec.Questions {
			q := &sec.Questions[qi]
			q.Label, q.Hint = NFC(q.Label), NFC(q.Hint)
			for i := range q.Options {
				q.Options[i] = NFC(q.Options[i])
			}
			for i := range q.Columns {
				q.Columns[i].Label = NFC(q.Columns[i].Label)
			}
			if q.ShowIf != nil {
				if v, ok := q.ShowIf.Equals.(string); ok {
					q.ShowIf.Equals = NFC(v)
				}
			}
		}
	}
}
