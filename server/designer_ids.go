package server

import (
	"strconv"
	"strings"

	"firstperson/forms"
)

// maxGeneratedID keeps generated ids short enough to read in a URL, a FHIR
// linkId or an export, well inside the 64 the schema allows.
const maxGeneratedID = 40

// latinFold spells common accented letters without their accents, so
// "Zoë's café" gives "zoes-cafe" rather than "zo-s-caf".
var latinFold = strings.NewReplacer(
	"à", "a", "á", "a", "â", "a", "ä", "a", "ã", "a", "å", "a", "æ", "ae",
	"ç", "c", "è", "e", "é", "e", "ê", "e", "ë", "e", "ì", "i", "í", "i", "î", "i", "ï", "i",
	"ł", "l", "ñ", "n", "ò", "o", "ó", "o", "ô", "o", "ö", "o", "õ", "o", "ø", "o", "œ", "oe",
	"ß", "ss", "ù", "u", "ú", "u", "û", "u", "ü", "u", "ý", "y", "ÿ", "y", "ŵ", "w", "ŷ", "y",
)

// kebab turns a label into a lower-case id of words joined by hyphens, cut
// at a word boundary; apostrophes join ("person's" → "persons").
func kebab(label string) string {
	var b strings.Builder
	gap := false
	for _, r := range latinFold.Replace(strings.ToLower(label)) {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			if gap && b.Len() > 0 {
				b.WriteByte('-')
			}
			gap = false
			b.WriteRune(r)
		case r == '\'' || r == '’':
		default:
			gap = true
		}
	}
	id := b.String()
	if len(id) > maxGeneratedID {
		id = id[:maxGeneratedID]
		if cut := strings.LastIndexByte(id, '-'); cut > 0 {
			id = id[:cut]
		}
	}
	return id
}

// uniqueID makes an id from label that taken does not hold, adding -2, -3…
// when needed; fallback is used when the label has no letters to spell it.
func uniqueID(label, fallback string, taken map[string]bool) string {
	base := kebab(label)
	if base == "" {
		base = fallback
	}
	id := base
	for n := 2; taken[id]; n++ {
		id = base + "-" + strconv.Itoa(n)
	}
	return id
}

// schemaIDs lists every section and question id of the form: a new one
// must differ from all of them (forms.Schema.Validate asks the same).
func schemaIDs(s *forms.Schema) map[string]bool {
	taken := map[string]bool{}
	for _, sec := range s.Sections {
		taken[sec.ID] = true
		for _, q := range sec.Questions {
			taken[q.ID] = true
		}
	}
	return taken
}

// columnIDs gives table columns ids: a column keeps the id of an old column
// with the same label, else of the old column at its place when that label
// is gone (a renamed column), else gets a new id from its label. Answers
// already given stay attached to the column they were given for.
func columnIDs(labels []string, old []forms.Column) []forms.Column {
	byLabel := map[string]string{}
	for _, c := range old {
		if _, ok := byLabel[c.Label]; !ok {
			byLabel[c.Label] = c.ID
		}
	}
	kept := map[string]bool{}
	for _, l := range labels {
		kept[l] = true
	}
	taken := map[string]bool{}
	ids := make([]string, len(labels))
	for i, l := range labels {
		if id, ok := byLabel[l]; ok && !taken[id] {
			ids[i] = id
			taken[id] = true
		}
	}
	for i, l := range labels {
		if ids[i] != "" {
			continue
		}
		if i < len(old) && !kept[old[i].Label] && !taken[old[i].ID] {
			ids[i] = old[i].ID
		} else {
			ids[i] = uniqueID(l, "column", taken)
		}
		taken[ids[i]] = true
	}
	cols := make([]forms.Column, len(labels))
	for i, l := range labels {
		cols[i] = forms.Column{ID: ids[i], Label: l}
	}
	return cols
}
