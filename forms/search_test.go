package forms

import (
	"reflect"
	"strings"
	"testing"
)

// searchNames are made-up people with names from across Europe, each with
// how someone without the right keyboard would type them.
var searchNames = []struct {
	name    string
	queries []string
}{
	{"Zoë Ó'Brien-Łukasiewicz", []string{"zoe", "obrien", "o brien", "lukasiewicz", "Łukasiewicz", "lukasiewicz zoe", "ZOË", "o'brien-lukasiewicz"}},
	{"Siobhán Ní Bhriain", []string{"siobhan", "ni bhriain", "bhriain siobhan", "Ní"}},
	{"Seán O'Brien", []string{"sean obrien", "o brien", "O’Brien", "brien"}},
	{"Paweł Łukasiewicz", []string{"pawel", "lukas", "łukasiewicz paweł"}},
	{"Małgorzata Wróblewska", []string{"malgorzata", "wroblewska"}},
	{"Søren Kierkegaard", []string{"soren", "kierkegaard"}},
	{"Bjørn Ødegård", []string{"bjorn", "odegard"}},
	{"Ærling Fjæstad", []string{"aerling", "fjaestad"}},
	{"Jürgen Großmann", []string{"jurgen", "grossmann", "GROSSMANN"}},
	{"Heinz Straße", []string{"strasse"}},
	{"François Lefèvre", []string{"francois", "lefevre"}},
	{"Hélène d'Aubigné", []string{"helene", "daubigne", "d aubigne", "aubigne"}},
	{"Œdipe Cœur", []string{"oedipe", "coeur"}},
	{"José María Núñez", []string{"jose maria", "nunez", "maría"}},
	{"Iñaki Etxeberría", []string{"inaki", "etxeberria"}},
	{"João Gonçalves", []string{"joao", "goncalves"}},
	{"Antônio Conceição", []string{"antonio", "conceicao"}},
	{"Niccolò Dell'Acqua", []string{"niccolo", "dellacqua", "acqua", "dell acqua"}},
	{"Đorđe Petrović", []string{"dorde", "petrovic"}},
	{"Tomáš Dvořák", []string{"tomas", "dvorak"}},
	{"Jiří Šťastný", []string{"jiri", "stastny"}},
	{"Ľudovít Štúr", []string{"ludovit", "stur"}},
	{"Zsófia Erdős", []string{"zsofia", "erdos"}},
	{"Ştefan Ţăranu", []string{"stefan", "taranu"}},
	{"Şükrü Yılmaz", []string{"sukru", "yilmaz"}},
	{"İlkay Güzel", []string{"ilkay", "guzel"}},
	{"Þórður Guðmundsson", []string{"thordur", "gudmundsson"}},
	{"Eyjólfur Björnsdóttir", []string{"eyjolfur", "bjornsdottir"}},
	{"Ieuan ap Rhys", []string{"ieuan", "ap rhys", "rhys"}},
	{"Mairéad Mac Giolla Phádraig", []string{"mairead", "giolla", "phadraig mac"}},
	{"Åsa Öberg", []string{"asa", "oberg"}},
	{"Väinö Äijälä", []string{"vaino", "aijala"}},
	{"Jānis Bērziņš", []string{"janis", "berzins"}},
	{"Vytautas Žemaitis", []string{"vytautas", "zemaitis"}},
	{"Kaļķis Ģirts", []string{"kalkis", "girts"}},
	{"Matthias van der Berg-Smit", []string{"van der berg", "bergsmit", "smit"}},
	{"Anne-Marie St. John", []string{"anne marie", "annemarie", "st john", "st. john"}},
	{"Ŀuís Ħaġar", []string{"luis", "hagar"}},
}

func TestSearchFindsNamesTypedWithoutAccents(t *testing.T) {
	for _, tc := range searchNames {
		terms := SearchTerms(tc.name)
		for _, q := range tc.queries {
			if !searchMatches(terms, SearchQuery(q)) {
				t.Errorf("%q not found by %q: terms %q, query %q", tc.name, q, terms, SearchQuery(q))
			}
		}
	}
	if len(searchNames) < 30 {
		t.Fatalf("only %d names", len(searchNames))
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
