package render

import (
	"bytes"
	"context"
	"html/template"
	"io"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"

	"firstperson/forms"
)

// BenchmarkWritePDFDefaultTemplate renders the fully answered default
// template, signature included.
func BenchmarkWritePDFDefaultTemplate(b *testing.B) {
	doc := defaultDocument()
	b.ReportAllocs()
	for b.Loop() {
		if err := WritePDF(io.Discard, doc); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkWritePDFDefaultTemplateParallel is the same on every core.
func BenchmarkWritePDFDefaultTemplateParallel(b *testing.B) {
	doc := defaultDocument()
	b.ReportAllocs()
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			if err := WritePDF(io.Discard, doc); err != nil {
				b.Error(err)
				return
			}
		}
	})
}

// BenchmarkChromiumPrintToPDF is the alternative the PDF code replaces:
// one headless Chromium, started once, prints an equivalent HTML rendering
// of the same assessment each iteration (HTML generated with html/template,
// loaded into the page, printed to A4 with page numbers).
func BenchmarkChromiumPrintToPDF(b *testing.B) {
	doc := defaultDocument()
	ctx := startChromium(b)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := chromiumPDF(ctx, doc); err != nil {
			b.Fatal(err)
		}
	}
}

// TestChromiumPrintToPDF checks that the benchmark's Chromium path really
// prints the assessment, so the comparison compares like with like.
func TestChromiumPrintToPDF(t *testing.T) {
	doc := defaultDocument()
	ctx := startChromium(t)
	pdf, err := chromiumPDF(ctx, doc)
	if err != nil {
		t.Fatal(err)
	}
	// Chromium's PDFs fail pdfcpu's strict mode (a /Tabs entry in a PDF
	// 1.4 file), so only the relaxed mode applies to them.
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationRelaxed
	conf.Optimize, conf.OptimizeResourceDicts = false, false
	if err := api.Validate(bytes.NewReader(pdf), conf); err != nil {
		t.Fatalf("pdfcpu relaxed validation of Chromium's PDF: %v", err)
	}
	body := normalize(pdfText(t, pdf))
	for _, want := range []string{testName, "Please call me Zo", "Apixaban", "Signed by Priya Raman", "Page 1 of"} {
		if !strings.Contains(body, want) {
			t.Errorf("Chromium's PDF lacks %q", want)
		}
	}
}

// startChromium starts the system Chromium once for the test or benchmark
// with a fresh profile, and stops it at the end.
func startChromium(tb testing.TB) context.Context {
	tb.Helper()
	bin := needTool(tb, "chromium")
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(bin),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(tb.TempDir()),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	tb.Cleanup(func() { cancel(); cancelAlloc() })
	if err := chromedp.Do(ctx, chromedp.Navigate("about:blank")); err != nil {
		tb.Fatalf("start chromium: %v", err)
	}
	return ctx
}

// chromiumPDF loads the assessment's HTML into the page and prints it.
func chromiumPDF(ctx context.Context, doc Document) ([]byte, error) {
	var html bytes.Buffer
	if err := chromiumPage.Execute(&html, chromiumView(doc)); err != nil {
		return nil, err
	}
	tree, err := chromedp.Call(ctx, page.GetFrameTree, cdp.Empty{})
	if err != nil {
		return nil, err
	}
	if _, err := chromedp.Call(ctx, page.SetDocumentContent, page.SetDocumentContentParams{
		FrameID: tree.FrameTree.Frame.ID, HTML: html.String(),
	}); err != nil {
		return nil, err
	}
	return chromedp.Run(ctx, chromedp.PrintToPDF(
		chromedp.PDFPaper(chromedp.PaperA4),
		chromedp.PDFMargins(0.8, 0.7, 0.8, 0.7),
		chromedp.PDFPrintBackground(),
		chromedp.PDFHeaderTemplate(`<div style="font-size:8px;width:100%;margin:0 0.7in">`+
			template.HTMLEscapeString(doc.Person.Name+" · Reference "+doc.Reference)+`</div>`),
		chromedp.PDFFooterTemplate(`<div style="font-size:8px;width:100%;margin:0 0.7in">`+
			`Confidential — personal information · Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>`),
	))
}

type htmlQuestion struct {
	Label, Answer string
	Columns       []string
	Rows          [][]string
	Signature     template.URL
}

type htmlSection struct {
	Title     string
	Questions []htmlQuestion
}

// chromiumView is the assessment as the HTML template reads it, with the
// same visibility rules and answer formatting as the PDF.
func chromiumView(doc Document) map[string]any {
	var sections []htmlSection
	for _, sec := range doc.Schema.Sections {
		hs := htmlSection{Title: sec.Title}
		for qi := range sec.Questions {
			q := &sec.Questions[qi]
			if q.Type == forms.TypeInfo || !doc.Schema.Visible(q.ID, doc.Answers) {
				continue
			}
			hq := htmlQuestion{Label: q.Label, Answer: answerText(q, doc.Answers[q.ID])}
			switch q.Type {
			case forms.TypeTable:
				rows, _ := tableRows(doc.Answers[q.ID])
				for _, c := range q.Columns {
					hq.Columns = append(hq.Columns, c.Label)
				}
				for _, r := range rows {
					var cells []string
					for _, c := range q.Columns {
						cells = append(cells, cellText(r[c.ID]))
					}
					hq.Rows = append(hq.Rows, cells)
				}
			case forms.TypeSignature:
				if s, ok := doc.Answers[q.ID].(string); ok {
					hq.Signature = template.URL(s) // test data, known to be a PNG data URL
				}
			}
			hs.Questions = append(hs.Questions, hq)
		}
		sections = append(sections, hs)
	}
	return map[string]any{"Doc": doc, "Sections": sections,
		"CallMe": doc.Answers[idPleaseCallMe], "Matters": doc.Answers[idWhatMattersMost]}
}

var chromiumPage = template.Must(template.New("pdf").Parse(`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{{.Doc.Reference}}</title>
<style>
body{font:10.5pt/1.45 sans-serif;color:#14181c}
h1{font-size:22pt;margin:0} .muted{color:#767c84}
.box{background:#f4f7fa;border-left:4px solid #2e6896;padding:6px 12px}
h2{background:#e8eef4;border-left:4px solid #2e6896;padding:4px 10px;font-size:12pt;break-after:avoid}
.q{margin:0 0 10px;break-inside:avoid} .label{font-weight:bold;color:#484e56;font-size:9.5pt}
table{border-collapse:collapse;width:100%;font-size:9.5pt} th{background:#e2e9f0;text-align:left}
th,td{border:1px solid #c4cad1;padding:3px 5px;vertical-align:top} tr{break-inside:avoid}
thead{display:table-header-group} .sig{border:1px solid #c4cad1;max-width:70mm;max-height:26mm}
</style></head><body>
<p class="muted">{{.Doc.TemplateTitle}}</p>
<h1>{{.Doc.Person.Name}}</h1>
<p>Please call me <b>{{.CallMe}}</b></p>
<p>NHS number {{.Doc.Person.NHSNumber}} · Date of birth {{.Doc.Person.DateOfBirth}}</p>
<div class="box"><b>What matters most to me</b><p>{{.Matters}}</p></div>
<p>Reference {{.Doc.Reference}} · Version {{.Doc.TemplateVersion}} · Assessor {{.Doc.StartedBy}}</p>
{{range .Sections}}<h2>{{.Title}}</h2>
{{range .Questions}}<div class="q"><div class="label">{{.Label}}</div>
{{if .Columns}}<table><thead><tr>{{range .Columns}}<th>{{.}}</th>{{end}}</tr></thead><tbody>
{{range .Rows}}<tr>{{range .}}<td>{{.}}</td>{{end}}</tr>{{end}}</tbody></table>
{{else if .Signature}}<img class="sig" src="{{.Signature}}" alt="Signature"><div>Signed by {{$.Doc.CompletedBy}}</div>
{{else}}<div>{{.Answer}}</div>{{end}}</div>
{{end}}{{end}}
</body></html>`))
