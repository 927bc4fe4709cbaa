package forms

import (
	"strings"
)

// The engine side of the pattern families added for real forms (issue 14):
// look-alikes, shorthand and typos, second person, staff "we", assessor
// instructions, qualified headings and questions without a subject
// (sign-off fields are in voice_record.go). The word lists they read are
// in voice_rules.go.

// noRewrite ends a problem when no rewrite is safe: the label is flagged
// and the suggestion is left empty rather than something wrong.
const noRewrite = "; no safe rewrite, so reword it by hand"

// isLookAlikeI reports whether the "i" at item i is not the person: the
// numeral in "Type I diabetes" or "Grade I pressure ulcer", or "I.D.".
func (l *labelText) isLookAlikeI(i int) bool {
	if l.is(i-1, romanContext) {
		return true
	}
	return l.low(i+1) == "." && l.low(i+2) == "d"
}

// expandShorthand spells out form shorthand and corrects known typos and
// missing apostrophes, so the rest of the check reads plain words. It
// returns the corrected label and what it changed ("" when nothing).
func expandShorthand(label string) (string, string) {
	l := parseLabel(label)
	defer l.free()
	return l.expandShorthand(label)
}

func (l *labelText) expandShorthand(label string) (string, string) {
	if !l.mayNeedExpanding() {
		return label, ""
	}
	var buf [16]string
	out := l.tokTexts(buf[:0])
	what := ""
	note := func(s string) {
		if what == "" {
			what = s
		}
	}
	for i := range l.items {
		if !l.word(i) {
			continue
		}
		t := l.items[i]
		w := l.low(i)
		if fix, ok := typoFixes[w]; ok {
			out[t] = matchCase(fix, l.tokText(t))
			note(`"` + l.tokText(t) + `" is a typo for "` + fix + `"`)
			continue
		}
		if base, ok := strings.CutSuffix(w, "s"); ok && personNouns.has(base) && i > 0 || ok && personNouns.has(base) && i == l.firstWord() {
			// "patients usual bedtime": a possessive without its apostrophe.
			if next := l.low(i + 1); l.word(i+1) && !l.is(i+1, linkWords|auxWords|thirdPersonVerbs|baseVerbs) && next != "who" && next != "that" && next != "should" {
				out[t] = l.tokText(t)[:len(base)] + "'s"
				note(`"` + l.tokText(t) + `" needs an apostrophe`)
				continue
			}
		}
		if w == "no" && i > 0 && l.is(i-1, numberedNouns) && !l.word(i+1) || w == "no" && i > 0 && l.is(i-1, numberedNouns) && i == l.lastWord() {
			out[t] = "number"
			if l.low(i+1) == "." {
				out[l.items[i+1]] = ""
			}
			note(`"` + l.span(i-1, i+1) + `" is form shorthand; spell it out`)
			continue
		}
		if exp, ok := shorthand[w]; ok && (l.tokText(t) != strings.ToLower(l.tokText(t)) || l.is(i, shorthandLower)) {
			out[t] = exp
			if l.low(i+1) == "." && w == "tel" {
				out[l.items[i+1]] = ""
			}
			note(`"` + l.tokText(t) + `" is form shorthand; spell it out`)
		}
	}
	if what == "" {
		return label, ""
	}
	return strings.TrimSpace(strings.Join(out, "")), what
}

// mayNeedExpanding is a quick look for anything expandShorthand changes.
func (l *labelText) mayNeedExpanding() bool {
	for i := range l.items {
		if l.is(i, expandable) {
			return true
		}
	}
	return false
}

// expandable holds every word expandShorthand may change: typos,
// shorthand, "no" and a person noun with a missing apostrophe
// ("patients"), so mayNeedExpanding looks each word up once.
var expandable = func() wordSet {
	words := []string{"no"}
	for w := range typoFixes {
		words = append(words, w)
	}
	for w := range shorthand {
		words = append(words, w)
	}
	for _, w := range personNouns.members() {
		words = append(words, w+"s")
	}
	return voiceSet(strings.Join(words, " "))
}()

// secondPerson reports whether the label talks to the person ("you",
// "your") or is staff speaking ("we will…", "can we…"), and says so.
func (l *labelText) secondPerson() (bool, string) {
	switch i, we := l.secondPersonAt(); {
	case i < 0:
		return false, ""
	case we:
		return true, `"` + l.span(i, i+1) + `" is staff speaking, not the person`
	default:
		return true, `"` + l.low(i) + `" talks to the person instead of letting them speak`
	}
}

// secondPersonAt is the item secondPerson reports (-1 for none), and
// whether it is the staff's "we".
func (l *labelText) secondPersonAt() (at int, we bool) {
	for i := range l.items {
		if l.is(i, youWords) {
			return i, false
		}
		if l.is(i, weWords) && (l.is(i+1, staffModals) || l.is(i-1, staffModals)) {
			return i, true
		}
	}
	return -1, false
}

// swapVoices turns a label spoken to the person into one spoken by them:
// you → I/me, your → my, and the staff's we/us/our → you/your.
func (l *labelText) swapVoices() string {
	var buf [16]string
	out := l.tokTexts(buf[:0])
	set := func(i int, s string) { out[l.items[i]] = matchCase(s, l.tokText(l.items[i])) }
	for i := range l.items {
		w := l.low(i)
		switch {
		case w == "you":
			// "you" is the object after a preposition ("about you") or a
			// verb with no verb following ("thank you for", "help you");
			// otherwise the subject ("Do you…", "things you like").
			prev, at := l.low(i-1), l.skipAdverbs(i+1)
			verbNext := l.is(at, auxWords|baseVerbs|thirdPersonVerbs) || youVerbFix[l.low(at)] != ""
			if l.word(i-1) && (l.is(i-1, objectPrepositions) || !verbNext && !l.is(i-1, auxWords|questionWords|conjunctions)) {
				set(i, "me")
				continue
			}
			set(i, "I")
			if f, ok := youAuxFix[prev]; ok && l.word(i-1) {
				set(i-1, f)
			}
			if next := l.skipAdverbs(i + 1); l.word(next) {
				if f, ok := youVerbFix[l.low(next)]; ok {
					set(next, f)
				}
			}
		case youSwap[w] != "":
			set(i, youSwap[w])
		case weSwap[w] != "":
			set(i, weSwap[w])
		}
	}
	// "I" keeps its capital wherever it lands.
	for i := range l.items {
		if t := l.items[i]; out[t] == "i" {
			out[t] = "I"
		}
	}
	return upperFirst(strings.TrimSpace(strings.Join(out, "")))
}

// checkInstruction handles an instruction to the assessor ("Please
// describe…", "Record any…", "Tick all that apply: …"): the suggestion is
// the thing to be described, as the person's own heading.
func (l *labelText) checkInstruction() (problem, suggestion string, ok bool) {
	first := l.firstWord()
	i := first
	if l.low(i) == "please" {
		i++
	}
	if !l.is(i, instructionVerbs) || !l.word(i) {
		return "", "", false
	}
	problem = `"` + l.span(first, i+1) + `" is an instruction to the assessor, not the person speaking`
	rest := i + 1
	if l.low(rest) == "details" {
		rest++
		if l.low(rest) == "of" {
			rest++
		}
	}
	for l.word(rest) && (l.low(rest) == "any" || l.low(rest) == "all" || l.low(rest) == "the") {
		rest++
	}
	if l.startsWith(rest, []string{"that", "apply"}) {
		rest += 2
	}
	for rest < len(l.items) && !l.word(rest) {
		rest++
	}
	if rest >= len(l.items) {
		return problem + noRewrite, "", true
	}
	core := l.span(rest, len(l.items))
	if w := l.low(rest); w == "if" || w == "whether" {
		inner := parseLabel(l.span(rest+1, len(l.items)))
		defer inner.free()
		var refBuf [4]personRef
		refs := inner.findRefs(refBuf[:0])
		for k := range refs {
			inner.resolve(&refs[k])
		}
		if len(refs) == 0 {
			return problem + noRewrite, "", true
		}
		return problem, "Whether " + inner.rewrite(refs), true
	}
	if _, s, flagged := checkVoice(core); flagged && s != "" {
		return problem, s, true
	}
	if _, _, flagged := checkVoice(core); !flagged && spokenByPerson(core) {
		return problem, upperFirst(core), true
	}
	return problem + noRewrite, "", true
}

// splitQualifier cuts a trailing bracketed qualifier ("(if different)",
// "(including aids)", "(e.g. next of kin)") from a heading.
func splitQualifier(label string) (core, qualifier string) {
	s := strings.TrimRight(strings.TrimSpace(label), ":*")
	if !strings.HasSuffix(s, ")") {
		return label, ""
	}
	open := strings.LastIndexByte(s, '(')
	if open <= 0 {
		return label, ""
	}
	inner := parseLabel(s[open+1 : len(s)-1])
	defer inner.free()
	for i := range inner.items {
		if w := inner.low(i); inner.is(i, personNouns) || personNouns.has(strings.TrimSuffix(w, "'s")) {
			return label, "" // "Name (patient)": the bracket is about the person
		}
	}
	return strings.TrimSpace(s[:open]), s[open:]
}

// splitColon cuts "Heading: detail" where the detail does not talk about
// the person ("Hearing aids: left/right").
func splitColon(label string) (head, detail string) {
	s := strings.TrimRight(strings.TrimSpace(label), ":* ")
	i := strings.IndexByte(s, ':')
	if i <= 0 || i == len(s)-1 {
		return label, ""
	}
	d := parseLabel(s[i+1:])
	defer d.free()
	var refBuf [4]personRef
	if len(d.findRefs(refBuf[:0])) > 0 || d.spokenByPerson() {
		return label, ""
	}
	return strings.TrimSpace(s[:i]), strings.TrimSpace(s[i+1:])
}

// checkNeeded handles a heading qualified by "required", "needed" or
// "used": "Number of carers required for transfers" → "How many carers I
// need for transfers"; as a question, "Hoist required?" → "Do I need a
// hoist?".
func (l *labelText) checkNeeded() (problem, suggestion string, ok bool) {
	first, at := l.firstWord(), -1
	for i := first + 1; i < len(l.items); i++ {
		if w := l.low(i); w == "required" || w == "needed" || w == "used" {
			at = i
			break
		}
		if !l.word(i) && l.low(i) != "/" && l.low(i) != "-" {
			return "", "", false
		}
	}
	if at < 0 {
		return "", "", false
	}
	verb := "need"
	if l.low(at) == "used" {
		verb = "use"
	}
	problem = `"` + l.span(first, at+1) + `" is a note about the person with them left out; say it as "I"`
	question := strings.HasSuffix(l.text(), "?")
	from := first
	if question && (l.low(first) == "is" || l.low(first) == "are") {
		from++
	}
	head := l.span(from, at)
	tail := ""
	if at+1 < len(l.items) {
		tail = " " + strings.TrimRight(l.span(at+1, len(l.items)), "?:. ")
	}
	if question {
		return problem, "Do I " + verb + " " + withArticle(head) + strings.TrimRight(tail, " ") + "?", true
	}
	words := strings.Fields(head)
	lead := strings.ToLower(words[0])
	rest := lowerHeading(strings.Join(words[1:], " "))
	switch {
	case lead == "number" && len(words) > 2 && strings.EqualFold(words[1], "of"):
		return problem, "How many " + lowerHeading(strings.Join(words[2:], " ")) + " I " + verb + tail, true
	case lead == "amount" && len(words) > 2 && strings.EqualFold(words[1], "of"):
		return problem, "How much " + lowerHeading(strings.Join(words[2:], " ")) + " I " + verb + tail, true
	case lead == "frequency" && len(words) > 2 && strings.EqualFold(words[1], "of"):
		return problem, "How often I " + verb + " " + lowerHeading(strings.Join(words[2:], " ")) + tail, true
	case lead == "level" || lead == "type" || lead == "kind":
		return problem, "The " + lead + " " + rest + " I " + verb + tail, true
	}
	return problem, upperFirst(lowerHeading(head)) + " I " + verb + tail, true
}
