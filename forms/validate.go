package forms

import (
	"fmt"
	"math"
	"regexp"
	"strings"
	"unicode/utf8"
)

// Limits on a form, generous for real templates and small enough that a
// mistaken or hostile upload cannot make every page and PDF slow.
const (
	maxTitleLen    = 200
	maxSections    = 100
	maxQuestions   = 1000
	maxLabelLen    = 500
	maxInfoLen     = 5000
	maxHintLen     = 1000
	maxOptions     = 100
	maxOptionLen   = 200
	maxColumns     = 20
	maxColumnLabel = 200
	// maxShowIfChain keeps chains of conditions well inside the depth that
	// Schema.Visible follows (64), beyond which it hides a question even
	// when every condition is met.
	maxShowIfChain  = 32
	schemaErrorText = "the form has problems"
)

// idPattern is what a section, question or column id must look like: short,
// lower-case and safe in URLs, HTML ids and FHIR linkIds.
var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,63}$`)

// problems collects messages per field, joining several for one field with
// "; " so that nothing found is lost and the order stays deterministic.
type problems map[string]string

func (p problems) add(field, format string, args ...any) {
	msg := fmt.Sprintf(format, args...)
	if old, ok := p[field]; ok {
		msg = old + "; " + msg
	}
	p[field] = msg
}

// Validate checks that the schema is a usable form and returns nil or a
// *ValidationError listing every problem. Problems with a question are
// keyed by its id when it has a valid, unique one; everything else by a
// path such as "sections[2].title" or "sections[0].questions[3].id".
func (s *Schema) Validate() error {
	p := problems{}
	checkText(p, "title", "the form's title", s.Title, maxTitleLen)
	switch {
	case len(s.Sections) == 0:
		p.add("sections", "a form needs at least one section")
	case len(s.Sections) > maxSections:
		p.add("sections", "a form can have at most %d sections", maxSections)
	}
	if n := len(s.Questions()); n > maxQuestions {
		p.add("sections", "a form can have at most %d questions; this one has %d", maxQuestions, n)
	}

	sectionIDs := map[string]bool{}
	for si, sec := range s.Sections {
		path := fmt.Sprintf("sections[%d]", si)
		checkID(p, path+".id", "the section", sec.ID)
		if sectionIDs[sec.ID] && sec.ID != "" {
			p.add(path+".id", "another section already uses the id %q", sec.ID)
		}
		sectionIDs[sec.ID] = true
		checkText(p, path+".title", "the section's title", sec.Title, maxTitleLen)
	}

	// earlier holds the questions seen so far in form order, which is all a
	// show_if may point at: that keeps conditions free of cycles.
	earlier := map[string]*Question{}
	chain := map[string]int{} // how many conditions lead to each question
	for si := range s.Sections {
		for qi := range s.Sections[si].Questions {
			q := &s.Sections[si].Questions[qi]
			path := fmt.Sprintf("sections[%d].questions[%d]", si, qi)
			key := path
			switch {
			case !idPattern.MatchString(q.ID):
				checkID(p, path+".id", "the question", q.ID)
			case earlier[q.ID] != nil:
				p.add(path+".id", "another question already uses the id %q", q.ID)
			case sectionIDs[q.ID]:
				p.add(path+".id", "a section already uses the id %q; question ids must differ from section ids", q.ID)
			default:
				key = q.ID
			}
			validateQuestion(p, key, q, earlier, s)
			if earlier[q.ID] != nil {
				continue
			}
			earlier[q.ID] = q
			if q.ShowIf != nil && earlier[q.ShowIf.Question] != nil {
				chain[q.ID] = chain[q.ShowIf.Question] + 1
				if chain[q.ID] > maxShowIfChain {
					p.add(showIfField(key), "this depends on a chain of more than %d conditions; make it depend on a question higher up", maxShowIfChain)
				}
			}
		}
	}
	if len(p) == 0 {
		return nil
	}
	return &ValidationError{Message: schemaErrorText, Fields: p}
}

func showIfField(key string) string {
	if strings.HasPrefix(key, "sections[") {
		return key + ".show_if"
	}
	return key
}

// validateQuestion reports a question's problems under key; when key is a
// path (the id is unusable) each problem gets its own sub-path.
func validateQuestion(p problems, key string, q *Question, earlier map[string]*Question, s *Schema) {
	field := func(sub string) string {
		if strings.HasPrefix(key, "sections[") {
			return key + "." + sub
		}
		return key
	}
	switch {
	case q.Type == "":
		p.add(field("type"), "choose a question type")
	case !q.Type.Known():
		p.add(field("type"), "%q is not a question type", truncate(string(q.Type), 40))
	}
	limit := maxLabelLen
	if q.Type == TypeInfo {
		limit = maxInfoLen
	}
	checkText(p, field("label"), "the label", q.Label, limit)
	// A blank hint is simply no hint; only a long or unprintable one is wrong.
	if strings.TrimSpace(q.Hint) != "" {
		checkText(p, field("hint"), "the hint", q.Hint, maxHintLen)
	}
	if q.Required && q.Type == TypeInfo {
		p.add(field("required"), "information text takes no answer, so it cannot be required")
	}

	choice := q.Type == TypeChoice || q.Type == TypeMultiChoice
	switch {
	case choice:
		checkOptions(p, field("options"), q)
	case len(q.Options) > 0:
		p.add(field("options"), "only choice and multiple-choice questions have options")
	}
	switch {
	case q.Type == TypeTable:
		checkColumns(p, field("columns"), q)
	case len(q.Columns) > 0:
		p.add(field("columns"), "only table questions have columns")
	}
	if q.ShowIf != nil {
		checkShowIf(p, field("show_if"), q, earlier, s)
	}
	checkPersonField(p, field, q, earlier)
}

func checkOptions(p problems, field string, q *Question) {
	switch {
	case len(q.Options) < 2:
		p.add(field, "a %s question needs at least two options", typeName(q.Type))
	case len(q.Options) > maxOptions:
		p.add(field, "a question can have at most %d options", maxOptions)
	}
	seen := map[string]bool{}
	for i, o := range q.Options {
		switch {
		case strings.TrimSpace(o) == "":
			p.add(field, "option %d is blank", i+1)
		case utf8.RuneCountInString(o) > maxOptionLen:
			p.add(field, "option %d is longer than %d characters", i+1, maxOptionLen)
		case badText(o):
			p.add(field, "option %d contains characters that cannot be shown", i+1)
		case seen[o]:
			p.add(field, "the option %q is listed twice", truncate(o, 40))
		}
		seen[o] = true
	}
}

func checkColumns(p problems, field string, q *Question) {
	switch {
	case len(q.Columns) == 0:
		p.add(field, "a table needs at least one column")
	case len(q.Columns) > maxColumns:
		p.add(field, "a table can have at most %d columns", maxColumns)
	}
	seen := map[string]bool{}
	for i, c := range q.Columns {
		switch {
		case c.ID == "":
			p.add(field, "column %d needs an id", i+1)
		case !idPattern.MatchString(c.ID):
			p.add(field, "column %d's id %q must be lower-case letters, digits, - or _ (at most 64)", i+1, truncate(c.ID, 40))
		case seen[c.ID]:
			p.add(field, "the column id %q is used twice", c.ID)
		}
		seen[c.ID] = true
		switch {
		case strings.TrimSpace(c.Label) == "":
			p.add(field, "column %d needs a label", i+1)
		case utf8.RuneCountInString(c.Label) > maxColumnLabel:
			p.add(field, "column %d's label is longer than %d characters", i+1, maxColumnLabel)
		case badText(c.Label):
			p.add(field, "column %d's label contains characters that cannot be shown", i+1)
		}
	}
}

// checkShowIf allows a condition only on an earlier question whose answer
// can sensibly be compared, with a value of the matching kind.
func checkShowIf(p problems, field string, q *Question, earlier map[string]*Question, s *Schema) {
	c := q.ShowIf
	if c.Question == "" {
		p.add(field, "say which earlier question this depends on")
		return
	}
	if c.Question == q.ID {
		p.add(field, "a question cannot depend on its own answer")
		return
	}
	target := earlier[c.Question]
	if target == nil {
		if s.Question(c.Question) != nil {
			p.add(field, "%q comes later in the form; a question can only depend on an earlier one", c.Question)
		} else {
			p.add(field, "there is no question %q earlier in the form", truncate(c.Question, 64))
		}
		return
	}
	switch target.Type {
	case TypeYesNo:
		if _, ok := c.Equals.(bool); !ok {
			p.add(field, "%q is a yes/no question, so the value must be true or false", c.Question)
		}
	case TypeChoice, TypeMultiChoice:
		v, ok := c.Equals.(string)
		if !ok || !contains(target.Options, v) {
			p.add(field, "the value must be one of the options of %q", c.Question)
		}
	case TypeText, TypeLongText:
		if v, ok := c.Equals.(string); !ok || badText(v) {
			p.add(field, "%q takes text, so the value must be text", c.Question)
		}
	case TypeNumber:
		if v, ok := c.Equals.(float64); !ok || math.IsNaN(v) || math.IsInf(v, 0) {
			p.add(field, "%q takes a number, so the value must be a number", c.Question)
		}
	case TypeInfo:
		p.add(field, "a question cannot depend on information text, which has no answer")
	default:
		p.add(field, "a question cannot depend on a %s question; choose a yes/no, choice, text or number question", typeName(target.Type))
	}
}

func checkID(p problems, field, what, id string) {
	switch {
	case id == "":
		p.add(field, "%s needs an id", what)
	case !idPattern.MatchString(id):
		p.add(field, "the id %q must start with a lower-case letter or digit and use only a-z, 0-9, - and _ (at most 64)", truncate(id, 40))
	}
}

// checkText requires non-blank, displayable text of at most limit characters.
func checkText(p problems, field, what, text string, limit int) {
	switch {
	case strings.TrimSpace(text) == "":
		p.add(field, "%s is blank", what)
	case utf8.RuneCountInString(text) > limit:
		p.add(field, "%s is longer than %d characters", what, limit)
	case badText(text):
		p.add(field, "%s contains characters that cannot be shown", what)
	case InvisibleProblem(text) != "":
		p.add(field, "%s %s", what, InvisibleProblem(text))
	}
}

// badText reports invalid UTF-8 or a NUL, which the PDF and the databases
// cannot store faithfully.
func badText(s string) bool {
	return !utf8.ValidString(s) || strings.ContainsRune(s, 0)
}

func contains(list []string, v string) bool {
	for _, s := range list {
		if s == v {
			return true
		}
	}
	return false
}

// typeName is how the designer names a question type to a person.
func typeName(t QuestionType) string {
	switch t {
	case TypeText:
		return "short text"
	case TypeLongText:
		return "long text"
	case TypeYesNo:
		return "yes/no"
	case TypeChoice:
		return "choice"
	case TypeMultiChoice:
		return "multiple-choice"
	case TypeInfo:
		return "information text"
	}
	return string(t)
}

// truncate shortens s for quoting in a message.
func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n]) + "…"
}
