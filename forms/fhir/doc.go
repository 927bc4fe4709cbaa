// Package fhir maps Firstperson templates to FHIR R4 Questionnaires and
// assessments to QuestionnaireResponses, and imports a Questionnaire from
// elsewhere as a new template. The resources are plain hand-written structs
// (the Go FHIR libraries are heavy or handle value[x] badly); the package
// imports only forms and the standard library.
//
// # Export mapping
//
//	template          Questionnaire: url (stable per template), version (the
//	                  number), status draft|active, title, name (the title in
//	                  CamelCase, R4 pattern [A-Z][A-Za-z0-9_]*), date, publisher
//	section           group item, linkId = section id, text = title
//	text / longtext   string / text
//	yesno             boolean
//	choice            choice with answerOption valueString, in option order
//	multichoice       choice with repeats = true
//	date / number     date / decimal
//	signature         attachment, mimeType extension image/png
//	info              display
//	table             group with repeats = true, one string item per column,
//	                  linkId "<table id>.<column id>"
//	hint              display child "<question id>.help" with the itemControl
//	                  extension, code help; on info (display) items, which R4
//	                  forbids to have children, the InfoHintURL extension
//	show_if           enableWhen, operator "=", answerBoolean, answerDecimal,
//	                  answerString (text and choices) or answerDate
//	required          required = true (never on display items, que-6)
//
// Options are valueString rather than valueCoding: the options are the
// person's own words, there is no code system behind them, and a Coding
// with neither system nor meaningful code would pretend otherwise. Answers
// and enableWhen use valueString/answerString to match. Import accepts
// valueCoding too.
//
// Firstperson ids never contain a dot, so every linkId it makes up carries
// one and cannot collide: "<id>.help", "<table>.<column>", "<id>.section"
// (a section whose id a question also uses; forms forbids this, but the
// export stays valid FHIR even for such a schema) and "<group>.empty" (a
// text-less display item in a group that would otherwise be empty, which
// R4 forbids, que-1). Import removes all of them again, so schema →
// Questionnaire → schema gives the same schema.
//
// A QuestionnaireResponse nests answers as R4 requires: section groups hold
// question items, a table's group item is repeated once per row with one
// child item per filled-in cell. Hidden and empty answers are left out, and
// so is any group left with nothing (an item must have answers or items).
//
// # Import choices
//
// Import aims to give the team lead a draft to review rather than refuse a
// form over details, so an item Firstperson cannot represent exactly is
// imported as the nearest thing and reported in an ImportWarning under its
// linkId. Only input that is not a Questionnaire at all is refused:
// non-JSON (forms.ErrMalformed, 400), another resourceType or no items
// (*forms.ValidationError, 422), and a result that still breaks the
// template rules, such as a label longer than forms allows (the error of
// forms' Validate, 422). The nearest things are:
//
//	integer, quantity       number (decimals allowed; the unit is lost)
//	dateTime                date (the time of day is not asked)
//	time, url, reference    short text
//	attachment              signature (no warning when it is PNG-only)
//	open-choice             choice (free-text answers are lost)
//	choice, fewer than two  short text (e.g. answerValueSet only: value sets
//	usable options          are not expanded)
//	repeats on a question   one answer (except choice, which is multichoice)
//	non-group top level     gathered into a section "questions"
//	group in a section      flattened into the section; its text becomes an
//	                        information heading before its items
//	repeating group         table; its questions, nested ones included,
//	                        become text columns
//	item under a question   follows the question in the section
//	enableWhen not "="      dropped: the item is always shown
//	enableBehavior any      all conditions dropped: always shown
//	several, behavior all   the first usable one is kept (shown more often,
//	                        never less)
//	answer of another type  dropped (e.g. a condition on a date question)
//	linkId not a forms id   slugified, made unique; conditions follow it
//
// Elements Firstperson has no place for (initial, readOnly, maxLength,
// code, prefix, definition, and the like) are ignored without a warning.
package fhir
