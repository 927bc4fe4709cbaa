package forms

import (
	"strings"
	"unicode"
)

// The word lists the voice check reads. Words are lowercase, with curly
// apostrophes already straightened.

// voiceSet builds a lookup set from space-separated words.
func voiceSet(words string) map[string]bool {
	set := map[string]bool{}
	for _, w := range strings.Fields(words) {
		set[w] = true
	}
	return set
}

// firstPersonWords mark a label the person already speaks (we/us/our is the
// family speaking with them, which the product welcomes).
var firstPersonWords = voiceSet(`i i'm i've i'd i'll me my mine myself
	we we're we've we'd we'll us our ours ourselves`)

// stockSuggestions maps a bare heading, as forms print it, to the rewrite a
// team lead would choose. Keys are normalised by voiceKey.
var stockSuggestions = stockTable(`
	My name = name | full name | name of person
	My date of birth = date of birth | dob | d.o.b
	I am allergic to = allergies | allergy | known allergies | allergies/sensitivities | drug allergies
	How I move around = mobility | moving around | moving and handling
	I walk with = mobility aids | walking aid | walking aids
	People who are important to me = next of kin | nok | next of kin details
	What I eat and drink = diet | nutrition | nutrition and hydration | dietary requirements
	How I eat and drink = eating and drinking
	My medicines = medication | medications | medicines | current medication | current medications | drug history
	My faith and beliefs = religion | faith | religion/faith | religious beliefs | spiritual needs
	My address = address | home address
	My GP = gp | gp details | registered gp | gp name
	I enjoy = hobbies | interests | hobbies and interests | hobbies/interests
	How I sleep = sleep | sleeping | sleep pattern
	How I communicate = communication | communication needs
	How I use the toilet = continence | continence needs | toileting | elimination
	My NHS number = nhs number | nhs no
	Please call me = preferred name | known as | likes to be known as
	I like = likes
	I don't like = dislikes
	What I like and don't like = likes and dislikes | likes/dislikes
	My weight = weight
	My height = height
	How I wash and dress = personal care | washing and dressing | hygiene
	My health conditions = past medical history | medical history | pmh | diagnosis | diagnoses
	My skin = skin integrity | pressure areas | tissue viability
	My first language is = first language | language | preferred language
	About me = patient | patient details | personal details | resident details | client details | demographics
	Why I went into hospital = reason for admission | admission | presenting complaint | reason for referral
	When I went into hospital = date of admission | admission date | date admitted
	Where I lived before I went into hospital = admitted from
	When I leave hospital = discharge date | date of discharge
	My reference number = case number | case no | case ref | case reference | case id
	Falls I have had = falls | falls history | history of falls
	I smoke = smoker
	I have diabetes = diabetic
	How much alcohol I drink = alcohol
	Equipment I need = equipment | equipment required
`)

// stockTable reads "Suggestion = heading | heading" lines.
func stockTable(table string) map[string]string {
	m := map[string]string{}
	for _, line := range strings.Split(table, "\n") {
		suggestion, headings, ok := strings.Cut(line, "=")
		if !ok {
			continue
		}
		for _, h := range strings.Split(headings, "|") {
			m[voiceKey(h)] = strings.TrimSpace(suggestion)
		}
	}
	return m
}

// stockProblem says what is wrong with a heading, shown as typed.
func stockProblem(key, heading string) string {
	switch {
	case strings.Contains(key, "admission") || strings.Contains(key, "admitted"):
		return `"admission" treats the person as a hospital case`
	case strings.HasPrefix(key, "case "):
		return `"case" treats the person as a case, not someone speaking`
	}
	for _, w := range strings.Fields(key) {
		if personNouns[w] {
			return `"` + heading + `" speaks about the person, not as them`
		}
	}
	return `"` + heading + `" is a bare heading; it does not say whose it is`
}

// personNouns name the person as a patient or client.
var personNouns = voiceSet(`patient pt resident client service-user`)

// hospitalPlaceWords make up a label that names a place on a ward ("Bed 12",
// "Ward and bed number"): such a label stands in for the person.
var hospitalPlaceWords = voiceSet(`ward bay bed beds side space number no and location current hospital
	inpatient`)

// exemptHeadings are about the assessment itself (sign-off, dates, notes),
// so no one speaks them and they need no owner.
var exemptHeadings = voiceSet(`date time recommendation recommendations outcome reference comments
	notes other details reason reasons summary role organisation designation signature version n/a`)

// exemptHeadingWords make a heading about the assessor or the paperwork.
var exemptHeadingWords = voiceSet(`assessor assessor's assessors assessors' signature signed
	countersigned witness form completed reviewed agreed any other additional further if assessment`)

// headingStoppers are words that make a label a sentence rather than a
// heading that only needs an owner.
var headingStoppers = voiceSet(`is isn't are aren't was wasn't were weren't be been being am has hasn't
	have haven't had do does doesn't did didn't can can't cannot could will won't would should may might
	must shall what when where why how who whom whose which whether if that there it this these those
	you he she they him them please yes no not made given taken done seen written told known shown sent
	brought kept left put got gone need needs want wants like go goes write make take give get tell see know
	lives uses requires takes wears prefers enjoys walks mobilises mobilizes eats drinks sleeps smokes
	drives attends receives understands speaks communicates manages helps`)

// auxWords are auxiliaries and modals: before a person reference they form
// a question ("Does the patient…"), after one they are its verb.
var auxWords = voiceSet(`is isn't are aren't was wasn't were weren't has hasn't have haven't had hadn't
	does doesn't do don't did didn't can can't cannot could couldn't will won't would wouldn't should
	shouldn't may might must shall`)

// questionFix turns the auxiliary of a question about someone into the one
// "I" takes: "Does the patient…" → "Do I…".
var questionFix = map[string]string{
	"does": "do", "doesn't": "don't", "is": "am", "isn't": "aren't", "are": "am",
	"were": "was", "weren't": "wasn't", "has": "have", "hasn't": "haven't",
}

// statementFix turns the verb after a third-person subject into the one
// "I" takes: "The patient is…" → "I am…".
var statementFix = map[string]string{
	"is": "am", "isn't": "am not", "are": "am", "aren't": "am not", "were": "was", "weren't": "wasn't",
	"has": "have", "hasn't": "haven't", "does": "do", "doesn't": "don't", "goes": "go",
}

// thirdPersonVerbs are verbs that show a bare "Patient …" or a heading such
// as "Lives alone" is a sentence about the person.
var thirdPersonVerbs = voiceSet(`lives uses needs requires takes wears prefers likes enjoys walks mobilises
	mobilizes eats drinks sleeps smokes drives attends receives understands speaks communicates manages
	has is was does goes feels says knows wants gets becomes shows finds keeps remembers copes`)

// baseVerbs follow "they" when it is the subject ("they use…").
var baseVerbs = voiceSet(`need like use live prefer enjoy want take have go get eat drink sleep wear feel
	say know understand walk speak communicate manage stand transfer wash dress move sit see hear read
	write swallow climb mobilise mobilize make require receive attend become show find keep smoke drive
	cope remember recognise recognize tolerate fell went came lost broke said`)

// pastVerbs are irregular past forms that show a subject.
var pastVerbs = voiceSet(`fell went came had was said told became lost broke got`)

// participles follow "he's" when it means "he has" ("He's fallen").
var participles = voiceSet(`been had got fallen lost broken gone done seen taken given eaten drunk`)

// adverbs may sit between a subject and its verb ("The patient usually goes").
var adverbs = voiceSet(`usually often always never sometimes currently still also normally now already
	really generally occasionally rarely mostly only just recently regularly`)

// stateWords follow a subject that lost its verb in note-speak ("Patient
// able to stand"): the rewrite puts "am" back.
var stateWords = voiceSet(`able unable independent allergic aware unaware happy unhappy willing unwilling
	confused continent incontinent mobile immobile safe unsafe known registered diabetic nil bedbound
	fully partially`)

// objectVerbs take "her" as an object, not a possessive ("help her wash").
var objectVerbs = voiceSet(`help helps make makes let lets see assist assists support supports encourage
	encourages remind reminds prompt prompts ask asks tell tells give gives show call contact visit take
	bring move turn reposition transfer lift hoist wake dress wash feed upset upsets calm settle reassure
	comfort know understand keep leave watch check offer allow get`)

// linkWords follow a pronoun that is an object, not a possessive ("with her
// now"): anything else after "her"/"his" is the thing owned.
var linkWords = voiceSet(`to with at in on for from up down out off over and or but when if so as about
	into after before because by the a an this that back home safe well better again too is are was were
	feel get know now here there today`)

// pluralFix turns the verb after "they" into the one "I" takes.
var pluralFix = map[string]string{"are": "am", "aren't": "am not", "were": "was", "weren't": "wasn't"}

// notAfterHas follow a "Has" that opens a question about something else
// ("Has there been…"), not a note about the person ("Has capacity").
var notAfterHas = voiceSet(`there it this that anyone anybody someone somebody everyone any the been a an`)

// otherPeople come before "patient" or "resident" when the label means
// someone else ("another patient is…").
var otherPeople = voiceSet(`a an another other each every no any one fellow per all some which`)

// closingPrepositions may close a label with the person ("Relationship
// to patient", "Name of patient").
var closingPrepositions = voiceSet(`of to for with about from by`)

// admissionPhrases say "admission" about a person who went into hospital.
var admissionPhrases = []struct{ words, repl string }{
	{"on admission", "when I went into hospital"}, {"at admission", "when I went into hospital"},
	{"before admission", "before I went into hospital"}, {"prior to admission", "before I went into hospital"},
	{"since admission", "since I went into hospital"},
}

// acronyms stay in capitals when a heading written in capitals is owned.
var acronyms = voiceSet(`nhs gp dnacpr dols lpa id mrn adl adls ot slt dn pip`)

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
	for _, p := range pronounRefs {
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
	if !l.word(j) {
		return r, false
	}
	base, poss := strings.CutSuffix(l.low(j), "'s")
	if plural, ok := strings.CutSuffix(base, "s'"); ok { // "patients'"
		base, poss = plural, true
	}
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
		(r.to-1 == l.lastWord() && closingPrepositions[l.low(i-1)])
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
