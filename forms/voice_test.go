package forms

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// flaggedLabels are labels from real care and hospital assessment forms
// that do not speak as the person, with the rewrite the team lead should
// be offered and a fragment of the problem they should read.
var flaggedLabels = []struct {
	name, label, suggestion, problem string
}{
	// Bare headings from admission and care-plan paperwork.
	{"name", "Name", "My name", `"Name" is a bare heading`},
	{"date of birth", "Date of birth", "My date of birth", "bare heading"},
	{"dob abbreviation", "DOB", "My date of birth", "form shorthand"},
	{"allergies", "Allergies", "I am allergic to", "bare heading"},
	{"known allergies", "Known allergies", "I am allergic to", "bare heading"},
	{"mobility", "Mobility", "How I move around", "bare heading"},
	{"next of kin", "Next of kin", "My next of kin", "bare heading"},
	{"next of kin with colon", "Next of kin:", "My next of kin", `"Next of kin"`},
	{"diet", "Diet", "What I eat and drink", "bare heading"},
	{"medication", "Medication", "My medicines", "bare heading"},
	{"medications", "Medications", "My medicines", "bare heading"},
	{"religion", "Religion", "My faith and beliefs", "bare heading"},
	{"address", "Address", "My address", "bare heading"},
	{"gp", "GP", "My GP", `"GP"`},
	{"hobbies", "Hobbies", "I enjoy", "bare heading"},
	{"sleep", "Sleep", "How I sleep", "bare heading"},
	{"communication", "Communication", "How I communicate", "bare heading"},
	{"continence", "Continence", "How I use the toilet", "bare heading"},
	{"nhs number", "NHS number", "My NHS number", "bare heading"},
	{"preferred name", "Preferred name", "Please call me", "bare heading"},
	{"likes", "Likes", "I like", "bare heading"},
	{"dislikes", "Dislikes", "I don't like", "bare heading"},
	{"weight", "Weight", "My weight", "bare heading"},
	{"past medical history", "Past medical history", "My health conditions", "bare heading"},
	{"skin integrity", "Skin integrity", "My skin", "bare heading"},
	{"personal care", "Personal care", "How I wash and dress", "bare heading"},
	{"unknown heading is owned", "Shoe size", "My shoe size", `"Shoe size" is a bare heading`},
	{"unknown heading keeps acronym", "Marital status", "My marital status", "bare heading"},
	{"heading with outpatient is not patient", "Outpatient appointments", "My outpatient appointments", "bare heading"},
	{"bedtime is a heading, not a bed", "Bedtime", "My bedtime", "bare heading"},
	{"second person heading", "Your name", "My name", `"your"`},
	// Possessives and modifiers naming the person as a patient.
	{"patient's name", "Patient's name", "My name", `"patient's" speaks about the person`},
	{"resident's next of kin", "Resident's next of kin", "My next of kin", `"resident's"`},
	{"the patient's GP", "The patient's GP", "My GP", `"the patient's"`},
	{"client's religion", "Client's religion", "My faith and beliefs", `"client's"`},
	{"service user's preferred name", "Service user's preferred name", "Please call me", `"service user's"`},
	{"curly apostrophe", "Patient’s date of birth", "My date of birth", `"patient’s"`},
	{"his/her heading", "His/her preferred drink", "My preferred drink", `"his/her"`},
	{"name of patient", "Name of patient", "My name", `"patient"`},
	{"shouted patient name", "PATIENT NAME", "My name", `"patient"`},
	{"patient details", "Patient details", "About me", `"Patient details" speaks about the person`},
	{"care home resident", "Care home resident", "My care home", `"resident"`},
	{"possessive mid-sentence", "Family's view of the patient's needs", "Family's view of my needs", `"the patient's"`},
	// Questions asked about the person instead of by them.
	{"does the patient", "Does the patient use a walking aid?", "Do I use a walking aid?", `"the patient" speaks about the person, not as them`},
	{"is the resident able", "Is the resident able to stand unaided?", "Am I able to stand unaided?", `"the resident"`},
	{"has the patient", "Has the patient had a fall in the last 12 months?", "Have I had a fall in the last 12 months?", `"the patient"`},
	{"can the service user", "Can the service user manage their own medicines?", "Can I manage my own medicines?", `"the service user"`},
	{"what is the patient's", "What is the patient's first language?", "What is my first language?", `"the patient's"`},
	{"does the patient take", "Does the patient take medication for pain?", "Do I take medication for pain?", `"the patient"`},
	{"how does he/she", "How does he/she communicate?", "How do I communicate?", `"he/she"`},
	{"does he or she", "Does he or she need help with personal care?", "Do I need help with personal care?", `"he or she"`},
	{"is she able", "Is she able to use the call bell?", "Am I able to use the call bell?", `"she"`},
	{"does she wear", "Does she wear glasses?", "Do I wear glasses?", `"she"`},
	{"has he/she got", "Has he/she got dentures?", "Have I got dentures?", `"he/she"`},
	{"do they have", "Do they have a Lasting Power of Attorney?", "Do I have a Lasting Power of Attorney?", `"they"`},
	{"are they", "Are they at risk of falls?", "Am I at risk of falls?", `"they"`},
	{"what does the person", "What does the person like to be called?", "What do I like to be called?", `"the person"`},
	{"does the individual", "Does the individual have capacity to consent?", "Do I have capacity to consent?", `"the individual"`},
	{"does the client", "Does the client understand English?", "Do I understand English?", `"the client"`},
	{"wh-question with does", "Who does the patient live with?", "Who do I live with?", `"the patient"`},
	{"reflexive", "Can the patient wash himself?", "Can I wash myself?", `"the patient"`},
	{"how many carers", "How many carers does the resident need?", "How many carers do I need?", `"the resident"`},
	{"possessive in a question", "Is the patient's skin intact?", "Is my skin intact?", `"the patient's"`},
	{"their likes", "What are their likes and dislikes?", "What are my likes and dislikes?", `"their"`},
	{"did the patient ... their", "When did the patient last open their bowels?", "When did I last open my bowels?", `"the patient"`},
	{"her as object", "Who helps her wash?", "Who helps me wash?", `"her"`},
	{"object after verb", "Who supports the patient at home?", "Who supports me at home?", `"the patient"`},
	{"question keeps its own wording", "Patient transport booked?", "My transport booked?", `"patient"`},
	// Statements about the person, with the verb made to agree.
	{"is allergic", "The patient is allergic to", "I am allergic to", `"the patient"`},
	{"has fallen", "The resident has fallen", "I have fallen", `"the resident"`},
	{"adverb before verb", "The patient usually goes to bed at", "I usually go to bed at", `"the patient"`},
	{"third person s", "Service user prefers a shower", "I prefer a shower", `"service user"`},
	{"relative clause subject", "Things the patient enjoys", "Things I enjoy", `"the patient"`},
	{"relative clause needs", "Support the patient needs at night", "Support I need at night", `"the patient"`},
	{"object with infinitive", "Encourage the resident to drink", "Encourage me to drink", `"the resident"`},
	{"note-speak missing verb", "Patient able to weight bear", "I am able to weight bear", `"patient"`},
	{"they're", "They're happiest when", "I'm happiest when", `"they're"`},
	{"he's with participle", "He's fallen twice this year", "I've fallen twice this year", `"he's"`},
	{"her object and possessive", "Talk to her about her family", "Talk to me about my family", `"her"`},
	{"notes about", "Notes about the patient", "Notes about me", `"the patient"`},
	{"lives alone", "Lives alone", "I live alone", `"Lives" is a note about the person`},
	{"uses a frame", "Uses a zimmer frame", "I use a zimmer frame", `"Uses"`},
	{"has capacity", "Has capacity to decide", "I have capacity to decide", `"Has"`},
	// Medicalised: beds, admissions, cases.
	{"bed number as person", "Bed 12", "Where I am staying in hospital", `"bed 12" names a place on the ward`},
	{"bed number heading", "Bed number", "Where I am staying in hospital", "place on the ward"},
	{"bed with colon", "Bed:", "Where I am staying in hospital", "place on the ward"},
	{"ward and bed space", "Ward and bed space", "Where I am staying in hospital", "place on the ward"},
	{"inpatient ward", "Inpatient ward", "Where I am staying in hospital", "place on the ward"},
	{"bed as subject", "Bed 4 is nil by mouth", "I am nil by mouth", `"bed 4" names a bed on the ward`},
	{"reason for admission", "Reason for admission", "Why I went into hospital", `"admission" treats the person as a hospital case`},
	{"date of admission", "Date of admission", "When I went into hospital", `"admission"`},
	{"on admission", "Weight on admission", "My weight when I went into hospital", `"admission"`},
	{"case number", "Case number", "My reference number", `"case"`},
	{"this case", "Is this case suitable for a care home?", "Am I suitable for a care home?", `"this case"`},
	{"plural possessive", "Patients' property", "My property", `"patients'"`},
	{"closing preposition", "Relationship to patient", "Relationship to me", `"patient"`},
	{"bracketed patient", "Name (patient)", "My name", `"patient"`},
	{"heading keeps its units", "Height (cm)", "My height (cm)", "bare heading"},
	{"adjective note", "Nil by mouth", "I am nil by mouth", `"Nil" is a note about the person`},
	{"admission inside a note", "Independent before admission", "I am independent before I went into hospital", `"Independent"`},
	{"admission inside a question", "Were they independent before admission?", "Was I independent before I went into hospital?", `"they"`},
	{"s/he", "Does s/he smoke?", "Do I smoke?", `"s/he"`},
	{"question word order", "Which ward is the patient on?", "Which ward am I on?", `"the patient"`},
	{"her as possessive", "Her daughter visits daily", "My daughter visits daily", `"her"`},
	{"they were", "They were a teacher", "I was a teacher", `"they"`},
	// First person, but still a patient.
	{"I am a patient at", "I am a patient at St Mary's Hospital", "I am staying at St Mary's Hospital", `"patient" describes the person by their illness`},
	{"I am a patient", "I am a patient", "I am in hospital", `"patient"`},
	{"mixed voice", "My name (patient's full name)", "My name (my full name)", `"patient's"`},
	// Staff asking the person: the voices swap.
	{"staff asks", "Is there anything else you would like to tell us?", "Is there anything else I would like to tell you?", `"you" talks to the person`},
}

// inVoiceLabels already speak as the person (or their family, or are about
// the assessment itself) and must never be flagged.
var inVoiceLabels = []struct{ name, label string }{
	{"my name", "My name"},
	{"please call me", "Please call me"},
	{"my date of birth", "My date of birth"},
	{"my nhs number", "My NHS number"},
	{"first language", "My first language is"},
	{"interpreter", "I need an interpreter"},
	{"what matters", "What matters most to me now is"},
	{"good day", "A good day for me is"},
	{"worry", "I worry about"},
	{"important people", "People who are important to me"},
	{"lpa", "I have a Lasting Power of Attorney for health and welfare"},
	{"communicate", "I communicate best by"},
	{"pain", "When I am in pain or upset I show it by"},
	{"why hospital", "Why I went into hospital"},
	{"allergic", "I am allergic to"},
	{"my medicines", "My medicines"},
	{"take medicines", "I like to take my medicines"},
	{"walk with", "I walk with"},
	{"fallen", "I have fallen in the last 12 months"},
	{"go to bed is not a bed label", "I usually go to bed at"},
	{"before bed", "Bedtime routine: I like a warm drink before bed"},
	{"bedroom", "I sleep better with the bedroom door open"},
	{"my bed number", "My bed number on the ward"},
	{"at night", "At night I need"},
	{"upset me", "Things that upset me"},
	{"calm me", "Things that calm me"},
	{"please do", "Please do…"},
	{"please don't", "Please don't…"},
	{"please contact them", "Please contact them about"},
	{"decisions", "I can make decisions about my care"},
	{"my day", "My day usually goes like this"},
	{"enjoy", "I enjoy"},
	{"family: we spoke", "Who we spoke to"},
	{"family: they told us", "What they told us"},
	{"family: we agreed", "What we agreed"},
	{"family: our mum", "Our mum likes"},
	{"family: we would like", "We would like to be told if"},
	{"she is someone else", "My daughter says she visits every day"},
	{"contractions", "I'm happiest when"},
	{"i've", "I've had a fall before"},
	{"first-person question", "Do I use a walking aid?"},
	{"am I able", "Am I able to stand on my own?"},
	{"bring with me", "Things I bring with me"},
	{"care home accepts me", "Care home accepts me"},
	{"travel", "How I will travel"},
	{"my gp", "My GP"},
	{"in case is not a case", "In case I become unwell, please ring my son"},
	{"inpatient beside I", "I was an inpatient at the Royal Infirmary"},
	{"a patient is not the patient", "I don't like being called a patient"},
	{"outpatient beside I", "I see the outpatient team every month"},
	{"resident of a home lives there", "I am a resident at Oak House"},
	{"carer preference", "I prefer a male or female carer"},
	{"respect", "My ReSPECT / DNACPR decisions"},
	{"dols", "I have a DoLS in place"},
	{"tea", "How I like my tea"},
	{"assessor's name", "My assessor's name"},
	{"assessor signature", "Assessor signature"},
	{"assessor details", "Assessor name, role and organisation"},
	{"supported to write", "Supported to write this by"},
	{"date", "Date"},
	{"date of this assessment", "Date of this assessment"},
	{"date of assessment", "Date of assessment"},
	{"recommendation", "Recommendation"},
	{"signature", "Signature"},
	{"completed by", "Completed by"},
	{"other please specify", "Other (please specify)"},
	{"any other information", "Any other information"},
	{"neutral question", "Is there a DNACPR in place?"},
	{"has there been", "Has there been a safeguarding concern?"},
	{"neutral sentence", "Changes made in hospital"},
	{"outpatient inside a word", "Hospital outpatient appointments are arranged"},
	{"lowercase i", "i like my tea strong"},
	{"blank", "   "},
	{"yes", "Yes"},
	{"not applicable", "N/A"},
	{"a number", "1."},
	{"neutral how-to", "Who to contact in an emergency"},
}

func TestCheckLabelFlags(t *testing.T) {
	for _, tc := range flaggedLabels {
		t.Run(tc.name, func(t *testing.T) {
			problem, suggestion, flagged := CheckLabel(tc.label)
			if !flagged {
				t.Fatalf("CheckLabel(%q) not flagged; want suggestion %q", tc.label, tc.suggestion)
			}
			if suggestion != tc.suggestion {
				t.Errorf("CheckLabel(%q) suggestion = %q, want %q", tc.label, suggestion, tc.suggestion)
			}
			if !strings.Contains(problem, tc.problem) {
				t.Errorf("CheckLabel(%q) problem = %q, want it to mention %q", tc.label, problem, tc.problem)
			}
			if _, _, again := CheckLabel(suggestion); again {
				t.Errorf("suggestion %q for %q is itself flagged", suggestion, tc.label)
			}
		})
	}
}

func TestCheckLabelLeavesThePersonsVoiceAlone(t *testing.T) {
	for _, tc := range inVoiceLabels {
		t.Run(tc.name, func(t *testing.T) {
			if problem, suggestion, flagged := CheckLabel(tc.label); flagged || problem != "" || suggestion != "" {
				t.Errorf("CheckLabel(%q) = %q, %q, %v; want it left alone", tc.label, problem, suggestion, flagged)
			}
		})
	}
}

func TestCheckLabelTableSize(t *testing.T) {
	if len(flaggedLabels) < 40 || len(inVoiceLabels) < 40 {
		t.Errorf("want at least 40 labels of each kind, have %d flagged and %d in voice", len(flaggedLabels), len(inVoiceLabels))
	}
}

// TestStockSuggestionsAreInVoice keeps the rewrite table honest: a
// suggestion a team lead accepts in one click must not be flagged next.
func TestStockSuggestionsAreInVoice(t *testing.T) {
	for heading, suggestion := range stockSuggestions {
		if _, _, flagged := CheckLabel(heading); !flagged {
			t.Errorf("stock heading %q is not flagged", heading)
		}
		if problem, _, flagged := CheckLabel(suggestion); flagged {
			t.Errorf("stock suggestion %q for %q is flagged: %s", suggestion, heading, problem)
		}
	}
}

func voiceSchema() *Schema {
	return &Schema{Title: "Ward form", Sections: []Section{
		{ID: "about", Title: "About", Questions: []Question{
			{ID: "name", Label: "Patient's name", Type: TypeText},
			{ID: "call-me", Label: "Please call me", Type: TypeText},
			{ID: "guidance", Label: "Ask the patient about their family", Type: TypeInfo},
		}},
		{ID: "moving", Title: "Moving", Questions: []Question{
			{ID: "aid", Label: "Does the patient use a walking aid?", Type: TypeYesNo},
			{ID: "walk", Label: "I walk with", Type: TypeChoice, Options: []string{"A stick"}},
			{ID: "bed", Label: "Bed 12", Type: TypeText},
		}},
	}}
}

func TestVoiceFindingsInFormOrderSkippingInfo(t *testing.T) {
	got := voiceSchema().VoiceFindings()
	want := []VoiceFinding{
		{QuestionID: "name", SectionID: "about", Field: "label", Label: "Patient's name", Problem: `Third person: "patient's" speaks about the person, not as them`, Suggestion: "My name"},
		{QuestionID: "aid", SectionID: "moving", Field: "label", Label: "Does the patient use a walking aid?", Problem: `Third person: "the patient" speaks about the person, not as them`, Suggestion: "Do I use a walking aid?"},
		{QuestionID: "bed", SectionID: "moving", Field: "label", Label: "Bed 12", Problem: `Medicalised: "bed 12" names a place on the ward, not the person`, Suggestion: "Where I am staying in hospital"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("VoiceFindings() =\n%+v\nwant\n%+v", got, want)
	}
	b, err := json.Marshal(got[0])
	if err != nil {
		t.Fatal(err)
	}
	const wantJSON = `{"question_id":"name","section_id":"about","field":"label","label":"Patient's name","problem":"Third person: \"patient's\" speaks about the person, not as them","suggestion":"My name"}`
	if string(b) != wantJSON {
		t.Errorf("JSON = %s\nwant %s", b, wantJSON)
	}
}

func TestVoiceCount(t *testing.T) {
	in, total := voiceSchema().VoiceCount()
	if in != 2 || total != 5 {
		t.Errorf("VoiceCount() = %d of %d, want 2 of 5", in, total)
	}
}

func TestVoiceFindingsEmptyIsNotNil(t *testing.T) {
	for name, s := range map[string]*Schema{"nil": nil, "empty": {}, "all in voice": {Sections: []Section{
		{ID: "a", Questions: []Question{{ID: "q", Label: "My name", Type: TypeText}}},
	}}} {
		got := s.VoiceFindings()
		if got == nil || len(got) != 0 {
			t.Errorf("%s: VoiceFindings() = %#v, want an empty non-nil slice", name, got)
		}
		if b, _ := json.Marshal(got); string(b) != "[]" {
			t.Errorf("%s: JSON = %s, want []", name, b)
		}
	}
	if in, total := (*Schema)(nil).VoiceCount(); in != 0 || total != 0 {
		t.Errorf("nil VoiceCount() = %d, %d", in, total)
	}
}

// TestDefaultTemplateIsInThePersonsVoice: the form a fresh install ships
// must show "N of N questions in my voice".
func TestDefaultTemplateIsInThePersonsVoice(t *testing.T) {
	s := DefaultTemplate()
	for _, f := range s.VoiceFindings() {
		t.Errorf("default question %s %q flagged: %s (suggests %q)", f.QuestionID, f.Label, f.Problem, f.Suggestion)
	}
	in, total := s.VoiceCount()
	if total == 0 || in != total {
		t.Errorf("default VoiceCount() = %d of %d, want all", in, total)
	}
}

func FuzzCheckLabel(f *testing.F) {
	for _, tc := range flaggedLabels {
		f.Add(tc.label)
	}
	for _, tc := range inVoiceLabels {
		f.Add(tc.label)
	}
	for _, s := range []string{"", "?", "he/", "/she", "the", "The patient's", "bed 1", "I'm a", "s/he's", "İ", "\xff patient"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, label string) {
		// A title, hint, option or column is only ever flagged when the
		// label check would flag it too, with the same answer.
		if p, s, f := checkPart(label); f {
			if lp, ls, lf := CheckLabel(label); !lf || lp != p || ls != s {
				t.Fatalf("checkPart(%q) = %q, %q but CheckLabel = %q, %q, %v", label, p, s, lp, ls, lf)
			}
		}
		problem, suggestion, flagged := CheckLabel(label)
		if !flagged {
			if problem != "" || suggestion != "" {
				t.Fatalf("CheckLabel(%q) not flagged but said %q, %q", label, problem, suggestion)
			}
			return
		}
		if problem == "" || (strings.TrimSpace(suggestion) == "") != strings.HasSuffix(problem, noRewrite) {
			t.Fatalf("CheckLabel(%q) flagged with problem %q, suggestion %q", label, problem, suggestion)
		}
		if suggestion == "" {
			return // no safe rewrite, and the problem says so
		}
		if _, _, again := CheckLabel(suggestion); again {
			t.Fatalf("CheckLabel(%q) suggests %q, which is itself flagged", label, suggestion)
		}
		if utf8.ValidString(label) && (!utf8.ValidString(suggestion) || !utf8.ValidString(problem)) {
			t.Fatalf("CheckLabel(%q) = %q, %q: not valid UTF-8", label, problem, suggestion)
		}
	})
}
