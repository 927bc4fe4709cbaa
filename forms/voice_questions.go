package forms

import (
	"strings"
	"unicode"
)

// Questions without a subject and the small grammar their rewrites need:
// articles ("a hoist") and the case of a heading moved inside a sentence.

// checkBareQuestion handles a question with no subject: "Any allergies?",
// "Lives alone?", "Hearing aid?", "Continent of urine?". The rewrite keeps
// it a question with "I" as its subject; when no shape fits, the label is
// flagged with no suggestion.
func (l *labelText) checkBareQuestion() (problem, suggestion string, ok bool) {
	text := l.text()
	if !strings.HasSuffix(text, "?") {
		return "", "", false
	}
	first := l.firstWord()
	w := l.low(first)
	if l.is(first, questionWords) || (l.is(first, auxWords) && !relationalAux(l, first)) {
		return "", "", false // a question with its own subject: "Is there…", "Who…"
	}
	problem = `"` + text + `" is a question without a subject; ask it as "I"`
	body := strings.TrimSpace(strings.TrimSuffix(text, "?"))
	words := strings.Fields(body)
	last := strings.ToLower(words[len(words)-1])
	switch {
	case l.is(first, auxWords): // "Has next of kin been informed…?", "Is NOK to be contacted…?"
		return problem, l.span(first, first+1) + " my " + lowerHeading(l.span(first+1, len(l.items))), true
	case w == "any":
		return problem, "Do I have " + lowerHeading(body) + "?", true
	case l.is(first, thirdPersonVerbs) && looksThirdPerson(w):
		return problem, "Do I " + baseForm(w) + strings.TrimPrefix(body, words[0]) + "?", true
	case l.is(first, bareStates):
		return problem, "Am I " + lowerHeading(body) + "?", true
	case l.is(first, roleNouns) && len(words) == 1:
		return problem, "Am I a " + w + "?", true
	case len(words) > 1 && l.is(first, ownableNouns) && bareStates.has(strings.ToLower(words[1])):
		verb := "Is"
		if strings.HasSuffix(w, "s") {
			verb = "Are"
		}
		return problem, verb + " my " + lowerHeading(body) + "?", true
	case len(words) > 2 && last == "situ":
		return problem, "Do I have " + withArticle(strings.Join(words[:len(words)-2], " ")) + "?", true
	case last == "present":
		return problem, "Do I have " + withArticle(strings.Join(words[:len(words)-1], " ")) + "?", true
	case last == "place" && len(words) > 2:
		return problem, "Do I have " + withArticle(strings.Join(words[:len(words)-2], " ")) + " in place?", true
	}
	head := strings.ToLower(strings.Trim(words[0], "/"))
	if i := strings.IndexAny(body, "/"); i < 0 {
		for _, x := range words {
			lx := strings.ToLower(x)
			if linkWords.has(lx) || lx == "of" {
				break
			}
			head = lx
		}
	}
	switch {
	case (massNouns | countNouns).has(head) || strings.HasSuffix(head, "s") && !strings.HasSuffix(head, "ss"):
		return problem, "Do I have " + withArticle(body) + "?", true
	}
	return problem + noRewrite, "", true
}

// relationalAux reports whether an auxiliary opens a question about one of
// the person's people or things with "my" left out ("Is NOK to be
// contacted at night?", "Has next of kin been told?").
func relationalAux(l *labelText, first int) bool {
	return l.is(first+1, relationalNouns) || relationalNouns.has(l.low(first+1)+" "+l.low(first+2)+" "+l.low(first+3))
}

// withArticle puts "a"/"an" before a singular countable noun phrase:
// "hoist" → "a hoist"; mass nouns, plurals and names stay as they are.
func withArticle(np string) string {
	np = lowerHeading(strings.TrimSpace(np))
	words := strings.Fields(np)
	if len(words) == 0 {
		return np
	}
	head := strings.ToLower(words[len(words)-1])
	for _, w := range words {
		lw := strings.ToLower(w)
		if linkWords.has(lw) || lw == "of" || strings.Contains(w, "/") {
			break
		}
		head = lw
	}
	if first := strings.ToLower(words[0]); first == "a" || first == "an" || first == "any" || first == "my" {
		return np
	}
	if !countNouns.has(head) {
		return np
	}
	if lw := strings.ToLower(words[0]); strings.ContainsRune("aeio", rune(lw[0])) || strings.HasPrefix(lw, "un") || strings.HasPrefix(lw, "ul") {
		return "an " + np
	}
	return "a " + np
}

// lowerHeading lowers the capitals of a heading moved inside a sentence,
// keeping acronyms (BMI, NHS) and Title Case names ("Lasting Power of
// Attorney").
func lowerHeading(s string) string {
	words := strings.Fields(s)
	titled := 0
	for _, w := range words {
		if titleWord(w) && len(w) > 1 {
			titled++
		}
	}
	if titled > 1 && titled == countCapitalisable(words) && len(words) > 1 && !allTitle(words) {
		return s
	}
	for i, w := range words {
		if titleWord(w) && len(w) > 1 && !properNouns.has(strings.ToLower(w)) {
			words[i] = strings.ToLower(w)
		}
	}
	return strings.Join(words, " ")
}

func countCapitalisable(words []string) int {
	n := 0
	for _, w := range words {
		if len(w) > 2 && !linkWords.has(strings.ToLower(w)) && strings.ToLower(w) != "of" {
			n++
		}
	}
	return n
}

// allTitle reports whether every word is capitalised (a Title Case form
// heading, whose capitals are style, not names).
func allTitle(words []string) bool {
	for _, w := range words {
		r := []rune(w)
		if len(r) > 0 && unicode.IsLetter(r[0]) && !unicode.IsUpper(r[0]) {
			return false
		}
	}
	return true
}
