package forms

import (
	"errors"
	"fmt"
	"sort"
	"strings"
)

// ValidationError says what is wrong with a schema, an answer or a person,
// one message per field. Fields are keyed by question id where there is one
// (the JSON API returns them as "fields"), else by a path such as
// "sections[2].title".
type ValidationError struct {
	Message string
	Fields  map[string]string
}

// Error lists the fields in a stable order.
func (e *ValidationError) Error() string {
	keys := make([]string, 0, len(e.Fields))
	for k := range e.Fields {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	parts := make([]string, 0, len(keys))
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s: %s", k, e.Fields[k]))
	}
	if len(parts) == 0 {
		return e.Message
	}
	return e.Message + " (" + strings.Join(parts, "; ") + ")"
}

// fieldErrors collects per-field messages, keeping the first for each field.
type fieldErrors map[string]string

func (f fieldErrors) add(field, format string, args ...any) {
	if _, ok := f[field]; !ok {
		f[field] = fmt.Sprintf(format, args...)
	}
}

// err returns nil when nothing was collected, else a *ValidationError.
func (f fieldErrors) err(message string) error {
	if len(f) == 0 {
		return nil
	}
	return &ValidationError{Message: message, Fields: f}
}

// ErrMalformed marks input that is not well-formed JSON of the expected
// shape (the API answers 400); errors wrap it with the detail.
var ErrMalformed = errors.New("malformed input")
