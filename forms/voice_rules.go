package forms

import (
	"strings"
)

// The word lists the voice check reads. Words are lowercase, with curly
// apostrophes already straightened; in a list, "_" joins the words of a
// phrase ("print_name" is listed as "print name" too).

// firstPersonWords mark a label the person already speaks (we/us/our is the
// family speaking with them, which the product welcomes).
var firstPersonWords = voiceSet(`i i'm i've i'd i'll me my mine myself
	we we're we've we'd we'll us our ours ourselves`)

// personalWords are the person's own first-person words (not the family's
// "we", which staff also use: "How we will support you").
var personalWords = voiceSet(`i i'm i've i'd i'll me my mine myself`)

// stockSuggestions maps a bare heading, as forms print it, to the rewrite a
// team lead would choose. Keys are normalised by voiceKey.
var stockSuggestions = stockTable(`
	My name = name | full name | name of person
	My date of birth = date of birth | dob | d.o.b
	I am allergic to = allergies | allergy | known allergies | allergies/sensitivities | drug allergies
	How I move around = mobility | moving around | moving and handling
	I walk with = mobility aids | walking aid | walking aids
	My next of kin = next of kin | nok | next of kin details
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
	My first language is = first language | language
	The language I prefer = preferred language | preferred language spoken
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
	for w := range strings.FieldsSeq(key) {
		if personNouns.has(w) {
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
	drives attends receives understands speaks communicates manages helps washes dresses feeds bathes shaves wishes`)

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
	has is was does goes feels says knows wants gets becomes shows finds keeps remembers copes
	washes dresses feeds bathes shaves wishes`)

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
var acronyms = voiceSet(`nhs gp dnacpr dols lpa id mrn adl adls ot slt dn pip bmi must copd mrsa iddsi nok pmh`)

// ---- Pattern families added for real forms (issue 14). Each is tried in
// the order checkVoice lists them; the first that fires names the problem.

// Family "record": sign-off and record fields describe the assessment, not
// the person, and are never flagged (the policy in voice.go).
const (
	recordHeadingList = `position designation role organisation signature print_name job_title
		position/role nmc_pin pin`
	staffRoleList = `key_worker keyworker named_nurse primary_nurse nurse_in_charge care_coordinator
		care_co-ordinator allocated_worker assessor`
)

var (
	recordHeadings   = voiceSet(recordHeadingList)
	recordWords      = voiceSet(`signature signatures signed countersigned countersignature witness witnessed designation initials`)
	staffWords       = voiceSet(`assessor assessor's assessors nurse nurse's staff clinician practitioner manager doctor keyworker`)
	staffDetailWords = voiceSet(`name names signature date pin role details designation initials contact`)
	dateRecordWords  = voiceSet(`date time of this the assessment review reviewed next plan completion completed start
		entered and care version form initial by`)
	byVerbs = voiceSet(`completed assessed reviewed witnessed countersigned checked entered signed written`)
	// staffRoles name the member of staff responsible for the person's care
	// ("Key worker", "Named nurse"): a field that is only such a role, with
	// or without its details ("Name of key worker"), records who the
	// assessment's staff are, like "Assessor name". A question about the
	// role ("Does the resident have a key worker?") is still checked.
	staffRoles = voiceSet(staffRoleList)
	// signatories name who signs a sign-off line: the person and their
	// representative joined by "/" or "or" ("Resident/Representative",
	// "Patient or advocate"). A representative on their own ("Representative")
	// may be the person's, and is still checked.
	signatoryParties = voiceSet(`patient resident client service-user service user person representative advocate
		relative carer`)
	representatives = voiceSet(`representative advocate`)
)

// Family "look-alike": an "I" that is a numeral or part of "I.D." is not
// the person speaking: "Type I diabetes", "Grade I pressure ulcer".
var romanContext = voiceSet(`type grade stage class category phase part level section schedule appendix`)

// Family "shorthand" and "typo": form shorthand is spelt out and common
// typos corrected before the other families read the label ("NOK", "Tel
// No:", "Room no.", "PMH", "pateint's", "patients usual bedtime").
var (
	typoFixes = map[string]string{"pateint": "patient", "pateint's": "patient's", "pateints": "patients",
		"patinet": "patient", "patinet's": "patient's", "paitent": "patient", "paitent's": "patient's",
		"resdient": "resident", "resdient's": "resident's", "recieve": "receive", "recieves": "receives",
		"alergies": "allergies", "allergys": "allergies", "medicaton": "medication", "mobilty": "mobility",
		"continance": "continence", "accomodation": "accommodation", "assesment": "assessment"}
	shorthand = map[string]string{"nok": "next of kin", "pmh": "past medical history", "tel": "telephone",
		"pt": "patient", "pt's": "patient's", "hx": "history", "meds": "medicines", "nbm": "nil by mouth",
		"dob": "date of birth", "sw": "social worker"}
	// shorthandLower may be expanded even when typed in lower case.
	shorthandLower = voiceSet(`tel meds pt pt's`)
	// numberedNouns take "no." for "number": "Room no.", "Tel No:".
	numberedNouns = voiceSet(`room tel telephone phone contact mobile bed ward case hospital unit flat house`)
)

// Family "second person": a form spoken to the person ("Do you use a
// walking aid?") or by staff ("How we will support you"). The rewrite
// swaps the voices: you → I or me, your → my, we/us/our → you/your.
var (
	youWords           = voiceSet(`you your yours yourself yourselves you're you've you'd you'll`)
	weWords            = voiceSet(`we we'll we're we've`)
	staffModals        = voiceSet(`will shall can should must need 'll`)
	objectPrepositions = voiceSet(`to with at for from about by into after before than like of around`)
	youAuxFix          = map[string]string{"are": "am", "aren't": "am not", "were": "was", "weren't": "wasn't"}
	youVerbFix         = map[string]string{"are": "am", "aren't": "am not", "were": "was", "weren't": "wasn't"}
	youSwap            = map[string]string{"your": "my", "yours": "mine", "yourself": "myself",
		"yourselves": "myself", "you're": "I'm", "you've": "I've", "you'd": "I'd", "you'll": "I'll"}
	weSwap = map[string]string{"we": "you", "us": "you", "our": "your", "ours": "yours", "ourselves": "yourselves",
		"we're": "you're", "we've": "you've", "we'll": "you'll", "we'd": "you'd"}
)

// Family "instruction": an instruction to the assessor ("Please describe
// the person's usual routine", "Record any recent falls", "Tick all that
// apply: …"); the suggestion is the thing described, as the person's own.
var instructionVerbs = voiceSet(`describe record list state specify indicate tick document note give detail
	enter circle write outline explain identify`)

// Family "qualified heading": a heading with a bracketed condition
// ("Emergency contact (if different):"), a colon list ("Hearing aids:
// left/right") or a "required"/"needed"/"used" qualifier ("Number of
// carers required for transfers"). The heading is checked on its own and
// the qualifier kept as written; the "required" words are listed in
// checkNeeded.

// Family "bare question": a question without a subject ("Any allergies?",
// "Lives alone?", "Hearing aid?"). These lists decide the rewrite's shape.
var (
	questionWords = voiceSet(`who whom whose what when where why how which whether`)
	bareStates    = voiceSet(`able unable independent allergic aware unaware continent incontinent orientated
		oriented confused retired known registered housebound bedbound employed married widowed intact
		involved informed happy willing safe mobile diabetic`)
	roleNouns    = voiceSet(`smoker carer diabetic vegetarian vegan driver drinker`)
	ownableNouns = voiceSet(`skin weight appetite memory mobility hearing eyesight speech family relatives carer carers
		gp home house bowels bladder mood sleep`)
	relationalNouns = voiceSet(`nok next family relatives carer carers gp`)
	massNouns       = voiceSet(`diabetes dementia epilepsy asthma copd pain capacity oxygen physiotherapy isolation
		help support assistance equipment transport incontinence dysphagia anxiety depression`)
	countNouns = voiceSet(`aid hoist interpreter catheter stoma carer pet pets wound ulcer sore fear diagnosis
		decision attorney dnacpr dols plan package referral assessment meeting conference visit wheelchair
		frame stick commode key worker lpa respect power impairment`)
	properNouns = voiceSet(`english welsh nhs gp dnacpr dols lpa respect bmi must copd mrsa waterlow braden
		parkinson's alzheimer's`)
)

// Family "ambiguous": headings whose meaning a rewrite could change ("Dressing"
// is getting dressed or a wound dressing): flagged with no suggestion.
var ambiguousHeadings = voiceSet(`dressing dressings`)

// ofHeads open a heading about something of the person's: "Name of LPA" →
// "The name of my LPA".
var ofHeads = voiceSet(`name location frequency level history cause severity duration type`)

// determiners already say whose or which: "Name of the ward".
var determiners = voiceSet(`a an the my your his her their our this that these those any all each`)

// conjunctions and question words before "you" make it the subject.
var conjunctions = voiceSet(`that if when and or because so while until unless whether as`)

// openEnded words end a stock suggestion that runs on into the answer ("I
// am allergic to"); a qualifier cannot follow them.
var openEnded = voiceSet(`to is with by for at`)

// polishFixes mend a rewrite word for word.
var polishFixes = [][2]string{{"I have own ", "I have my own "}, {"Do I have own ", "Do I have my own "}}

// assessorHintPrefixes mark a hint written for the assessor, which the
// voice check skips (see AssessorHint).
var assessorHintPrefixes = []string{"assessor:", "for the assessor", "assessor note", "staff:", "for staff",
	"note for staff", "note to assessor"}

// voicePatterns name the family behind each kind of problem, so every
// finding says which pattern fired ("Second person: …"). The first
// fragment found in the problem wins.
var voicePatterns = [][2]string{
	{"form shorthand", "Shorthand"}, {"is a typo", "Typo"}, {"needs an apostrophe", "Missing apostrophe"},
	{"talks to the person", "Second person"}, {"is staff speaking", "Staff voice"},
	{"instruction to the assessor", "Assessor instruction"}, {"without a subject", "Question without a subject"},
	{"with them left out", "Qualified heading"}, {"could mean more than one thing", "Ambiguous heading"},
	{"names a place on the ward", "Medicalised"}, {"names a bed", "Medicalised"},
	{"hospital case", "Medicalised"}, {"treats the person as a case", "Medicalised"},
	{"by their illness", "Medicalised"}, {"is a note about the person", "Note-speak"},
	{"speaks about the person", "Third person"}, {"is a bare heading", "Bare heading"},
}
