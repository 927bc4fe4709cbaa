package render

import (
	"bytes"
	"encoding/base64"
	"image"
	"image/color"
	"image/png"
	"strings"
	"testing"
	"time"

	"firstperson/forms"
)

func signatureSchema() *forms.Schema {
	return &forms.Schema{Title: "Sign-off", Sections: []forms.Section{{
		ID: "s", Title: "Outcome and sign-off", Questions: []forms.Question{
			{ID: "sig", Label: "My assessor's signature", Type: forms.TypeSignature},
			{ID: "sig2", Label: "My signature", Type: forms.TypeSignature},
			{ID: "after", Label: "Date of my assessment", Type: forms.TypeDate},
		},
	}}}
}

func dataURL(b []byte) string {
	return "data:image/png;base64," + base64.StdEncoding.EncodeToString(b)
}

// pngOf encodes img, for signatures in formats gofpdf cannot read itself.
func pngOf(img image.Image) []byte {
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		panic(err)
	}
	return buf.Bytes()
}

func TestWritePDFSignatures(t *testing.T) {
	good := signaturePNGBytes(300, 90)
	deep := image.NewNRGBA64(image.Rect(0, 0, 60, 20)) // 16 bits a channel: gofpdf rejects these
	gray := image.NewGray(image.Rect(0, 0, 60, 20))
	pal := image.NewPaletted(image.Rect(0, 0, 60, 20), color.Palette{color.White, color.Black})
	for x := 0; x < 60; x++ {
		deep.Set(x, 10, color.Black)
		gray.Set(x, 10, color.Gray{40})
		pal.Set(x, 10, color.Black)
	}
	huge := pngOf(image.NewGray(image.Rect(0, 0, 1, 1)))
	// Claim 100000×100000 pixels in the header; the decoder must not try.
	copy(huge[16:24], []byte{0, 1, 0x86, 0xa0, 0, 1, 0x86, 0xa0})

	tests := []struct {
		name   string
		answer any
		drawn  bool
	}{
		{"png", dataURL(good), true},
		{"base64 without padding, with line breaks", "data:image/png;base64," +
			wrapBase64(strings.TrimRight(base64.StdEncoding.EncodeToString(good), "=")), true},
		{"16-bit png", dataURL(pngOf(deep)), true},
		{"grey png", dataURL(pngOf(gray)), true},
		{"paletted png", dataURL(pngOf(pal)), true},
		{"upper-case media type", "DATA:IMAGE/PNG;BASE64," + base64.StdEncoding.EncodeToString(good), true},
		{"truncated png", dataURL(good[:len(good)/2]), false},
		{"corrupt data inside the png", dataURL(append(append([]byte{}, good[:60]...), bytes.Repeat([]byte{0xAA}, 300)...)), false},
		{"not base64", "data:image/png;base64,@@@not-base64@@@", false},
		{"jpeg media type", "data:image/jpeg;base64," + base64.StdEncoding.EncodeToString(good), false},
		{"not a data url", "Signed", false},
		{"not a png at all", dataURL([]byte("GIF89a not really")), false},
		{"huge dimensions", dataURL(huge), false},
		{"wrong answer type", true, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			// The second signature is always good: one bad image must not
			// stop the next from being drawn.
			answers := forms.Answers{"sig": tc.answer, "sig2": dataURL(good), "after": "2026-03-03"}
			pdf := renderTest(t, testDocument(signatureSchema(), answers))
			validatePDF(t, pdf)
			body := bodyText(pdfText(t, pdf))
			wantImages := 1
			first := "My assessor's signature Signed by Priya Raman on 3 March 2026"
			if tc.drawn {
				wantImages = 2
			} else {
				first = "My assessor's signature Signature could not be shown Signed by Priya Raman on 3 March 2026"
			}
			if !strings.Contains(body, first) {
				t.Errorf("body lacks %q:\n%s", first, body)
			}
			if !strings.Contains(body, "My signature Signed by Priya Raman on 3 March 2026 Date of my assessment 3 March 2026") {
				t.Error("the good signature or the question after it is missing")
			}
			if n := countImages(t, pdf); n != wantImages {
				t.Errorf("PDF has %d images, want %d", n, wantImages)
			}
		})
	}
}

func TestSignedBy(t *testing.T) {
	doc := testDocument(signatureSchema(), nil)
	pw := &pdfWriter{doc: &doc}
	if got, want := pw.signedBy(), "Signed by Priya Raman on 3 March 2026"; got != want {
		t.Errorf("completed: %q, want %q", got, want)
	}
	doc.Status, doc.CompletedBy, doc.CompletedAt = StatusInProgress, "", time.Time{}
	doc.StartedBy = "Sam Okoro"
	if got, want := pw.signedBy(), "Signed by Sam Okoro on 2 March 2026"; got != want {
		t.Errorf("in progress: %q, want %q", got, want)
	}
	doc.StartedAt = time.Time{}
	doc.StartedBy = ""
	if got, want := pw.signedBy(), "Signed by the assessor"; got != want {
		t.Errorf("nothing known: %q, want %q", got, want)
	}
}

// wrapBase64 breaks s into lines of 76 characters, as MIME encoders do.
func wrapBase64(s string) string {
	var b strings.Builder
	for len(s) > 76 {
		b.WriteString(s[:76] + "\r\n")
		s = s[76:]
	}
	b.WriteString(s)
	return b.String()
}
