package render

import (
	"strings"
	"testing"
)

// The team's contact is printed in the footer of the last page only.
func TestWritePDFContactOnTheLastPage(t *testing.T) {
	doc := testDocument(longTableSchema(), longTableAnswers(80))
	doc.Contact = "Questions? Contact Northshire TA team · tel. 0161 496 0000 · ta.team@nhs.net"
	pdf := renderTest(t, doc)
	pages := pdfPagesText(pdfRawText(t, pdf))
	if len(pages) < 2 {
		t.Fatalf("want several pages, got %d", len(pages))
	}
	for i, p := range pages {
		has := strings.Contains(p, "Northshire TA team · tel. 0161 496 0000 · ta.team@nhs.net")
		if last := i == len(pages)-1; has != last {
			t.Errorf("page %d of %d: contact printed = %v", i+1, len(pages), has)
		}
	}
	validatePDF(t, pdf)
}
