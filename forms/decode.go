package forms

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"strconv"
	"unicode/utf8"
)

// jsonKind is the JSON kind a field of the stored form must have.
type jsonKind int

const (
	kindAny jsonKind = iota // anything; Validate judges it (show_if.equals)
	kindString
	kindBool
	kindArray
	kindObject
)

// shape describes the JSON a field must hold: its kind, the fields of an
// object (matched exactly, unlike encoding/json, which ignores case) and the
// shape of an array's items.
type shape struct {
	kind   jsonKind
	fields map[string]*shape
	items  *shape
}

var (
	stringShape = &shape{kind: kindString}
	columnShape = &shape{kind: kindObject, fields: map[string]*shape{
		"id": stringShape, "label": stringShape,
	}}
	conditionShape = &shape{kind: kindObject, fields: map[string]*shape{
		"question": stringShape, "equals": {kind: kindAny},
	}}
	questionShape = &shape{kind: kindObject, fields: map[string]*shape{
		"id": stringShape, "label": stringShape, "type": stringShape,
		"hint": stringShape, "required": {kind: kindBool},
		"person_field": stringShape, "not_future": {kind: kindBool},
		"options": {kind: kindArray, items: stringShape},
		"columns": {kind: kindArray, items: columnShape},
		"show_if": conditionShape,
	}}
	sectionShape = &shape{kind: kindObject, fields: map[string]*shape{
		"id": stringShape, "title": stringShape,
		"questions": {kind: kindArray, items: questionShape},
	}}
	schemaShape = &shape{kind: kindObject, fields: map[string]*shape{
		"title": stringShape, "sections": {kind: kindArray, items: sectionShape},
	}}
	answersShape = &shape{kind: kindObject} // any keys, any values
)

// maxDepth bounds nesting: a form needs 7 levels, so anything far deeper is
// an attack or a mistake, and stopping early keeps the walk cheap.
const maxDepth = 32

// DecodeSchema strictly decodes a form schema from JSON: unknown or
// duplicated fields, wrong types, invalid UTF-8 and data after the object
// are all rejected with an error wrapping ErrMalformed that names the
// field. A null field counts as absent. It does not run Validate.
func DecodeSchema(data []byte) (*Schema, error) {
	if err := checkJSON(data, schemaShape, "the form"); err != nil {
		return nil, err
	}
	var s Schema
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields() // already checked exactly; kept as a second guard
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("%w: %s", ErrMalformed, describeDecodeError(err))
	}
	return &s, nil
}

// DecodeAnswers strictly decodes answers: a JSON object keyed by question
// id, each key given once. Values decode as encoding/json does (string,
// bool, float64, []any, map[string]any, nil); ValidateAnswers judges them.
func DecodeAnswers(data []byte) (Answers, error) {
	if err := checkJSON(data, answersShape, "the answers"); err != nil {
		return nil, err
	}
	var a Answers
	if err := json.Unmarshal(data, &a); err != nil {
		return nil, fmt.Errorf("%w: %s", ErrMalformed, describeDecodeError(err))
	}
	if a == nil { // unreachable after checkJSON, but never hand back a nil map
		a = Answers{}
	}
	return a, nil
}

// checkJSON walks the tokens of data against a shape, so that mistakes are
// reported with a path such as sections[1].questions[0].required.
func checkJSON(data []byte, want *shape, what string) error {
	if !utf8.Valid(data) {
		// encoding/json would quietly swap bad bytes for U+FFFD, changing
		// what the team wrote; better to say so.
		return fmt.Errorf("%w: %s is not valid UTF-8 text (near byte %d)",
			ErrMalformed, what, firstInvalidUTF8(data))
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return fmt.Errorf("%w: %s is empty; expected a JSON object", ErrMalformed, what)
	}
	w := walker{dec: json.NewDecoder(bytes.NewReader(data))}
	w.dec.UseNumber()
	tok, err := w.next()
	if err != nil {
		return err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return fmt.Errorf("%w: %s must be a JSON object, not %s", ErrMalformed, what, describeToken(tok))
	}
	if err := w.object(want, "", 1); err != nil {
		return err
	}
	if _, err := w.dec.Token(); err != io.EOF {
		return fmt.Errorf("%w: unexpected data after the end of %s (near byte %d)",
			ErrMalformed, what, w.dec.InputOffset())
	}
	return nil
}

type walker struct{ dec *json.Decoder }

func (w walker) next() (json.Token, error) {
	tok, err := w.dec.Token()
	if err == nil {
		return tok, nil
	}
	var syn *json.SyntaxError
	switch {
	case errors.As(err, &syn):
		return nil, fmt.Errorf("%w: the JSON is not well-formed near byte %d: %s", ErrMalformed, syn.Offset, syn.Error())
	case err == io.EOF || errors.Is(err, io.ErrUnexpectedEOF):
		return nil, fmt.Errorf("%w: the JSON ends too early", ErrMalformed)
	}
	return nil, fmt.Errorf("%w: %v", ErrMalformed, err)
}

// object reads the fields of an object whose '{' was just read.
func (w walker) object(s *shape, path string, depth int) error {
	seen := map[string]bool{}
	for w.dec.More() {
		tok, err := w.next()
		if err != nil {
			return err
		}
		key, _ := tok.(string) // the decoder only yields strings as keys
		field := joinPath(path, key)
		if seen[key] {
			return fmt.Errorf("%w: %s is given twice", ErrMalformed, quoteField(field))
		}
		seen[key] = true
		child := &shape{kind: kindAny}
		if s.fields != nil {
			var ok bool
			if child, ok = s.fields[key]; !ok {
				return fmt.Errorf("%w: %s is not a field this form knows", ErrMalformed, quoteField(field))
			}
		}
		if err := w.value(child, field, depth+1); err != nil {
			return err
		}
	}
	_, err := w.next() // the closing '}'
	return err
}

// value reads one value and checks it has the kind s wants.
func (w walker) value(s *shape, path string, depth int) error {
	if depth > maxDepth {
		return fmt.Errorf("%w: %s is nested too deeply", ErrMalformed, quoteField(path))
	}
	tok, err := w.next()
	if err != nil {
		return err
	}
	if tok == nil {
		return nil // null counts as absent, as encoding/json treats it
	}
	if n, ok := tok.(json.Number); ok {
		if f, err := n.Float64(); err != nil || math.IsInf(f, 0) {
			return fmt.Errorf("%w: %s is a number too large to use", ErrMalformed, quoteField(path))
		}
	}
	if !fits(s.kind, tok) {
		return fmt.Errorf("%w: %s must be %s, not %s", ErrMalformed, quoteField(path), kindName(s.kind), describeToken(tok))
	}
	d, ok := tok.(json.Delim)
	if !ok {
		return nil
	}
	if d == '{' {
		return w.object(s, path, depth)
	}
	items := s.items
	if items == nil {
		items = &shape{kind: kindAny}
	}
	for i := 0; w.dec.More(); i++ {
		if err := w.value(items, path+"["+strconv.Itoa(i)+"]", depth+1); err != nil {
			return err
		}
	}
	_, err = w.next() // the closing ']'
	return err
}

func fits(k jsonKind, tok json.Token) bool {
	switch k {
	case kindString:
		_, ok := tok.(string)
		return ok
	case kindBool:
		_, ok := tok.(bool)
		return ok
	case kindArray:
		return tok == json.Delim('[')
	case kindObject:
		return tok == json.Delim('{')
	}
	return true
}

func kindName(k jsonKind) string {
	switch k {
	case kindString:
		return "text in quotes"
	case kindBool:
		return "true or false"
	case kindArray:
		return "a list [...]"
	case kindObject:
		return "an object {...}"
	}
	return "a value"
}

func describeToken(tok json.Token) string {
	switch t := tok.(type) {
	case json.Delim:
		if t == '[' {
			return "a list"
		}
		return "an object"
	case string:
		return "text"
	case bool:
		return "true or false"
	case json.Number:
		return "a number"
	case nil:
		return "null"
	}
	return "something else"
}

func joinPath(path, key string) string {
	if path == "" {
		return key
	}
	return path + "." + key
}

func quoteField(path string) string {
	if path == "" {
		return "the top level"
	}
	return strconv.Quote(path)
}

// describeDecodeError turns an encoding/json error into plain words; the
// walk above catches nearly everything first, so this is a fallback.
func describeDecodeError(err error) string {
	var typ *json.UnmarshalTypeError
	if errors.As(err, &typ) {
		return fmt.Sprintf("%q has the wrong type (%s)", typ.Field, typ.Value)
	}
	return err.Error()
}

func firstInvalidUTF8(b []byte) int {
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && size <= 1 {
			return i
		}
		i += size
	}
	return len(b)
}
