package server

import (
	"slices"

	"firstperson/forms"
)

// compareRows lays two versions side by side in the newer one's order:
// each section heading, then its questions (each beside its older self),
// then the questions removed from it; sections that are gone come last
// with their questions. With onlyChanges, unchanged questions are left out.
func compareRows(from, to *forms.Schema, d forms.VersionDiff, onlyChanges bool) []compareRow {
	changes := map[string]forms.QuestionChange{}
	for _, ch := range d.Details {
		changes[ch.QuestionID] = ch
	}
	oldTitle, oldSection, oldQ := map[string]string{}, map[string]string{}, map[string]*forms.Question{}
	for si := range from.Sections {
		sec := &from.Sections[si]
		oldTitle[sec.ID] = sec.Title
		for qi := range sec.Questions {
			oldQ[sec.Questions[qi].ID], oldSection[sec.Questions[qi].ID] = &sec.Questions[qi], sec.ID
		}
	}
	removed := map[string][]string{} // by old section id
	for _, id := range d.Removed {
		removed[oldSection[id]] = append(removed[oldSection[id]], id)
	}
	var rows []compareRow
	section := func(head compareRow, body []compareRow) {
		if !onlyChanges || head.Note != "" || len(body) > 0 {
			rows = append(append(rows, head), body...)
		}
	}
	gone := func(sid string) (body []compareRow) {
		for _, id := range removed[sid] {
			body = append(body, compareRow{Old: cellOf(from, oldQ[id]), Kinds: []string{"removed"}})
		}
		return body
	}
	kept := map[string]bool{}
	for si := range to.Sections {
		sec := &to.Sections[si]
		kept[sec.ID] = true
		head := compareRow{Header: true, OldTitle: oldTitle[sec.ID], NewTitle: sec.Title, Note: sectionNote(d.Sections, sec.ID)}
		var body []compareRow
		for qi := range sec.Questions {
			q := &sec.Questions[qi]
			ch, changed := changes[q.ID]
			if onlyChanges && !changed {
				continue
			}
			row := compareRow{Old: cellOf(from, oldQ[q.ID]), New: cellOf(to, q), Kinds: ch.Kinds}
			for _, f := range ch.Fields {
				if f != "position" {
					row.Fields = append(row.Fields, fieldNames[f])
				}
			}
			if o, ok := oldSection[q.ID]; ok && o != sec.ID {
				row.MovedFrom = oldTitle[o]
			}
			body = append(body, row)
		}
		section(head, append(body, gone(sec.ID)...))
	}
	for _, sec := range from.Sections {
		if !kept[sec.ID] {
			kept[sec.ID] = true
			section(compareRow{Header: true, OldTitle: sec.Title, Note: "Section removed"}, gone(sec.ID))
		}
	}
	return rows
}

// sectionNote says what happened to a section between the versions.
func sectionNote(c forms.SectionChanges, id string) string {
	switch {
	case slices.Contains(c.Added, id):
		return "New section"
	case slices.Contains(c.Renamed, id) && slices.Contains(c.Moved, id):
		return "Section renamed and moved"
	case slices.Contains(c.Renamed, id):
		return "Section renamed"
	case slices.Contains(c.Moved, id):
		return "Section moved"
	}
	return ""
}
