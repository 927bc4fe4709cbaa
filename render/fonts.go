package render

import (
	"fmt"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/jung-kurt/gofpdf"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
)

// fontFamily is the name the PDF knows the embedded Go fonts by.
const fontFamily = "go"

// Font styles as gofpdf spells them. There is no italic: every face
// embedded costs every document about 3.5 ms (gofpdf parses it, hashes
// its 65,536 widths as JSON and builds a subset), so "Not answered" is
// muted by colour instead.
const (
	styleRegular = ""
	styleBold    = "B"
)

// placeholder stands in for a character the fonts cannot draw (emoji, CJK,
// scripts the Go fonts lack), so the reader sees that something was there.
// U+25A1 WHITE SQUARE is in both Go faces (TestPlaceholderIsDrawable).
const placeholder = '□'

// fontFaces are the TrueType files embedded in every PDF, by style.
var fontFaces = []struct {
	style string
	ttf   []byte
}{
	{styleRegular, goregular.TTF},
	{styleBold, gobold.TTF},
}

// addFonts registers the Go fonts with one document. gofpdf keeps a
// reference to the bytes it is given and its UTF-8 font code is not written
// with sharing in mind, so each document gets its own copy: a few hundred
// kilobytes copied is far cheaper than a data race or a corrupted font.
func addFonts(pdf *gofpdf.Fpdf) {
	for _, f := range fontFaces {
		pdf.AddUTF8FontFromBytes(fontFamily, f.style, append([]byte(nil), f.ttf...))
	}
}

// glyphs records which runes of the Basic Multilingual Plane every Go face
// can draw, one bit a rune. It is built once, on first use, by asking sfnt
// for each rune's glyph index (0 means the font has no glyph).
var glyphs struct {
	once sync.Once
	bits [0x10000 / 64]uint64
}

func loadGlyphs() {
	var buf sfnt.Buffer
	var parsed []*sfnt.Font
	for _, f := range fontFaces {
		font, err := sfnt.Parse(f.ttf)
		if err != nil {
			// The fonts are compiled in; only a broken build gets here, and
			// then nothing beyond ASCII is trusted.
			parsed = nil
			break
		}
		parsed = append(parsed, font)
	}
	for r := rune(0x20); r < 0x10000; r++ {
		if r < 0x7f {
			glyphs.bits[r/64] |= 1 << (r % 64)
			continue
		}
		if len(parsed) == 0 {
			break
		}
		ok := true
		for _, font := range parsed {
			if i, err := font.GlyphIndex(&buf, r); err != nil || i == 0 {
				ok = false
				break
			}
		}
		if ok {
			glyphs.bits[r/64] |= 1 << (r % 64)
		}
	}
}

// drawable reports whether every embedded face has a glyph for r. Runes
// above U+FFFF are never drawable: gofpdf's UTF-16 conversion only handles
// the Basic Multilingual Plane.
func drawable(r rune) bool {
	if r >= 0x20 && r < 0x7f {
		return true
	}
	if r < 0 || r > 0xffff {
		return false
	}
	glyphs.once.Do(loadGlyphs)
	return glyphs.bits[r/64]&(1<<(r%64)) != 0
}

// invisible reports whether r only shapes other characters (zero-width
// joiners, variation selectors, emoji skin tones, tags, soft hyphens,
// direction marks). Such runes are dropped rather than shown as a
// placeholder, so an emoji sequence becomes one placeholder, not five.
func invisible(r rune) bool {
	switch {
	case unicode.Is(unicode.Cf, r), unicode.Is(unicode.Variation_Selector, r):
		return true
	case r >= 0x1f3fb && r <= 0x1f3ff: // emoji skin tone modifiers
		return true
	}
	return false
}

// shownAsCode reports the invisible characters that can change how text
// reads rather than only how it is shaped: the bidirectional controls and
// zero-width spaces. The PDF prints them as <U+202E> and never applies
// them, so a free-text answer cannot read one way on paper and another on
// screen without anyone seeing why. (Names refuse them outright.)
func shownAsCode(r rune) bool {
	switch {
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	case r == 0x200b, r == 0x200e, r == 0x200f, r == 0x061c, r == 0x2060, r == 0xfeff:
		return true
	}
	return false
}

// cleanText makes s safe to draw with the embedded fonts: invalid UTF-8 and
// runes the fonts lack become the placeholder, control characters are
// dropped (tabs become spaces), and line breaks are kept as "\n" when
// multiline is true, else turned into spaces.
func cleanText(s string, multiline bool) string {
	if isPlainASCII(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == '\r':
			if i < len(s) && s[i] == '\n' {
				i++
			}
			fallthrough
		case r == '\n', r == '\u2028', r == '\u2029', r == '\u0085':
			if multiline {
				b.WriteByte('\n')
			} else {
				b.WriteByte(' ')
			}
		case r == '\t':
			b.WriteByte(' ')
		case r == utf8.RuneError:
			b.WriteRune(placeholder)
		case shownAsCode(r):
			fmt.Fprintf(&b, "<U+%04X>", r)
		case unicode.IsControl(r), invisible(r):
			// dropped
		case drawable(r):
			b.WriteRune(r)
		default:
			b.WriteRune(placeholder)
		}
	}
	return b.String()
}

// isPlainASCII reports whether s is printable ASCII only, the common case
// that needs no cleaning.
func isPlainASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c >= 0x7f {
			return false
		}
	}
	return true
}
