package forms

import (
	"encoding/json"
	"errors"
	"testing"
)

// FuzzDecodeSchema feeds arbitrary bytes through everything that reads an
// uploaded form: none of it may panic, and a decoded form must survive
// validation, show-if evaluation and formatting.
func FuzzDecodeSchema(f *testing.F) {
	f.Add(defaultTemplateJSON)
	f.Add([]byte(contractExample))
	f.Add([]byte(`{"title":"x","sections":[{"id":"a","title":"A","questions":[{"id":"b","label":"c","type":"number","show_if":{"question":"b","equals":1}}]}]}`))
	f.Add([]byte(`{"title":"x","sections":[]} `))
	f.Fuzz(func(t *testing.T, data []byte) {
		s, err := DecodeSchema(data)
		if err != nil {
			if !errors.Is(err, ErrMalformed) {
				t.Fatalf("decode error %v does not wrap ErrMalformed", err)
			}
			return
		}
		verr := s.Validate()
		var ve *ValidationError
		if verr != nil && !errors.As(verr, &ve) {
			t.Fatalf("Validate returned %T, want *ValidationError", verr)
		}
		empty := Answers{}
		for _, q := range s.Questions() {
			s.Visible(q.ID, empty)
			FormatAnswer(q, nil)
			FormatAnswer(q, "text")
		}
		s.MissingRequired(empty)
		if verr == nil {
			// A valid form must round-trip through its stored JSON unchanged.
			b, err := json.Marshal(s)
			if err != nil {
				t.Fatalf("marshal valid form: %v", err)
			}
			again, err := DecodeSchema(b)
			if err != nil {
				t.Fatalf("re-decode valid form: %v", err)
			}
			if err := again.Validate(); err != nil {
				t.Fatalf("valid form invalid after a round trip: %v", err)
			}
			s.Clone()
		}
	})
}

// FuzzValidateAnswers feeds arbitrary JSON answers to the default template:
// decoding, validating, counting what is missing and formatting every
// answer must never panic.
func FuzzValidateAnswers(f *testing.F) {
	f.Add([]byte(`{"my-name":"Zoë","interpreter":true,"interpreter-language":"Polish"}`))
	f.Add([]byte(`{"medicines":[{"medicine":"Made-up-amine","dose":"5 mg"}],"people-to-move":2}`))
	f.Add([]byte(`{"sensory-aids":["Glasses","Glasses"],"sign-off-date":"2024-02-30","walk-with":3}`))
	f.Add([]byte(`{"assessor-signature":"data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg=="}`))
	f.Add([]byte(`{"family-conversations":[{"who":"x","colour":"red"},"row",null]}`))
	s := DefaultTemplate()
	f.Fuzz(func(t *testing.T, data []byte) {
		a, err := DecodeAnswers(data)
		if err != nil {
			if !errors.Is(err, ErrMalformed) {
				t.Fatalf("decode error %v does not wrap ErrMalformed", err)
			}
			return
		}
		if err := s.ValidateAnswers(a); err != nil {
			var ve *ValidationError
			if !errors.As(err, &ve) {
				t.Fatalf("ValidateAnswers returned %T, want *ValidationError", err)
			}
			for id := range ve.Fields {
				if _, given := a[id]; !given {
					t.Fatalf("problem reported for %q, which was not answered", id)
				}
			}
		}
		missing := s.MissingRequired(a)
		for _, q := range s.Questions() {
			s.Visible(q.ID, a)
			FormatAnswer(q, a[q.ID])
			if _, ok := missing[q.ID]; ok && !q.Required {
				t.Fatalf("%q reported missing but is not required", q.ID)
			}
		}
	})
}
