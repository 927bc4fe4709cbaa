package forms

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

// corpusLabel is one row of testdata/voice_corpus.tsv: a label taken from a
// real form, whether it needs rewriting, an acceptable suggestion (may be
// empty) and where it came from.
type corpusLabel struct {
	label      string
	needs      bool
	suggestion string
	source     string
}

func loadVoiceCorpus(t testing.TB) []corpusLabel {
	t.Helper()
	f, err := os.Open("testdata/voice_corpus.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []corpusLabel
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) != 4 || (cols[1] != "yes" && cols[1] != "no") || cols[0] == "" || cols[3] == "" {
			t.Fatalf("voice_corpus.tsv line %d: want label, yes|no, suggestion, source; got %q", n, line)
		}
		rows = append(rows, corpusLabel{label: cols[0], needs: cols[1] == "yes", suggestion: cols[2], source: cols[3]})
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// TestVoiceCorpus measures the check on the corpus: recall on the labels
// that need rewriting and the false-alarm rate on those already in the
// person's voice (or about the assessment). It prints both figures, and the
// misses, and fails below 90% recall or above 1% false alarms.
func TestVoiceCorpus(t *testing.T) {
	rows := loadVoiceCorpus(t)
	var need, caught, fine, alarms int
	for _, r := range rows {
		_, _, flagged := CheckLabel(r.label)
		switch {
		case r.needs:
			need++
			if flagged {
				caught++
			} else {
				t.Logf("missed: %q (%s)", r.label, r.source)
			}
		default:
			fine++
			if flagged {
				alarms++
				p, s, _ := CheckLabel(r.label)
				t.Logf("false alarm: %q: %s → %q", r.label, p, s)
			}
		}
	}
	if len(rows) < 600 || fine < 200 {
		t.Fatalf("corpus too small: %d labels, %d in voice; want ≥600 and ≥200", len(rows), fine)
	}
	recall := float64(caught) / float64(need)
	falseAlarm := float64(alarms) / float64(fine)
	t.Logf("voice corpus: %d labels; recall %d/%d = %.1f%%; false alarms %d/%d = %.2f%%",
		len(rows), caught, need, 100*recall, alarms, fine, 100*falseAlarm)
	if recall < 0.90 || falseAlarm > 0.01 {
		t.Errorf("recall %.1f%% (want ≥90%%), false alarms %.2f%% (want ≤1%%)", 100*recall, 100*falseAlarm)
	}
}
