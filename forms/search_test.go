package forms

import (
	"encoding/json"
	"os"
	"reflect"
	"strings"
	"testing"
)

// searchNames are made-up people with names from across Europe, each with
// how someone without the right keyboard would type them. The server's
// HTTP test searches for the same people.
type searchName struct {
	Name    string   `json:"name"`
	Queries []string `json:"queries"`
}

func loadSearchNames(t *testing.T) []searchName {
	t.Helper()
	b, err := os.ReadFile("testdata/search_names.json")
	if err != nil {
		t.Fatal(err)
	}
	var names []searchName
	if err := json.Unmarshal(b, &names); err != nil {
		t.Fatal(err)
	}
	return names
}

func TestSearchFindsNamesTypedWithoutAccents(t *testing.T) {
	names := loadSearchNames(t)
	for _, tc := range names {
		terms := SearchTerms(tc.Name)
		for _, q := range tc.Queries {
			if !searchMatches(terms, SearchQuery(q)) {
				t.Errorf("%q not found by %q: terms %q, query %q", tc.Name, q, terms, SearchQuery(q))
			}
		}
	}
	if len(names) < 30 {
		t.Fatalf("only %d names", len(names))
	}
}

func TestSearchDoesNotFindOtherPeople(t *testing.T) {
	for _, tc := range []struct{ name, query string }{
		{"Zoë Ó'Brien-Łukasiewicz", "zoey"},
		{"Seán O'Brien", "obrian"},
		{"Seán O'Brien", "sean smith"},
		{"Jürgen Großmann", "grosman"},
		{"Bjørn Ødegård", "dog"}, // a term must start with the query, not contain it
	} {
		if searchMatches(SearchTerms(tc.name), SearchQuery(tc.query)) {
			t.Errorf("%q wrongly found by %q", tc.name, tc.query)
		}
	}
}

func TestSearchQuery(t *testing.T) {
	for _, tc := range []struct {
		q    string
		want []string
	}{
		{"", nil},
		{"   ", nil},
		{"943 476 5919", []string{"9434765919"}},
		{"943-476-5919", []string{"9434765919"}},
		{"FP-7K3M-9QX2", []string{"fp7k3m9qx2"}},
		{"7k3m", []string{"7k3m"}},
		{"O'Brien  obrien", []string{"obrien"}},
		{"'", nil},
		{"\u202eabc", []string{"abc"}},
	} {
		if got := SearchQuery(tc.q); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("SearchQuery(%q) = %q, want %q", tc.q, got, tc.want)
		}
	}
}

func TestSearchTermsOfReferenceAndNHSNumber(t *testing.T) {
	terms := SearchTerms("FP-7K3M-9QX2", "9434765919")
	want := []string{"7k3m", "9434765919", "9qx2", "fp", "fp7k3m9qx2"}
	if !reflect.DeepEqual(terms, want) {
		t.Fatalf("terms %q, want %q", terms, want)
	}
	for _, q := range []string{"FP-7K3M-9QX2", "fp7k3m", "7K3M", "9QX2", "943 476 5919", "9434765919", "94347"} {
		if !searchMatches(terms, SearchQuery(q)) {
			t.Errorf("not found by %q", q)
		}
	}
}

// searchMatches is the rule the database query applies: every query word
// is the start of at least one term.
func searchMatches(terms, words []string) bool {
	if len(words) == 0 {
		return false
	}
	for _, w := range words {
		found := false
		for _, t := range terms {
			if strings.HasPrefix(t, w) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

func TestInvisibleCharactersAreFound(t *testing.T) {
	for _, tc := range []struct {
		s    string
		want rune
	}{
		{"Zoë O'Brien", 0},
		{"Ní Bhriain", 0},
		{"אבי כהן", 0}, // right-to-left letters are fine; controls are not
		{"a\u202ab", 0x202a}, {"a\u202bb", 0x202b}, {"a\u202cb", 0x202c}, {"a\u202db", 0x202d}, {"a\u202eb", 0x202e},
		{"a\u2066b", 0x2066}, {"a\u2067b", 0x2067}, {"a\u2068b", 0x2068}, {"a\u2069b", 0x2069},
		{"a\u200bb", 0x200b}, {"a\u200cb", 0x200c}, {"a\u200db", 0x200d}, {"a\u200eb", 0x200e}, {"a\u200fb", 0x200f},
		{"a\u2060b", 0x2060}, {"a\ufeffb", 0xfeff}, {"a\u00adb", 0xad}, {"a\u061cb", 0x61c}, {"a\u2028b", 0x2028},
	} {
		r, ok := Invisible(tc.s)
		if ok != (tc.want != 0) || r != tc.want {
			t.Errorf("Invisible(%q) = %U, %v; want %U", tc.s, r, ok, tc.want)
		}
	}
	if NFC("Zoe\u0308") != "Zo\u00eb" {
		t.Error("NFC did not compose")
	}
}
