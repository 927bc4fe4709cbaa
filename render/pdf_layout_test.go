package render

import (
	"fmt"
	"html"
	"os/exec"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"firstperson/forms"
)

// TestWritePDFLongTable: a 70-row table is complete across pages, the
// header row is repeated on every page the table reaches, and no row is
// split between pages.
func TestWritePDFLongTable(t *testing.T) {
	const rows = 70
	doc := testDocument(longTableSchema(), longTableAnswers(rows))
	pdf := renderTest(t, doc)
	validatePDF(t, pdf)
	text := pdfText(t, pdf)
	// Raw text keeps a cell's wrapped lines together.
	pages := pdfPagesText(pdfRawText(t, pdf))
	if len(pages) < 3 {
		t.Fatalf("70 rows fit on %d pages; the test needs page breaks", len(pages))
	}
	for i := range pages {
		pages[i] = normalize(pages[i])
	}
	body := strings.Join(pages, " ")
	for i := 1; i <= rows; i++ {
		name := fmt.Sprintf("Medicine R%02d", i)
		if c := strings.Count(body, name+" "); c != 1 {
			t.Errorf("%s printed %d times, want 1", name, c)
		}
	}
	const header = "Medicine Dose When I take it How I take it"
	long := 0
	for i, p := range pages {
		hasRows := strings.Contains(p, "Medicine R")
		if hasRows && !strings.Contains(p, header) {
			t.Errorf("page %d has table rows but no header row", i+1)
		}
		if hasRows && i > 0 && !strings.Contains(p, "My medicines (continued)") {
			t.Errorf("page %d does not say the table continues", i+1)
		}
		// Every wrapped row starts and ends on the same page.
		starts, ends := strings.Count(p, "Crushed into"), strings.Count(p, "in my cheek")
		if starts != ends {
			t.Errorf("page %d: %d long rows start but %d end: a row was split", i+1, starts, ends)
		}
		long += starts
	}
	if want := (rows + 3) / 7; long != want {
		t.Errorf("found %d long rows, want %d", long, want)
	}
	checkPages(t, pdf, text, "Medicines list, version 3 · Completed 3 March 2026")
	checkInsideMargins(t, pdf, false)
}

// TestWritePDFLongText: 100 paragraphs of free text flow over pages,
// complete and in order, and never run into the footer.
func TestWritePDFLongText(t *testing.T) {
	s := &forms.Schema{Title: "Life story", Sections: []forms.Section{{
		ID: "story", Title: "My life story", Questions: []forms.Question{
			{ID: "story", Label: "My life so far", Type: forms.TypeLongText},
			{ID: "after", Label: "After the story", Type: forms.TypeText},
		},
	}}}
	var paras []string
	for i := 1; i <= 100; i++ {
		paras = append(paras, fmt.Sprintf("Paragraph P%03d: I grew up in Łódź and moved to Leeds in 1962, "+
			"where I worked at the mill, sang in the choir and met my husband Józef at a dance. "+
			"We had three children; I still bake their birthday cakes.", i))
	}
	answers := forms.Answers{"story": strings.Join(paras, "\n\n"), "after": "The end of the story"}
	pdf := renderTest(t, testDocument(s, answers))
	validatePDF(t, pdf)
	text := pdfText(t, pdf)
	if n := pageCount(t, pdf); n < 5 {
		t.Fatalf("100 paragraphs fit on %d pages; the test needs page breaks", n)
	}
	body := bodyText(text)
	at := 0
	for i, p := range paras {
		j := strings.Index(body[at:], p)
		if j < 0 {
			t.Fatalf("paragraph %d missing or out of order", i+1)
		}
		at += j + len(p)
	}
	if !strings.Contains(body[at:], "After the story The end of the story") {
		t.Error("the question after the long text is missing")
	}
	checkPages(t, pdf, text, "Life story, version 3 · Completed 3 March 2026")
	checkInsideMargins(t, pdf, false)
}

func TestWritePDFDefaultInsideMargins(t *testing.T) {
	doc := defaultDocument()
	checkInsideMargins(t, renderTest(t, doc), false)
	doc.Status = StatusInProgress
	checkInsideMargins(t, renderTest(t, doc), true)

	// A very long name and reference are shortened in the running header
	// and wrapped on the first page, never run off the page.
	long := defaultDocument()
	long.Person.Name = strings.Repeat("Zoë Ó'Brien-Łukasiewicz ", 8)
	long.Reference = "FP-" + strings.Repeat("LONGREF", 12)
	checkInsideMargins(t, renderTest(t, long), false)
}

var wordBox = regexp.MustCompile(`<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>`)

// checkInsideMargins reads every word's box with pdftotext -bbox and checks
// that body text stays between the running header and the footer, and
// inside the side margins: nothing overlaps the footer. A draft's header
// includes the draft banner.
func checkInsideMargins(t *testing.T, pdf []byte, draft bool) {
	t.Helper()
	bin := needTool(t, "pdftotext")
	out, err := exec.Command(bin, "-bbox", writeTemp(t, pdf), "-").Output()
	if err != nil {
		t.Fatalf("pdftotext -bbox: %v", err)
	}
	const pt = 72 / 25.4
	headerEnd, top := 15.5*pt, contentTop*pt
	if draft {
		headerEnd, top = 26*pt, draftTop*pt
	}
	footerStart := (contentEnd + 6) * pt
	words := wordBox.FindAllStringSubmatch(string(out), -1)
	if len(words) < 50 {
		t.Fatalf("pdftotext -bbox found only %d words", len(words))
	}
	for _, m := range words {
		var v [4]float64
		for i := range v {
			v[i], _ = strconv.ParseFloat(m[i+1], 64)
		}
		word := html.UnescapeString(m[5])
		inHeader := v[3] <= headerEnd
		inFooter := v[1] >= footerStart
		inBody := v[1] >= top-1*pt && v[3] <= (contentEnd+0.5)*pt
		if !inHeader && !inFooter && !inBody {
			t.Errorf("%q at y %.1f–%.1f pt overlaps the header or footer band", word, v[1], v[3])
		}
		if v[0] < marginX*pt-0.5 || v[2] > (pageWidth-marginX)*pt+0.5 {
			t.Errorf("%q at x %.1f–%.1f pt is outside the side margins", word, v[0], v[2])
		}
	}
}
