package forms

import (
	"regexp"
	"strings"
	"unicode"
)

// AnswerVoice is the outcome of the answer voice check on one free-text
// answer: whether it speaks about the person rather than as them, and the
// first-person rewrite to offer.
type AnswerVoice struct {
	Flagged    bool   `json:"flagged"`
	Problem    string `json:"problem,omitempty"`
	Suggestion string `json:"suggestion,omitempty"`
}

// CheckAnswer looks at a free-text answer sentence by sentence. A sentence
// that opens by speaking about the person ("Pt mobilises with frame", "The
// patient prefers tea", "She likes the window", "Likes tea") is rewritten in
// the first person ("I walk with a frame"). It never fires on an answer that
// quotes someone (quotation marks) or reports what someone said ("She says
// …"), nor on sentences already in the first person. Sentences naming the
// person as "the patient" in some other way are left to the designer's
// label check (CheckLabel), so both checks share one set of words.
func CheckAnswer(text string) AnswerVoice {
	if strings.TrimSpace(text) == "" || answerQuotes(text) {
		return AnswerVoice{}
	}
	parts := answerSentences(text)
	changed := false
	for i, p := range parts {
		if rewritten, ok := answerRewrite(p); ok {
			parts[i], changed = rewritten, true
		}
	}
	if changed {
		return AnswerVoice{Flagged: true, Problem: "This speaks about the person rather than as them.",
			Suggestion: strings.Join(parts, "")}
	}
	// The designer's rules as a second opinion, only where the answer names
	// the person in a medical way ("patient", "service user", "bed 12").
	if answerMedical.MatchString(text) {
		if problem, suggestion, flagged := CheckLabel(text); flagged {
			return AnswerVoice{Flagged: true, Problem: problem, Suggestion: suggestion}
		}
	}
	return AnswerVoice{}
}

var answerMedical = regexp.MustCompile(`(?i)\b(patient|pt|service user|resident|bed \d+)\b`)

// answerQuotes reports whether the answer quotes or reports speech; those
// words are someone else's and must stay as they were said.
func answerQuotes(text string) bool {
	if strings.ContainsAny(text, "\"“”„«»") {
		return true
	}
	return answerReported.MatchString(text)
}

var answerReported = regexp.MustCompile(`(?i)\b(says|said|told (us|me|staff|the)|tells|reports|reported|states|stated|explained|mentioned|according to)\b`)

// answerSentences cuts text after ". ", "! ", "? ", ";" and line breaks,
// keeping the separators, so joining the parts gives the text back.
func answerSentences(text string) []string {
	var parts []string
	start := 0
	rs := []rune(text)
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		end := -1
		switch {
		case r == '\n':
			end = i + 1
		case (r == '.' || r == '!' || r == '?' || r == ';') && i+1 < len(rs) && unicode.IsSpace(rs[i+1]) &&
			!answerAbbreviation(string(rs[start:i])):
			end = i + 1
		}
		if end > 0 {
			for end < len(rs) && rs[end] == ' ' {
				end++
			}
			parts = append(parts, string(rs[start:end]))
			start, i = end, end-1
		}
	}
	if start < len(rs) {
		parts = append(parts, string(rs[start:]))
	}
	return parts
}

// answerAbbreviation reports whether a sentence so far ends in a word
// whose full stop is not the end of a sentence ("Pt.", "Mrs.").
func answerAbbreviation(before string) bool {
	f := strings.Fields(before)
	if len(f) == 0 {
		return false
	}
	switch strings.ToLower(f[len(f)-1]) {
	case "pt", "mr", "mrs", "ms", "dr", "st", "e.g", "i.e", "approx":
		return true
	}
	return false
}

// answerSubjects are the ways an answer names the person in the third person,
// longest first; each is replaced by "I".
var answerSubjects = []string{
	"the patient", "this patient", "the resident", "the service user", "the client", "the lady", "the gentleman",
	"patient", "resident", "service user", "client", "pt.", "pt", "she", "he",
}

// answerPossessives name the person's belongings; each becomes "My".
var answerPossessives = []string{"the patient's", "patient's", "pt's", "the resident's", "resident's", "her", "his"}

// answerVerbs turns a third-person verb into the first person.
var answerVerbs = map[string]string{
	"is": "am", "has": "have", "does": "do", "was": "was", "isn't": "am not", "doesn't": "don't",
	"wasn't": "wasn't", "hasn't": "haven't", "mobilises": "walk", "mobilizes": "walk", "ambulates": "walk",
	"goes": "go", "can": "can", "can't": "can't", "cannot": "cannot", "will": "will", "won't": "won't",
	"would": "would", "should": "should", "may": "may", "might": "might", "must": "must", "could": "could",
	"mobilised": "walked", "mobilized": "walked", "mobilising": "am walking", "needs": "need",
}

// answerTelegraphic verbs may open a note with no subject ("Likes tea").
var answerTelegraphic = map[string]bool{
	"likes": true, "prefers": true, "enjoys": true, "needs": true, "wants": true, "mobilises": true,
	"mobilizes": true, "uses": true, "walks": true, "eats": true, "drinks": true, "sleeps": true,
	"takes": true, "lives": true, "wears": true, "requires": true, "hates": true, "dislikes": true,
	"loves": true, "feels": true, "gets": true, "becomes": true, "responds": true, "understands": true,
	"speaks": true, "recognises": true, "ambulates": true, "transfers": true, "has": true, "is": true,
	"goes": true, "spends": true, "watches": true, "reads": true, "listens": true, "worries": true,
	"manages": true, "refuses": true, "finds": true, "misses": true,
}

// answerWithAids are aids that read better with an article: "with a frame".
var answerWithAids = regexp.MustCompile(`(?i)\bwith (frame|zimmer frame|walking frame|stick|walking stick|wheelchair|walker|rollator|hoist|crutches|one|two)\b`)

// answerRewrite rewrites one sentence that speaks about the person.
func answerRewrite(s string) (string, bool) {
	lead := len(s) - len(strings.TrimLeft(s, " \t-•*"))
	body := s[lead:]
	low := strings.ToLower(body)
	rest, verbAt := "", -1
	for _, p := range answerPossessives {
		if answerHasPrefix(low, p) && len(body) > len(p) {
			next := strings.ToLower(answerFirstWord(body[len(p):]))
			if p == "her" && (next == "" || answerVerbs[next] != "" || answerVerbS(next)) {
				continue // "her" as an object or a name, not a possessive
			}
			out := "My" + body[len(p):]
			return s[:lead] + answerPronouns(out), true
		}
	}
	for _, subj := range answerSubjects {
		if answerHasPrefix(low, subj) {
			rest, verbAt = body[len(subj):], 0
			break
		}
	}
	if verbAt < 0 {
		// A note with no subject: "Likes tea", "Mobilises with frame".
		w := strings.ToLower(answerFirstWord(body))
		if !answerTelegraphic[w] {
			return s, false
		}
		rest = " " + body
	}
	verb := answerFirstWord(rest)
	lv := strings.ToLower(verb)
	if lv == "" || lv == "says" || lv == "said" {
		return s, false
	}
	fp, ok := answerVerbs[lv]
	switch {
	case ok:
	case answerVerbS(lv):
		fp = answerBase(lv)
	case answerPast(lv):
		fp = lv
	default:
		return s, false
	}
	after := rest[strings.Index(rest, verb)+len(verb):]
	out := "I " + fp + after
	out = answerWithAids.ReplaceAllStringFunc(out, func(m string) string {
		w := m[len("with "):]
		switch strings.ToLower(w) {
		case "one", "two":
			return m
		case "crutches":
			return "with " + w
		}
		return "with a " + w
	})
	return s[:lead] + answerPronouns(out), true
}

// answerPronouns turns the rest of a rewritten sentence to the first person.
func answerPronouns(s string) string {
	words := strings.Split(s, " ")
	for i, w := range words {
		core := strings.TrimRight(w, ".,;:!?")
		tail := w[len(core):]
		next, named := "", false
		if i+1 < len(words) {
			raw := strings.TrimRight(words[i+1], ".,;:!?")
			next = strings.ToLower(raw)
			named = raw != "" && unicode.IsUpper([]rune(raw)[0])
		}
		switch strings.ToLower(core) {
		case "her":
			if tail != "" || next == "" || named || answerPreposition(next) {
				words[i] = "me" + tail
			} else {
				words[i] = "my" + tail
			}
		case "his", "patient's", "pt's":
			words[i] = "my" + tail
		case "him":
			words[i] = "me" + tail
		case "herself", "himself":
			words[i] = "myself" + tail
		case "she", "he":
			if i > 0 {
				words[i] = "I" + tail
			}
		}
	}
	return strings.Join(words, " ")
}

func answerPreposition(w string) bool {
	switch w {
	case "to", "with", "at", "in", "on", "for", "and", "or", "from", "when", "if", "as", "up", "out", "down":
		return true
	}
	return false
}

func answerHasPrefix(low, p string) bool {
	if !strings.HasPrefix(low, p) {
		return false
	}
	if len(low) == len(p) {
		return true
	}
	r := rune(low[len(p)])
	return r == ' ' || (strings.HasSuffix(p, ".") && unicode.IsLetter(r))
}

func answerFirstWord(s string) string {
	f := strings.Fields(s)
	if len(f) == 0 {
		return ""
	}
	return strings.TrimRight(f[0], ".,;:!?")
}

// answerVerbS guesses a third-person present verb: a known one, or a word
// ending in s that is not a plural-looking exception.
func answerVerbS(w string) bool {
	if answerTelegraphic[w] {
		return true
	}
	if len(w) < 4 || !strings.HasSuffix(w, "s") || strings.HasSuffix(w, "ss") || strings.HasSuffix(w, "us") ||
		strings.HasSuffix(w, "'s") {
		return false
	}
	return true
}

func answerPast(w string) bool {
	switch w {
	case "ate", "slept", "fell", "went", "had", "drank", "took", "felt", "came", "got", "saw", "became", "left":
		return true
	}
	return len(w) > 4 && strings.HasSuffix(w, "ed")
}

// answerBase drops the third-person -s: prefers → prefer, worries → worry,
// watches → watch.
func answerBase(w string) string {
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		return w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "sses"), strings.HasSuffix(w, "shes"), strings.HasSuffix(w, "ches"),
		strings.HasSuffix(w, "xes"), strings.HasSuffix(w, "zes"), strings.HasSuffix(w, "oes"):
		return w[:len(w)-2]
	}
	return w[:len(w)-1]
}
