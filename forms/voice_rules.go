package forms

import (
	"strings"
	"unicode"
	"unicode/utf8"
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
	case strings.Contains(key, "patient") || strings.Contains(key, "resident") || strings.Contains(key, "client"):
		return `"` + heading + `" speaks about the person, not as them`
	}
	return `"` + heading + `" is a bare heading; it does not say whose it is`
}

// personNouns name the person as a patient or client.
var personNouns = voiceSet(`patient pt resident client service-user`)

// hospitalPlaceWords make up a label that names a place on a ward ("Bed 12",
// "Ward and bed number"): such a label stands in for the person.
var hospitalPlaceWords = voiceSet(`ward bay bed beds side space number no no. # and / & location
	current hospital inpatient`)

// exemptHeadings are about the assessment itself (sign-off, dates, notes),
// so no one speaks them and they need no owner.
var exemptHeadings = voiceSet(`date time recommendation recommendations outcome reference comments
	notes other details reason reasons summary role organisation designation signature version`)

// exemptHeadingWords make a heading about the assessor or the paperwork.
var exemptHeadingWords = voiceSet(`assessor assessor's assessors assessors' signature signed
	countersigned witness form completed reviewed agreed any other additional further if assessment`)

// headingStoppers are words that make a label a sentence rather than a
// heading that only needs an owner.
var headingStoppers = voiceSet(`is isn't are aren't was wasn't were weren't be been being am has hasn't
	have haven't had do does doesn't did didn't can can't cannot could will won't would should may might
	must shall what when where why how who whom whose which whether if that there it this these those
	you he she they him them please yes not made given taken done seen written told known shown sent
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

// acronyms stay in capitals when a heading written in capitals is owned.
var acronyms = voiceSet(`nhs gp dnacpr dols lpa id mrn adl adls ot slt dn pip`)

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
