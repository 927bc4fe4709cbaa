package fhir

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"

	"firstperson/forms"
)

// idPattern is what forms accepts as a section, question or column id
// (forms/validate.go); linkIds that already match are kept exactly, so a
// Firstperson export comes back with the same ids.
var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,63}$`)

const maxIDLen = 64

// newID gives a section or question an id: natural (the linkId with any
// suffix Firstperson adds removed) if it is a valid, unused id, else a slug
// of it made unique. Section and question ids share one namespace, because
// forms requires them to differ.
func (im *importer) newID(linkID, natural string) string {
	return im.uniqueSlug(im.ids, linkID, natural)
}

// uniqueSlug turns natural into an id not yet in taken, records it, and
// warns under linkID when it had to be changed to stay unique.
func (im *importer) uniqueSlug(taken map[string]bool, linkID, natural string) string {
	base := natural
	if !idPattern.MatchString(base) {
		base = slug(natural)
	}
	id := base
	for n := 2; taken[id]; n++ {
		suffix := fmt.Sprintf("-%d", n)
		id = strings.TrimRight(truncateASCII(base, maxIDLen-len(suffix)), "-_") + suffix
	}
	taken[id] = true
	// A slug of a linkId such as "2.1" is expected and not worth a warning;
	// two linkIds ending up as one id is.
	if linkID != "" && id != base {
		im.warn(linkID, "another item already has the id %q; this one becomes %q", base, id)
	}
	return id
}

// slug makes an id of any text: lower-case ASCII letters and digits, other
// runs of characters turned into one "-", at most 64 characters.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(s) {
		if f, ok := latinFold[r]; ok {
			r = f
		}
		switch {
		case r >= 'a' && r <= 'z', r >= '0' && r <= '9', r == '_' && b.Len() > 0:
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		case r > unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsMark(r)):
			// a letter an id cannot hold: left out without splitting the word
		default:
			dash = true
		}
	}
	id := strings.TrimRight(truncateASCII(b.String(), maxIDLen), "-_")
	if id == "" {
		return "item"
	}
	return id
}

func truncateASCII(s string, n int) string {
	if len(s) > n {
		return s[:n]
	}
	return s
}

// resolveConditions turns each question's enableWhen into a show-if on the
// renamed question ids, once every question exists.
func (im *importer) resolveConditions(s *forms.Schema) {
	for _, iq := range im.questions {
		if len(iq.when) == 0 {
			continue
		}
		q := &s.Sections[iq.section].Questions[iq.index]
		q.ShowIf = im.condition(s, iq)
	}
}

// condition picks the one condition Firstperson can keep. With several
// conditions that must all hold, keeping one shows the question more often
// than the source would, never less; with "any", keeping one could hide a
// question the source shows, so then none is kept.
func (im *importer) condition(s *forms.Schema, iq *importedQuestion) *forms.Condition {
	if len(iq.when) > 1 && iq.behavior != "all" {
		im.warn(iq.linkID, "the item is shown when any of %d conditions holds; Firstperson keeps at most one condition, so it is always shown", len(iq.when))
		return nil
	}
	for i, ew := range iq.when {
		c, problem := im.convert(s, iq, ew)
		if c == nil {
			im.warn(iq.linkID, "the condition on %q is dropped: %s", ew.Question, problem)
			continue
		}
		if rest := len(iq.when) - i - 1; rest > 0 {
			im.warn(iq.linkID, "only one condition is kept (on %q); %d more are dropped, so the item is shown more often", ew.Question, rest)
		}
		return c
	}
	return nil
}

// convert maps one enableWhen to a show-if, or says why it cannot.
func (im *importer) convert(s *forms.Schema, iq *importedQuestion, ew EnableWhen) (*forms.Condition, string) {
	target := im.byLink[ew.Question]
	switch {
	case target == nil:
		return nil, "it is not a question Firstperson imported"
	case target.pos >= iq.pos:
		return nil, "show-if can only depend on an earlier question"
	case ew.Operator != "=":
		return nil, fmt.Sprintf("only the operator \"=\" can be represented, not %q", ew.Operator)
	}
	tq := &s.Sections[target.section].Questions[target.index]
	c := &forms.Condition{Question: target.id}
	switch tq.Type {
	case forms.TypeYesNo:
		if ew.AnswerBoolean != nil {
			c.Equals = *ew.AnswerBoolean
		}
	case forms.TypeNumber:
		if ew.AnswerDecimal != nil {
			c.Equals = *ew.AnswerDecimal
		} else if ew.AnswerInteger != nil {
			c.Equals = *ew.AnswerInteger
		}
	case forms.TypeText, forms.TypeLongText:
		if ew.AnswerString != nil {
			c.Equals = *ew.AnswerString
		}
	case forms.TypeChoice, forms.TypeMultiChoice:
		v, ok := choiceAnswer(ew, target.codings)
		if ok && !contains(tq.Options, v) {
			return nil, fmt.Sprintf("%q is not one of the options", v)
		}
		if ok {
			c.Equals = v
		}
	default:
		return nil, fmt.Sprintf("it depends on a %s question, which show-if does not support", tq.Type)
	}
	if c.Equals == nil {
		return nil, "its answer type does not match the question it depends on"
	}
	return c, ""
}

// choiceAnswer reads the option an enableWhen compares a choice with.
func choiceAnswer(ew EnableWhen, codings map[string]string) (string, bool) {
	switch {
	case ew.AnswerString != nil:
		return *ew.AnswerString, true
	case ew.AnswerCoding != nil:
		c := ew.AnswerCoding
		if v, ok := codings[c.System+"|"+c.Code]; ok && c.System != "" {
			return v, true
		}
		if v, ok := codings[c.Code]; ok {
			return v, true
		}
		return codingText(*c), true
	}
	return "", false
}

func contains(list []string, v string) bool {
	for _, s := range list {
		if s == v {
			return true
		}
	}
	return false
}

// validateImported runs the template rules on the imported schema and
// returns forms' *ValidationError as it is, so the API answers 422 with the
// same fields as for a template posted as native JSON.
func validateImported(s *forms.Schema) error { return s.Validate() }
