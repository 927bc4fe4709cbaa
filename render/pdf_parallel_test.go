package render

import (
	"bytes"
	"fmt"
	"sync"
	"testing"
)

// TestWritePDFParallel renders 32 PDFs at once (run with -race): each
// must be byte-for-byte what rendering the same document alone gives, so
// no state leaks between documents through gofpdf or the shared fonts.
func TestWritePDFParallel(t *testing.T) {
	const n = 32
	docs := make([]Document, n)
	want := make([][]byte, n)
	for i := range docs {
		docs[i] = defaultDocument()
		docs[i].Reference = fmt.Sprintf("FP-PAR%d-%04d", i%4, i)
		docs[i].Person.Name = []string{testName, "Ada Łęcka", "Søren Ørsted", "Chloë “Clo” O’Neill"}[i%4]
		docs[i].Answers["please-call-me"] = fmt.Sprintf("Caller %d 😀 中", i)
		if i%3 == 0 {
			docs[i].Status = StatusInProgress
		}
		want[i] = renderTest(t, docs[i])
	}
	got := make([][]byte, n)
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range docs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf bytes.Buffer
			errs[i] = WritePDF(&buf, docs[i])
			got[i] = buf.Bytes()
		}()
	}
	wg.Wait()
	for i := range docs {
		if errs[i] != nil {
			t.Fatalf("document %d: %v", i, errs[i])
		}
		if !bytes.Equal(got[i], want[i]) {
			t.Errorf("document %d rendered in parallel differs from rendering it alone", i)
		}
		validatePDF(t, got[i])
	}
	if bytes.Equal(got[0], got[1]) {
		t.Error("different documents gave the same bytes")
	}
}
