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
	var buf [8]string
	words := buf[:0]
	// One lookup per word gathers what the rules below ask of it.
	var some, all uint8 = 0, 0xff
	roles, parties := true, true // every word is part of a staff role field, a signatory line
	for i := range l.items {
		if l.word(i) {
			if len(words) == 8 {
				return false // record fields are short headings
			}
			w := l.low(i)
			words = append(words, w)
			f := recordFlags[w]
			some |= f
			all &= f
			roles = roles && f&(recRole|recDetail|recJoin) != 0
			parties = parties && f&(recParty|recJoin) != 0
		}
	}
	switch len(words) {
	case 0:
		return false
	case 1:
		if recordHeadings[words[0]] {
			return true
		}
	case 2:
		if some&recHeadingWord != 0 && recordHeadings[words[0]+" "+words[1]] {
			return true
		}
	}
	if some&recRecord != 0 {
		return true
	}
	last := words[len(words)-1]
	switch {
	case some&recStaff != 0 && some&recDetail != 0:
		return true
	case all&recDate != 0 && (has(words, "date") || has(words, "time") || has(words, "version")):
		return true
	case has(words, "date") && (has(words, "review") || has(words, "reviewed")): // "Medication review date"
		return true
	case last == "score" || last == "scores" || last == "total":
		return true
	case last == "by" && len(words) <= 3 && byVerbs[words[0]]:
		return true
	case roles && some&recRole != 0 && staffRoleField(words):
		return true
	}
	return parties && l.signatoryLine(words)
}

// staffRoleField reports whether the words are a staff role and, at most,
// its details: "Key worker", "Named nurse", "Name of key worker".
func staffRoleField(words []string) bool {
	var buf [3]string
	role := buf[:0]
	for _, w := range words {
		if !staffDetailWords[w] && w != "of" && w != "and" {
			if len(role) == len(buf) {
				return false
			}
			role = append(role, w)
		}
	}
	switch len(role) {
	case 1:
		return staffRoles[role[0]]
	case 2:
		return staffRoles[role[0]+" "+role[1]]
	case 3:
		return staffRoles[role[0]+" "+role[1]+" "+role[2]]
	}
	return false
}

// signatoryLine reports whether the label names who signs: the person and
// a representative, joined by "/" or "or" and nothing else
// ("Resident/Representative").
func (l *labelText) signatoryLine(words []string) bool {
	rep, person := false, false
	for _, w := range words {
		switch {
		case representatives[w]:
			rep = true
		case signatoryParties[w]:
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

// The flags recordFlags gives a word, for isRecordField.
const (
	recRecord      = 1 << iota // recordWords: the label is sign-off
	recStaff                   // staffWords
	recDetail                  // staffDetailWords
	recDate                    // dateRecordWords
	recRole                    // a word of one of the staffRoles
	recParty                   // signatoryParties
	recJoin                    // "of", "and", "or"
	recHeadingWord             // a word of a two-word recordHeadings entry
)

// recordFlags is built from the record family's word lists (voice_rules.go).
var recordFlags = func() map[string]uint8 {
	m := map[string]uint8{}
	for flag, set := range map[uint8]map[string]bool{recRecord: recordWords, recStaff: staffWords,
		recDetail: staffDetailWords, recDate: dateRecordWords, recParty: signatoryParties} {
		for w := range set {
			m[w] |= flag
		}
	}
	for _, words := range []string{recordHeadingList, staffRoleList} {
		for _, phrase := range strings.Fields(words) {
			flag := uint8(recHeadingWord)
			if words == staffRoleList {
				flag = recRole
			}
			for _, w := range strings.Split(phrase, "_") {
				m[w] |= flag
			}
		}
	}
	for _, w := range []string{"of", "and", "or"} {
		m[w] |= recJoin
	}
	return m
}()

func has(words []string, w string) bool {
	for _, x := range words {
		if x == w {
			return true
		}
	}
	return false
}
