package fhir

import (
	"strconv"
	"strings"

	"firstperson/forms"
)

// item maps one item inside a section (or gathered at the top level);
// parent is the linkId of the group that holds it, "" at the top level.
func (im *importer) item(s *forms.Schema, it *QuestionnaireItem, parent string) {
	switch {
	case it.Type == itemDisplay:
		if isFiller(it, parent) {
			return
		}
		if isHelp(it) {
			im.warn(it.LinkID, "help text that belongs to no question becomes information text")
		}
		im.info(s, it, it.Text)
	case it.Type == itemGroup && isTrue(it.Repeats):
		im.table(s, it)
	case it.Type == itemGroup:
		im.flatten(s, it)
	default:
		im.question(s, it)
	}
}

// info adds an information text question.
func (im *importer) info(s *forms.Schema, it *QuestionnaireItem, label string) {
	q := forms.Question{ID: im.newID(it.LinkID, it.LinkID), Type: forms.TypeInfo, Label: label}
	if strings.TrimSpace(q.Label) == "" {
		q.Label = it.LinkID
		im.warn(it.LinkID, "the display item has no text; its linkId is shown instead")
	}
	for _, e := range it.Extension {
		if e.URL == InfoHintURL && e.ValueString != nil {
			q.Hint = *e.ValueString
		}
	}
	im.addQuestion(s, it, q)
}

// flatten brings a group nested inside a section into the section: its
// text becomes an information heading and its items follow it.
func (im *importer) flatten(s *forms.Schema, g *QuestionnaireItem) {
	im.warn(g.LinkID, "groups inside a section are flattened into the section; the group's text becomes an information heading")
	if strings.TrimSpace(g.Text) != "" {
		im.info(s, g, g.Text)
		if len(g.EnableWhen) > 0 {
			im.warn(g.LinkID, "the group's show-if condition applies to its heading only, not to the items in it")
		}
	} else if len(g.EnableWhen) > 0 {
		im.warn(g.LinkID, "the group's show-if condition is dropped; its items are always shown")
	}
	for i := range g.Item {
		im.item(s, &g.Item[i], g.LinkID)
	}
}

// question adds an answerable question, then any items nested under it.
func (im *importer) question(s *forms.Schema, it *QuestionnaireItem) {
	q := forms.Question{ID: im.newID(it.LinkID, it.LinkID), Label: it.Text, Required: isTrue(it.Required)}
	if strings.TrimSpace(q.Label) == "" {
		q.Label = it.LinkID
		im.warn(it.LinkID, "the item has no text; its linkId is used as the label")
	}
	var codings map[string]string
	q.Type, q.Options, codings = im.questionType(it)
	importPersonField(it, &q)
	var nested []*QuestionnaireItem
	for i := range it.Item {
		child := &it.Item[i]
		switch {
		case isHelp(child) && q.Hint == "":
			q.Hint = child.Text
		case isFiller(child, it.LinkID):
		default:
			nested = append(nested, child)
		}
	}
	if q.Hint == "" {
		for _, e := range it.Extension {
			if e.URL == EntryFormatURL && e.ValueString != nil {
				q.Hint = *e.ValueString
			}
		}
	}
	iq := im.addQuestion(s, it, q)
	iq.codings = codings
	for _, child := range nested {
		im.warn(child.LinkID, "an item nested under the question %q follows it instead", it.LinkID)
		im.item(s, child, it.LinkID)
	}
}

// questionType picks the nearest Firstperson type for an item, with its
// options and, for coded options, the option text by code.
func (im *importer) questionType(it *QuestionnaireItem) (forms.QuestionType, []string, map[string]string) {
	t := forms.TypeText
	switch it.Type {
	case itemString:
	case itemText:
		t = forms.TypeLongText
	case itemBoolean:
		t = forms.TypeYesNo
	case itemDecimal:
		t = forms.TypeNumber
	case itemDate:
		t = forms.TypeDate
	case "integer":
		t = forms.TypeNumber
		im.warn(it.LinkID, "an integer item becomes a number question, which also accepts decimals")
	case "dateTime":
		t = forms.TypeDate
		im.warn(it.LinkID, "a date-and-time item becomes a date question; the time of day is not asked")
	case "quantity":
		t = forms.TypeNumber
		im.warn(it.LinkID, "a quantity item becomes a number question; the unit is not recorded")
	case "time", "url", "reference":
		im.warn(it.LinkID, "a %s item becomes a short text question", it.Type)
	case itemAttachment:
		t = forms.TypeSignature
		if !onlyPNG(it) {
			im.warn(it.LinkID, "an attachment item becomes a signature question (a PNG drawn on the tablet)")
		}
	case itemChoice, "open-choice":
		return im.choice(it)
	default:
		im.warn(it.LinkID, "the item type %q is unknown; it becomes a short text question", it.Type)
	}
	if isTrue(it.Repeats) {
		im.warn(it.LinkID, "a repeating %s item takes one answer", it.Type)
	}
	if it.AnswerValueSet != "" || len(it.AnswerOption) > 0 {
		im.warn(it.LinkID, "answer options of a %s item are dropped", it.Type)
	}
	return t, nil, nil
}

// choice maps choice and open-choice items. Without at least two usable
// options (say, only an answerValueSet) the nearest question is free text.
func (im *importer) choice(it *QuestionnaireItem) (forms.QuestionType, []string, map[string]string) {
	if it.Type == "open-choice" {
		im.warn(it.LinkID, "an open-choice item becomes a choice question; answers other than the options are not possible")
	}
	if it.AnswerValueSet != "" {
		im.warn(it.LinkID, "the answer value set %q is not imported; only answerOption lists are", it.AnswerValueSet)
	}
	options, codings := im.options(it)
	if len(options) < 2 {
		im.warn(it.LinkID, "a choice item with fewer than two usable options becomes a short text question")
		return forms.TypeText, nil, nil
	}
	if isTrue(it.Repeats) {
		return forms.TypeMultiChoice, options, codings
	}
	return forms.TypeChoice, options, codings
}

// options reads answerOption values in order; valueString and valueCoding
// (its display, else its code) are taken as they are, other value types as
// their text with a warning. Blank and repeated options are dropped.
func (im *importer) options(it *QuestionnaireItem) ([]string, map[string]string) {
	var options []string
	codings := map[string]string{}
	seen := map[string]bool{}
	converted := false
	for _, o := range it.AnswerOption {
		var v string
		switch {
		case o.ValueString != nil:
			v = *o.ValueString
		case o.ValueCoding != nil:
			v = codingText(*o.ValueCoding)
			if o.ValueCoding.Code != "" {
				codings[o.ValueCoding.Code] = v
				codings[o.ValueCoding.System+"|"+o.ValueCoding.Code] = v
			}
		case o.ValueInteger != nil:
			v, converted = strconv.FormatFloat(*o.ValueInteger, 'f', -1, 64), true
		case o.ValueDate != nil:
			v, converted = *o.ValueDate, true
		case o.ValueTime != nil:
			v, converted = *o.ValueTime, true
		case o.ValueReference != nil:
			v, converted = o.ValueReference.Display, true
			if v == "" {
				v = o.ValueReference.Reference
			}
		}
		switch {
		case strings.TrimSpace(v) == "":
			im.warn(it.LinkID, "an answer option without a value or text is dropped")
		case seen[v]:
			im.warn(it.LinkID, "the answer option %q is listed twice; it is kept once", v)
		default:
			seen[v] = true
			options = append(options, v)
		}
	}
	if converted {
		im.warn(it.LinkID, "answer options that are numbers, dates, times or references become text options")
	}
	return options, codings
}

// codingText is the option text of a coded answer: what people read.
func codingText(c Coding) string {
	if strings.TrimSpace(c.Display) != "" {
		return c.Display
	}
	return c.Code
}

// table maps a repeating group inside a section to a table question whose
// columns are the group's questions (nested groups' questions included).
func (im *importer) table(s *forms.Schema, g *QuestionnaireItem) {
	q := forms.Question{ID: im.newID(g.LinkID, g.LinkID), Label: g.Text, Type: forms.TypeTable, Required: isTrue(g.Required)}
	if strings.TrimSpace(q.Label) == "" {
		q.Label = g.LinkID
		im.warn(g.LinkID, "the repeating group has no text; its linkId is used as the label")
	}
	columnIDs := map[string]bool{}
	var walk func(parent *QuestionnaireItem)
	walk = func(parent *QuestionnaireItem) {
		for i := range parent.Item {
			c := &parent.Item[i]
			switch {
			case isFiller(c, parent.LinkID):
			case isHelp(c) && parent == g && q.Hint == "":
				q.Hint = c.Text
			case c.Type == itemDisplay:
				im.warn(c.LinkID, "display text inside a repeating group is dropped")
			case c.Type == itemGroup:
				im.warn(c.LinkID, "a group inside a repeating group is flattened into the table's columns")
				walk(c)
			default:
				q.Columns = append(q.Columns, im.column(g.LinkID, c, columnIDs))
				if len(c.Item) > 0 {
					walk(c)
				}
			}
		}
	}
	walk(g)
	if len(q.Columns) == 0 {
		im.warn(g.LinkID, "a repeating group without questions becomes information text")
		q.Type, q.Required = forms.TypeInfo, false
	}
	im.addQuestion(s, g, q)
}

// column maps one question of a repeating group to a table column; cells
// are text, so other answer types are warned about.
func (im *importer) column(tableLink string, c *QuestionnaireItem, taken map[string]bool) forms.Column {
	natural := strings.TrimPrefix(c.LinkID, tableLink+".")
	col := forms.Column{ID: im.uniqueSlug(taken, c.LinkID, natural), Label: c.Text}
	if strings.TrimSpace(col.Label) == "" {
		col.Label = c.LinkID
		im.warn(c.LinkID, "the column has no text; its linkId is used as the label")
	}
	if c.Type != itemString && c.Type != itemText {
		im.warn(c.LinkID, "a %s item in a repeating group becomes a text column", c.Type)
	}
	if len(c.EnableWhen) > 0 {
		im.warn(c.LinkID, "table columns cannot be shown conditionally; the condition is dropped")
	}
	return col
}

// isHelp reports a display item marked with the itemControl "help" code.
func isHelp(it *QuestionnaireItem) bool {
	if it.Type != itemDisplay {
		return false
	}
	for _, e := range it.Extension {
		if e.URL != ItemControlURL || e.ValueCodeableConcept == nil {
			continue
		}
		for _, c := range e.ValueCodeableConcept.Coding {
			if c.Code == "help" {
				return true
			}
		}
	}
	return false
}

// isFiller reports the text-less display item fillEmpty puts in a group.
func isFiller(it *QuestionnaireItem, parent string) bool {
	return it.Type == itemDisplay && it.Text == "" && parent != "" && it.LinkID == parent+emptySuffix
}

// onlyPNG reports an attachment item restricted to PNG images (drawn) and
// perhaps plain text (typed), as Firstperson's signatures are.
func onlyPNG(it *QuestionnaireItem) bool {
	found := false
	for _, e := range it.Extension {
		if e.URL == MimeTypeURL {
			if e.ValueCode == nil || (*e.ValueCode != "image/png" && *e.ValueCode != "text/plain") {
				return false
			}
			found = true
		}
	}
	return found
}
