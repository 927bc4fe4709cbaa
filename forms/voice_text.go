package forms

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// The text side of the voice check: a label cut into words, and the
// helpers that put a rewrite back together with the right case.

// voiceToken is a word, a run of spaces or one punctuation mark.
type voiceToken struct {
	text, low string
	off       int // where text starts in the label
	word      bool
}

// labelText is a label cut into tokens; items index the tokens that are
// not spaces, so neighbouring words are one item apart.
type labelText struct {
	str   string // the trimmed label; every token is a slice of it
	toks  []voiceToken
	items []int
}

func parseLabel(label string) *labelText {
	// Invalid UTF-8 becomes U+FFFD, so whatever comes back out is valid
	// UTF-8. Tokens are slices of this one string: no copy per word.
	str := strings.TrimSpace(label)
	if !utf8.ValidString(str) {
		str = strings.ToValidUTF8(str, "\uFFFD")
	}
	l := &labelText{str: str, toks: make([]voiceToken, 0, len(str)/2+2), items: make([]int, 0, len(str)/3+2)}
	at := func(p int) rune {
		if p >= len(str) {
			return -1
		}
		if c := str[p]; c < utf8.RuneSelf {
			return rune(c)
		}
		r, _ := utf8.DecodeRuneInString(str[p:])
		return r
	}
	next := func(p int) int {
		if str[p] < utf8.RuneSelf {
			return p + 1
		}
		_, n := utf8.DecodeRuneInString(str[p:])
		return p + n
	}
	isWord := func(r rune) bool {
		if r < 0 {
			return false
		}
		if r < 0x80 {
			return 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || '0' <= r && r <= '9'
		}
		return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
	}
	for i := 0; i < len(str); {
		first := at(i)
		j, prev := next(i), first
		switch {
		case isWord(first):
			// Apostrophes and hyphens inside a word keep it whole:
			// "patient's", "service-user", "pressure-relieving".
			for j < len(str) {
				r := at(j)
				after := -1
				if j2 := next(j); j2 < len(str) {
					after = int(at(j2))
				}
				if isWord(r) {
					prev, j = r, next(j)
				} else if (r == '\'' || r == '’' || r == '-') && isWord(rune(after)) {
					j = next(j)
					prev, j = at(j), next(j)
				} else if (r == '\'' || r == '’') && (prev == 's' || prev == 'S') && !isWord(rune(after)) {
					j = next(j) // a plural possessive: "patients'"
					break
				} else {
					break
				}
			}
		case unicode.IsSpace(first):
			for j < len(str) && unicode.IsSpace(at(j)) {
				j = next(j)
			}
		}
		text := str[i:j]
		if !unicode.IsSpace(first) {
			l.items = append(l.items, len(l.toks))
		}
		low := strings.ToLower(text)
		if strings.Contains(low, "’") {
			low = strings.ReplaceAll(low, "’", "'")
		}
		l.toks = append(l.toks, voiceToken{text: text, low: low, off: i, word: isWord(first)})
		i = j
	}
	return l
}

func (l *labelText) low(i int) string {
	if i < 0 || i >= len(l.items) {
		return ""
	}
	return l.toks[l.items[i]].low
}

func (l *labelText) word(i int) bool {
	return i >= 0 && i < len(l.items) && l.toks[l.items[i]].word
}

// firstWord is the item index of the first word, or -1.
func (l *labelText) firstWord() int {
	for i := range l.items {
		if l.word(i) {
			return i
		}
	}
	return -1
}

// lastWord is the item index of the last word, or -1.
func (l *labelText) lastWord() int {
	for i := len(l.items) - 1; i >= 0; i-- {
		if l.word(i) {
			return i
		}
	}
	return -1
}

// span is the text of items [from, to) as written.
func (l *labelText) span(from, to int) string {
	last := l.toks[l.items[to-1]]
	return l.str[l.toks[l.items[from]].off : last.off+len(last.text)]
}

func (l *labelText) text() string {
	if len(l.items) == 0 {
		return ""
	}
	return l.span(0, len(l.items))
}

// startsWith reports whether the items from i on are the given words.
func (l *labelText) startsWith(i int, words []string) bool {
	for k, w := range words {
		if l.low(i+k) != w {
			return false
		}
	}
	return true
}

func (l *labelText) skipAdverbs(i int) int {
	for l.word(i) && adverbs[l.low(i)] {
		i++
	}
	return i
}

// voiceKey normalises a heading for the stock table: lowercase, straight
// apostrophes, single spaces and no trailing colon or question mark.
func voiceKey(s string) string {
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

// ownedHeading puts a bare heading in the person's mouth: "Shoe size" →
// "My shoe size". Capitalised words are lowered; acronyms stay.
func ownedHeading(core string) string {
	words := strings.Fields(core)
	if len(words) > 0 {
		switch strings.ToLower(words[0]) {
		case "a", "an", "the":
			words = words[1:]
		}
	}
	if len(words) == 0 {
		return "About me"
	}
	// One word in capitals is an acronym ("BMI"); a whole heading in
	// capitals is shouting, and only its acronyms keep their capitals.
	shouting := strings.ToUpper(core) == core && len(words) > 1
	for i, w := range words {
		low := strings.ToLower(w)
		switch {
		case shouting && !acronyms[low]:
			words[i] = low
		case !shouting && titleParts(w) && !properNouns[low]:
			words[i] = low
		}
	}
	if len(words) > 2 && ofHeads[strings.ToLower(words[0])] && strings.EqualFold(words[1], "of") &&
		!strings.HasSuffix(words[2], "ing") && !determiners[strings.ToLower(words[2])] {
		// "Name of LPA" → "The name of my LPA", not "My name of LPA".
		return "The " + words[0] + " of my " + strings.Join(words[2:], " ")
	}
	return "My " + strings.Join(words, " ")
}

// titleParts reports whether each part of a slashed word is capitalised
// only at its first letter ("Behaviour/Mood"); a single letter ("I" in
// "Type I") is not.
func titleParts(w string) bool {
	for _, p := range strings.FieldsFunc(w, func(r rune) bool { return r == '/' || r == '-' }) {
		if len([]rune(p)) < 2 || !titleWord(p) {
			return false
		}
	}
	return true
}

// titleWord reports whether w is capitalised only at its first letter.
func titleWord(w string) bool {
	for i, r := range w {
		if (i == 0) != unicode.IsUpper(r) && unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// looksThirdPerson reports whether w reads as a verb after "he" or "the
// patient" ("takes", "carries"), not a plural or a word ending in -ss.
func looksThirdPerson(w string) bool {
	if len(w) < 3 || !strings.HasSuffix(w, "s") {
		return false
	}
	for _, end := range []string{"ss", "us", "is", "'s"} {
		if strings.HasSuffix(w, end) {
			return false
		}
	}
	for _, r := range w {
		if r < 'a' || r > 'z' {
			return false
		}
	}
	return true
}

// baseForm is the verb "I" takes where "he" takes w: "carries" → "carry",
// "washes" → "wash", "uses" → "use".
func baseForm(w string) string {
	if f, ok := statementFix[w]; ok {
		return f
	}
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "shes"), strings.HasSuffix(w, "ches"),
		strings.HasSuffix(w, "xes"), strings.HasSuffix(w, "zes"), strings.HasSuffix(w, "oes"):
		return w[:len(w)-2]
	case strings.HasSuffix(w, "s"):
		return w[:len(w)-1]
	}
	return w
}

// upperFirst capitalises the first letter of s.
func upperFirst(s string) string {
	for i, r := range s {
		return string(unicode.ToUpper(r)) + s[i+utf8.RuneLen(r):]
	}
	return s
}

// matchCase gives a replacement word the case of the word it replaces.
func matchCase(repl, orig string) string {
	letters, upper := 0, 0
	for _, r := range orig {
		if unicode.IsLetter(r) {
			letters++
			if unicode.IsUpper(r) {
				upper++
			}
		}
	}
	switch {
	case letters > 1 && upper == letters:
		return strings.ToUpper(repl)
	case upper > 0 && titleWord(orig):
		return upperFirst(repl)
	}
	return repl
}
