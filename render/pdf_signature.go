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

	drawn := false
	if img, err := signaturePNG(v); err == nil && !pdf.Err() {
		pw.images++
		name := fmt.Sprintf("signature-%d", pw.images)
		info := pdf.RegisterImageOptionsReader(name, gofpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(img))
		if pdf.Err() || info == nil {
			// gofpdf records a bad image as the document's error; this
			// image is the only thing wrong, so the document goes on.
			pdf.ClearError()
		} else {
			w, h := fitImage(info.Width(), info.Height(), signatureMaxW, signatureMaxH)
			pw.drawColour(colourRule)
			pdf.SetLineWidth(0.25)
			pdf.Rect(marginX, y, w+2*signaturePad, h+2*signaturePad, "D")
			pdf.ImageOptions(name, marginX+signaturePad, y+signaturePad, w, h, false,
				gofpdf.ImageOptions{ImageType: "PNG"}, 0, "")
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

// fitImage scales a w×h image to fit inside maxW×maxH, keeping its shape.
func fitImage(w, h, maxW, maxH float64) (float64, float64) {
	if w <= 0 || h <= 0 {
		return maxW, maxH
	}
	scale := min(maxW/w, maxH/h)
	return w * scale, h * scale
}

// signaturePNG decodes a "data:image/png;base64,…" answer and re-encodes
// it as a plain 8-bit RGB PNG on white. gofpdf's own PNG reader rejects
// interlaced and 16-bit files and trusts what it reads; Go's decoder checks
// everything first, and the re-encoded file is one gofpdf always handles.
func signaturePNG(v any) ([]byte, error) {
	s, ok := v.(string)
	if !ok {
		return nil, errSignature
	}
	meta, data, ok := strings.Cut(strings.TrimSpace(s), ",")
	meta = strings.ToLower(meta)
	if !ok || !strings.HasPrefix(meta, "data:image/png") || !strings.HasSuffix(meta, ";base64") {
		return nil, errSignature
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
			return nil, fmt.Errorf("%w: %v", errSignature, err)
		}
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errSignature, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width > maxSignatureSide ||
		cfg.Height > maxSignatureSide || cfg.Width*cfg.Height > maxSignaturePixels {
		return nil, fmt.Errorf("%w: %d×%d pixels", errSignature, cfg.Width, cfg.Height)
	}
	img, err := png.Decode(bytes.NewReader(raw))
	if err != nil {
		return nil, fmt.Errorf("%w: %v", errSignature, err)
	}
	b := img.Bounds()
	flat := image.NewRGBA(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(flat, flat.Bounds(), image.White, image.Point{}, draw.Src)
	draw.Draw(flat, flat.Bounds(), img, b.Min, draw.Over)
	var out bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestSpeed}
	if err := enc.Encode(&out, flat); err != nil {
		return nil, fmt.Errorf("%w: %v", errSignature, err)
	}
	return out.Bytes(), nil
}
