package forms

import (
	"strings"
	"unicode"
)

// spokenByPerson reports whether a text already speaks as the person.
func spokenByPerson(s string) bool {
	l := parseLabel(s)
	defer l.free()
	return l.spokenByPerson()
}

// spokenByPerson reports whether the label already speaks as the person
// (or their family): a first-person word, or a request such as "Please
// don't…" that the person makes of their carers.
func (l *labelText) spokenByPerson() bool {
	if first := l.firstWord(); l.low(first) == "please" && !l.is(first+1, instructionVerbs) {
		return true
	}
	family := false
	for i := range l.items {
		switch w := l.low(i); {
		case !l.word(i):
		case w == "i" && l.isLookAlikeI(i):
		case l.is(i, personalWords):
			return true
		case l.is(i, firstPersonWords):
			family = true
		}
	}
	if family {
		at, _ := l.secondPersonAt()
		return at < 0
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
	key := voiceKey(l.lower) // the label lowercased: voiceKey lowers it without a copy
	question := strings.ContainsRune(l.text(), '?')
	if s, found := stockSuggestions[key]; found && !question {
		return stockProblem(key, strings.Trim(l.text(), ":*?.…-–—/ ")), s, true
	}
	if l.namesAPlace() {
		return `"` + key + `" names a place on the ward, not the person`, "Where I am staying in hospital", true
	}
	if strings.ContainsRune(l.text(), '?') {
		return "", "", false
	}
	first, last := l.firstWord(), l.lastWord()
	// Which items to drop and which tokens to keep; short labels use the
	// arrays here rather than allocating.
	var dropBuf [16]bool
	var keptBuf [24]bool
	drop, kept := dropBuf[:0], keptBuf[:0]
	if len(l.items) > len(dropBuf) {
		drop = make([]bool, 0, len(l.items))
	}
	if len(l.toks) > len(keptBuf) {
		kept = make([]bool, 0, len(l.toks))
	}
	drop, kept = drop[:len(l.items)], kept[:len(l.toks)]
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
	for t := range kept {
		kept[t] = true
	}
	words := 0
	for i := range l.items {
		w := l.low(i)
		if l.word(i) && l.is(i, personNouns) && !drop[i] { // "Care home resident"
			if from, to := l.joined(i, i+1, refs); to > from { // "Views of resident/relative"
				return `"` + l.span(from, to) + `" speaks about the person and someone else together` + noRewrite, "", true
			}
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
			needsNoun := w == "needs" && i == l.lastWord() // "Sensory needs"
			if (l.is(i, headingStoppers) && !needsNoun) || past || (words == 1 && l.is(i, stateWords)) {
				return "", "", false
			}
		}
	}
	core := joinFields(strings.ReplaceAll(l.keptText(kept), "()", ""))
	abbrev := strings.HasSuffix(strings.TrimRight(core, ":* "), ".") && strings.Count(core, ".") > 1 // "I.D."
	core = strings.Trim(core, ":*?.…-–—/,;( ")
	if abbrev {
		core += "."
	}
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
	if closingPrepositions.has(lastField(coreKey)) && why == "" {
		// "Accompanied by": the heading names someone else, and "My
		// accompanied by" would be nonsense.
		return stockProblem(coreKey, core) + noRewrite, "", true
	}
	if why == "" {
		if exemptHeadings.has(coreKey) || l.hasExemptWord() {
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

// keptText is the text of the kept tokens, as written: a slice of the
// label when they are one run.
func (l *labelText) keptText(kept []bool) string {
	first, last, run := -1, -1, true
	for t, k := range kept {
		if k {
			if first < 0 {
				first = t
			} else if last != t-1 {
				run = false
			}
			last = t
		}
	}
	switch {
	case first < 0:
		return ""
	case run:
		return l.str[l.toks[first].off:l.toks[last].end]
	}
	var b strings.Builder
	for t := range l.toks {
		if kept[t] {
			b.WriteString(l.tokText(t))
		}
	}
	return b.String()
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
		case !l.word(i) || l.is(i, hospitalPlaceWords) || len([]rune(w)) == 1 || unicode.IsDigit([]rune(w)[0]):
		default:
			return false
		}
	}
	return found
}

func (l *labelText) hasExemptWord() bool {
	for i := range l.items {
		if l.is(i, exemptHeadingWords) {
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
	w := l.low(first)
	r := personRef{from: first, to: first + 1}
	switch {
	case w == "is" && l.is(first+1, stateWords):
		r.repl = "I am"
	case w == "has" && l.word(first+1) && !l.is(first+1, notAfterHas):
		r.repl = "I have"
	case l.is(first, thirdPersonVerbs) && looksThirdPerson(w) && w != "does" && w != "has":
		r.repl = "I " + baseForm(w)
	case l.is(first, stateWords) && l.low(first+1) == "/": // "Independent/assistance of one": a list of answers
		return `"` + l.span(first, first+1) + `" is a note about the person` + noRewrite, "", true
	case l.is(first, stateWords) && (!l.word(first+1) || l.is(first+1, linkWords)): // "Independent", "Able to weight bear"
		r.repl = "I am " + w
	case l.is(first, stateWords) && !strings.ContainsRune(l.text(), '?'): // "Independent mobility": a heading after all
		return stockProblem(voiceKey(l.text()), l.text()), ownedHeading(l.text()), true
	default:
		return "", "", false
	}
	return `"` + l.span(first, first+1) + `" is a note about the person; say it as "I"`, l.rewrite([]personRef{r}), true
}
