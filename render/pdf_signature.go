package render

import (
	"bytes"
	"encoding/base64"
	"errors"
	"fmt"
	"image"
	"image/draw"
	"image/png"
	"strings"

	"github.com/jung-kurt/gofpdf"

	"firstperson/forms"
)

// Signature box size in millimetres, and the largest image accepted.
const (
	signatureMaxW      = 70.0
	signatureMaxH      = 26.0
	signaturePad       = 2.0
	signatureBlockH    = signatureMaxH + 2*signaturePad + 6
	maxSignatureSide   = 8000
	maxSignaturePixels = 4000 * 4000
)

// errSignature marks a signature answer that cannot be drawn.
var errSignature = errors.New("signature is not a usable PNG data URL")

// signature draws a signature answer as an image in a light frame with
// "Signed by … on …" beneath. An image that cannot be read prints
// "Signature could not be shown" instead; it never breaks the document.
func (pw *pdfWriter) signature(v any) {
	pdf := pw.pdf
	pw.ensure(signatureBlockH)
	y := pdf.GetY()
	if t, ok := forms.AsTypedSignature(v); ok {
		pw.text(cleanText(t.Statement(), false), answerIndent, styleBody)
		by := cleanText(t.EnteredBy, false)
		if isBlank(by) {
			by = "an unknown user"
		}
		line := "Signed by typing, entered by " + by
		if !t.EnteredAt.IsZero() {
			line += " at " + t.EnteredAt.Format("2 Jan 2006 15:04")
		}
		pw.text(line, answerIndent, textStyle{styleRegular, 9, colourLabel, 4.6})
		return
	}

	drawn := false
	if sig, err := decodeSignature(v); err == nil {
		// The original file when gofpdf can read its format, else (or if
		// gofpdf still refuses it) a copy re-encoded in a format it reads.
		h, ok := 0.0, false
		if sig.plain() {
			h, ok = pw.image(sig.raw, y)
		}
		if !ok {
			h, ok = pw.image(flattenPNG(sig.img), y)
		}
		if ok {
			pdf.SetY(y + h + 2*signaturePad + 1)
			drawn = true
		}
	}
	if !drawn {
		pw.text("Signature could not be shown", answerIndent, styleNotAnswer)
	}
	pw.text(pw.signedBy(), answerIndent, textStyle{styleRegular, 9, colourLabel, 4.6})
}

// signedBy is the line under a signature: who completed the assessment (or
// started it, while it is in progress) and on which day.
func (pw *pdfWriter) signedBy() string {
	doc := pw.doc
	who := cleanText(doc.CompletedBy, false)
	if isBlank(who) {
		who = cleanText(doc.StartedBy, false)
	}
	if isBlank(who) {
		who = "the assessor"
	}
	when := doc.CompletedAt
	if when.IsZero() {
		when = doc.StartedAt
	}
	if when.IsZero() {
		return "Signed by " + who
	}
	return "Signed by " + who + " on " + formatDay(when)
}

// image registers a PNG and draws it framed at y, reporting its height.
// A PNG gofpdf cannot read leaves the document as it was.
func (pw *pdfWriter) image(png []byte, y float64) (h float64, ok bool) {
	pdf := pw.pdf
	if png == nil || pdf.Err() {
		return 0, false
	}
	pw.images++
	name := fmt.Sprintf("signature-%d", pw.images)
	info := pdf.RegisterImageOptionsReader(name, gofpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(png))
	if pdf.Err() || info == nil {
		// gofpdf records a bad image as the document's error; the image is
		// the only thing wrong, so the document goes on without it.
		pdf.ClearError()
		return 0, false
	}
	w, h := fitImage(info.Width(), info.Height(), signatureMaxW, signatureMaxH)
	pw.drawColour(colourRule)
	pdf.SetLineWidth(0.25)
	pdf.Rect(marginX, y, w+2*signaturePad, h+2*signaturePad, "D")
	pdf.ImageOptions(name, marginX+signaturePad, y+signaturePad, w, h, false,
		gofpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	return h, true
}

// fitImage scales a w×h image to fit inside maxW×maxH, keeping its shape.
func fitImage(w, h, maxW, maxH float64) (float64, float64) {
	if w <= 0 || h <= 0 {
		return maxW, maxH
	}
	scale := min(maxW/w, maxH/h)
	return w * scale, h * scale
}

// decodedSignature is a signature PNG that Go's decoder read completely,
// so its data is known to be sound.
type decodedSignature struct {
	raw []byte
	img image.Image
}

// plain reports whether gofpdf can read the original file: 8 bits a
// channel and not interlaced, which is what a tablet's canvas produces.
// gofpdf rejects 16-bit and interlaced files.
func (s decodedSignature) plain() bool {
	// IHDR: bit depth at byte 24, interlace method at byte 28.
	return len(s.raw) > 28 && s.raw[24] == 8 && s.raw[28] == 0
}

// flattenPNG draws img on white and encodes it as an 8-bit RGB PNG, or
// returns nil if encoding fails.
func flattenPNG(img image.Image) []byte {
	b := img.Bounds()
	flat := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(flat, flat.Bounds(), image.White, image.Point{}, draw.Src)
	draw.Draw(flat, flat.Bounds(), img, b.Min, draw.Over)
	var out bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&out, flat); err != nil {
		return nil
	}
	return out.Bytes()
}

// decodeSignature decodes a "data:image/png;base64,…" answer. The whole
// image is decoded, not just its header: gofpdf copies PNG data into the
// PDF without checking it, and a corrupt image must print as "could not
// be shown", not as garbage.
func decodeSignature(v any) (decodedSignature, error) {
	var none decodedSignature
	s, ok := v.(string)
	if !ok {
		return none, errSignature
	}
	meta, data, ok := strings.Cut(strings.TrimSpace(s), ",")
	meta = strings.ToLower(meta)
	if !ok || !strings.HasPrefix(meta, "data:image/png") || !strings.HasSuffix(meta, ";base64") {
		return none, errSignature
	}
	data = strings.Map(func(r rune) rune {
		if r == ' ' || r == '\n' || r == '\r' || r == '\t' {
			return -1
		}
		return r
	}, data)
	raw, err := base64.StdEncoding.DecodeString(data)
	if err != nil {
		if raw, err = base64.RawStdEncoding.DecodeString(strings.TrimRight(data, "=")); err != nil {
			return none, fmt.Errorf("%w: %v", errSignature, err)
		}
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(raw))
	if err != nil {
		return none, fmt.Errorf("%w: %v", errSignature, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width > maxSignatureSide ||
		cfg.Height > maxSignatureSide || cfg.Width*cfg.Height > maxSignaturePixels {
		return none, fmt.Errorf("%w: %d×%d pixels", errSignature, cfg.Width, cfg.Height)
	}
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		return none, fmt.Errorf("%w: %v", errSignature, err)
	}
	return decodedSignature{raw: raw, img: img}, nil
}
