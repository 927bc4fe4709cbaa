package forms

import (
	"strings"
	"unicode"
)

// Person references: where a label talks about the person ("the patient",
// "he/she", "their") and what replaces each in the first person.

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
	fix        string // the verb "I" takes at item fixAt ("" for none)
	fixAt      int
}

// pronounRefs lists the pronoun forms, longest first so "he/she" wins over
// "he". In the table "_" stands for a space and "+" marks a plural form.
var pronounRefs = pronounTable(`
	subject: he/she she/he s/he he_or_she she_or_he
	possessive: his/her her/his his_or_her her_or_his
	object: him/her her/him him_or_her
	reflexive: himself/herself herself/himself
	subject: he she they+
	object: him them+
	possessive: their+
	own: hers theirs+
	his: his
	her: her
	reflexive: himself herself themselves+ themself+
	contraction: he's she's they're+ they've+ he'd she'd they'd+ he'll she'll they'll+
`)

type pronounForm struct {
	words  []string
	kind   refKind
	plural bool
}

func pronounTable(table string) []pronounForm {
	kinds := map[string]refKind{"subject": refSubject, "object": refObject, "possessive": refPossessive,
		"reflexive": refReflexive, "own": refOwn, "his": refHis, "her": refHer, "contraction": refContraction}
	var forms []pronounForm
	for _, line := range strings.Split(table, "\n") {
		kind, list, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		for _, f := range strings.Fields(list) {
			words, plural := strings.CutSuffix(f, "+")
			words = strings.ReplaceAll(strings.ReplaceAll(words, "/", " / "), "_", " ")
			forms = append(forms, pronounForm{strings.Fields(words), kinds[strings.TrimSpace(kind)], plural})
		}
	}
	return forms
}

// findRefs appends every place the label talks about the person to refs
// (a caller's array, for a label with few).
func (l *labelText) findRefs(refs []personRef) []personRef {
	for i := 0; i < len(l.items); {
		if !l.word(i) || !l.is(i, refStarts) {
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

// pronounsByFirst indexes pronounRefs by their first word, and
// pronounStarts lists those words.
var pronounsByFirst = func() map[string][]pronounForm {
	m := map[string][]pronounForm{}
	for _, p := range pronounRefs {
		m[p.words[0]] = append(m[p.words[0]], p)
	}
	return m
}()

var pronounStarts = func() wordSet {
	var words []string
	for w := range pronounsByFirst {
		words = append(words, w)
	}
	return voiceSet(strings.Join(words, " "))
}()

// nounRefWords are the words matchNoun reads as a person noun: "patient",
// "patient's", "patients'", "service", "person", "case", "bed" and so on.
var nounRefWords = func() wordSet {
	var words []string
	for _, base := range append(personNouns.members(), "service", "person", "individual", "case", "bed") {
		words = append(words, base, base+"'s", base+"s'", base+"s''s")
	}
	return voiceSet(strings.Join(words, " "))
}()

// refStarts are the words a reference can start with: a pronoun's first
// word, "the" or "this", or one of nounRefWords.
var refStarts = pronounStarts | nounRefWords | voiceSet(`the this`)

func (l *labelText) matchPronoun(i int) (personRef, bool) {
	if !l.is(i, pronounStarts) {
		return personRef{}, false
	}
	for _, p := range pronounsByFirst[l.low(i)] {
		if l.startsWith(i, p.words) {
			return personRef{from: i, to: i + len(p.words), kind: p.kind, plural: p.plural}, true
		}
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
	if !l.word(j) || !l.is(j, nounRefWords) {
		return r, false
	}
	base, poss := strings.CutSuffix(l.low(j), "'s")
	if plural, ok := strings.CutSuffix(base, "s'"); ok { // "patients'"
		base, poss = plural, true
	}
	switch {
	case personNouns.has(base):
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
	if l.is(i-1, otherPeople) {
		return r, false // "another patient", "each resident"
	}
	after := l.skipAdverbs(r.to)
	clear := i == l.firstWord() || l.is(after, auxWords|thirdPersonVerbs|pastVerbs) || (l.is(i-1, auxWords) && l.word(i-1)) ||
		(r.to-1 == l.lastWord() && l.is(i-1, closingPrepositions))
	return r, clear
}

// resolve decides what replaces a reference and which verbs change with it.
func (l *labelText) resolve(r *personRef) {
	r.fix = ""
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
		if !l.is(r.from-1, objectVerbs) && l.ownsNext(r.to) {
			r.repl = "my"
		}
	case refContraction:
		r.subject = true
		w := l.low(r.from)
		switch {
		case strings.HasSuffix(w, "'s") && (l.is(r.to, participles) || strings.HasSuffix(l.low(r.to), "ed")):
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
	return l.word(i) && !l.is(i, linkWords|auxWords|adverbs)
}

// resolveSubject handles "he", "they" and the nouns: the subject of a
// question ("Does the patient…" → "Do I…"), of a statement ("The patient
// takes…" → "I take…"), a heading's owner ("Patient name") or an object
// ("Who supports the patient?" → "…me?").
func (l *labelText) resolveSubject(r *personRef) {
	prev := l.low(r.from - 1)
	if l.word(r.from-1) && l.is(r.from-1, auxWords) {
		r.subject, r.repl = true, "I"
		if f, ok := questionFix[prev]; ok {
			r.fix, r.fixAt = f, r.from-1
		}
		return
	}
	next := l.skipAdverbs(r.to)
	if w := l.low(next); l.word(next) && l.verbAfter(next, r) {
		r.subject, r.repl = true, "I"
		fix := pluralFix[w]
		if !r.plural {
			if f, ok := statementFix[w]; ok {
				fix = f
			} else if !l.is(next, auxWords) && (l.is(next, thirdPersonVerbs) || looksThirdPerson(w)) {
				fix = baseForm(w)
			}
		}
		if fix != "" {
			r.fix, r.fixAt = fix, next
		}
		return
	}
	switch {
	case r.kind == refSubject:
		r.subject, r.repl = true, "I"
	case r.from == l.firstWord() && l.is(r.to, stateWords): // "Patient able to stand"
		r.subject, r.repl = true, "I am"
	case r.from == l.firstWord() && l.word(r.to): // "Patient transport"
		r.repl = "my"
	default:
		r.repl = "me"
	}
}

// verbAfter reports whether item i, just after the reference, is its verb.
func (l *labelText) verbAfter(i int, r *personRef) bool {
	w := l.low(i)
	switch {
	case l.is(i, auxWords|pastVerbs):
		return true
	case r.plural:
		return l.is(i, baseVerbs) || strings.HasSuffix(w, "ed")
	case l.is(i, thirdPersonVerbs):
		return true
	case r.det || r.kind == refSubject:
		return looksThirdPerson(w) || (len(w) > 3 && strings.HasSuffix(w, "ed"))
	}
	return false
}

// rewrite replaces the references and fixes the verbs around them.
func (l *labelText) rewrite(refs []personRef) string {
	var buf [16]string
	out := l.tokTexts(buf[:0])
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
		if r.fix != "" {
			t := l.items[r.fixAt]
			out[t] = matchCase(r.fix, l.tokText(t))
		}
	}
	return strings.TrimSpace(strings.Join(out, ""))
}

// joinedRef finds a noun naming the person ("resident", "the patient's")
// joined to someone else by "/", "or", "and" or "&" ("Resident/relative",
// "patient or carer", "the resident and their family"): the label speaks
// of two people, and rewriting one of them as "I" or "my" would change
// what it asks ("My relative"). Two names for the person
// ("patient's/resident's") are one. It gives the items naming both, or
// none.
func (l *labelText) joinedRef(refs []personRef) (from, to int) {
	for _, r := range refs {
		if r.kind != refNoun || r.bed {
			continue
		}
		if from, to := l.joined(r.from, r.to, refs); to > from {
			return from, to
		}
	}
	return 0, 0
}

// joined reports whether items [from, to), naming the person, are joined
// to someone else (joinedRef), and gives the items naming both.
func (l *labelText) joined(from, to int, refs []personRef) (int, int) {
	refAt := func(i int) (personRef, bool) {
		for _, r := range refs {
			if r.from <= i && i < r.to {
				return r, true
			}
		}
		return personRef{}, false
	}
	joins := func(join, other int) bool {
		_, person := refAt(other)
		person = person || personNouns.has(strings.TrimSuffix(l.low(other), "'s")) // "patient/resident"
		switch l.low(join) {
		case "/", "or":
			return l.word(other) && !person
		case "and", "&":
			return l.word(other)
		}
		return false
	}
	switch {
	case joins(from-1, from-2):
		return from - 2, to
	case joins(to, to+1):
		end := to + 2
		if r, ok := refAt(to + 1); ok { // "the resident and their family"
			end = r.to
			if r.kind == refPossessive && l.word(end) {
				end++
			}
		}
		return from, end
	}
	return 0, 0
}

// refProblem says in plain words what is wrong with a reference.
func (l *labelText) refProblem(r personRef) string {
	text := strings.ToLower(l.span(r.from, r.to))
	if r.bed {
		return `"` + text + `" names a bed on the ward, not the person`
	}
	return `"` + text + `" speaks about the person, not as them`
}
