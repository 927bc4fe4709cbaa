package forms

import (
	"strings"
	"unicode"
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
		return l.refProblem(refs[0]), l.rewrite(refs), true
	}
	return l.checkNote()
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
		return `"` + l.low(j+1) + `" describes the person by their illness; say where they are staying`,
			l.rewrite([]personRef{r}), true
	}
	var strong []personRef
	for _, r := range refs {
		if r.strong {
			strong = append(strong, r)
		}
	}
	if len(strong) == 0 {
		return "", "", false
	}
	return l.refProblem(strong[0]), l.rewrite(strong), true
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
	var b strings.Builder
	words := 0
	for i := range l.items {
		if drop[i] {
			continue
		}
		w := l.low(i)
		if l.word(i) && personNouns[w] { // "Care home resident"
			if why == "" {
				why = `"` + w + `" speaks about the person, not as them`
			}
			continue
		}
		if l.word(i) {
			words++
			past := words > 1 && len(w) > 3 && strings.HasSuffix(w, "ed")
			if headingStoppers[w] || past {
				return "", "", false
			}
		}
		b.WriteString(l.span(i, i+1) + " ")
	}
	core := strings.Trim(strings.ReplaceAll(strings.Join(strings.Fields(b.String()), " "), "( )", ""), ":*?.…-–—/,;( ")
	coreKey := voiceKey(core)
	if words > 6 || (words == 0 && why == "") {
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
	default:
		return "", "", false
	}
	return `"` + l.span(first, first+1) + `" is a note about the person; say it as "I"`, l.rewrite([]personRef{r}), true
}

// refKind says how a person reference is used in its sentence.
type refKind int

const (
	refNoun        refKind = iota // "the patient", "resident's", "bed 12"
	refSubject                    // "he", "she", "he/she", "they"
	refObject                     // "him", "them", "him/her"
	refPossessive                 // "their", "his/her"
	refReflexive                  // "himself", "themselves"
	refOwn                        // "hers", "theirs"
	refHis                        // "his": "his name" or "it is his"
	refHer                        // "her": "her name" or "help her"
	refContraction                // "he's", "they're"
)

// personRef is a place where the label talks about the person, and what
// replaces it in the first person.
type personRef struct {
	from, to   int // items [from, to)
	kind       refKind
	plural     bool // "they": the verb after it is already plural
	det        bool // "the"/"this" in front
	possessive bool
	strong     bool // wrong even beside "I": "the patient", "resident's"
	bed        bool // "bed 12"
	subject    bool
	repl       string
	fixes      map[int]string // item → the verb "I" takes there
}

// pronounRefs lists the pronoun forms, longest first so "he/she" wins over "he".
var pronounRefs = []struct {
	words  string
	kind   refKind
	plural bool
}{
	{"he / she", refSubject, false}, {"she / he", refSubject, false}, {"s / he", refSubject, false},
	{"he or she", refSubject, false}, {"she or he", refSubject, false},
	{"his / her", refPossessive, false}, {"her / his", refPossessive, false},
	{"his or her", refPossessive, false}, {"her or his", refPossessive, false},
	{"him / her", refObject, false}, {"her / him", refObject, false}, {"him or her", refObject, false},
	{"himself / herself", refReflexive, false}, {"herself / himself", refReflexive, false},
	{"he", refSubject, false}, {"she", refSubject, false}, {"they", refSubject, true},
	{"him", refObject, false}, {"them", refObject, true}, {"their", refPossessive, true},
	{"hers", refOwn, false}, {"theirs", refOwn, true}, {"his", refHis, false}, {"her", refHer, false},
	{"himself", refReflexive, false}, {"herself", refReflexive, false},
	{"themselves", refReflexive, true}, {"themself", refReflexive, true},
	{"he's", refContraction, false}, {"she's", refContraction, false}, {"they're", refContraction, true},
	{"they've", refContraction, true}, {"he'd", refContraction, false}, {"she'd", refContraction, false},
	{"they'd", refContraction, true}, {"he'll", refContraction, false}, {"she'll", refContraction, false},
	{"they'll", refContraction, true},
}

// findRefs finds every place the label talks about the person.
func (l *labelText) findRefs() []personRef {
	var refs []personRef
	for i := 0; i < len(l.items); {
		if !l.word(i) {
			i++
			continue
		}
		r, ok := l.matchPronoun(i)
		if !ok {
			r, ok = l.matchNoun(i)
		}
		if !ok {
			i++
			continue
		}
		refs = append(refs, r)
		i = r.to
	}
	return refs
}

func (l *labelText) matchPronoun(i int) (personRef, bool) {
next:
	for _, p := range pronounRefs {
		words := strings.Fields(p.words)
		for k, w := range words {
			if l.low(i+k) != w {
				continue next
			}
		}
		return personRef{from: i, to: i + len(words), kind: p.kind, plural: p.plural}, true
	}
	return personRef{}, false
}

// matchNoun matches "the patient", "patient's", "this resident", "the
// service user", "the person", "this case", "bed 12". Without "the" the
// noun only counts where it clearly means this person: opening the label,
// owning something, doing something or closing "Name of patient".
func (l *labelText) matchNoun(i int) (personRef, bool) {
	r := personRef{from: i, kind: refNoun}
	j := i
	if w := l.low(j); w == "the" || w == "this" {
		r.det = true
		j++
	}
	if !l.word(j) {
		return r, false
	}
	base, poss := strings.CutSuffix(l.low(j), "'s")
	switch {
	case personNouns[base]:
		r.to, r.strong = j+1, r.det || poss
	case base == "service":
		user, userPoss := strings.CutSuffix(l.low(j+1), "'s")
		if user != "user" || poss {
			return r, false
		}
		r.to, r.strong, poss = j+2, true, userPoss
	case base == "person" || base == "individual":
		if !r.det && !(poss && j == l.firstWord()) {
			return r, false
		}
		r.to = j + 1
	case base == "case" && l.low(i) == "this" && !poss:
		r.to = j + 1
	case base == "bed" && !r.det && !poss && l.word(j+1) && unicode.IsDigit([]rune(l.low(j + 1))[0]):
		r.to, r.bed = j+2, true
	default:
		return r, false
	}
	r.possessive = poss
	if r.det || poss {
		return r, true
	}
	if otherPeople[l.low(i-1)] {
		return r, false // "another patient", "each resident"
	}
	after := l.low(l.skipAdverbs(r.to))
	clear := i == l.firstWord() || auxWords[after] || thirdPersonVerbs[after] || pastVerbs[after] ||
		(r.to-1 == l.lastWord() && l.low(i-1) == "of")
	return r, clear
}

// resolve decides what replaces a reference and which verbs change with it.
func (l *labelText) resolve(r *personRef) {
	r.fixes = map[int]string{}
	switch r.kind {
	case refObject:
		r.repl = "me"
	case refPossessive:
		r.repl = "my"
	case refReflexive:
		r.repl = "myself"
	case refOwn:
		r.repl = "mine"
	case refHis:
		r.repl = "mine"
		if l.ownsNext(r.to) {
			r.repl = "my"
		}
	case refHer:
		r.repl = "me"
		if !objectVerbs[l.low(r.from-1)] && l.ownsNext(r.to) {
			r.repl = "my"
		}
	case refContraction:
		r.subject = true
		w := l.low(r.from)
		switch {
		case strings.HasSuffix(w, "'s") && (participles[l.low(r.to)] || strings.HasSuffix(l.low(r.to), "ed")):
			r.repl = "I've"
		case strings.HasSuffix(w, "'s"), strings.HasSuffix(w, "'re"):
			r.repl = "I'm"
		default:
			r.repl = "I" + w[strings.IndexByte(w, '\''):]
		}
	default:
		if r.possessive {
			r.repl = "my"
			return
		}
		l.resolveSubject(r)
	}
}

// ownsNext reports whether the word at i is owned by a "his"/"her" before it.
func (l *labelText) ownsNext(i int) bool {
	w := l.low(i)
	return l.word(i) && !linkWords[w] && !auxWords[w] && !adverbs[w]
}

// resolveSubject handles "he", "they" and the nouns: the subject of a
// question ("Does the patient…" → "Do I…"), of a statement ("The patient
// takes…" → "I take…"), a heading's owner ("Patient name") or an object
// ("Who supports the patient?" → "…me?").
func (l *labelText) resolveSubject(r *personRef) {
	prev := l.low(r.from - 1)
	if l.word(r.from-1) && auxWords[prev] {
		r.subject, r.repl = true, "I"
		if f, ok := questionFix[prev]; ok {
			r.fixes[r.from-1] = f
		}
		return
	}
	next := l.skipAdverbs(r.to)
	if w := l.low(next); l.word(next) && l.verbAfter(w, r) {
		r.subject, r.repl = true, "I"
		fix := pluralFix[w]
		if !r.plural {
			if f, ok := statementFix[w]; ok {
				fix = f
			} else if !auxWords[w] && (thirdPersonVerbs[w] || looksThirdPerson(w)) {
				fix = baseForm(w)
			}
		}
		if fix != "" {
			r.fixes[next] = fix
		}
		return
	}
	switch {
	case r.kind == refSubject:
		r.subject, r.repl = true, "I"
	case r.from == l.firstWord() && stateWords[l.low(r.to)]: // "Patient able to stand"
		r.subject, r.repl = true, "I am"
	case r.from == l.firstWord() && l.word(r.to): // "Patient transport"
		r.repl = "my"
	default:
		r.repl = "me"
	}
}

// verbAfter reports whether w, just after the reference, is its verb.
func (l *labelText) verbAfter(w string, r *personRef) bool {
	switch {
	case auxWords[w] || pastVerbs[w]:
		return true
	case r.plural:
		return baseVerbs[w] || strings.HasSuffix(w, "ed")
	case thirdPersonVerbs[w]:
		return true
	case r.det || r.kind == refSubject:
		return looksThirdPerson(w) || (len(w) > 3 && strings.HasSuffix(w, "ed"))
	}
	return false
}

// rewrite replaces the references and fixes the verbs around them.
func (l *labelText) rewrite(refs []personRef) string {
	out := make([]string, len(l.toks))
	for i, t := range l.toks {
		out[i] = t.text
	}
	first := l.firstWord()
	for _, r := range refs {
		repl := r.repl
		if r.from == first {
			repl = upperFirst(repl)
		}
		a, b := l.items[r.from], l.items[r.to-1]
		out[a] = repl
		for k := a + 1; k <= b; k++ {
			out[k] = ""
		}
		for item, fix := range r.fixes {
			t := l.items[item]
			out[t] = matchCase(fix, l.toks[t].text)
		}
	}
	return strings.TrimSpace(strings.Join(out, ""))
}

// refProblem says in plain words what is wrong with a reference.
func (l *labelText) refProblem(r personRef) string {
	text := strings.ToLower(l.span(r.from, r.to))
	if r.bed {
		return `"` + text + `" names a bed on the ward, not the person`
	}
	return `"` + text + `" speaks about the person, not as them`
}
