package forms

import (
	"strings"
)

// The engine side of the "record" family: sign-off and record fields
// describe the assessment, not the person, and are never flagged (the
// policy in voice.go's package comment). The word lists are in
// voice_rules.go.

// isRecordField applies the sign-off and record policy (see the package
// comment in voice.go): assessor, signature, print name, designation,
// dates and times of the assessment, versions and scores describe the
// assessment, not the person, and are never flagged.
func (l *labelText) isRecordField() bool {
	// A first look at the lists the words are on (looked up when the label
	// was parsed) passes over most labels: no rule below can hold without
	// one of these lists, or a score, total or "by" at the end.
	var some, all wordSet = 0, ^wordSet(0)
	n, last := 0, -1
	for _, t := range l.items {
		if tok := &l.toks[t]; tok.word {
			some, all, n, last = some|tok.sets, all&tok.sets, n+1, t
		}
	}
	if n == 0 || n > 8 { // record fields are short headings
		return false
	}
	if some&(recordHeadings|recordHeadingWords|recordWords|staffWords|staffRoleWords|representatives|dateWord) == 0 &&
		all&dateRecordWords == 0 {
		switch l.lower[l.toks[last].lowOff:l.toks[last].lowEnd] {
		case "score", "scores", "total", "by":
		default:
			return false
		}
	}
	return l.recordRules()
}

// recordRules are the rules of isRecordField.
func (l *labelText) recordRules() bool {
	var buf [8]string
	var setBuf [8]wordSet
	words, sets := buf[:0], setBuf[:0]
	// The lists each word is on, looked up when the label was parsed,
	// gather what the rules below ask of it.
	var some, all wordSet = 0, ^wordSet(0)
	roles, parties := true, true // every word is part of a staff role field, a signatory line
	for _, t := range l.items {
		if tok := &l.toks[t]; tok.word {
			f := tok.sets
			words, sets = append(words, l.lower[tok.lowOff:tok.lowEnd]), append(sets, f)
			some |= f
			all &= f
			roles = roles && f&(staffRoleWords|staffDetailWords|recordJoins) != 0
			parties = parties && f&(signatoryParties|recordJoins) != 0
		}
	}
	switch len(words) {
	case 1:
		if sets[0]&recordHeadings != 0 {
			return true
		}
	case 2:
		if some&recordHeadingWords != 0 && recordHeadings.has(words[0]+" "+words[1]) {
			return true
		}
	}
	if some&recordWords != 0 {
		return true
	}
	last := words[len(words)-1]
	switch {
	case some&staffWords != 0 && some&staffDetailWords != 0:
		return true
	case all&dateRecordWords != 0 && (has(words, "date") || has(words, "time") || has(words, "version")):
		return true
	case some&dateRecordWords != 0 && has(words, "date") && (has(words, "review") || has(words, "reviewed")): // "Medication review date"
		return true
	case last == "score" || last == "scores" || last == "total":
		return true
	case last == "by" && len(words) <= 3 && sets[0]&byVerbs != 0:
		return true
	case roles && some&staffRoleWords != 0 && staffRoleField(words, sets):
		return true
	}
	return parties && l.signatoryLine(words, sets)
}

// staffRoleField reports whether the words are a staff role and, at most,
// its details: "Key worker", "Named nurse", "Name of key worker".
func staffRoleField(words []string, sets []wordSet) bool {
	var buf [3]string
	role := buf[:0]
	for k, w := range words {
		if sets[k]&staffDetailWords == 0 && w != "of" && w != "and" {
			if len(role) == len(buf) {
				return false
			}
			role = append(role, w)
		}
	}
	switch len(role) {
	case 1:
		return staffRoles.has(role[0])
	case 2:
		return staffRoles.has(role[0] + " " + role[1])
	case 3:
		return staffRoles.has(role[0] + " " + role[1] + " " + role[2])
	}
	return false
}

// signatoryLine reports whether the label names who signs: the person and
// a representative, joined by "/" or "or" and nothing else
// ("Resident/Representative").
func (l *labelText) signatoryLine(words []string, sets []wordSet) bool {
	rep, person := false, false
	for k, w := range words {
		switch {
		case sets[k]&representatives != 0:
			rep = true
		case sets[k]&signatoryParties != 0:
			person = true
		case w != "or":
			return false
		}
	}
	if !rep || !person {
		return false
	}
	for i := range l.items {
		if !l.word(i) && l.low(i) != "/" {
			return false
		}
	}
	return true
}

// More lists for isRecordField, built from the record family's lists
// (voice_rules.go).
var (
	staffRoleWords     = voiceSet(strings.ReplaceAll(staffRoleList, "_", " "))     // a word of one of the staffRoles
	recordHeadingWords = voiceSet(strings.ReplaceAll(recordHeadingList, "_", " ")) // a word of a recordHeadings entry
	recordJoins        = voiceSet(`of and or`)
	dateWord           = voiceSet(`date`)
)

func has(words []string, w string) bool {
	for _, x := range words {
		if x == w {
			return true
		}
	}
	return false
}
