package forms

import (
	"time"
)

// The person details a question can be bound to with "person_field".
const (
	PersonName        = "name"
	PersonDateOfBirth = "date_of_birth"
	PersonNHSNumber   = "nhs_number"
)

// personFieldTypes is the question type each person detail is asked with.
var personFieldTypes = map[string]QuestionType{
	PersonName: TypeText, PersonNHSNumber: TypeText, PersonDateOfBirth: TypeDate,
}

// checkPersonField validates "person_field" and "not_future" of a question.
func checkPersonField(p problems, field func(string) string, q *Question, earlier map[string]*Question) {
	if q.NotFuture && q.Type != TypeDate {
		p.add(field("not_future"), "only a date question can refuse dates in the future")
	}
	if q.PersonField == "" {
		return
	}
	want, ok := personFieldTypes[q.PersonField]
	switch {
	case !ok:
		p.add(field("person_field"), "%q is not a person detail; use name, date_of_birth or nhs_number", truncate(q.PersonField, 40))
		return
	case q.Type != want:
		p.add(field("person_field"), "the person's %s is asked with a %s question, not a %s one",
			personFieldWords(q.PersonField), typeName(want), typeName(q.Type))
	}
	for _, e := range earlier {
		if e.PersonField == q.PersonField && e != q {
			p.add(field("person_field"), "the question %q already shows the person's %s", e.ID, personFieldWords(q.PersonField))
			break
		}
	}
}

func personFieldWords(f string) string {
	switch f {
	case PersonDateOfBirth:
		return "date of birth"
	case PersonNHSNumber:
		return "NHS number"
	}
	return f
}

// PersonBindings returns the bound questions: question id → person detail.
// It walks the sections in place (every autosave asks, and a list of all
// the questions was most of what an autosave allocated in forms).
func (s *Schema) PersonBindings() map[string]string {
	b := map[string]string{}
	for si := range s.Sections {
		for qi := range s.Sections[si].Questions {
			if q := &s.Sections[si].Questions[qi]; q.PersonField != "" {
				b[q.ID] = q.PersonField
			}
		}
	}
	return b
}

// PersonDetail returns one detail of the person as a bound question shows
// it (the NHS number in groups, "943 476 5919").
func (p Person) PersonDetail(field string) string {
	switch field {
	case PersonName:
		return p.Name
	case PersonDateOfBirth:
		return p.DateOfBirth
	case PersonNHSNumber:
		return FormatNHSNumber(p.NHSNumber)
	}
	return ""
}

func (p *Person) setDetail(field, v string) {
	switch field {
	case PersonName:
		p.Name = v
	case PersonDateOfBirth:
		p.DateOfBirth = v
	case PersonNHSNumber:
		p.NHSNumber = v
	}
}

// WithPerson returns a copy of the stored answers in which every bound
// question holds the person's detail, which is how pages, the PDF, FHIR and
// the API show them. A detail that is blank is no answer.
func (s *Schema) WithPerson(a Answers, p Person) Answers {
	out := make(Answers, len(a)+3)
	for k, v := range a {
		out[k] = v
	}
	for qid, field := range s.PersonBindings() {
		if v := p.PersonDetail(field); v != "" {
			out[qid] = v
		} else {
			delete(out, qid)
		}
	}
	return out
}

// TakePerson takes the answers to bound questions out of a: they change the
// person instead of being stored. It returns the other answers and the
// person after the change (normalized); when the person changed, the new
// details are checked like the start page checks them, and a problem is
// reported under the id of the question that was answered. An answer that
// is not text, or a cleared name or date of birth, is refused the same way.
func (s *Schema) TakePerson(a Answers, p Person, today time.Time) (Answers, Person, error) {
	bindings := s.PersonBindings()
	rest := Answers{}
	next := p
	asked := map[string]string{} // person detail → question id
	f := fieldErrors{}
	for qid, v := range a {
		field, bound := bindings[qid]
		if !bound {
			rest[qid] = v
			continue
		}
		asked[field] = qid
		switch v := v.(type) {
		case nil:
			next.setDetail(field, "")
		case string:
			next.setDetail(field, v)
		default:
			f.add(qid, "enter the answer as text")
		}
	}
	if len(f) > 0 {
		return nil, p, f.err(answerErrorText)
	}
	next = next.Normalized()
	if len(asked) == 0 || next == p.Normalized() {
		return rest, p, nil
	}
	if err := next.Validate(today); err != nil {
		if ve, ok := err.(*ValidationError); ok {
			for key, msg := range ve.Fields {
				if qid, ok := asked[key[len("person."):]]; ok {
					f.add(qid, "%s", msg)
				} else {
					f.add(key, "%s", msg)
				}
			}
			return nil, p, f.err(answerErrorText)
		}
		return nil, p, err
	}
	return rest, next, nil
}

// CheckDates refuses answers to "not_future" date questions that fall after
// today, naming each question.
func (s *Schema) CheckDates(a Answers, today time.Time) error {
	f := fieldErrors{}
	todayDate := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
	for qid, v := range a {
		q := s.Question(qid)
		str, ok := v.(string)
		if q == nil || !q.NotFuture || !ok {
			continue
		}
		if d, err := time.Parse("2006-01-02", str); err == nil && d.After(todayDate) {
			f.add(qid, "“%s” cannot be a date in the future (today is %s)", q.Label, todayDate.Format("2 Jan 2006"))
		}
	}
	return f.err(answerErrorText)
}
