package forms

import (
	"strings"
	"testing"
)

// sameTokens reports whether the fast ASCII parse and the general one cut
// s the same way.
func sameTokens(t *testing.T, s string) {
	t.Helper()
	str := strings.TrimSpace(s)
	if !ascii(str) {
		return
	}
	var fast, slow labelText
	fast.parseASCII(str, strings.ToLower(str))
	slow.parseUnicode(str)
	if len(fast.toks) != len(slow.toks) || len(fast.items) != len(slow.items) {
		t.Fatalf("%q: ASCII parse has %d tokens, %d items; general parse %d, %d",
			s, len(fast.toks), len(fast.items), len(slow.toks), len(slow.items))
	}
	for i := range fast.toks {
		if fast.toks[i] != slow.toks[i] {
			t.Fatalf("%q: token %d is %+v, general parse %+v", s, i, fast.toks[i], slow.toks[i])
		}
	}
	for i := range fast.items {
		if fast.low(i) != slow.low(i) {
			t.Fatalf("%q: item %d is %q, general parse %q", s, i, fast.low(i), slow.low(i))
		}
		if fast.items[i] != slow.items[i] {
			t.Fatalf("%q: item %d is %d, general parse %d", s, i, fast.items[i], slow.items[i])
		}
	}
}

// TestParseASCIIMatchesGeneral: the ASCII fast path cuts every corpus
// label (and some awkward ones) exactly as the general parser does.
func TestParseASCIIMatchesGeneral(t *testing.T) {
	for _, r := range loadVoiceCorpus(t) {
		sameTokens(t, r.label)
	}
	for _, s := range []string{"", " ", "patients'", "patients' ", "it's", "-x", "x-", "x--y", "a'-b", "s'", "'s",
		"Tel\tNo:\n", "service-user's  notes", "Patient's/resident's", "ABC'S", "x'y'z", "1st-2nd'"} {
		sameTokens(t, s)
	}
}

func FuzzParseASCII(f *testing.F) {
	for _, s := range []string{"patients'", "service-user's notes", "Tel No:", "x--y's'"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) { sameTokens(t, s) })
}

// TestLexTable: the table a parse looks words up in gives what lexicon
// gives, for every listed word and for words not listed.
func TestLexTable(t *testing.T) {
	for w, sets := range lexicon {
		if got := lookupSets(w); got != sets {
			t.Errorf("lookupSets(%q) = %b, want %b", w, got, sets)
		}
		for _, x := range []string{w + "x", w[1:], strings.ToUpper(w), "x" + w} {
			if got := lookupSets(x); got != lexicon[x] {
				t.Errorf("lookupSets(%q) = %b, want %b", x, got, lexicon[x])
			}
		}
	}
}
