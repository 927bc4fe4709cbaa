package forms

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// VoiceFinding is one question label that is not in the person's voice.
type VoiceFinding struct {
	QuestionID string `json:"question_id"`
	Label      string `json:"label"`
	Problem    string `json:"problem"`    // plain words for a team lead
	Suggestion string `json:"suggestion"` // a first-person rewrite; never empty
}

// fallbackSuggestion is offered only when no rewrite of a label settles in
// the person's voice, so a finding always carries a usable suggestion.
const fallbackSuggestion = "What I would like you to know"

// CheckLabel reports whether a question label is not in the person's own
// voice: it talks about them ("the patient", "he/she", "Does the resident…"),
// medicalises them ("bed 12", "reason for admission") or is a bare heading
// ("Name", "Allergies"). When flagged it says why in plain words and offers
// a first-person rewrite that is itself never flagged. Labels that already
// speak as the person (I, me, my, we, us, our, "Please…") are left alone,
// unless they still call the person "the patient" or "the resident".
func CheckLabel(label string) (problem, suggestion string, flagged bool) {
	problem, suggestion, flagged = checkVoice(label)
	if !flagged {
		return "", "", false
	}
	// A rewrite can uncover a second problem (two people named in one
	// label); a few passes settle it.
	for range 3 {
		if strings.TrimSpace(suggestion) == "" {
			break
		}
		_, next, again := checkVoice(suggestion)
		if !again {
			return problem, suggestion, true
		}
		suggestion = next
	}
	return problem, fallbackSuggestion, true
}

// VoiceFindings checks every question that takes an answer (information
// text is the assessor's guidance, not the person speaking) and returns
// the findings in form order; never nil.
func (s *Schema) VoiceFindings() []VoiceFinding {
	findings := []VoiceFinding{}
	if s == nil {
		return findings
	}
	for _, q := range s.Questions() {
		if q.Type == TypeInfo {
			continue
		}
		if problem, suggestion, flagged := CheckLabel(q.Label); flagged {
			findings = append(findings, VoiceFinding{
				QuestionID: q.ID, Label: q.Label, Problem: problem, Suggestion: suggestion,
			})
		}
	}
	return findings
}

// VoiceCount counts the questions in the person's voice and all the
// questions that take an answer, for "N of M questions in my voice".
func (s *Schema) VoiceCount() (inVoice, total int) {
	if s == nil {
		return 0, 0
	}
	for _, q := range s.Questions() {
		if q.Type == TypeInfo {
			continue
		}
		total++
		if _, _, flagged := CheckLabel(q.Label); !flagged {
			inVoice++
		}
	}
	return inVoice, total
}

// checkVoice is one pass of the check; CheckLabel repeats it on its own
// suggestion.
func checkVoice(label string) (problem, suggestion string, flagged bool) {
	l := parseLabel(label)
	if l.firstWord() < 0 {
		return "", "", false
	}
	refs := l.findRefs()
	for i := range refs {
		l.resolve(&refs[i])
	}
	if l.spokenByPerson() {
		return l.checkSpoken(refs)
	}
	if problem, suggestion, ok := l.checkHeading(refs); ok {
		return problem, suggestion, true
	}
	if len(refs) > 0 {
		return l.refProblem(refs[0]), withoutAdmission(l.rewrite(refs)), true
	}
	problem, suggestion, flagged = l.checkNote()
	return problem, withoutAdmission(suggestion), flagged
}

// withoutAdmission rewords "on admission" and the like in a suggestion:
// the person went into hospital, they were not admitted as a case.
func withoutAdmission(s string) string {
	l := parseLabel(s)
	var refs []personRef
	for i := 0; i < len(l.items); i++ {
		for _, p := range admissionPhrases {
			if words := strings.Fields(p.words); l.startsWith(i, words) {
				refs = append(refs, personRef{from: i, to: i + len(words), repl: p.repl})
				i += len(words) - 1
				break
			}
		}
	}
	if len(refs) == 0 {
		return s
	}
	return l.rewrite(refs)
}

// voiceToken is a word, a run of spaces or one punctuation mark.
type voiceToken struct {
	text, low string
	word      bool
}

// labelText is a label cut into tokens; items index the tokens that are
// not spaces, so neighbouring words are one item apart.
type labelText struct {
	toks  []voiceToken
	items []int
}

func parseLabel(label string) *labelText {
	l := &labelText{}
	// Converting to runes turns invalid UTF-8 into U+FFFD, so whatever
	// comes back out is valid UTF-8.
	rs := []rune(strings.TrimSpace(label))
	isWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }
	for i := 0; i < len(rs); {
		j := i + 1
		switch {
		case isWord(rs[i]):
			// Apostrophes and hyphens inside a word keep it whole:
			// "patient's", "service-user", "pressure-relieving".
			for j < len(rs) {
				if isWord(rs[j]) {
					j++
				} else if (rs[j] == '\'' || rs[j] == '’' || rs[j] == '-') && j+1 < len(rs) && isWord(rs[j+1]) {
					j += 2
				} else if (rs[j] == '\'' || rs[j] == '’') && (rs[j-1] == 's' || rs[j-1] == 'S') && (j+1 == len(rs) || !isWord(rs[j+1])) {
					j++ // a plural possessive: "patients'"
					break
				} else {
					break
				}
			}
		case unicode.IsSpace(rs[i]):
			for j < len(rs) && unicode.IsSpace(rs[j]) {
				j++
			}
		}
		text := string(rs[i:j])
		if !unicode.IsSpace(rs[i]) {
			l.items = append(l.items, len(l.toks))
		}
		low := strings.ReplaceAll(strings.ToLower(text), "’", "'")
		l.toks = append(l.toks, voiceToken{text: text, low: low, word: isWord(rs[i])})
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
	var b strings.Builder
	for t := l.items[from]; t <= l.items[to-1]; t++ {
		b.WriteString(l.toks[t].text)
	}
	return b.String()
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

// spokenByPerson reports whether the label already speaks as the person
// (or their family): a first-person word, or a request such as "Please
// don't…" that the person makes of their carers.
func (l *labelText) spokenByPerson() bool {
	if l.low(l.firstWord()) == "please" {
		return true
	}
	for i := range l.items {
		if l.word(i) && firstPersonWords[l.low(i)] {
			return true
		}
	}
	return false
}

// checkSpoken handles a label in the first person: it is only flagged when
// it still names the person as a patient or resident.
func (l *labelText) checkSpoken(refs []personRef) (problem, suggestion string, flagged bool) {
	// "I am a patient at St Mary's": the person describing themselves by
	// their illness. A resident of a care home simply lives there, so that
	// word is left alone here.
	var fixes []personRef
	for i := range l.items {
		j := -1
		switch {
		case l.low(i) == "i" && l.low(i+1) == "am":
			j = i + 2
		case l.low(i) == "i'm":
			j = i + 1
		}
		if j < 0 || (l.low(j) != "a" && l.low(j) != "an") || (l.low(j+1) != "patient" && l.low(j+1) != "inpatient") {
			continue
		}
		r := personRef{from: j, to: j + 2, repl: "in hospital"}
		if p := l.low(j + 2); p == "at" || p == "on" || p == "in" {
			r.repl = "staying"
		}
		if problem == "" {
			problem = `"` + l.low(j+1) + `" describes the person by their illness; say where they are staying`
		}
		fixes = append(fixes, r)
	}
	for _, r := range refs {
		if r.strong {
			if problem == "" {
				problem = l.refProblem(r)
			}
			fixes = append(fixes, r)
		}
	}
	if len(fixes) == 0 {
		return "", "", false
	}
	return problem, l.rewrite(fixes), true
}

// checkHeading handles a label that is a heading rather than a sentence:
// "Name", "Patient's GP", "Name of patient", "Bed 12". It suggests the
// stock rewrite or puts the heading in the person's mouth ("My shoe size").
func (l *labelText) checkHeading(refs []personRef) (problem, suggestion string, ok bool) {
	key := voiceKey(l.text())
	if s, found := stockSuggestions[key]; found {
		return stockProblem(key, strings.Trim(l.text(), ":*?.…-–—/ ")), s, true
	}
	if l.namesAPlace() {
		return `"` + key + `" names a place on the ward, not the person`, "Where I am staying in hospital", true
	}
	if strings.ContainsRune(l.text(), '?') {
		return "", "", false
	}
	first, last := l.firstWord(), l.lastWord()
	drop := map[int]bool{}
	for _, r := range refs {
		switch {
		case r.subject || r.kind == refReflexive || r.kind == refContraction:
			return "", "", false
		case r.from == first: // "Patient's name", "His/her preferred drink"
		case r.to-1 == last && l.low(r.from-1) == "of": // "Name of patient"
			drop[r.from-1] = true
		default:
			return "", "", false
		}
		for i := r.from; i < r.to; i++ {
			drop[i] = true
		}
	}
	why := ""
	if len(refs) > 0 {
		why = l.refProblem(refs[0])
	} else if l.low(first) == "your" {
		drop[first] = true
		why = `"your" talks to the person instead of letting them speak`
	}
	// The heading's own words, as typed, without the person references.
	kept := make([]bool, len(l.toks))
	for t := range kept {
		kept[t] = true
	}
	words := 0
	for i := range l.items {
		w := l.low(i)
		if l.word(i) && personNouns[w] && !drop[i] { // "Care home resident"
			if why == "" {
				why = `"` + w + `" speaks about the person, not as them`
			}
			drop[i] = true
		}
		if drop[i] {
			kept[l.items[i]] = false
			continue
		}
		if l.word(i) {
			words++
			past := words > 1 && len(w) > 3 && strings.HasSuffix(w, "ed")
			if headingStoppers[w] || past || (words == 1 && stateWords[w]) {
				return "", "", false
			}
		}
	}
	var b strings.Builder
	for t, tok := range l.toks {
		if kept[t] {
			b.WriteString(tok.text)
		}
	}
	core := strings.Join(strings.Fields(strings.ReplaceAll(b.String(), "()", "")), " ")
	core = strings.Trim(core, ":*?.…-–—/,;( ")
	coreKey := voiceKey(core)
	letters := 0
	for _, r := range core {
		if unicode.IsLetter(r) {
			letters++
		}
	}
	if words > 6 || (letters < 2 && why == "") {
		return "", "", false
	}
	if why == "" {
		if exemptHeadings[coreKey] || l.hasExemptWord() {
			return "", "", false
		}
		why = stockProblem(coreKey, core)
	}
	if s, found := stockSuggestions[coreKey]; found {
		return why, s, true
	}
	for _, when := range []string{" on admission", " at admission"} {
		if base, cut := strings.CutSuffix(coreKey, when); cut {
			s, found := stockSuggestions[base]
			if !found {
				s = ownedHeading(base)
			}
			return stockProblem("admission", core), s + " when I went into hospital", true
		}
	}
	return why, ownedHeading(core), true
}

// namesAPlace reports whether the label is a ward location ("Bed 12",
// "Ward/bay/bed") standing in for the person.
func (l *labelText) namesAPlace() bool {
	found := false
	for i := range l.items {
		w := l.low(i)
		switch {
		case w == "bed" || w == "ward" || w == "bay":
			found = true
		case !l.word(i) || hospitalPlaceWords[w] || len([]rune(w)) == 1 || unicode.IsDigit([]rune(w)[0]):
		default:
			return false
		}
	}
	return found
}

func (l *labelText) hasExemptWord() bool {
	for i := range l.items {
		if exemptHeadingWords[l.low(i)] {
			return true
		}
	}
	return false
}

// checkNote handles clinical note-speak with the person left out: "Lives
// alone" → "I live alone", "Is able to stand" → "I am able to stand".
func (l *labelText) checkNote() (problem, suggestion string, flagged bool) {
	if strings.ContainsRune(l.text(), '?') {
		return "", "", false
	}
	first := l.firstWord()
	w, next := l.low(first), l.low(first+1)
	r := personRef{from: first, to: first + 1}
	switch {
	case w == "is" && stateWords[next]:
		r.repl = "I am"
	case w == "has" && l.word(first+1) && !notAfterHas[next]:
		r.repl = "I have"
	case thirdPersonVerbs[w] && looksThirdPerson(w) && w != "does" && w != "has":
		r.repl = "I " + baseForm(w)
	case stateWords[w]: // "Independent", "Able to weight bear"
		r.repl = "I am " + w
	default:
		return "", "", false
	}
	return `"` + l.span(first, first+1) + `" is a note about the person; say it as "I"`, l.rewrite([]personRef{r}), true
}

// voiceKey normalises a heading for the stock table: lowercase, straight
// apostrophes, single spaces and no trailing colon or question mark.
func voiceKey(s string) string {
	s = strings.ToLower(strings.ReplaceAll(s, "’", "'"))
	s = strings.ReplaceAll(s, "&", " and ")
	s = strings.Join(strings.Fields(s), " ")
	s = strings.ReplaceAll(s, " / ", "/")
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
	shouting := strings.ToUpper(core) == core
	for i, w := range words {
		low := strings.ToLower(w)
		switch {
		case shouting && !acronyms[low]:
			words[i] = low
		case !shouting && titleWord(w):
			words[i] = low
		}
	}
	return "My " + strings.Join(words, " ")
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
