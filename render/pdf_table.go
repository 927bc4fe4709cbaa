package render

import (
	"sort"
	"strings"

	"firstperson/forms"
)

// Table geometry in millimetres.
const (
	tablePadX    = 1.8
	tablePadY    = 1.3
	tableMinRowH = 4.4 + 2*tablePadY // one line of styleCell
	tableMinColW = 16.0
	tableMaxWord = 45.0 // a longer word may be broken to keep columns sane
)

// tableColumn is one column as printed: its id, cleaned label and width.
type tableColumn struct {
	id, label string
	width     float64
}

// preparedTable is a table answer wrapped into lines, ready to draw.
type preparedTable struct {
	caption string // the question label, repeated after a page break
	cols    []tableColumn
	head    [][]string   // header lines per column
	rows    [][][]string // lines per column per row
}

// table prints a table answer as a real table: a header row of column
// labels, wrapped cells, rows never split across pages (unless one row is
// taller than a whole page) and the header repeated on every new page. It
// reports false when the answer is not shaped like a table, so the caller
// can print it as text instead.
func (pw *pdfWriter) table(q *forms.Question, v any) bool {
	rows, ok := tableRows(v)
	if !ok || len(rows) == 0 {
		return false
	}
	cols := tableColumns(q, rows)
	if len(cols) == 0 {
		return false
	}
	t := preparedTable{caption: cleanText(q.Label, false), cols: cols}
	cells := make([][]string, len(rows))
	for i, row := range rows {
		cells[i] = make([]string, len(cols))
		for j, c := range cols {
			cells[i][j] = cleanText(cellText(row[c.id]), true)
		}
	}
	pw.columnWidths(t.cols, cells)
	pw.use(styleCellHead)
	for _, c := range t.cols {
		t.head = append(t.head, pw.wrap(c.label, c.width-2*tablePadX))
	}
	pw.use(styleCell)
	for _, row := range cells {
		lines := make([][]string, len(t.cols))
		for j, c := range t.cols {
			lines[j] = pw.wrap(row[j], c.width-2*tablePadX)
		}
		t.rows = append(t.rows, lines)
	}
	pw.drawTable(&t)
	return true
}

// drawTable draws a prepared table row by row, breaking pages between rows.
func (pw *pdfWriter) drawTable(t *preparedTable) {
	pdf := pw.pdf
	headH := linesHeight(t.head, styleCellHead)
	firstH := min(linesHeight(t.rows[0], styleCell), pw.fullPage()-headH)
	pw.ensure(headH + firstH)
	pw.tableHeader(t, false)
	for i, row := range t.rows {
		zebra := i%2 == 1
		h := linesHeight(row, styleCell)
		if pdf.GetY()+h > contentEnd && h <= pw.fullPage()-headH-styleSmall.lineH {
			pw.newPage()
			pw.tableHeader(t, true)
		}
		n := max(1, maxLines(row))
		if pdf.GetY()+h <= contentEnd {
			pw.tableRow(t, row, 0, n, zebra)
			continue
		}
		// A row taller than a page: split it between lines, the one case
		// where a row cannot be kept whole.
		fresh := false
		for from := 0; from < n; {
			fit := int((contentEnd - pdf.GetY() - 2*tablePadY) / styleCell.lineH)
			if fit < 1 && !fresh {
				pw.newPage()
				pw.tableHeader(t, true)
				fresh = true
				continue
			}
			count := min(max(fit, 1), n-from)
			pw.tableRow(t, row, from, count, zebra)
			from += count
			fresh = false
		}
	}
}

// tableHeader draws the header row; after a page break it first repeats
// the question label with "(continued)".
func (pw *pdfWriter) tableHeader(t *preparedTable, continued bool) {
	pdf := pw.pdf
	if continued {
		pw.use(styleSmall)
		pdf.Text(marginX, baseline(pdf.GetY(), styleSmall), truncate(pw, t.caption+" (continued)", contentWidth))
		pdf.SetY(pdf.GetY() + styleSmall.lineH)
	}
	y := pdf.GetY()
	h := linesHeight(t.head, styleCellHead)
	pw.fillColour(colourTableHead)
	pw.drawColour(colourRule)
	pdf.SetLineWidth(0.2)
	x := marginX
	pw.use(styleCellHead)
	for j, c := range t.cols {
		pdf.Rect(x, y, c.width, h, "FD")
		for k, line := range t.head[j] {
			pdf.Text(x+tablePadX, baseline(y+tablePadY+float64(k)*styleCellHead.lineH, styleCellHead), line)
		}
		x += c.width
	}
	pdf.SetY(y + h)
}

// tableRow draws lines from..from+count of every cell of one row.
func (pw *pdfWriter) tableRow(t *preparedTable, row [][]string, from, count int, zebra bool) {
	pdf := pw.pdf
	y := pdf.GetY()
	h := float64(count)*styleCell.lineH + 2*tablePadY
	style := "D"
	if zebra {
		pw.fillColour(colourZebra)
		style = "FD"
	}
	pw.drawColour(colourRule)
	pdf.SetLineWidth(0.2)
	pw.use(styleCell)
	x := marginX
	for j, c := range t.cols {
		pdf.Rect(x, y, c.width, h, style)
		lines := row[j]
		for k := from; k < from+count && k < len(lines); k++ {
			if lines[k] != "" {
				pdf.Text(x+tablePadX, baseline(y+tablePadY+float64(k-from)*styleCell.lineH, styleCell), lines[k])
			}
		}
		x += c.width
	}
	pdf.SetY(y + h)
}

// columnWidths shares the content width between the columns, much as a
// browser lays out an automatic table. When every cell and header fits on
// one line, each column gets its natural width plus a fair part of the
// spare room. Otherwise a column whose cells fit in a fair share gets just
// that, so short columns (names, doses, dates) never wrap because another
// column is long, and the remaining columns each get their longest word
// plus a part of what is left in proportion to how much longer their text
// is. Header labels may wrap; when even the longest words cannot fit, all
// columns shrink alike and words break.
func (pw *pdfWriter) columnWidths(cols []tableColumn, cells [][]string) {
	n := len(cols)
	head := make([]float64, n)  // header label on one line
	want := make([]float64, n)  // longest cell line
	least := make([]float64, n) // longest word, header or cell
	measure := func(j int, s string, into []float64) {
		for _, para := range strings.Split(s, "\n") {
			into[j] = max(into[j], pw.pdf.GetStringWidth(para)+2*tablePadX)
			for _, word := range strings.Split(para, " ") {
				w := min(pw.pdf.GetStringWidth(word), tableMaxWord) + 2*tablePadX
				least[j] = max(least[j], w)
			}
		}
	}
	pw.use(styleCellHead)
	for j, c := range cols {
		measure(j, c.label, head)
	}
	pw.use(styleCell)
	for _, row := range cells {
		for j := range cols {
			measure(j, row[j], want)
		}
	}
	sumNatural := 0.0
	for j := range cols {
		least[j] = max(least[j], tableMinColW)
		want[j] = max(want[j], least[j])
		sumNatural += max(want[j], head[j])
	}
	if sumNatural <= contentWidth {
		for j := range cols {
			cols[j].width = max(want[j], head[j]) * contentWidth / sumNatural
		}
		return
	}
	settled := make([]bool, n)
	remaining, open := contentWidth, n
	for changed := true; changed && open > 0; {
		changed = false
		for j := range cols {
			if !settled[j] && want[j] <= remaining/float64(open) {
				cols[j].width, settled[j] = want[j], true
				remaining -= want[j]
				open--
				changed = true
			}
		}
	}
	var sumLeast, sumExtra float64
	for j := range cols {
		if !settled[j] {
			sumLeast += least[j]
			sumExtra += want[j] - least[j]
		}
	}
	spare := max(remaining-sumLeast, 0)
	total := 0.0
	for j := range cols {
		if !settled[j] {
			cols[j].width = least[j]
			if sumExtra > 0 {
				cols[j].width += spare * (want[j] - least[j]) / sumExtra
			}
		}
		total += cols[j].width
	}
	if total > contentWidth+1e-6 { // the longest words alone overflow
		for j := range cols {
			cols[j].width *= contentWidth / total
		}
	}
}

// tableRows returns the rows of a table answer that have something in
// them; ok is false when the answer is not a list of objects.
func tableRows(v any) (rows []map[string]any, ok bool) {
	list, ok := v.([]any)
	if !ok {
		return nil, false
	}
	for _, item := range list {
		row, ok := item.(map[string]any)
		if !ok {
			return nil, false
		}
		if !forms.IsEmpty(row) {
			rows = append(rows, row)
		}
	}
	return rows, true
}

// tableColumns returns the question's columns; a table question saved
// without columns falls back to the keys found in the rows.
func tableColumns(q *forms.Question, rows []map[string]any) []tableColumn {
	var cols []tableColumn
	for _, c := range q.Columns {
		label := cleanText(c.Label, false)
		if isBlank(label) {
			label = cleanText(c.ID, false)
		}
		cols = append(cols, tableColumn{id: c.ID, label: label})
	}
	if len(cols) > 0 {
		return cols
	}
	seen := map[string]bool{}
	for _, row := range rows {
		for k := range row {
			seen[k] = true
		}
	}
	keys := make([]string, 0, len(seen))
	for k := range seen {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		cols = append(cols, tableColumn{id: k, label: cleanText(k, false)})
	}
	return cols
}

// cellText is one cell as text; a cell holding just a YYYY-MM-DD date
// prints readably, like a date answer.
func cellText(v any) string {
	if s, ok := v.(string); ok {
		if len(s) == len("2006-01-02") {
			return formatDate(s)
		}
		return s
	}
	return forms.FormatAnswer(nil, v)
}

// linesHeight is the height of a row whose cells hold these lines.
func linesHeight(cells [][]string, st textStyle) float64 {
	return float64(max(1, maxLines(cells)))*st.lineH + 2*tablePadY
}

// maxLines is the number of lines in the tallest cell.
func maxLines(cells [][]string) int {
	n := 0
	for _, c := range cells {
		n = max(n, len(c))
	}
	return n
}
