package render

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/pdfcpu/pdfcpu/pkg/api"
	"github.com/pdfcpu/pdfcpu/pkg/pdfcpu/model"
)

func init() {
	// Keep pdfcpu from writing a config.yml into the user's config dir.
	model.ConfigPath = "disable"
}

// needTool returns the path of an outside program the test needs. When it
// is missing the test skips, except under CI=true, where it fails: CI
// installs poppler-utils and chromium, so a missing one is a broken setup.
func needTool(tb testing.TB, name string) string {
	tb.Helper()
	path, err := exec.LookPath(name)
	if err != nil {
		if os.Getenv("CI") == "true" {
			tb.Fatalf("%s is required when CI=true: %v", name, err)
		}
		tb.Skipf("%s is not installed (apt-get install poppler-utils / chromium); skipping", name)
	}
	return path
}

// renderTest renders doc and fails the test on an error.
func renderTest(tb testing.TB, doc Document) []byte {
	tb.Helper()
	var buf bytes.Buffer
	if err := WritePDF(&buf, doc); err != nil {
		tb.Fatalf("WritePDF: %v", err)
	}
	if !bytes.HasPrefix(buf.Bytes(), []byte("%PDF-")) {
		tb.Fatalf("output does not start with %%PDF-: %.20q", buf.Bytes())
	}
	return buf.Bytes()
}

// validatePDF checks the file with pdfcpu in strict mode (the whole of
// PDF 32000-1:2008, not the relaxed mode that forgives common faults).
func validatePDF(tb testing.TB, pdf []byte) {
	tb.Helper()
	conf := model.NewDefaultConfiguration()
	conf.ValidationMode = model.ValidationStrict
	// Validate only: no optimising, which parses every content stream to
	// prune resources and is very slow under fuzzing instrumentation.
	conf.Optimize = false
	conf.OptimizeResourceDicts = false
	if err := api.Validate(bytes.NewReader(pdf), conf); err != nil {
		tb.Fatalf("pdfcpu strict validation: %v", err)
	}
}

// pageCount reads the number of pages with pdfcpu.
func pageCount(tb testing.TB, pdf []byte) int {
	tb.Helper()
	n, err := api.PageCount(bytes.NewReader(pdf), model.NewDefaultConfiguration())
	if err != nil {
		tb.Fatalf("pdfcpu page count: %v", err)
	}
	return n
}

// writeTemp writes pdf to a file in a temporary directory.
func writeTemp(tb testing.TB, pdf []byte) string {
	tb.Helper()
	path := filepath.Join(tb.TempDir(), "doc.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		tb.Fatal(err)
	}
	return path
}

// pdfText is what pdftotext -layout reads from the PDF, pages separated by
// form feeds.
func pdfText(tb testing.TB, pdf []byte) string {
	tb.Helper()
	bin := needTool(tb, "pdftotext")
	out, err := exec.Command(bin, "-layout", "-enc", "UTF-8", writeTemp(tb, pdf), "-").Output()
	if err != nil {
		tb.Fatalf("pdftotext: %v", err)
	}
	return string(out)
}

// pdfPagesText splits pdftotext output into pages.
func pdfPagesText(text string) []string {
	pages := strings.Split(text, "\f")
	if len(pages) > 0 && strings.TrimSpace(pages[len(pages)-1]) == "" {
		pages = pages[:len(pages)-1]
	}
	return pages
}

var (
	runningHeader = regexp.MustCompile(`(?m)^.*Reference FP-[A-Z0-9-]+\s*$`)
	runningFooter = regexp.MustCompile(`(?m)^.*(Confidential — personal information|, version \d+ · ).*$`)
	draftBanner   = regexp.MustCompile(`(?m)^.*DRAFT — not completed\..*$`)
	tableCont     = regexp.MustCompile(`(?m)^.*\(continued\)\s*$`)
	spaces        = regexp.MustCompile(`\s+`)
)

// bodyText is the pdftotext output without the running header, footer and
// draft banner, with all white space collapsed to single spaces: the text
// as one reads it straight through, across page breaks.
func bodyText(text string) string {
	for _, re := range []*regexp.Regexp{runningHeader, runningFooter, draftBanner, tableCont} {
		text = re.ReplaceAllString(text, "")
	}
	return normalize(text)
}

// normalize collapses white space so wrapped lines compare as one.
func normalize(s string) string {
	return strings.TrimSpace(spaces.ReplaceAllString(s, " "))
}
