package forms

import (
	"strings"
	"testing"
)

// voiceFamilyCases is a table per pattern family (voice_rules.go): each
// label, the suggestion it must get ("" = flagged with no safe rewrite,
// "-" = not flagged) and a fragment of the problem naming the family.
var voiceFamilyCases = map[string][]struct{ label, suggestion, problem string }{
	"record (sign-off fields are never flagged)": {
		{"Assessor name", "-", ""}, {"Date of assessment", "-", ""}, {"Review date", "-", ""},
		{"Next review date", "-", ""}, {"Signature", "-", ""}, {"Print name and designation", "-", ""},
		{"Registered nurse name", "-", ""}, {"Completed by", "-", ""}, {"Waterlow score", "-", ""},
		{"Date of birth", "My date of birth", "bare heading"},
	},
	"record: staff roles (the assessment's staff, like the assessor)": {
		{"Key Worker", "-", ""}, {"Keyworker", "-", ""}, {"Named nurse", "-", ""},
		{"Name of key worker", "-", ""}, {"Care co-ordinator", "-", ""}, {"Named nurse and contact details", "-", ""},
		{"Does the resident have a key worker?", "Do I have a key worker?", `resident"`},
		{"Key worker visits", "My key worker visits", "bare heading"},
	},
	"record: signatory lines (who signs)": {
		{"Resident/Representative", "-", ""}, {"Patient or representative", "-", ""},
		{"Service user / advocate", "-", ""},
		{"Representative", "My representative", "bare heading"},
	},
	"look-alike I": {
		{"Type I diabetes", "My type I diabetes", "bare heading"},
		{"Type I diabetes?", "Do I have type I diabetes?", "without a subject"},
		{"I.D. number", "My I.D. number", "bare heading"},
		{"Grade I pressure ulcer", "My grade I pressure ulcer", "bare heading"},
		{"I have Type I diabetes", "-", ""},
	},
	"shorthand": {
		{"NOK", "My next of kin", `"NOK" is form shorthand`},
		{"Tel No:", "My telephone number", "form shorthand"},
		{"Room no.", "My room number", "form shorthand"},
		{"PMH", "My health conditions", "form shorthand"},
		{"DNACPR status", "My DNACPR status", "bare heading"},
		{"BMI", "My BMI", "bare heading"},
	},
	"typo and missing apostrophe": {
		{"pateint's usual diet", "My usual diet", `"pateint's" is a typo for "patient's"`},
		{"patients usual bedtime", "My usual bedtime", `"patients" needs an apostrophe`},
	},
	"second person": {
		{"Do you use a walking aid?", "Do I use a walking aid?", `"you" talks to the person`},
		{"What would you like us to call you?", "What would I like you to call me?", `"you"`},
		{"Are you worried about falling?", "Am I worried about falling?", `"you"`},
		{"What do people thank you for?", "What do people thank me for?", `"you"`},
		{"How do you show you are in pain?", "How do I show I am in pain?", `"you"`},
		{"Your medicines", "My medicines", `"your"`},
		{"How you know I am in pain", "-", ""}, // the person speaking to staff
	},
	"staff we": {
		{"How we will support you", "How you will support me", `"we" is staff speaking`},
		{"What we will do", "", `"we" is staff speaking`},
		{"Who we spoke to", "-", ""}, // the family
	},
	"instruction": {
		{"Please describe the person's usual routine", "My usual routine", `"Please describe" is an instruction to the assessor`},
		{"Record any recent falls", "My recent falls", "instruction"},
		{"Tick all that apply: equipment used at home", "Equipment I use at home", "instruction"},
		{"Tick all that apply", "", "instruction"},
		{"Describe mobility", "How I move around", "instruction"},
		{"List current medications", "My medicines", "instruction"},
		{"Indicate if patient has capacity", "Whether I have capacity", "instruction"},
		{"Note: if", "", "instruction"}, // "if" with nothing after it once panicked
		{"Please don't rush me", "-", ""},
	},
	"qualified heading": {
		{"Emergency contact (if different):", "My emergency contact (if different)", "bare heading"},
		{"Allergies (including reaction)", "My allergies (including reaction)", "bare heading"},
		{"Hearing aids: left/right", "My hearing aids: left/right", "bare heading"},
		{"Number of carers required for transfers", "How many carers I need for transfers", "note about the person"},
		{"Hoist required?", "Do I need a hoist?", "note about the person"},
		{"Is oxygen required?", "Do I need oxygen?", "note about the person"},
	},
	"bare question": {
		{"Any allergies?", "Do I have any allergies?", "without a subject"},
		{"Lives alone?", "Do I live alone?", "without a subject"},
		{"Hearing aid?", "Do I have a hearing aid?", "without a subject"},
		{"Continent of urine?", "Am I continent of urine?", "without a subject"},
		{"Smoker?", "Am I a smoker?", "without a subject"},
		{"Skin intact?", "Is my skin intact?", "without a subject"},
		{"Is NOK to be contacted at night?", "Is my next of kin to be contacted at night?", "form shorthand"},
		{"Illicit drug use?", "", "without a subject"},
		{"Is there a DNACPR in place?", "-", ""},
	},
	"role noun without article": {
		{"Does resident smoke?", "Do I smoke?", `"resident"`},
		{"Is patient taking any medication?", "Am I taking any medication?", `"patient"`},
		{"How many carers does resident need?", "How many carers do I need?", `"resident"`},
	},
	// "My relative" would change who the label asks about.
	"role noun joined to someone else (no safe rewrite)": {
		{"Resident/relative", "", `"Resident/relative" speaks about the person and someone else together`},
		{"Patient or carer", "", "someone else together"},
		{"Views of resident/relative", "", `"resident/relative"`},
		{"Does the patient or carer manage the medicines?", "", `"the patient or carer"`},
		{"The resident and their family", "", `"The resident and their family"`},
		{"Resident/relative signature", "-", ""},
	},
	"ambiguous heading": {
		{"Dressing", "", "more than one thing"},
		{"Dressing preferences", "My dressing preferences", "bare heading"},
	},
	"lower case": {
		{"next of kin", "My next of kin", "bare heading"},
		{"lives alone", "I live alone", "note about the person"},
	},
}

func TestVoicePatternFamilies(t *testing.T) {
	for family, cases := range voiceFamilyCases {
		t.Run(family, func(t *testing.T) {
			for _, tc := range cases {
				problem, suggestion, flagged := CheckLabel(tc.label)
				if tc.suggestion == "-" {
					if flagged {
						t.Errorf("%q flagged (%s → %q); want it left alone", tc.label, problem, suggestion)
					}
					continue
				}
				if !flagged || suggestion != tc.suggestion || !strings.Contains(problem, tc.problem) {
					t.Errorf("%q = %q, %q, %v; want %q naming %q", tc.label, problem, suggestion, flagged, tc.suggestion, tc.problem)
				}
				if tc.suggestion == "" && !strings.HasSuffix(problem, noRewrite) {
					t.Errorf("%q: no suggestion, but the problem %q does not say so", tc.label, problem)
				}
			}
		})
	}
}

// TestVoicePatternFirstListed: voicePattern names the family listed first
// among the fragments a problem contains, wherever they are in it.
func TestVoicePatternFirstListed(t *testing.T) {
	naive := func(problem string) string {
		for _, p := range voicePatterns {
			if strings.Contains(problem, p[0]) {
				return p[1]
			}
		}
		return "Other"
	}
	problems := []string{"", "x", "is a", "is a bare headin", `"is a typo" is a bare heading`,
		`"speaks about the person" is form shorthand`, "treats the person as a case, names a bed"}
	for _, a := range voicePatterns {
		for _, b := range voicePatterns {
			problems = append(problems, `"`+a[0]+`" `+b[0], b[0]+a[0], "x"+a[0][1:]+b[0][:len(b[0])-1])
		}
	}
	for _, p := range problems {
		if got, want := voicePattern(p), naive(p); got != want {
			t.Errorf("voicePattern(%q) = %q, want %q", p, got, want)
		}
	}
}
