package render

import (
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"testing"
	"time"

	"firstperson/forms"
)

// TestWritePDFDefaultTemplate renders the default template fully answered
// and reads it back: every shown answer is there after its label, hidden
// and information questions are not, and every page carries its header and
// footer with the right "Page x of y".
func TestWritePDFDefaultTemplate(t *testing.T) {
	doc := defaultDocument()
	pdf := renderTest(t, doc)
	validatePDF(t, pdf)
	text := pdfText(t, pdf)
	body := bodyText(text)
	raw := normalize(pdfRawText(t, pdf))

	for _, want := range []string{
		"Trusted Assessor discharge assessment " + testName + " Please call me Zo",
		"NHS number Date of birth 943 476 5919 3 March 1941",
		"What matters most to me Getting back to Elm Court before my granddaughter’s wedding on 14 June, " +
			"and keeping the photo of my cat Pixel by my bed. I want to be asked, not told: “I’m 85, not 5,” as I keep saying.",
		"Assessment reference Form FP-7K3M-9QX2 Trusted Assessor discharge assessment",
		"Form version Status Version 3 Completed",
		"Assessor Started Priya Raman 2 March 2026 at 09:40",
		"Completed This copy printed 3 March 2026 at 14:05 by Priya Raman 3 March 2026 at 15:00",
		"Signed by Priya Raman on 3 March 2026",
		// Each answer type printed readably, spelled out so a change in
		// answerText cannot pass by changing the expectation too.
		"Date of my assessment 3 March 2026",
		"I need an interpreter Yes",
		"I have a DoLS in place No",
		"I use glasses, hearing aids or dentures Glasses, Hearing aids",
		"I need this many people to help me move 1",
		"I need help to change my position every this many hours 4",
		"I walk with A frame",
		"My attorney for health and welfare is My son, Marek Ó'Brien (registration № 7000-1234-5678)",
		"I worry about That my room at Elm Court has been given away… and that my son pays €40 a week",
		"Penicillin – I get a rash and swelling.",
		"Marek Ó'Brien Son 2 March 2026 Phone",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("first page or sign-off lacks %q", want)
		}
	}

	s := doc.Schema
	checked := 0
	for _, q := range s.Questions() {
		label := normalize(q.Label)
		shown := q.Type.Answerable() && s.Visible(q.ID, doc.Answers)
		switch {
		case q.PersonField != "":
			// Bound to the person's record: printed once, on the cover, never
			// again under its own label.
			if strings.Contains(body, label) {
				t.Errorf("bound question %q is printed a second time", q.ID)
			}
			checked++
		case !shown:
			if strings.Contains(body, label) {
				t.Errorf("hidden or information question %q is printed", q.ID)
			}
			if a, ok := doc.Answers[q.ID].(string); ok && strings.Contains(body, normalize(a)) {
				t.Errorf("answer of hidden question %q is printed", q.ID)
			}
		case q.Type == forms.TypeTable:
			for _, c := range q.Columns {
				if !strings.Contains(body, normalize(c.Label)) && !strings.Contains(raw, normalize(c.Label)) {
					t.Errorf("table %q lacks column header %q", q.ID, c.Label)
				}
			}
			for i, r := range doc.Answers[q.ID].([]any) {
				for _, c := range q.Columns {
					cell := normalize(cellText(r.(map[string]any)[c.ID]))
					if !strings.Contains(raw, cell) {
						t.Errorf("table %q row %d column %q: %q missing", q.ID, i, c.ID, cell)
					}
				}
			}
			checked++
		case q.Type == forms.TypeSignature:
			if !strings.Contains(body, label+" Signed by Priya Raman") {
				t.Errorf("signature %q: label and signed-by line not found", q.ID)
			}
			checked++
		default:
			want := label + " " + normalize(answerText(q, doc.Answers[q.ID]))
			if !strings.Contains(body, want) {
				t.Errorf("question %q: %q not found", q.ID, want)
			}
			checked++
		}
	}
	if checked < 60 {
		t.Errorf("checked only %d questions; the default template has more", checked)
	}
	if n := countImages(t, pdf); n != 1 {
		t.Errorf("PDF has %d images, want the 1 signature", n)
	}
	checkPages(t, pdf, text, "Trusted Assessor discharge assessment, version 3 · Completed 3 March 2026")
}

// checkPages checks the running header and footer of every page and that
// page i says "Page i of n" where n is the real page count.
func checkPages(t *testing.T, pdf []byte, text, formLine string) {
	t.Helper()
	n := pageCount(t, pdf)
	pages := pdfPagesText(text)
	if len(pages) != n {
		t.Fatalf("pdftotext found %d pages, pdfcpu %d", len(pages), n)
	}
	for i, p := range pages {
		for _, want := range []string{
			fmt.Sprintf("Page %d of %d", i+1, n),
			"Confidential — personal information",
			formLine,
			testName,
			"Reference FP-7K3M-9QX2",
		} {
			if !strings.Contains(p, want) {
				t.Errorf("page %d of %d lacks %q", i+1, n, want)
			}
		}
		if c := strings.Count(p, "Page "); c != 1 {
			t.Errorf("page %d has %d page numbers", i+1, c)
		}
	}
}

// pdfRawText is pdftotext -raw: text in the order it was drawn, which
// keeps each table cell's wrapped lines together.
func pdfRawText(tb testing.TB, pdf []byte) string {
	tb.Helper()
	bin := needTool(tb, "pdftotext")
	out, err := exec.Command(bin, "-raw", "-enc", "UTF-8", writeTemp(tb, pdf), "-").Output()
	if err != nil {
		tb.Fatalf("pdftotext -raw: %v", err)
	}
	return string(out)
}

// countImages counts the images pdfimages lists (not their soft masks,
// the alpha channel of a transparent signature).
func countImages(tb testing.TB, pdf []byte) int {
	tb.Helper()
	bin := needTool(tb, "pdfimages")
	out, err := exec.Command(bin, "-list", writeTemp(tb, pdf)).Output()
	if err != nil {
		tb.Fatalf("pdfimages: %v", err)
	}
	n := 0
	for _, line := range strings.Split(string(out), "\n") {
		if f := strings.Fields(line); len(f) > 2 && f[2] == "image" {
			n++
		}
	}
	return n
}

func TestWritePDFDraftMarkOnEveryPage(t *testing.T) {
	doc := defaultDocument()
	doc.Status = StatusInProgress
	doc.CompletedBy = ""
	doc.CompletedAt = time.Time{}
	pdf := renderTest(t, doc)
	validatePDF(t, pdf)
	text := pdfText(t, pdf)
	pages := pdfPagesText(text)
	for i, p := range pages {
		if !strings.Contains(p, "DRAFT — not completed") {
			t.Errorf("draft page %d has no draft banner", i+1)
		}
	}
	checkPages(t, pdf, text, "Trusted Assessor discharge assessment, version 3 · Not completed (draft)")
	if !strings.Contains(bodyText(text), "Status In progress — draft, not completed") &&
		!strings.Contains(bodyText(text), "In progress — draft, not completed") {
		t.Error("first page does not say the assessment is in progress")
	}
	if !strings.Contains(bodyText(text), "Signed by Priya Raman on 2 March 2026") {
		t.Error("a draft's signature should name the assessor who started it and the start date")
	}

	done := renderTest(t, defaultDocument())
	if strings.Contains(pdfText(t, done), "DRAFT") {
		t.Error("a completed assessment carries a draft mark")
	}
}

func TestWritePDFNotAnswered(t *testing.T) {
	s := &forms.Schema{Title: "Short form", Sections: []forms.Section{{
		ID: "s", Title: "About me", Questions: []forms.Question{
			{ID: "guide", Label: "Ask gently and write what I say", Type: forms.TypeInfo},
			{ID: "first-language", Label: "My first language is", Type: forms.TypeText},
			{ID: "wash", Label: "The way I prefer to wash", Type: forms.TypeChoice, Options: []string{"A bath", "A shower"}},
			{ID: "meds", Label: "My medicines", Type: forms.TypeTable, Columns: []forms.Column{{ID: "m", Label: "Medicine"}}},
			{ID: "sig", Label: "My assessor's signature", Type: forms.TypeSignature},
			{ID: "aids", Label: "I use", Type: forms.TypeMultiChoice, Options: []string{"Glasses"}},
			{ID: "count", Label: "People to help me move", Type: forms.TypeNumber},
		},
	}}}
	answers := forms.Answers{
		"first-language": "   ",
		"meds":           []any{map[string]any{"m": ""}},
		"aids":           []any{},
		"count":          0.0,
	}
	body := bodyText(pdfText(t, renderTest(t, testDocument(s, answers))))
	for _, want := range []string{
		"My first language is Not answered",
		"The way I prefer to wash Not answered",
		"My medicines Not answered",
		"My assessor's signature Not answered",
		"I use Not answered",
		"People to help me move 0",
		"Please call me Not answered",
		"What matters most to me Not answered",
	} {
		if !strings.Contains(body, want) {
			t.Errorf("body lacks %q", want)
		}
	}
	if strings.Contains(body, "Ask gently") {
		t.Error("information text is printed")
	}
}

func TestWritePDFShowIf(t *testing.T) {
	s := &forms.Schema{Title: "Show-if form", Sections: []forms.Section{{
		ID: "s", Title: "About me", Questions: []forms.Question{
			{ID: "interpreter", Label: "I need an interpreter", Type: forms.TypeYesNo},
			{ID: "language", Label: "The language I speak is", Type: forms.TypeText,
				ShowIf: &forms.Condition{Question: "interpreter", Equals: true}},
			{ID: "dialect", Label: "My dialect is", Type: forms.TypeText,
				ShowIf: &forms.Condition{Question: "language", Equals: "Polish"}},
			{ID: "aids", Label: "I use", Type: forms.TypeMultiChoice, Options: []string{"Glasses", "Hearing aids"}},
			{ID: "hearing", Label: "My hearing aids are in", Type: forms.TypeChoice, Options: []string{"Both ears", "One ear"},
				ShowIf: &forms.Condition{Question: "aids", Equals: "Hearing aids"}},
		},
	}}}
	tests := []struct {
		name    string
		answers forms.Answers
		shown   []string
		hidden  []string
	}{
		{"all shown", forms.Answers{"interpreter": true, "language": "Polish", "dialect": "Silesian",
			"aids": []any{"Glasses", "Hearing aids"}, "hearing": "Both ears"},
			[]string{"The language I speak is Polish", "My dialect is Silesian", "I use Glasses, Hearing aids", "My hearing aids are in Both ears"}, nil},
		{"no interpreter hides the chain", forms.Answers{"interpreter": false, "language": "Polish", "dialect": "Silesian",
			"aids": []any{"Glasses"}, "hearing": "Both ears"},
			[]string{"I need an interpreter No", "I use Glasses"},
			[]string{"The language I speak is", "Polish", "My dialect is", "Silesian", "My hearing aids are in", "Both ears"}},
		{"shown but unanswered", forms.Answers{"interpreter": true},
			[]string{"The language I speak is Not answered"},
			[]string{"My dialect is"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			body := bodyText(pdfText(t, renderTest(t, testDocument(s, tc.answers))))
			for _, want := range tc.shown {
				if !strings.Contains(body, want) {
					t.Errorf("body lacks %q", want)
				}
			}
			for _, not := range tc.hidden {
				if strings.Contains(body, not) {
					t.Errorf("body has hidden %q", not)
				}
			}
		})
	}
}

func TestWritePDFErrors(t *testing.T) {
	doc := defaultDocument()
	doc.Schema = nil
	if err := WritePDF(&strings.Builder{}, doc); !errors.Is(err, ErrNoSchema) {
		t.Errorf("no schema: got %v, want ErrNoSchema", err)
	}
	w := failingWriter{}
	if err := WritePDF(w, defaultDocument()); !errors.Is(err, errWriteFailed) {
		t.Errorf("failing writer: got %v, want it wrapped", err)
	}
}

var errWriteFailed = errors.New("disk full")

type failingWriter struct{}

func (failingWriter) Write([]byte) (int, error) { return 0, errWriteFailed }
