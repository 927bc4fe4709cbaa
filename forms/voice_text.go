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
	off, end       int32 // where the token's text is in the label (tokText)
	lowOff, lowEnd int32 // where its lowercase is in lower (low)
	word           bool
	sets           wordSet // the word lists it is on (lexicon)
}

// labelText is a label cut into tokens; items index the tokens that are
// not spaces, so neighbouring words are one item apart.
type labelText struct {
	str string // the trimmed label; every token is a slice of it
	// lower is the tokens in lowercase, curly apostrophes straightened
	// (for an ASCII label with capitals, lowercased in lowBuf and copied).
	lower string
	toks  []voiceToken
	items []int
	// Most labels are short (the corpus median is 7 tokens and 4 items;
	// one in six has more than 12 tokens): their tokens live here, in
	// the one allocation of the labelText, rather than in slices of
	// their own. A labelText is reused (labelPool), longer slices too.
	tokBuf  [12]voiceToken
	itemBuf [8]int
	lowBuf  []byte
}

// tokTexts appends every token's text as written to out, for a rewrite
// to change some of them (out is a caller's array, for a short label).
func (l *labelText) tokTexts(out []string) []string {
	for i := range l.toks {
		out = append(out, l.tokText(i))
	}
	return out
}

// tokText is the text of token t as written.
func (l *labelText) tokText(t int) string {
	return l.str[l.toks[t].off:l.toks[t].end]
}

func parseLabel(label string) *labelText {
	// Invalid UTF-8 becomes U+FFFD, so whatever comes back out is valid
	// UTF-8. Tokens are slices of this one string: no copy per word.
	str := strings.TrimSpace(label)
	l := labelPool.Get().(*labelText)
	if isASCII, capitals := asciiCase(str); isASCII {
		lower := str
		if capitals {
			lower = l.lowered(str)
		}
		l.parseASCII(str, lower)
		return l
	}
	if !utf8.ValidString(str) {
		str = strings.ToValidUTF8(str, "\uFFFD")
	}
	l.parseUnicode(str)
	return l
}

// parseUnicode cuts any valid UTF-8 label into tokens.
func (l *labelText) parseUnicode(str string) {
	l.str = str
	var lower strings.Builder
	l.reset()
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
			return asciiWord(byte(r))
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
		low := strings.ToLower(text)
		if strings.Contains(low, "’") {
			low = strings.ReplaceAll(low, "’", "'")
		}
		var sets wordSet
		if !unicode.IsSpace(first) {
			l.items = append(l.items, len(l.toks))
			sets = lookupSets(low)
		}
		at := int32(lower.Len())
		lower.WriteString(low)
		l.toks = append(l.toks, voiceToken{off: int32(i), end: int32(j), lowOff: at, lowEnd: at + int32(len(low)), word: isWord(first), sets: sets})
		i = j
	}
	l.lower = lower.String()
}

// ascii reports whether s is all ASCII, the common case parseASCII reads
// byte by byte.
func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func asciiWord(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func asciiSpace(c byte) bool {
	return c == ' ' || '\t' <= c && c <= '\r'
}

// parseASCII is parseLabel for an ASCII label, with the same tokens: lower
// is the label lowercased once (the label itself when it has no capitals)
// and every token's low is a slice of that.
func (l *labelText) parseASCII(str, lower string) {
	l.str, l.lower = str, lower
	l.reset()
	for i := 0; i < len(str); {
		first := str[i]
		j := i + 1
		switch {
		case asciiWord(first):
			// Apostrophes and hyphens inside a word keep it whole:
			// "patient's", "service-user", "pressure-relieving".
			for j < len(str) {
				c := str[j]
				if asciiWord(c) {
					j++
				} else if (c == '\'' || c == '-') && j+1 < len(str) && asciiWord(str[j+1]) {
					j += 2
				} else if c == '\'' && (str[j-1] == 's' || str[j-1] == 'S') {
					j++ // a plural possessive: "patients'"
					break
				} else {
					break
				}
			}
		case asciiSpace(first):
			for j < len(str) && asciiSpace(str[j]) {
				j++
			}
		}
		var sets wordSet
		if !asciiSpace(first) {
			l.items = append(l.items, len(l.toks))
			sets = lookupSets(lower[i:j])
		}
		l.toks = append(l.toks, voiceToken{off: int32(i), end: int32(j), lowOff: int32(i), lowEnd: int32(j), word: asciiWord(first), sets: sets})
		i = j
	}
}

func (l *labelText) low(i int) string {
	if i < 0 || i >= len(l.items) {
		return ""
	}
	t := &l.toks[l.items[i]]
	return l.lower[t.lowOff:t.lowEnd]
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

// span is the text of items [from, to) as written ("" when empty).
func (l *labelText) span(from, to int) string {
	if from >= to {
		return ""
	}
	return l.str[l.toks[l.items[from]].off:l.toks[l.items[to-1]].end]
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
	for l.word(i) && l.is(i, adverbs) {
		i++
	}
	return i
}

// ownedHeading puts a bare heading in the person's mouth: "Shoe size" →
// "My shoe size". Capitalised words are lowered; acronyms stay.
func ownedHeading(core string) string {
	var buf [8]string
	words := appendFields(buf[:0], core)
	if len(words) > 0 && (lowerIs(words[0], "a") || lowerIs(words[0], "an") || lowerIs(words[0], "the")) {
		words = words[1:]
	}
	if len(words) == 0 {
		return "About me"
	}
	// One word in capitals is an acronym ("BMI"); a whole heading in
	// capitals is shouting, and only its acronyms keep their capitals.
	shouting := len(words) > 1 && upperText(core)
	for i, w := range words {
		switch {
		case shouting && !acronyms.hasLower(w):
			words[i] = strings.ToLower(w)
		case !shouting && titleParts(w) && !properNouns.hasLower(w):
			words[i] = strings.ToLower(w)
		}
	}
	if len(words) > 2 && ofHeads.hasLower(words[0]) && strings.EqualFold(words[1], "of") &&
		!strings.HasSuffix(words[2], "ing") && !determiners.hasLower(words[2]) {
		// "Name of LPA" → "The name of my LPA", not "My name of LPA".
		return "The " + words[0] + " of my " + strings.Join(words[2:], " ")
	}
	return prefixed("My ", words)
}

// titleParts reports whether each part of a slashed word is capitalised
// only at its first letter ("Behaviour/Mood"); a single letter ("I" in
// "Type I") is not.
func titleParts(w string) bool {
	for w != "" {
		p := w
		if i := strings.IndexAny(w, "/-"); i >= 0 {
			p, w = w[:i], w[i+1:]
		} else {
			w = ""
		}
		if p != "" && (utf8.RuneCountInString(p) < 2 || !titleWord(p)) {
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
