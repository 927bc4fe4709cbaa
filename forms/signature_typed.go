package forms

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"
)

// A signature answer has two shapes: the PNG data URL of a drawn
// signature, or a typed one, {"typed": "Priya Raman", "confirmed": true},
// for anyone who cannot draw (keyboard, switch or voice control, no
// JavaScript). The server adds who entered a typed signature and when
// (TypedEnteredBy, TypedEnteredAt); what a client sends in those keys is
// never trusted (see StampTypedSignatures).
const (
	TypedName      = "typed"
	TypedConfirmed = "confirmed"
	TypedEnteredBy = "entered_by"
	TypedEnteredAt = "entered_at"
	maxTypedName   = 200
)

// TypedSignature is a typed signature answer as read back.
type TypedSignature struct {
	Name      string
	EnteredBy string
	EnteredAt time.Time // zero when unknown
}

// AsTypedSignature reads v as a typed signature.
func AsTypedSignature(v any) (TypedSignature, bool) {
	m, ok := v.(map[string]any)
	if !ok {
		return TypedSignature{}, false
	}
	name, ok := m[TypedName].(string)
	if !ok || strings.TrimSpace(name) == "" {
		return TypedSignature{}, false
	}
	t := TypedSignature{Name: strings.TrimSpace(name)}
	t.EnteredBy, _ = m[TypedEnteredBy].(string)
	if at, ok := m[TypedEnteredAt].(string); ok {
		t.EnteredAt, _ = time.Parse(time.RFC3339, at)
	}
	return t, true
}

// Statement is how a typed signature is shown and printed.
func (t TypedSignature) Statement() string {
	s := "Signed electronically by typing: " + t.Name
	if !t.EnteredAt.IsZero() {
		s += ", " + t.EnteredAt.Format("2 Jan 2006 15:04")
	}
	return s
}

// checkTypedSignature returns what is wrong with a typed signature, or "".
func checkTypedSignature(m map[string]any) string {
	for k := range m {
		switch k {
		case TypedName, TypedConfirmed, TypedEnteredBy, TypedEnteredAt:
		default:
			return fmt.Sprintf("a typed signature has only %q and %q (not %q)", TypedName, TypedConfirmed, truncate(k, 64))
		}
	}
	name, ok := m[TypedName].(string)
	if !ok || strings.TrimSpace(name) == "" {
		return "type your full name to sign"
	}
	if badText(name) || strings.ContainsAny(name, "\n\r\t") {
		return "the name contains characters that cannot be saved; please retype it"
	}
	if n := utf8.RuneCountInString(name); n > maxTypedName {
		return fmt.Sprintf("keep the typed name to %d characters or fewer (it has %d)", maxTypedName, n)
	}
	if c, _ := m[TypedConfirmed].(bool); !c {
		return "tick \u201cI confirm this is my signature\u201d to sign by typing"
	}
	return ""
}

// StampTypedSignatures records who entered each typed signature in
// answers and when: by and at, whatever the client claimed. A typed
// signature that repeats the saved one (the same name) keeps the saved
// record of who entered it. answers is changed in place.
func (s *Schema) StampTypedSignatures(answers, saved Answers, by string, at time.Time) {
	for id, v := range answers {
		q := s.Question(id)
		if q == nil || q.Type != TypeSignature {
			continue
		}
		m, ok := v.(map[string]any)
		if !ok {
			continue
		}
		name := strings.TrimSpace(fmt.Sprint(m[TypedName]))
		if old, ok := saved[id].(map[string]any); ok && fmt.Sprint(old[TypedName]) == name &&
			old[TypedEnteredBy] != nil && old[TypedEnteredAt] != nil {
			answers[id] = map[string]any{TypedName: name, TypedConfirmed: true,
				TypedEnteredBy: old[TypedEnteredBy], TypedEnteredAt: old[TypedEnteredAt]}
			continue
		}
		answers[id] = map[string]any{TypedName: name, TypedConfirmed: true,
			TypedEnteredBy: by, TypedEnteredAt: at.UTC().Format(time.RFC3339)}
	}
}
