package forms

import (
	"slices"
	"strings"
	"testing"
	"unicode"
)

// voiceKeyGeneral is voiceKey without its ASCII shortcut.
func voiceKeyGeneral(s string) string {
	s = strings.ToLower(s)
	if strings.Contains(s, "’") {
		s = strings.ReplaceAll(s, "’", "'")
	}
	if strings.Contains(s, "&") {
		s = strings.ReplaceAll(s, "&", " and ")
	}
	if strings.Contains(s, "  ") || strings.IndexFunc(s, func(r rune) bool { return r != ' ' && unicode.IsSpace(r) }) >= 0 {
		s = strings.Join(strings.Fields(s), " ")
	}
	if strings.Contains(s, " / ") {
		s = strings.ReplaceAll(s, " / ", "/")
	}
	return strings.Trim(s, ":*?.…-–—/ ")
}

// sameAsStrings checks each shortcut (voice_strings.go, the lexicon table,
// voiceKey) against the strings package calls it stands for.
func sameAsStrings(t *testing.T, s string) {
	t.Helper()
	fields := strings.Fields(s)
	if got, want := joinFields(s), strings.Join(fields, " "); got != want {
		t.Errorf("joinFields(%q) = %q, want %q", s, got, want)
	}
	if got := appendFields(nil, s); !slices.Equal(got, fields) {
		t.Errorf("appendFields(%q) = %q, want %q", s, got, fields)
	}
	last := ""
	if len(fields) > 0 {
		last = fields[len(fields)-1]
	}
	if got := lastField(s); got != last {
		t.Errorf("lastField(%q) = %q, want %q", s, got, last)
	}
	if got, want := upperText(s), strings.ToUpper(s) == s; got != want {
		t.Errorf("upperText(%q) = %v, want %v", s, got, want)
	}
	for _, low := range []string{"a", "an", "the", "of", "i"} {
		if got, want := lowerIs(s, low), strings.ToLower(s) == low; got != want {
			t.Errorf("lowerIs(%q, %q) = %v, want %v", s, low, got, want)
		}
	}
	if got, want := prefixed("My ", fields), "My "+strings.Join(fields, " "); got != want {
		t.Errorf("prefixed(%q) = %q, want %q", fields, got, want)
	}
	if isASCII, capitals := asciiCase(s); isASCII != ascii(s) || isASCII && capitals != (strings.ToLower(s) != s) {
		t.Errorf("asciiCase(%q) = %v, %v", s, isASCII, capitals)
	} else if isASCII {
		b := make([]byte, len(s))
		if lowerASCII(b, s); string(b) != strings.ToLower(s) {
			t.Errorf("lowerASCII(%q) = %q", s, b)
		}
	}
	if got, want := voiceKey(s), voiceKeyGeneral(s); got != want {
		t.Errorf("voiceKey(%q) = %q, want %q", s, got, want)
	}
	all := ^wordSet(0)
	if got, want := all.hasLower(s), lexicon[strings.ToLower(s)] != 0; got != want {
		t.Errorf("hasLower(%q) = %v, want %v", s, got, want)
	}
	if got, want := lookupSets(s), lexicon[s]; got != want {
		t.Errorf("lookupSets(%q) = %b, want %b", s, got, want)
	}
}

// TestStringShortcuts holds the shortcuts to the strings package on the
// corpus, every listed word and some awkward texts.
func TestStringShortcuts(t *testing.T) {
	for _, r := range loadVoiceCorpus(t) {
		sameAsStrings(t, r.label)
		sameAsStrings(t, strings.ToUpper(r.label))
	}
	for w := range lexicon {
		sameAsStrings(t, w)
		sameAsStrings(t, strings.ToUpper(w))
	}
	for _, s := range []string{"", " ", "  a  b ", "\tx\n", "a / b", "A&B", "x…", "–x–", "THE", "The", "ΤΗΕ", "İ", "K",
		"Kelvin \u212a", "a\u00a0b", "a\u0085b", " ſtaff", "\xff", "x\xffy", "Name of LPA:", strings.Repeat("Ab ", 60),
		"@AZ[`az{\x7f@AZ[`az{\x7f", "ABCDEFGH", "abcdefgh", "ABCDEFGHé", "éABCDEFGH", strings.Repeat("@[", 9)} {
		sameAsStrings(t, s)
	}
}

func FuzzStringShortcuts(f *testing.F) {
	for _, s := range []string{"Next of kin:", "A / B", "x  y", "SHOE SIZE", "The\tend", "İ"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { sameAsStrings(t, s) })
}
