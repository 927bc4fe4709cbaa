package forms

import (
	"sort"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// foldSpecial spells the Latin letters that have no Unicode decomposition
// (so stripping accents alone would keep them) the way people type them
// on an English keyboard: Łukasiewicz → lukasiewicz, Søren → soren.
var foldSpecial = map[rune]string{
	'ł': "l", 'Ł': "l", 'ø': "o", 'Ø': "o", 'ß': "ss", 'ẞ': "ss",
	'æ': "ae", 'Æ': "ae", 'œ': "oe", 'Œ': "oe", 'đ': "d", 'Đ': "d",
	'ð': "d", 'Ð': "d", 'þ': "th", 'Þ': "th", 'ı': "i", 'ħ': "h", 'Ħ': "h",
	'ŧ': "t", 'Ŧ': "t", 'ŋ': "n", 'Ŋ': "n", 'ĸ': "k", 'ƒ': "f",
}

// FoldForSearch turns text into what search compares: lower case, no
// accents (Zoë → zoe, Ní → ni), the special Latin letters spelt out
// (Ł → l, ß → ss, æ → ae), and every character that is not a letter or a
// digit replaced by a space, so "O'Brien-Łukasiewicz" becomes
// "o brien lukasiewicz".
func FoldForSearch(s string) string {
	var sb strings.Builder
	// NFKD splits é into e + combining accent (and ligatures such as ﬁ
	// into fi), so dropping the marks leaves the base letter.
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case foldSpecial[r] != "":
			sb.WriteString(foldSpecial[r])
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			sb.WriteRune(unicode.ToLower(r))
		default:
			sb.WriteByte(' ')
		}
	}
	return strings.Join(strings.Fields(sb.String()), " ")
}

// SearchTerms returns the words a record is found by, sorted and without
// repeats. Each word of text is kept whole without its punctuation and,
// when punctuation split it, also as its parts, so "O'Brien" is found by
// "obrien", "o'brien", "o brien" and "brien".
func SearchTerms(texts ...string) []string {
	seen := map[string]bool{}
	for _, text := range texts {
		for _, word := range strings.Fields(norm.NFC.String(text)) {
			parts := strings.Fields(FoldForSearch(word))
			if len(parts) == 0 {
				continue
			}
			seen[strings.Join(parts, "")] = true
			if len(parts) > 1 {
				for _, p := range parts {
					seen[p] = true
				}
			}
		}
	}
	terms := make([]string, 0, len(seen))
	for t := range seen {
		terms = append(terms, t)
	}
	sort.Strings(terms)
	return terms
}

// SearchQuery returns the words a search for q looks for, each matched as
// the start of a record's term, all of them required. Punctuation inside a
// typed word is dropped ("O'Brien" → "obrien"); a query made only of digits,
// spaces and hyphens is one number ("943 476 5919" → "9434765919").
func SearchQuery(q string) []string {
	q = strings.TrimSpace(q)
	if q == "" {
		return nil
	}
	if compact := strings.NewReplacer(" ", "", "-", "").Replace(q); compact != "" && allDigits(compact) {
		return []string{compact}
	}
	var words []string
	seen := map[string]bool{}
	for _, word := range strings.Fields(q) {
		w := strings.ReplaceAll(FoldForSearch(word), " ", "")
		if w != "" && !seen[w] {
			seen[w] = true
			words = append(words, w)
		}
	}
	return words
}
