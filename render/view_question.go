package render

import (
	"encoding/json"
	"html/template"
	"strconv"
	"strings"

	"firstperson/forms"
)

// QuestionView is one question as the page shows it: the question itself,
// the answer split into what each kind of input needs, and whether it is
// shown. One partial (templates/partials/question*.html) renders one.
type QuestionView struct {
	ID       string
	Label    string
	Hint     string
	Type     string // a forms.QuestionType
	Required bool
	// Hidden is true when the question's show-if is not met; the page keeps
	// it (hidden) so the answer comes back when the condition does.
	Hidden   bool
	ReadOnly bool
	Answered bool
	Error    string
	// Amended is the note under an answer corrected after completion
	// ("Amended 3 Mar 2026 14:05 by Priya Raman"); CorrectURL is where to
	// correct it. Both only on a completed assessment.
	Amended    string
	CorrectURL string
	// InputID is the id of the (first) input, for <label for>; Name is the
	// form field name of a plain form POST.
	InputID string
	Name    string
	// Text is the value of a text, longtext, date, number or choice input.
	Text string
	// Yes and No say which yes/no answer is ticked, if any.
	Yes, No bool
	// Options are the choices of a choice or multichoice question.
	Options []OptionView
	// Columns and Rows are a table's; Rows ends with one blank row to fill.
	// NewRow is the blank row assessment.js copies for "Add a row".
	Columns []forms.Column
	Rows    []RowView
	NewRow  RowView
	// Signature is the PNG data URL of a signature, or "".
	Signature string
	// TypedName is the name of a typed signature (or one being typed),
	// TypedConfirmed its "I confirm" tick, and TypedStatement how a saved
	// one reads: "Signed electronically by typing: …, entered by …".
	TypedName      string
	TypedConfirmed bool
	TypedStatement string
	// Display is the answer as text, for read-only pages.
	Display string
	// ShowIf is the show-if condition as JSON for assessment.js ("" when
	// the question is always shown).
	ShowIf string
}

// OptionView is one option of a yes/no, choice or multichoice question.
type OptionView struct {
	Value   string
	Label   string
	ID      string
	Checked bool
}

// RowView is one row of a table question.
type RowView struct {
	Number int // 1-based
	Cells  []CellView
}

// CellView is one cell of a table row.
type CellView struct {
	Column string // the column id
	Label  string
	ID     string
	Name   string
	Value  string
}

// HintID and ErrorID are the ids of the hint and the message, for
// aria-describedby.
func (v QuestionView) HintID() string  { return "q-" + v.ID + "-hint" }
func (v QuestionView) ErrorID() string { return "q-" + v.ID + "-error" }

// DescribedBy is the input's aria-describedby: its hint and message.
func (v QuestionView) DescribedBy() string {
	var ids []string
	if v.Hint != "" {
		ids = append(ids, v.HintID())
	}
	if v.Error != "" {
		ids = append(ids, v.ErrorID())
	}
	return strings.Join(ids, " ")
}

// SignatureURL is the signature as an image source. Only a PNG data URL
// gets here, so it is safe to mark as a URL for html/template.
func (v QuestionView) SignatureURL() template.URL {
	return template.URL(v.Signature) //nolint:gosec // checked in NewQuestionView
}

// QuestionOptions say how to show one question.
type QuestionOptions struct {
	Hidden   bool
	ReadOnly bool
	Error    string
	// Typed, when HasTyped, replaces the answer in a text-like input with
	// what the assessor typed.
	Typed    string
	HasTyped bool
}

// NewQuestionView builds the view of one question and its answer.
func NewQuestionView(q *forms.Question, answer any, opt QuestionOptions) QuestionView {
	v := QuestionView{ID: q.ID, Label: q.Label, Hint: q.Hint, Type: string(q.Type), Required: q.Required,
		Hidden: opt.Hidden, ReadOnly: opt.ReadOnly, Error: opt.Error,
		InputID: "q-" + q.ID, Name: "q." + q.ID,
		Answered: q.Type.Answerable() && !forms.IsEmpty(answer), Display: forms.FormatAnswer(q, answer)}
	if q.ShowIf != nil {
		if b, err := json.Marshal(q.ShowIf); err == nil {
			v.ShowIf = string(b)
		}
	}
	switch q.Type {
	case forms.TypeText, forms.TypeLongText, forms.TypeDate, forms.TypeChoice:
		v.Text, _ = answer.(string)
	case forms.TypeNumber:
		if n, ok := answer.(float64); ok {
			v.Text = strconv.FormatFloat(n, 'f', -1, 64)
		}
	case forms.TypeYesNo:
		b, ok := answer.(bool)
		v.Yes, v.No = ok && b, ok && !b
		v.Options = []OptionView{{Value: "yes", Label: "Yes", ID: v.InputID + "-0", Checked: v.Yes},
			{Value: "no", Label: "No", ID: v.InputID + "-1", Checked: v.No}}
	case forms.TypeSignature:
		if s, ok := answer.(string); ok && strings.HasPrefix(s, "data:image/png;base64,") {
			v.Signature = s
		}
		if m, ok := answer.(map[string]any); ok {
			v.TypedName, _ = m[forms.TypedName].(string)
			v.TypedConfirmed, _ = m[forms.TypedConfirmed].(bool)
		}
		if t, ok := forms.AsTypedSignature(answer); ok && t.EnteredBy != "" {
			v.TypedStatement = t.Statement() + " (entered by " + t.EnteredBy + ")"
		}
	case forms.TypeTable:
		v.Columns = q.Columns
		v.Rows = viewRows(q, answer, !opt.ReadOnly)
		v.NewRow = viewRow(q, 0, nil)
	}
	if opt.HasTyped {
		v.Text = opt.Typed
	}
	if q.Type == forms.TypeChoice || q.Type == forms.TypeMultiChoice {
		v.Options = optionViews(q, answer, v.InputID)
	}
	if len(v.Options) > 0 {
		v.InputID += "-0" // the label points at the first tile
	}
	return v
}

func optionViews(q *forms.Question, answer any, prefix string) []OptionView {
	ticked := map[string]bool{}
	switch a := answer.(type) {
	case string:
		ticked[a] = true
	case []any:
		for _, item := range a {
			if s, ok := item.(string); ok {
				ticked[s] = true
			}
		}
	}
	out := make([]OptionView, len(q.Options))
	for i, o := range q.Options {
		out[i] = OptionView{Value: o, Label: o, ID: prefix + "-" + strconv.Itoa(i), Checked: ticked[o]}
	}
	return out
}

// viewRows turns a table answer into rows of cells in column order,
// skipping rows that are all blank; blank adds one empty row to fill in.
func viewRows(q *forms.Question, answer any, blank bool) []RowView {
	list, _ := answer.([]any)
	rows := make([]RowView, 0, len(list)+1)
	for _, item := range list {
		row, ok := item.(map[string]any)
		if !ok || forms.IsEmpty(row) {
			continue
		}
		rows = append(rows, viewRow(q, len(rows), row))
	}
	if blank {
		rows = append(rows, viewRow(q, len(rows), nil))
	}
	return rows
}

func viewRow(q *forms.Question, i int, row map[string]any) RowView {
	r := RowView{Number: i + 1, Cells: make([]CellView, len(q.Columns))}
	n := strconv.Itoa(i)
	for ci, c := range q.Columns {
		val, _ := row[c.ID].(string)
		r.Cells[ci] = CellView{Column: c.ID, Label: c.Label, Value: val,
			ID:   "q-" + q.ID + "-" + n + "-" + c.ID,
			Name: "q." + q.ID + "[" + n + "][" + c.ID + "]"}
	}
	return r
}
