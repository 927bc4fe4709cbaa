package forms

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"image/png"
	"math"
	"sort"
	"strings"
	"time"
	"unicode/utf8"
)

// Limits on answers: room for real notes, small enough that one assessment
// cannot swamp the database, the PDF or a tablet's memory.
const (
	maxTextLen      = 2000
	maxLongTextLen  = 20000
	maxTableRows    = 200
	maxCellLen      = 2000
	maxSignatureLen = 512 << 10
	maxSignatureDim = 4000
	signaturePrefix = "data:image/png;base64,"
	answerErrorText = "some answers do not fit their questions"
)

// ValidateAnswers checks that each given answer fits its question and
// returns nil or a *ValidationError keyed by question id. A nil value is
// always allowed: it clears the answer. So is "" for choice, date and
// signature questions, which is what a cleared input sends. Answers to
// hidden questions are checked too, since they are kept and come back when
// the question shows again.
func (s *Schema) ValidateAnswers(a Answers) error {
	f := fieldErrors{}
	// An autosave carries an answer or two: a scan of the form for each
	// costs less than building an index. An upload may carry many answers,
	// and gets the index.
	find := s.Question
	if len(a) > 8 {
		byID := make(map[string]*Question)
		for _, q := range s.Questions() {
			if byID[q.ID] == nil {
				byID[q.ID] = q // the first, as Question finds it
			}
		}
		find = func(id string) *Question { return byID[id] }
	}
	ids := make([]string, 0, len(a))
	for id := range a {
		ids = append(ids, id)
	}
	sort.Strings(ids) // deterministic messages (fieldErrors keeps the first)
	for _, id := range ids {
		q := find(id)
		switch {
		case q == nil:
			f.add(id, "there is no question with this id")
		case !q.Type.Answerable():
			f.add(id, "this is information for the assessor and takes no answer")
		case a[id] == nil:
			// Clearing an answer is always allowed.
		default:
			if msg := checkAnswer(q, a[id]); msg != "" {
				f.add(id, "%s", msg)
			}
		}
	}
	return f.err(answerErrorText)
}

// checkAnswer returns what is wrong with v as an answer to q, or "".
func checkAnswer(q *Question, v any) string {
	switch q.Type {
	case TypeText:
		return checkString(v, maxTextLen, "enter the answer as text")
	case TypeLongText:
		return checkString(v, maxLongTextLen, "enter the answer as text")
	case TypeYesNo:
		if _, ok := v.(bool); !ok {
			return "answer yes or no"
		}
	case TypeChoice:
		s, ok := v.(string)
		if !ok || (s != "" && !contains(q.Options, s)) {
			return "choose one of the options"
		}
	case TypeMultiChoice:
		return checkMultiChoice(q, v)
	case TypeDate:
		s, ok := v.(string)
		if !ok {
			return "enter a date as YYYY-MM-DD"
		}
		if s == "" {
			return ""
		}
		return checkDate(s, 1900, 2200)
	case TypeNumber:
		n, ok := v.(float64)
		if !ok || math.IsNaN(n) || math.IsInf(n, 0) {
			return "enter a number"
		}
	case TypeTable:
		return checkTable(q, v)
	case TypeSignature:
		if m, ok := v.(map[string]any); ok {
			return checkTypedSignature(m)
		}
		s, ok := v.(string)
		if !ok {
			return "sign in the box, or type your name and confirm it"
		}
		if s == "" {
			return ""
		}
		return checkSignature(s)
	}
	return ""
}

func checkString(v any, limit int, wrongType string) string {
	s, ok := v.(string)
	if !ok {
		return wrongType
	}
	return checkStringLen(s, limit)
}

func checkStringLen(s string, limit int) string {
	if badText(s) {
		return "this contains characters that cannot be saved; please retype it"
	}
	if n := utf8.RuneCountInString(s); n > limit {
		return fmt.Sprintf("keep this to %s characters or fewer (it has %s)", thousands(limit), thousands(n))
	}
	return ""
}

func checkMultiChoice(q *Question, v any) string {
	items, ok := v.([]any)
	if !ok {
		return "tick the options that apply"
	}
	seen := map[string]bool{}
	for _, item := range items {
		s, ok := item.(string)
		switch {
		case !ok || !contains(q.Options, s):
			return "tick only the options listed"
		case seen[s]:
			return fmt.Sprintf("%q is ticked twice", s)
		}
		seen[s] = true
	}
	return ""
}

// checkDate wants a real calendar date written YYYY-MM-DD within the years
// given, catching typos such as 2204 or 1066.
func checkDate(s string, minYear, maxYear int) string {
	if len(s) != len("2006-01-02") {
		return "enter a date as YYYY-MM-DD"
	}
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		return "enter a real date as YYYY-MM-DD"
	}
	if y := d.Year(); y < minYear || y > maxYear {
		return fmt.Sprintf("enter a year between %d and %d", minYear, maxYear)
	}
	return ""
}

func checkTable(q *Question, v any) string {
	rows, ok := v.([]any)
	if !ok {
		return "the table must be a list of rows"
	}
	if len(rows) > maxTableRows {
		return fmt.Sprintf("a table can have at most %d rows (this has %d)", maxTableRows, len(rows))
	}
	labels := map[string]string{}
	for _, c := range q.Columns {
		labels[c.ID] = c.Label
	}
	for i, r := range rows {
		row, ok := r.(map[string]any)
		if !ok {
			return fmt.Sprintf("row %d must have one entry per column", i+1)
		}
		keys := make([]string, 0, len(row))
		for k := range row {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			label, known := labels[k]
			if !known {
				return fmt.Sprintf("row %d has a column %q that this table does not have", i+1, truncate(k, 64))
			}
			if row[k] == nil {
				continue // a cleared cell
			}
			cell, ok := row[k].(string)
			if !ok {
				return fmt.Sprintf("row %d, %s: enter text", i+1, label)
			}
			if msg := checkStringLen(cell, maxCellLen); msg != "" {
				return fmt.Sprintf("row %d, %s: %s", i+1, label, msg)
			}
		}
	}
	return ""
}

// checkSignature wants a PNG data URL, as a canvas's toDataURL gives, whose
// picture really is a PNG of a sensible size: the PDF embeds it as is.
func checkSignature(s string) string {
	if len(s) > maxSignatureLen {
		return "the signature picture is too large; please clear it and sign again"
	}
	if !strings.HasPrefix(s, signaturePrefix) {
		return "the signature must be a PNG picture; please sign again"
	}
	raw, err := base64.StdEncoding.DecodeString(s[len(signaturePrefix):])
	if err != nil {
		return "the signature picture is damaged; please clear it and sign again"
	}
	cfg, err := png.DecodeConfig(bytes.NewReader(raw))
	if err != nil {
		return "the signature picture is damaged; please clear it and sign again"
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width > maxSignatureDim || cfg.Height > maxSignatureDim {
		return fmt.Sprintf("the signature picture must be at most %d by %d pixels", maxSignatureDim, maxSignatureDim)
	}
	return ""
}

// MissingRequired returns every required question that is shown for these
// answers but has no answer, mapped to a message for the assessor. The map
// is empty, never nil, when nothing is missing.
func (s *Schema) MissingRequired(a Answers) map[string]string {
	missing := map[string]string{}
	for _, q := range s.Questions() {
		if !q.Required || !q.Type.Answerable() {
			continue
		}
		if s.Visible(q.ID, a) && IsEmpty(a[q.ID]) {
			missing[q.ID] = "This question needs an answer"
		}
	}
	return missing
}

// thousands writes n with a comma every three digits, as people read it.
func thousands(n int) string {
	s := fmt.Sprint(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
