package render

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"firstperson/forms"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/pdf")

// goldenDocument is the default template fully answered, from a snapshot
// of the template in testdata/pdf/template.json, so a change to the live
// default template (tested by TestWritePDFDefaultTemplate) does not move
// the goldens; only a change to the rendering does.
func goldenDocument(t *testing.T) Document {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "pdf", "template.json"))
	if err != nil {
		t.Fatal(err)
	}
	var s forms.Schema
	if err := json.Unmarshal(b, &s); err != nil {
		t.Fatal(err)
	}
	return testDocument(&s, fullyAnswered(&s))
}

// goldenDocuments are the documents whose output is pinned, all with a
// fixed GeneratedAt.
func goldenDocuments(t *testing.T) map[string]Document {
	draft := goldenDocument(t)
	draft.Status, draft.CompletedBy, draft.CompletedAt = StatusInProgress, "", time.Time{}
	return map[string]Document{
		"default":    goldenDocument(t),
		"draft":      draft,
		"long-table": testDocument(longTableSchema(), longTableAnswers(70)),
	}
}

// TestWritePDFGolden compares what pdftotext -layout reads from each
// document with testdata/pdf/NAME.golden. Run go test -run Golden -update
// after an intended change and review the diff.
func TestWritePDFGolden(t *testing.T) {
	for name, doc := range goldenDocuments(t) {
		t.Run(name, func(t *testing.T) {
			got := trimLines(pdfText(t, renderTest(t, doc)))
			checkGolden(t, filepath.Join("testdata", "pdf", name+".golden"), []byte(got))
		})
	}
}

// TestWritePDFDeterministic: with GeneratedAt fixed, the same document
// gives the same bytes every time (gofpdf with SetCreationDate,
// SetModificationDate and SetCatalogSort), so the bytes are pinned too.
// A new Go release may change compress/flate's output; then the text
// golden still passes and -update refreshes the bytes.
func TestWritePDFDeterministic(t *testing.T) {
	doc := goldenDocument(t)
	first := renderTest(t, doc)
	for i := 0; i < 3; i++ {
		if again := renderTest(t, doc); !bytes.Equal(first, again) {
			t.Fatalf("render %d differs from the first", i+2)
		}
	}
	checkGolden(t, filepath.Join("testdata", "pdf", "default.pdf.golden"), first)

	later := doc
	later.GeneratedAt = doc.GeneratedAt.Add(time.Hour)
	if bytes.Equal(first, renderTest(t, later)) {
		t.Error("a different GeneratedAt gave the same bytes; the creation date is not set")
	}
}

func checkGolden(t *testing.T, path string, got []byte) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./render -run 'Golden|Deterministic' -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		if strings.HasSuffix(path, ".pdf.golden") {
			t.Fatalf("%s: PDF bytes differ (%d bytes, golden %d); if gofpdf or Go changed and the text goldens pass, run with -update", path, len(got), len(want))
		}
		t.Errorf("%s differs from the output:\n%s", path, lineDiff(string(want), string(got)))
	}
}

var trailingSpace = regexp.MustCompile(`(?m)[ \t]+$`)

// trimLines drops trailing spaces, which poppler versions print differently.
func trimLines(s string) string { return trailingSpace.ReplaceAllString(s, "") }

// lineDiff shows the first lines that differ.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < max(len(w), len(g)) && shown < 10; i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			b.WriteString("line " + strconv.Itoa(i+1) + ":\n  want " + wl + "\n  got  " + gl + "\n")
			shown++
		}
	}
	return b.String()
}
