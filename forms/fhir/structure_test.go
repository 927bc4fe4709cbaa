package fhir

import (
	"fmt"
	"regexp"
	"time"
)

// Our own structural checks of exported resources: the R4 invariants and
// the reference rules the npm validator's FHIRPath pass does not cover
// (enableWhen targets and answer types, responses matching their
// Questionnaire item by item). They return every problem found.

var (
	namePattern   = regexp.MustCompile(`^[A-Z]([A-Za-z0-9_]){0,254}$`)
	linkIDPattern = regexp.MustCompile(`^[^\s]+( [^\s]+)*$`) // qrs-3 / no stray spaces
)

// questionnaireProblems checks q against the R4 rules Firstperson relies on.
func questionnaireProblems(q *Questionnaire) []string {
	var p []string
	add := func(format string, args ...any) { p = append(p, fmt.Sprintf(format, args...)) }
	if q.ResourceType != "Questionnaire" {
		add("resourceType is %q", q.ResourceType)
	}
	if q.Status != "draft" && q.Status != "active" {
		add("status %q is not draft or active", q.Status)
	}
	if !namePattern.MatchString(q.Name) {
		add("name %q does not match the R4 pattern (que-0)", q.Name)
	}
	if q.Date != "" {
		if _, err := time.Parse(time.RFC3339, q.Date); err != nil {
			add("date %q is not a dateTime with a time zone", q.Date)
		}
	}
	seen := map[string]*QuestionnaireItem{}
	var order []string
	var walk func(items []QuestionnaireItem, path string)
	walk = func(items []QuestionnaireItem, path string) {
		for i := range items {
			it := &items[i]
			where := fmt.Sprintf("%s/%s", path, it.LinkID)
			if !linkIDPattern.MatchString(it.LinkID) {
				add("%s: linkId %q is empty or has stray spaces", where, it.LinkID)
			}
			if seen[it.LinkID] != nil {
				add("%s: linkId used twice (que-2)", where)
			}
			seen[it.LinkID] = it
			order = append(order, it.LinkID)
			switch it.Type {
			case itemGroup:
				if len(it.Item) == 0 {
					add("%s: group without items (que-1)", where)
				}
			case itemDisplay:
				if len(it.Item) > 0 {
					add("%s: display item with child items (que-1)", where)
				}
				if it.Required != nil || it.Repeats != nil {
					add("%s: display item with required or repeats (que-6)", where)
				}
			case itemString, itemText, itemBoolean, itemDecimal, itemDate, itemChoice, itemAttachment:
			default:
				add("%s: item type %q is not one Firstperson exports", where, it.Type)
			}
			if len(it.AnswerOption) > 0 && it.Type != itemChoice {
				add("%s: answerOption on a %s item (que-5)", where, it.Type)
			}
			for _, o := range it.AnswerOption {
				if o.ValueString == nil || *o.ValueString == "" {
					add("%s: answerOption without a valueString", where)
				}
			}
			if len(it.EnableWhen) > 1 && it.EnableBehavior == "" {
				add("%s: several enableWhen without enableBehavior (que-12)", where)
			}
			walk(it.Item, where)
		}
	}
	walk(q.Item, "")
	// enableWhen must point at an earlier question with an answer of its type.
	pos := map[string]int{}
	for i, id := range order {
		if _, ok := pos[id]; !ok {
			pos[id] = i
		}
	}
	for _, id := range order {
		it := seen[id]
		for _, ew := range it.EnableWhen {
			target := seen[ew.Question]
			if target == nil || pos[ew.Question] >= pos[id] {
				add("%s: enableWhen on %q, which is not an earlier item", id, ew.Question)
				continue
			}
			if ew.Operator != "=" {
				add("%s: enableWhen operator %q", id, ew.Operator)
			}
			if msg := enableWhenTypeProblem(target, ew); msg != "" {
				add("%s: enableWhen on %q: %s", id, ew.Question, msg)
			}
		}
	}
	return p
}

// enableWhenTypeProblem checks that exactly one answer[x] is set and that it
// matches the target item's type (and options).
func enableWhenTypeProblem(target *QuestionnaireItem, ew EnableWhen) string {
	n := 0
	for _, set := range []bool{ew.AnswerBoolean != nil, ew.AnswerDecimal != nil, ew.AnswerInteger != nil,
		ew.AnswerDate != nil, ew.AnswerString != nil, ew.AnswerCoding != nil} {
		if set {
			n++
		}
	}
	if n != 1 {
		return fmt.Sprintf("%d answer[x] values", n)
	}
	ok := false
	switch target.Type {
	case itemBoolean:
		ok = ew.AnswerBoolean != nil
	case itemDecimal:
		ok = ew.AnswerDecimal != nil
	case itemDate:
		ok = ew.AnswerDate != nil
	case itemString, itemText:
		ok = ew.AnswerString != nil
	case itemChoice:
		if ok = ew.AnswerString != nil; ok {
			ok = false
			for _, o := range target.AnswerOption {
				ok = ok || (o.ValueString != nil && *o.ValueString == *ew.AnswerString)
			}
		}
	}
	if !ok {
		return fmt.Sprintf("answer does not fit a %s item", target.Type)
	}
	return ""
}

// responseProblems checks that r mirrors q: every item is a known linkId at
// the right place, holds answers or items but not both (qrs-1), answers
// fit the item type, and only repeating items repeat.
func responseProblems(q *Questionnaire, r *QuestionnaireResponse) []string {
	var p []string
	add := func(format string, args ...any) { p = append(p, fmt.Sprintf(format, args...)) }
	if r.ResourceType != "QuestionnaireResponse" {
		add("resourceType is %q", r.ResourceType)
	}
	switch r.Status {
	case "in-progress", "completed":
	default:
		add("status %q", r.Status)
	}
	if r.Authored != "" {
		if _, err := time.Parse(time.RFC3339, r.Authored); err != nil {
			add("authored %q is not a dateTime with a time zone", r.Authored)
		}
	}
	var walk func(defs []QuestionnaireItem, items []ResponseItem, path string)
	walk = func(defs []QuestionnaireItem, items []ResponseItem, path string) {
		last, count := -1, map[string]int{}
		for _, it := range items {
			where := path + "/" + it.LinkID
			idx := -1
			for i := range defs {
				if defs[i].LinkID == it.LinkID {
					idx = i
				}
			}
			if idx < 0 {
				add("%s: no such item at this level of the Questionnaire", where)
				continue
			}
			if idx < last {
				add("%s: out of Questionnaire order", where)
			}
			last = idx
			def := &defs[idx]
			count[it.LinkID]++
			if count[it.LinkID] > 1 && !(def.Type == itemGroup && isTrue(def.Repeats)) {
				add("%s: a non-repeating item appears twice", where)
			}
			if len(it.Answer) > 0 && len(it.Item) > 0 {
				add("%s: both answers and items (qrs-1)", where)
			}
			if len(it.Answer) == 0 && len(it.Item) == 0 {
				add("%s: neither answers nor items", where)
			}
			if def.Type == itemGroup {
				if len(it.Answer) > 0 {
					add("%s: a group with answers", where)
				}
				walk(def.Item, it.Item, where)
				continue
			}
			if len(it.Item) > 0 {
				add("%s: a question with child items", where)
			}
			if len(it.Answer) > 1 && !isTrue(def.Repeats) {
				add("%s: %d answers to a non-repeating item", where, len(it.Answer))
			}
			for _, a := range it.Answer {
				if msg := answerTypeProblem(def, a); msg != "" {
					add("%s: %s", where, msg)
				}
			}
		}
	}
	walk(q.Item, r.Item, "")
	return p
}

func answerTypeProblem(def *QuestionnaireItem, a ResponseAnswer) string {
	var ok bool
	switch def.Type {
	case itemBoolean:
		ok = a.ValueBoolean != nil
	case itemDecimal:
		ok = a.ValueDecimal != nil
	case itemDate:
		ok = a.ValueDate != nil && isFHIRDate(*a.ValueDate)
	case itemString, itemText, itemChoice:
		ok = a.ValueString != nil && *a.ValueString != ""
	case itemAttachment:
		ok = a.ValueAttachment != nil && a.ValueAttachment.ContentType != "" && a.ValueAttachment.Data != ""
	}
	if !ok {
		return fmt.Sprintf("answer %+v does not fit a %s item", a, def.Type)
	}
	return ""
}
