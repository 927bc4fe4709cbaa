// Package render turns a pinned form version and its answers into what
// people read: the PDF for the receiving care home (gofpdf) and the view
// models the HTML pages use. Everything renders into a buffer first and
// never panics.
package render

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"time"

	"github.com/jung-kurt/gofpdf"

	"firstperson/forms"
)

// Document is everything the care-home PDF shows.
type Document struct {
	Reference       string        // unique assessment reference, e.g. "FP-7K3M-9QX2"
	TemplateTitle   string        // the form's title
	TemplateVersion int           // the pinned version number
	Schema          *forms.Schema // the pinned version the assessment was started on
	Answers         forms.Answers // keyed by question id
	Person          forms.Person  // NHSNumber as 10 digits; DateOfBirth as YYYY-MM-DD
	Status          string        // "in_progress" or "completed"
	StartedBy       string        // assessor display name
	StartedAt       time.Time     // when the assessment was started
	CompletedBy     string        // who completed it; empty while in progress
	CompletedAt     time.Time     // zero when not completed
	GeneratedAt     time.Time     // when the PDF was made; also its creation date
	// Contact is how to reach the team, printed in the last page's footer
	// (empty: nothing printed).
	Contact    string
	Amendments []Amendment // corrections after completion, oldest first
}

// Status values of Document.Status.
const (
	StatusInProgress = "in_progress"
	StatusCompleted  = "completed"
)

// Completed reports whether the assessment has been completed (and so is
// printed without the draft mark).
func (d *Document) Completed() bool { return d.Status == StatusCompleted }

// ErrNoSchema is returned by WritePDF for a document without a schema.
var ErrNoSchema = errors.New("render: document has no schema")

// WritePDF renders the assessment as an A4 PDF and writes it to w. The PDF
// is built in memory first, so w receives either a whole document or
// nothing; a failure inside the PDF library comes back as an error, never
// a panic.
func WritePDF(w io.Writer, doc Document) error {
	buf, err := renderPDF(doc)
	if err != nil {
		return err
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("write pdf %s: %w", doc.Reference, err)
	}
	return nil
}

// renderPDF builds the whole PDF into a buffer, turning any panic inside
// gofpdf (an archived library) into an error.
func renderPDF(doc Document) (buf *bytes.Buffer, err error) {
	if doc.Schema == nil {
		return nil, ErrNoSchema
	}
	defer func() {
		if p := recover(); p != nil {
			buf = nil
			err = fmt.Errorf("render pdf %s: panic: %v\n%s", doc.Reference, p, debug.Stack())
		}
	}()
	pw := newPDFWriter(&doc)
	pw.firstPage()
	pw.sections()
	pw.amendments()
	pw.last = true // the footer still to be drawn (on Output) is the last page's
	if err := pw.pdf.Error(); err != nil {
		return nil, fmt.Errorf("render pdf %s: %w", doc.Reference, err)
	}
	buf = new(bytes.Buffer)
	if err := pw.pdf.Output(buf); err != nil {
		return nil, fmt.Errorf("render pdf %s: %w", doc.Reference, err)
	}
	return buf, nil
}

// Page geometry in millimetres (A4 portrait).
const (
	pageWidth    = 210.0
	pageHeight   = 297.0
	marginX      = 18.0
	contentWidth = pageWidth - 2*marginX
	contentTop   = 24.0 // below the running header
	draftTop     = 31.0 // below the header and the draft banner
	contentEnd   = pageHeight - 22.0
)

// pdfWriter carries one document through rendering: the gofpdf instance,
// the cleaned-up text shown on every page, and a counter for image names.
type pdfWriter struct {
	pdf    *gofpdf.Fpdf
	doc    *Document
	top    float64 // first usable y of a page
	name   string  // the person's name, cleaned, for the running header
	ref    string
	images int
	last   bool // drawing the last page's footer
	// amended is the latest amendment of each amended question.
	amended map[string]Amendment

	// The font last selected, so selecting it again can be skipped.
	fontSet   bool
	fontStyle string
	fontSize  float64
}

func newPDFWriter(doc *Document) *pdfWriter {
	pdf := gofpdf.NewCustom(&gofpdf.InitType{
		OrientationStr: "P",
		UnitStr:        "mm",
		SizeStr:        "A4",
	})
	pw := &pdfWriter{pdf: pdf, doc: doc, top: contentTop, amended: LatestAmendments(doc.Amendments)}
	if !doc.Completed() {
		pw.top = draftTop
	}
	pw.name = cleanText(personName(doc), false)
	pw.ref = cleanText(doc.Reference, false)

	addFonts(pdf)
	pdf.SetMargins(marginX, pw.top, marginX)
	pdf.SetCellMargin(0)
	// Page breaks are placed by hand (see ensure), so table rows are never
	// split and the running header is never overwritten.
	pdf.SetAutoPageBreak(false, pageHeight-contentEnd)
	pdf.AliasNbPages("{nb}")
	pdf.SetCompression(true)
	pdf.SetCatalogSort(true)
	if !doc.GeneratedAt.IsZero() {
		pdf.SetCreationDate(doc.GeneratedAt)
		pdf.SetModificationDate(doc.GeneratedAt)
	}
	pdf.SetTitle(cleanText("Care assessment "+doc.Reference, false), true)
	pdf.SetCreator("Firstperson", true)
	pdf.SetHeaderFuncMode(pw.header, true)
	pdf.SetFooterFunc(pw.footer)
	pw.newPage()
	return pw
}

// ensure starts a new page unless h millimetres fit above the footer. It
// reports whether it started one. At the top of a page it never starts
// another: what does not fit on an empty page has to be split anyway.
func (pw *pdfWriter) ensure(h float64) bool {
	y := pw.pdf.GetY()
	if y+h <= contentEnd || y <= pw.top+0.01 {
		return false
	}
	pw.newPage()
	return true
}

// newPage starts a new page; the header function puts y at the top.
func (pw *pdfWriter) newPage() {
	pw.pdf.AddPage()
	// AddPage restores the font in use before the footer and header ran.
	pw.fontSet = false
}

// room is the height left above the footer on the current page.
func (pw *pdfWriter) room() float64 { return contentEnd - pw.pdf.GetY() }

// fullPage is the usable height of an empty page.
func (pw *pdfWriter) fullPage() float64 { return contentEnd - pw.top }

// personName is the name printed on the document: the person's record, or
// the "My name" answer when the record has none.
func personName(doc *Document) string {
	if isBlank(doc.Person.Name) {
		if s, ok := doc.Answers["my-name"].(string); ok && !isBlank(s) {
			return s
		}
		return "Name not recorded"
	}
	return doc.Person.Name
}
