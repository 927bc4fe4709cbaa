package render

import "strings"

// textStyle is how a run of text looks: face, size in points, colour and
// the height of one line in millimetres.
type textStyle struct {
	face   string
	size   float64
	colour rgb
	lineH  float64
}

// The text styles of the document.
var (
	styleBody      = textStyle{styleRegular, 10.5, colourText, 5.0}
	styleLabel     = textStyle{styleBold, 9.5, colourLabel, 4.6}
	styleNotAnswer = textStyle{styleRegular, 10, colourMuted, 5.0}
	styleSmall     = textStyle{styleRegular, 8.5, colourMuted, 4.0}
	styleCell      = textStyle{styleRegular, 9.5, colourText, 4.4}
	styleCellHead  = textStyle{styleBold, 9, colourBandText, 4.2}
)

// use selects a style's font and colour.
func (pw *pdfWriter) use(st textStyle) {
	pw.font(st.face, st.size)
	pw.textColour(st.colour)
}

// ptToMM converts a font size in points to millimetres.
const ptToMM = 25.4 / 72

// baseline is where text sits in a line of height lineH starting at y: the
// same rule gofpdf's Cell uses, so everything lines up.
func baseline(y float64, st textStyle) float64 {
	return y + 0.5*st.lineH + 0.3*st.size*ptToMM
}

// wrap breaks cleaned text into lines no wider than width in the current
// font. Each "\n" starts a new line; a blank paragraph stays as an empty
// line between others. Lines break at spaces; a word wider than the whole
// width (a long URL, text with no spaces) is broken between characters.
// It works on runes throughout, never bytes, so multi-byte text is safe.
func (pw *pdfWriter) wrap(text string, width float64) []string {
	paras := strings.Split(text, "\n")
	for len(paras) > 0 && isBlank(paras[len(paras)-1]) {
		paras = paras[:len(paras)-1]
	}
	for len(paras) > 0 && isBlank(paras[0]) {
		paras = paras[1:]
	}
	var lines []string
	blank := false
	for _, para := range paras {
		if isBlank(para) {
			if !blank { // several empty lines in a row print as one
				lines = append(lines, "")
			}
			blank = true
			continue
		}
		blank = false
		lines = pw.wrapParagraph(lines, para, width)
	}
	return lines
}

// wrapParagraph appends the lines of one paragraph to lines.
func (pw *pdfWriter) wrapParagraph(lines []string, para string, width float64) []string {
	pdf := pw.pdf
	// Widths are sums of floats; a hair of slack keeps a line measured as
	// a whole from wrapping when measured word by word.
	width += 1e-6
	space := pdf.GetStringWidth(" ")
	var line strings.Builder
	lineW := 0.0
	flush := func() {
		if line.Len() > 0 {
			lines = append(lines, line.String())
			line.Reset()
			lineW = 0
		}
	}
	for _, word := range strings.Split(para, " ") {
		if word == "" {
			continue
		}
		ww := pdf.GetStringWidth(word)
		switch {
		case line.Len() > 0 && lineW+space+ww <= width:
			line.WriteByte(' ')
			line.WriteString(word)
			lineW += space + ww
		case ww <= width:
			flush()
			line.WriteString(word)
			lineW = ww
		default:
			flush()
			rest, restW := pw.breakWord(&lines, word, width)
			line.WriteString(rest)
			lineW = restW
		}
	}
	flush()
	return lines
}

// breakWord splits a word wider than width between characters, appending
// every full piece to lines and returning the last, partial piece.
func (pw *pdfWriter) breakWord(lines *[]string, word string, width float64) (string, float64) {
	start, w := 0, 0.0
	for i, r := range word {
		rw := pw.pdf.GetStringWidth(string(r))
		if w+rw > width && i > start {
			*lines = append(*lines, word[start:i])
			start, w = i, 0
		}
		w += rw
	}
	return word[start:], w
}

// drawLines prints lines at x in the given style, one under another,
// starting a new page whenever the next line would reach the footer, so
// long text flows across as many pages as it needs.
func (pw *pdfWriter) drawLines(lines []string, x float64, st textStyle) {
	for _, line := range lines {
		pw.ensure(st.lineH)
		pw.use(st)
		y := pw.pdf.GetY()
		if line != "" {
			pw.pdf.Text(x, baseline(y, st), line)
		}
		pw.pdf.SetY(y + st.lineH)
	}
}

// text wraps and prints cleaned text across the content width at indent.
func (pw *pdfWriter) text(s string, indent float64, st textStyle) {
	pw.use(st)
	pw.drawLines(pw.wrap(s, contentWidth-indent), marginX+indent, st)
}
