package render

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strconv"
	"strings"
	"time"

	"firstperson/forms"
)

// ExportRecord is one assessment as the exports see it.
type ExportRecord struct {
	Reference   string
	PersonName  string
	NHSNumber   string
	DateOfBirth string
	Status      string
	Started     time.Time
	Completed   *time.Time
	CompletedBy string
	Answers     forms.Answers
}

// utf8BOM lets Excel read the file as UTF-8, so accents come out right.
const utf8BOM = "\uFEFF"

// fixedColumns open every row of the answers export.
var fixedColumns = [][2]string{
	{"reference", "Reference"}, {"person_name", "Person's name"}, {"nhs_number", "NHS number"},
	{"date_of_birth", "Date of birth"}, {"status", "Status"}, {"started", "Started"},
	{"completed", "Completed"}, {"completed_by", "Completed by"},
}

// ExportCSV writes one row per record and one column per answerable
// question in form order, after two header rows: question ids, then
// labels. Multichoice answers are joined with "; ", signatures become
// "signed" (drawn) or "typed", a table its number of rows (the rows are in
// ExportTablesCSV). The file starts with a UTF-8 byte-order mark and every
// cell is guarded against formula injection.
func ExportCSV(s *forms.Schema, records []ExportRecord) ([]byte, error) {
	qs := answerable(s)
	ids, labels := make([]string, 0, len(fixedColumns)+len(qs)), make([]string, 0, len(fixedColumns)+len(qs))
	for _, c := range fixedColumns {
		ids, labels = append(ids, c[0]), append(labels, c[1])
	}
	for _, q := range qs {
		ids, labels = append(ids, q.ID), append(labels, q.Label)
	}
	rows := [][]string{ids, labels}
	for _, r := range records {
		row := []string{r.Reference, r.PersonName, r.NHSNumber, r.DateOfBirth, r.Status,
			exportTime(&r.Started), exportTime(r.Completed), r.CompletedBy}
		for _, q := range qs {
			row = append(row, ExportCell(q, r.Answers[q.ID]))
		}
		rows = append(rows, row)
	}
	return writeCSV(rows)
}

// ExportTablesCSV writes one row per table row of every record, linked to
// the answers export by reference and question id. Each table column has
// its own CSV column, named question-id:column-id (second header row:
// "question label: column label"), so tables with different columns share
// one file.
func ExportTablesCSV(s *forms.Schema, records []ExportRecord) ([]byte, error) {
	ids := []string{"reference", "question_id", "row"}
	labels := []string{"Reference", "Question", "Row"}
	type col struct{ q, c string }
	var cols []col
	index := map[string]int{} // question id -> position of its first column
	for _, q := range answerable(s) {
		if q.Type != forms.TypeTable {
			continue
		}
		index[q.ID] = len(cols)
		for _, c := range q.Columns {
			cols = append(cols, col{q.ID, c.ID})
			ids, labels = append(ids, q.ID+":"+c.ID), append(labels, q.Label+": "+c.Label)
		}
	}
	rows := [][]string{ids, labels}
	for _, r := range records {
		for _, q := range answerable(s) {
			if q.Type != forms.TypeTable {
				continue
			}
			list, _ := r.Answers[q.ID].([]any)
			for i, item := range list {
				cells, _ := item.(map[string]any)
				row := make([]string, 3+len(cols))
				row[0], row[1], row[2] = r.Reference, q.ID, strconv.Itoa(i+1)
				for j, c := range q.Columns {
					row[3+index[q.ID]+j] = textCell(cells[c.ID])
				}
				rows = append(rows, row)
			}
		}
	}
	return writeCSV(rows)
}

func answerable(s *forms.Schema) []*forms.Question {
	var qs []*forms.Question
	for _, q := range s.Questions() {
		if q.Type.Answerable() {
			qs = append(qs, q)
		}
	}
	return qs
}

// ExportCell is how one answer reads in the answers export.
func ExportCell(q *forms.Question, v any) string {
	if v == nil {
		return ""
	}
	switch q.Type {
	case forms.TypeYesNo:
		if b, ok := v.(bool); ok {
			if b {
				return "yes"
			}
			return "no"
		}
	case forms.TypeMultiChoice:
		if list, ok := v.([]any); ok {
			parts := make([]string, 0, len(list))
			for _, x := range list {
				parts = append(parts, textCell(x))
			}
			return strings.Join(parts, "; ")
		}
	case forms.TypeNumber:
		if f, ok := v.(float64); ok {
			return strconv.FormatFloat(f, 'f', -1, 64)
		}
	case forms.TypeSignature:
		switch sig := v.(type) {
		case string:
			if sig != "" {
				return "signed"
			}
			return ""
		case map[string]any:
			if t, _ := sig["typed"].(string); strings.TrimSpace(t) != "" {
				return "typed"
			}
			return ""
		}
	case forms.TypeTable:
		if list, ok := v.([]any); ok {
			return strconv.Itoa(len(list))
		}
	}
	return textCell(v)
}

func textCell(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		if x {
			return "yes"
		}
		return "no"
	}
	return fmt.Sprint(v)
}

func exportTime(t *time.Time) string {
	if t == nil || t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}

// GuardCell defuses a cell a spreadsheet would run as a formula: one that
// starts with =, +, -, @, a tab or a carriage return gets a leading '.
// (OWASP's advice for CSV injection.) A plain number such as -3 is left
// as it is: a spreadsheet reads it as the number it is, not a formula.
func GuardCell(s string) string {
	if _, err := strconv.ParseFloat(s, 64); err == nil && !strings.ContainsAny(s, "xXpPnN") {
		return s
	}
	if s != "" && strings.ContainsRune("=+-@\t\r", rune(s[0])) {
		return "'" + s
	}
	return s
}

// WriteCSV writes rows as a spreadsheet-safe CSV file: UTF-8 byte-order
// mark, CRLF line ends, every cell guarded (GuardCell).
func WriteCSV(rows [][]string) ([]byte, error) { return writeCSV(rows) }

// writeCSV writes rows with CRLF line ends (RFC 4180) after a byte-order
// mark, guarding every cell.
func writeCSV(rows [][]string) ([]byte, error) {
	var buf bytes.Buffer
	buf.WriteString(utf8BOM)
	w := csv.NewWriter(&buf)
	w.UseCRLF = true
	for _, row := range rows {
		for i := range row {
			row[i] = GuardCell(row[i])
		}
		if err := w.Write(row); err != nil {
			return nil, fmt.Errorf("write csv: %w", err)
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return nil, fmt.Errorf("write csv: %w", err)
	}
	return buf.Bytes(), nil
}
