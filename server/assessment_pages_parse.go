package server

import (
	"encoding/json"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"firstperson/forms"
)

// sectionInput is one section's form POST read into answers.
type sectionInput struct {
	// changes are the answers that differ from the saved ones: what to save.
	changes forms.Answers
	// shown are the saved answers with everything typed laid over them:
	// what a 422 page shows again.
	shown forms.Answers
	// typed keeps text that could not become an answer, by question id.
	typed map[string]string
	// problems are messages by question id.
	problems map[string]string
}

// parseSection reads the inputs of one section (named "q.<question id>",
// table cells "q.<id>[row][column]") against the saved answers. A question
// whose inputs are missing from the POST is left as it is; so is a
// signature unless a name was typed for it (drawing needs JavaScript).
func parseSection(sec *forms.Section, form url.Values, saved forms.Answers) sectionInput {
	in := sectionInput{changes: forms.Answers{}, shown: forms.Answers{}, typed: map[string]string{},
		problems: map[string]string{}}
	for k, v := range saved {
		in.shown[k] = v
	}
	for i := range sec.Questions {
		q := &sec.Questions[i]
		if !q.Type.Answerable() {
			continue
		}
		val, present, problem := parseQuestion(q, form)
		switch {
		case !present:
			continue
		case problem != "":
			in.problems[q.ID] = problem
			in.typed[q.ID] = form.Get("q." + q.ID)
			continue
		}
		if val == nil {
			delete(in.shown, q.ID)
		} else {
			in.shown[q.ID] = val
		}
		if old, had := saved[q.ID]; (had || val != nil) && !sameStoredAnswer(old, val) {
			in.changes[q.ID] = val
		}
	}
	return in
}

// parseQuestion reads one question's inputs. present is false when the
// POST has none of them; problem says why the input is not an answer.
func parseQuestion(q *forms.Question, form url.Values) (val any, present bool, problem string) {
	name := "q." + q.ID
	if q.Type == forms.TypeTable {
		return parseTable(q, form)
	}
	if q.Type == forms.TypeSignature {
		return parseTypedSignature(name, form)
	}
	values, present := form[name]
	if !present {
		return nil, false, ""
	}
	text := strings.ReplaceAll(firstFilled(values), "\r\n", "\n")
	switch q.Type {
	case forms.TypeMultiChoice:
		var ticked []any
		for _, v := range values {
			if v != "" { // the hidden marker that says the checkboxes were on the form
				ticked = append(ticked, v)
			}
		}
		if len(ticked) == 0 {
			return nil, true, ""
		}
		return ticked, true, ""
	case forms.TypeYesNo:
		switch text {
		case "yes":
			return true, true, ""
		case "no":
			return false, true, ""
		case "":
			return nil, true, ""
		}
		return nil, true, "answer yes or no"
	case forms.TypeNumber:
		text = strings.TrimSpace(text)
		if text == "" {
			return nil, true, ""
		}
		n, err := strconv.ParseFloat(text, 64)
		if err != nil {
			return nil, true, "enter a number, such as 2"
		}
		return n, true, ""
	case forms.TypeDate:
		text = strings.TrimSpace(text)
	}
	if strings.TrimSpace(text) == "" {
		return nil, true, ""
	}
	return text, true, ""
}

// parseTable reads cells named q.<id>[row][column] into rows in row order,
// dropping blank rows and columns the table does not have.
func parseTable(q *forms.Question, form url.Values) (any, bool, string) {
	prefix := "q." + q.ID + "["
	rows := map[int]map[string]any{}
	present := false
	for key, vals := range form {
		rest, ok := strings.CutPrefix(key, prefix)
		if !ok {
			continue
		}
		present = true
		idx, col, ok := strings.Cut(strings.TrimSuffix(rest, "]"), "][")
		n, err := strconv.Atoi(idx)
		if !ok || err != nil || n < 0 || !tableHasColumn(q, col) {
			continue
		}
		cell := strings.ReplaceAll(firstFilled(vals), "\r\n", "\n")
		if strings.TrimSpace(cell) == "" {
			continue
		}
		if rows[n] == nil {
			rows[n] = map[string]any{}
		}
		rows[n][col] = cell
	}
	if !present {
		return nil, false, ""
	}
	order := make([]int, 0, len(rows))
	for n := range rows {
		order = append(order, n)
	}
	sort.Ints(order)
	var out []any
	for _, n := range order {
		out = append(out, rows[n])
	}
	if len(out) == 0 {
		return nil, true, ""
	}
	return out, true, ""
}

func tableHasColumn(q *forms.Question, id string) bool {
	for _, c := range q.Columns {
		if c.ID == id {
			return true
		}
	}
	return false
}

func firstFilled(values []string) string {
	for _, v := range values {
		if v != "" {
			return v
		}
	}
	return ""
}

// sameStoredAnswer compares answers as they are stored (JSON), so 2 and 2.0 or
// a table decoded from the database and one parsed from a form agree.
func sameStoredAnswer(a, b any) bool {
	ja, err1 := json.Marshal(a)
	jb, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && string(ja) == string(jb)
}

// parseTypedSignature reads a name typed to sign (q.<id>.typed) and its
// "I confirm" tick (q.<id>.confirmed). A blank name leaves the signature
// as it is: it may have been drawn.
func parseTypedSignature(name string, form url.Values) (any, bool, string) {
	typed := strings.TrimSpace(form.Get(name + ".typed"))
	if typed == "" {
		return nil, false, ""
	}
	confirmed := firstFilled(form[name+".confirmed"]) == "yes"
	// An unticked box goes on to validation, which names what is missing,
	// and the page shows the typed name again.
	return map[string]any{forms.TypedName: typed, forms.TypedConfirmed: confirmed}, true, ""
}
