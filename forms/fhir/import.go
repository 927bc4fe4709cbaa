package fhir

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"firstperson/forms"
)

// ImportWarning says what FromQuestionnaire had to change or leave out of
// one item (named by its linkId in the imported Questionnaire) so that the
// result fits a Firstperson template. The team lead reads these before
// publishing the imported draft.
type ImportWarning struct {
	LinkID  string `json:"link_id"`
	Message string `json:"message"`
}

// FromQuestionnaire reads a FHIR R4 Questionnaire (JSON) into a new
// template schema, with a warning for everything it could only approximate
// (the package comment lists what and why).
//
// Input that is not JSON, or not JSON of the Questionnaire's shape (say, a
// string where a boolean belongs), is an error wrapping forms.ErrMalformed.
// Another resource type, a Questionnaire without items, or a result that
// does not pass the template rules is a *forms.ValidationError.
func FromQuestionnaire(data []byte) (*forms.Schema, []ImportWarning, error) {
	q, err := parseQuestionnaire(data)
	if err != nil {
		return nil, nil, err
	}
	im := &importer{
		ids:      map[string]bool{},
		byLink:   map[string]*importedQuestion{},
		warnings: []ImportWarning{},
	}
	s := im.schema(q)
	im.resolveConditions(s)
	if err := validateImported(s); err != nil {
		return nil, im.warnings, err
	}
	return s, im.warnings, nil
}

// parseQuestionnaire decodes the JSON and checks it is a Questionnaire
// with items.
func parseQuestionnaire(data []byte) (*Questionnaire, error) {
	var head struct {
		ResourceType any `json:"resourceType"`
	}
	if err := json.Unmarshal(data, &head); err != nil {
		return nil, fmt.Errorf("read FHIR Questionnaire: %w: %v", forms.ErrMalformed, err)
	}
	if rt, _ := head.ResourceType.(string); rt != "Questionnaire" {
		msg := "must be \"Questionnaire\""
		if head.ResourceType != nil {
			msg = fmt.Sprintf("must be \"Questionnaire\", not %s", shortJSON(head.ResourceType))
		}
		return nil, &forms.ValidationError{
			Message: "only a FHIR Questionnaire can be imported as a template",
			Fields:  map[string]string{"resourceType": msg},
		}
	}
	var q Questionnaire
	if err := json.Unmarshal(data, &q); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) {
			return nil, fmt.Errorf("read FHIR Questionnaire: %w: %s has the wrong JSON type (%s, want %s)",
				forms.ErrMalformed, typeErr.Field, typeErr.Value, typeErr.Type)
		}
		return nil, fmt.Errorf("read FHIR Questionnaire: %w: %v", forms.ErrMalformed, err)
	}
	if len(q.Item) == 0 {
		return nil, &forms.ValidationError{
			Message: "the Questionnaire has no items to import",
			Fields:  map[string]string{"item": "a Questionnaire needs at least one item to become a template"},
		}
	}
	return &q, nil
}

// shortJSON renders a value for a message, cut to a readable length.
func shortJSON(v any) string {
	b, _ := json.Marshal(v)
	s := string(b)
	if len(s) > 40 {
		s = s[:40] + "…"
	}
	return s
}

// importer carries what the import has learnt so far.
type importer struct {
	warnings  []ImportWarning
	ids       map[string]bool              // section and question ids taken
	byLink    map[string]*importedQuestion // source linkId → question
	questions []*importedQuestion          // in form order
}

// importedQuestion remembers where a question came from, for show-if.
type importedQuestion struct {
	linkID   string
	id       string
	pos      int               // position in the form
	section  int               // index of its section
	index    int               // index within its section
	codings  map[string]string // option text by "code" and "system|code"
	when     []EnableWhen
	behavior string
}

func (im *importer) warn(linkID, format string, args ...any) {
	im.warnings = append(im.warnings, ImportWarning{LinkID: linkID, Message: fmt.Sprintf(format, args...)})
}

// schema maps the top level: groups become sections; runs of other items
// are gathered into a section of their own.
func (im *importer) schema(q *Questionnaire) *forms.Schema {
	s := &forms.Schema{Title: q.Title}
	if strings.TrimSpace(s.Title) == "" {
		s.Title = q.Name
		if strings.TrimSpace(s.Title) == "" {
			s.Title = "Imported questionnaire"
		}
		im.warn("", "the Questionnaire has no title; the template is called %q", s.Title)
	}
	gathering := false
	for i := range q.Item {
		it := &q.Item[i]
		if it.Type == itemGroup {
			gathering = false
			s.Sections = append(s.Sections, forms.Section{})
			im.section(s, it)
			continue
		}
		if !gathering {
			gathering = true
			id := im.uniqueSlug(im.ids, "", "questions")
			s.Sections = append(s.Sections, forms.Section{ID: id, Title: "Questions"})
			im.warn(it.LinkID, "items outside any group are gathered into a section %q", id)
		}
		im.item(s, it, "")
	}
	return s
}

// section fills the last section of s from a top-level group.
func (im *importer) section(s *forms.Schema, g *QuestionnaireItem) {
	sec := &s.Sections[len(s.Sections)-1]
	sec.ID = im.newID(g.LinkID, strings.TrimSuffix(g.LinkID, sectionSuffix))
	sec.Title = g.Text
	if strings.TrimSpace(sec.Title) == "" {
		sec.Title = g.LinkID
		im.warn(g.LinkID, "the group has no text; the section is titled with its linkId")
	}
	if isTrue(g.Repeats) {
		im.warn(g.LinkID, "a repeating group at the top level becomes a section filled in once")
	}
	if len(g.EnableWhen) > 0 {
		im.warn(g.LinkID, "sections cannot be shown conditionally; the section is always shown")
	}
	for i := range g.Item {
		im.item(s, &g.Item[i], g.LinkID)
	}
}

// addQuestion appends a question to the last section and records it for
// show-if rewriting.
func (im *importer) addQuestion(s *forms.Schema, it *QuestionnaireItem, q forms.Question) *importedQuestion {
	si := len(s.Sections) - 1
	sec := &s.Sections[si]
	sec.Questions = append(sec.Questions, q)
	iq := &importedQuestion{
		linkID: it.LinkID, id: q.ID, pos: len(im.questions), section: si, index: len(sec.Questions) - 1,
		when: it.EnableWhen, behavior: it.EnableBehavior,
	}
	im.questions = append(im.questions, iq)
	if _, dup := im.byLink[it.LinkID]; dup {
		im.warn(it.LinkID, "the linkId is used more than once; show-if conditions refer to its first use")
	} else {
		im.byLink[it.LinkID] = iq
	}
	return iq
}

func isTrue(b *bool) bool { return b != nil && *b }
