package fhir

import "firstperson/forms"

// A question bound to a person detail (forms "person_field") carries the
// FHIR element it stands for in item.definition, the R4 way of saying an
// item holds a known data element: the Patient's name, birth date or
// identifier (the NHS number). A "not_future" date carries Firstperson's
// own extension; FHIR has no core way to say "not after today".
const (
	patientDefinition = "http://hl7.org/fhir/StructureDefinition/Patient#Patient."
	// NotFutureURL marks a date item whose answer cannot be after today.
	NotFutureURL = "urn:firstperson:fhir:extension:not-future"
)

var personDefinitions = map[string]string{
	forms.PersonName:        patientDefinition + "name",
	forms.PersonDateOfBirth: patientDefinition + "birthDate",
	forms.PersonNHSNumber:   patientDefinition + "identifier",
}

// exportPersonField sets definition and the not-future extension of it.
func exportPersonField(fq *forms.Question, it *QuestionnaireItem) {
	if d, ok := personDefinitions[fq.PersonField]; ok {
		it.Definition = d
	}
	if fq.NotFuture {
		it.Extension = append(it.Extension, Extension{URL: NotFutureURL, ValueBoolean: ptr(true)})
	}
}

// importPersonField reads them back into q.
func importPersonField(it *QuestionnaireItem, q *forms.Question) {
	for field, d := range personDefinitions {
		if it.Definition == d {
			q.PersonField = field
		}
	}
	for _, e := range it.Extension {
		if e.URL == NotFutureURL && e.ValueBoolean != nil && *e.ValueBoolean {
			q.NotFuture = true
		}
	}
}
