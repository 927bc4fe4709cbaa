package render

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/jung-kurt/gofpdf"
)

func TestPlaceholderIsDrawable(t *testing.T) {
	if !drawable(placeholder) {
		t.Fatalf("placeholder %q is not in every Go face", placeholder)
	}
}

// TestDrawable pins what the Go fonts can and cannot draw.
func TestDrawable(t *testing.T) {
	for _, r := range "AzÓëŁł‘’“”№—–…€£©°½ĀŻœßΩЖж" {
		if !drawable(r) {
			t.Errorf("%q (U+%04X) should be drawable with the Go fonts", r, r)
		}
	}
	for _, r := range []rune{'😀', '中', 'あ', '한', 'ا', 'ก', '✓', '☐', '\U0001D11E', 0x10FFFF, -1, 0x07} {
		if drawable(r) {
			t.Errorf("%q (U+%04X) should not be drawable", r, r)
		}
	}
}

func TestCleanText(t *testing.T) {
	p := string(placeholder)
	tests := []struct {
		name, in  string
		multiline bool
		want      string
	}{
		{"ascii untouched", "Mrs Smith, room 12", false, "Mrs Smith, room 12"},
		{"names and punctuation exact", "Zoë Ó'Brien-Łukasiewicz ‘a’ “b” № 7 — – … €40", false,
			"Zoë Ó'Brien-Łukasiewicz ‘a’ “b” № 7 — – … €40"},
		{"emoji", "I love 😀 tea", false, "I love " + p + " tea"},
		{"emoji sequence is one placeholder", "👍🏽 and 👨‍👩‍👧 and ❤️", false, p + " and " + p + p + p + " and " + p},
		{"cjk", "中文", false, p + p},
		{"above BMP", "\U0001D11E", false, p},
		{"controls dropped", "a\x00b\x07c\x1bd\x7fe\u0085f", false, "abcd" + "e f"},
		{"tab is a space", "a\tb", false, "a b"},
		{"newlines kept when multiline", "a\r\nb\rc\nd\u2028e", true, "a\nb\nc\nd\ne"},
		{"newlines flattened", "a\r\nb\nc", false, "a b c"},
		{"invalid utf-8", "a\xffb\xc3", false, "a" + p + "b" + p},
		{"bidi controls and zero-width spaces shown, never applied", "a\u200bb\u200ec\ufeffd\u00ade\u202ef\u2067g\u200dh", false,
			"a<U+200B>b<U+200E>c<U+FEFF>de<U+202E>f<U+2067>gh"},
		{"private use", "\ue000", false, p},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := cleanText(tc.in, tc.multiline)
			if got != tc.want {
				t.Errorf("cleanText(%q) = %q, want %q", tc.in, got, tc.want)
			}
			for _, r := range got {
				if r != '\n' && !drawable(r) {
					t.Errorf("result has undrawable %q", r)
				}
			}
		})
	}
}

// TestWrapMultiByte wraps multi-byte text into narrow widths: no line is
// too wide, no character is lost, split or duplicated.
func TestWrapMultiByte(t *testing.T) {
	pdf := gofpdf.New("P", "mm", "A4", "")
	addFonts(pdf)
	pdf.AddPage()
	pw := &pdfWriter{pdf: pdf}
	text := "Zoë Ó'Brien-Łukasiewicz said “I’m fine” — twice… Żółć, ąęść, №12, €40. " +
		"Łłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłłł " + strings.Repeat("ß", 50)
	for _, width := range []float64{8, 20, 37.5, 60, 174} {
		for _, st := range []textStyle{styleBody, styleCell, styleLabel} {
			pw.use(st)
			lines := pw.wrap(text, width)
			for _, l := range lines {
				if !utf8.ValidString(l) {
					t.Fatalf("width %v: line %q is not valid UTF-8", width, l)
				}
				if w := pdf.GetStringWidth(l); w > width+1e-6 && utf8.RuneCountInString(l) > 1 {
					t.Errorf("width %v: line %q is %.2f mm wide", width, l, w)
				}
			}
			joined := strings.ReplaceAll(strings.Join(lines, ""), " ", "")
			if want := strings.ReplaceAll(text, " ", ""); joined != want {
				t.Errorf("width %v: wrapped text lost or changed characters:\n got %q\nwant %q", width, joined, want)
			}
		}
	}
	if err := pdf.Error(); err != nil {
		t.Fatal(err)
	}
}

func TestWrapParagraphs(t *testing.T) {
	pdf := gofpdf.New("P", "mm", "A4", "")
	addFonts(pdf)
	pdf.AddPage()
	pw := &pdfWriter{pdf: pdf}
	pw.use(styleBody)
	got := pw.wrap("\n\none\n\n\n\ntwo\nthree\n\n", 100)
	want := []string{"one", "", "two", "three"}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("wrap = %q, want %q", got, want)
	}
}
