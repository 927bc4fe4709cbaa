package forms

import (
	_ "embed"
	"fmt"
	"sync"
)

// defaultTemplateJSON is the form a fresh install publishes, so an assessor
// can start straight away (PRODUCT.md, "The default template").
//
//go:embed default_template.json
var defaultTemplateJSON []byte

// defaultTemplate parses the embedded form once; a broken file is a
// programming error caught by the tests, so it panics rather than limping on.
var defaultTemplate = sync.OnceValue(func() *Schema {
	s, err := DecodeSchema(defaultTemplateJSON)
	if err != nil {
		panic(fmt.Sprintf("forms: default template: %v", err))
	}
	return s
})

// DefaultTemplate returns the "Trusted Assessor discharge assessment" form,
// written in the first person. Each call returns a fresh copy, so callers
// may change it freely.
func DefaultTemplate() *Schema {
	return defaultTemplate().Clone()
}
