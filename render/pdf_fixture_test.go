package render

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"time"

	"firstperson/forms"
)

// Everything here is made up: no real person, assessor or care home.

var (
	testStarted   = time.Date(2026, 3, 2, 9, 40, 0, 0, time.UTC)
	testCompleted = time.Date(2026, 3, 3, 14, 5, 0, 0, time.UTC)
	testGenerated = time.Date(2026, 3, 3, 15, 0, 0, 0, time.UTC)
)

const testName = "Zoë Ó'Brien-Łukasiewicz"

// testDocument is a completed assessment of schema with answers.
func testDocument(schema *forms.Schema, answers forms.Answers) Document {
	return Document{
		Reference:       "FP-7K3M-9QX2",
		TemplateTitle:   schema.Title,
		TemplateVersion: 3,
		Schema:          schema,
		Answers:         answers,
		Person:          forms.Person{Name: testName, NHSNumber: "9434765919", DateOfBirth: "1941-03-03"},
		Status:          StatusCompleted,
		StartedBy:       "Priya Raman",
		StartedAt:       testStarted,
		CompletedBy:     "Priya Raman",
		CompletedAt:     testCompleted,
		GeneratedAt:     testGenerated,
	}
}

// defaultDocument is the default template fully answered.
func defaultDocument() Document {
	s := forms.DefaultTemplate()
	return testDocument(s, fullyAnswered(s))
}

// fullyAnswered answers every question of schema: the hand-written answers
// below where the question exists, a generated answer otherwise, so the
// fixture keeps up if the default template grows.
func fullyAnswered(s *forms.Schema) forms.Answers {
	a := forms.Answers{}
	for _, q := range s.Questions() {
		if !q.Type.Answerable() {
			continue
		}
		if v, ok := defaultAnswers[q.ID]; ok {
			a[q.ID] = v
		} else {
			a[q.ID] = generatedAnswer(q)
		}
	}
	return a
}

// generatedAnswer is a plausible answer of the right type for q.
func generatedAnswer(q *forms.Question) any {
	switch q.Type {
	case forms.TypeYesNo:
		return true
	case forms.TypeChoice:
		if len(q.Options) > 0 {
			return q.Options[0]
		}
	case forms.TypeMultiChoice:
		if len(q.Options) > 0 {
			return []any{q.Options[0]}
		}
	case forms.TypeDate:
		return "2026-03-01"
	case forms.TypeNumber:
		return 2.0
	case forms.TypeSignature:
		return signatureDataURL()
	case forms.TypeTable:
		row := map[string]any{}
		for _, c := range q.Columns {
			row[c.ID] = c.Label + " entry"
		}
		return []any{row}
	}
	return "Answer to " + q.ID
}

func row(kv ...string) map[string]any {
	m := map[string]any{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return m
}

// defaultAnswers answers the default template for a made-up person.
// Questions whose show-if is not met are answered too (stale answers from
// before the assessor changed their mind) and must not be printed.
var defaultAnswers = map[string]any{
	"my-name":              testName,
	"please-call-me":       "Zo",
	"date-of-birth":        "1941-03-03",
	"nhs-number":           "943 476 5919",
	"first-language":       "English — and a little Polish from my father",
	"interpreter":          true,
	"interpreter-language": "Polish, for long talks about money",
	"what-matters-most": "Getting back to Elm Court before my granddaughter’s wedding on 14 June, " +
		"and keeping the photo of my cat Pixel by my bed. I want to be asked, not told: " +
		"“I’m 85, not 5,” as I keep saying.",
	"good-day": "Tea at 7, the crossword, a walk to the garden with my frame and a phone call with Hanna.",
	"my-worries": "That my room at Elm Court has been given away… and that my son pays €40 a week " +
		"for parking to visit me.",
	"important-people": []any{
		row("name", "Marek Ó'Brien", "relationship", "Son", "phone", "07700 900123", "contact-about", "Everything; he is my attorney"),
		row("name", "Hanna Nowak", "relationship", "Granddaughter", "phone", "07700 900456", "contact-about", "Visits and the wedding"),
		row("name", "Father Tomasz", "relationship", "Parish priest", "phone", "020 7946 0018", "contact-about", "Sunday communion"),
	},
	"has-lpa":           true,
	"lpa-who":           "My son, Marek Ó'Brien (registration № 7000-1234-5678)",
	"communicate-best":  "Face to face, slowly, with my hearing aids in. Write things down if I look lost.",
	"sensory-aids":      []any{"Glasses", "Hearing aids"},
	"pain-upset":        "I go quiet and rub my left knee. I will say ‘I’m fine’ when I am not.",
	"why-hospital":      "I fell in the bathroom at Elm Court and broke my right wrist.",
	"health-conditions": "Atrial fibrillation, heart failure, glaucoma, osteoarthritis of both knees.",
	"allergies":         "Penicillin – I get a rash and swelling.",
	"changes-during-stay": "My wrist is in a cast until 20 March. I am more tired and need a frame " +
		"rather than my stick.",
	"medicines": []any{
		row("medicine", "Apixaban", "dose", "2.5 mg", "when", "08:00 and 20:00", "how", "Tablet with water"),
		row("medicine", "Furosemide", "dose", "40 mg", "when", "Morning", "how", "Tablet"),
		row("medicine", "Paracetamol", "dose", "1 g", "when", "Four times a day", "how", "Soluble, in orange squash"),
		row("medicine", "Latanoprost", "dose", "1 drop", "when", "Evening", "how", "Eye drops, both eyes; I need help"),
		row("medicine", "Sertraline", "dose", "50 mg", "when", "Morning", "how", "Tablet"),
	},
	"medicine-preferences": "One at a time, with a full glass of water, sitting up.",
	"medicine-changes":     "Furosemide increased from 20 mg to 40 mg. Codeine stopped.",
	"walk-with":            "A frame",
	"people-to-move":       1.0,
	"fallen":               true,
	"falls-details":        "Twice: in January at night going to the toilet, and on 18 February in the bathroom.",
	"equipment":            "Zimmer frame, raised toilet seat, sensor mat at night.",
	"wash-dress":           "Sitting down, with help for my feet and back and the buttons on my cardigan.",
	"wash-preference":      "A shower",
	"carer-preference":     "A female carer",
	"toilet":               "The toilet by day with my frame, and a commode at night.",
	"skin":                 "Thin and dry on my shins; I like cream put on after my shower.",
	"wounds":               "A small skin tear on my left forearm, dressed every three days.",
	"reposition-hours":     4.0,
	"diet":                 "IDDSI level 6 – soft & bite-sized. No spicy food.",
	"drinks":               "Thin fluids. Tea with milk, no sugar; I drink too little.",
	"help-eating":          "Cut up my food because of my wrist; then I manage myself.",
	"settle-time":          "About 10 pm, after the news",
	"night-needs":          "A light on in the bathroom and my door ajar.",
	"upsets-me":            "Being rushed, loud televisions, people talking over me.",
	"calms-me":             "Polish radio, holding my rosary, a cup of tea.",
	"please-do":            "Knock and wait. Tell me your name each time.",
	"please-dont":          "Don't call me ‘darling’ and don't move my photos.",
	"can-decide":           true,
	"capacity-details":     "Stale hidden capacity note that must not print",
	"dols":                 false,
	"dols-details":         "Stale hidden DoLS note that must not print",
	"respect-dnacpr":       "ReSPECT form completed on 27 February 2026 with me and Marek.",
	"my-day":               "Up at 7, breakfast in my room, lunch in the lounge, a nap, visitors after 3.",
	"faith-culture":        "I am Catholic. Mass on Sunday matters to me. No meat on Fridays.",
	"i-enjoy":              "Crosswords, Chopin, gossip, and beating Marek at cards.",
	"family-conversations": []any{
		row("who", "Marek Ó'Brien", "relationship", "Son", "date", "2026-03-02", "how", "Phone",
			"told-us", "Mum hides her pain and hates being rushed.", "worries", "Another fall at night.",
			"agreed", "Sensor mat and commode at night; review in two weeks."),
		row("who", "Hanna Nowak", "relationship", "Granddaughter", "date", "2026-03-03", "how", "In person",
			"told-us", "She loves Polish radio in the evening.", "worries", "That she gets lonely.",
			"agreed", "Hanna visits on Wednesdays and Sundays."),
	},
	"going-to":             "Elm Court Care Home, room 12",
	"travel":               "Hospital transport, sitting in a wheelchair",
	"things-with-me":       []any{"My medicines", "My discharge letter", "My glasses", "My hearing aids"},
	"other-things-with-me": "The photo of Pixel and my rosary",
	"assessor-name":        "Priya Raman, Trusted Assessor, Northfield Hospitals",
	"recommendation":       "Zo can return to Elm Court with a frame, a sensor mat at night and help with washing.",
	"care-home-accepts":    true,
	"care-home-reason":     "Stale hidden reason that must not print",
	"supported-by":         "My son Marek and Nurse Ade Okafor",
	"assessor-signature":   signatureDataURL(),
	"sign-off-date":        "2026-03-03",
}

// signaturePNGBytes draws a made-up signature: a loop and a wave.
func signaturePNGBytes(w, h int) []byte {
	img := image.NewNRGBA(image.Rect(0, 0, w, h))
	ink := color.NRGBA{20, 30, 90, 255}
	for x := 0; x < w; x++ {
		fx := float64(x) / float64(w)
		y := float64(h)/2 + float64(h)/3*math.Sin(fx*4*math.Pi)*math.Exp(-fx)
		for d := -1; d <= 1; d++ {
			img.Set(x, int(y)+d, ink)
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

// signatureDataURL is a signature answer as the tablet sends it.
func signatureDataURL() string {
	return "data:image/png;base64," + base64.StdEncoding.EncodeToString(signaturePNGBytes(400, 120))
}

// longTableSchema has one table question; longTableAnswers gives it n rows.
func longTableSchema() *forms.Schema {
	return &forms.Schema{Title: "Medicines list", Sections: []forms.Section{{
		ID: "meds", Title: "My medicines", Questions: []forms.Question{{
			ID: "medicines", Label: "My medicines", Type: forms.TypeTable,
			Columns: []forms.Column{
				{ID: "medicine", Label: "Medicine"}, {ID: "dose", Label: "Dose"},
				{ID: "when", Label: "When I take it"}, {ID: "how", Label: "How I take it"},
			},
		}},
	}}}
}

func longTableAnswers(n int) forms.Answers {
	rows := make([]any, n)
	for i := range rows {
		how := "Tablet with water"
		if i%7 == 3 { // some rows wrap onto several lines
			how = "Crushed into a spoonful of yoghurt, sitting upright, then a full glass of water; " +
				"check my mouth afterwards because I sometimes keep tablets in my cheek"
		}
		rows[i] = row("medicine", fmt.Sprintf("Medicine R%02d", i+1), "dose", fmt.Sprintf("%d mg", 5*(i+1)),
			"when", "Morning", "how", how)
	}
	return forms.Answers{"medicines": rows}
}
