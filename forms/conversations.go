package forms

import "strings"

// IsConversationTable reports whether a question records family
// conversations, one row per conversation: a table question whose id or
// label mentions "conversation" (the default template's
// family-conversations does; a lead marks another table the same way, by
// naming it, e.g. "Conversations with my neighbours").
func IsConversationTable(q *Question) bool {
	if q == nil || q.Type != TypeTable {
		return false
	}
	return strings.Contains(strings.ToLower(q.ID), "conversation") ||
		strings.Contains(strings.ToLower(q.Label), "conversation")
}

// AnswerFacts are what the impact figures need from one assessment's
// answers: how many free-text answers it has, how many of those the answer
// voice check leaves alone, and how many conversations it records.
type AnswerFacts struct {
	FreeTexts     int
	InVoice       int
	Conversations int
}

// FactsOf reads the AnswerFacts of answers given against s.
func FactsOf(s *Schema, answers Answers) AnswerFacts {
	var f AnswerFacts
	for _, q := range s.Questions() {
		v, ok := answers[q.ID]
		if !ok {
			continue
		}
		switch {
		case q.Type == TypeText || q.Type == TypeLongText:
			text, _ := v.(string)
			if strings.TrimSpace(text) == "" {
				continue
			}
			f.FreeTexts++
			if !CheckAnswer(text).Flagged {
				f.InVoice++
			}
		case IsConversationTable(q):
			rows, _ := v.([]any)
			f.Conversations += len(rows)
		}
	}
	return f
}
