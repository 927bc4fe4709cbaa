package fhir

// The structs below cover the parts of the FHIR R4 Questionnaire and
// QuestionnaireResponse resources that Firstperson writes or reads. Every
// optional element is omitted when empty, because FHIR forbids empty
// objects, arrays and strings. Elements read on import that Firstperson
// cannot represent are still declared, so they can be warned about.

// Questionnaire is a FHIR R4 Questionnaire resource: one template version.
type Questionnaire struct {
	ResourceType string              `json:"resourceType"`
	ID           string              `json:"id,omitempty"`
	URL          string              `json:"url,omitempty"`
	Version      string              `json:"version,omitempty"`
	Name         string              `json:"name,omitempty"`
	Title        string              `json:"title,omitempty"`
	Status       string              `json:"status"`
	Date         string              `json:"date,omitempty"`
	Publisher    string              `json:"publisher,omitempty"`
	Item         []QuestionnaireItem `json:"item,omitempty"`
}

// QuestionnaireItem is one item of a Questionnaire: a group, a question or
// display text, possibly with child items.
type QuestionnaireItem struct {
	Extension      []Extension         `json:"extension,omitempty"`
	LinkID         string              `json:"linkId"`
	Definition     string              `json:"definition,omitempty"`
	Text           string              `json:"text,omitempty"`
	Type           string              `json:"type"`
	EnableWhen     []EnableWhen        `json:"enableWhen,omitempty"`
	EnableBehavior string              `json:"enableBehavior,omitempty"`
	Required       *bool               `json:"required,omitempty"`
	Repeats        *bool               `json:"repeats,omitempty"`
	ReadOnly       *bool               `json:"readOnly,omitempty"`
	MaxLength      *int                `json:"maxLength,omitempty"`
	AnswerValueSet string              `json:"answerValueSet,omitempty"`
	AnswerOption   []AnswerOption      `json:"answerOption,omitempty"`
	Item           []QuestionnaireItem `json:"item,omitempty"`
}

// EnableWhen is a condition on an earlier answer that shows an item. Exactly
// one answer[x] element is set.
type EnableWhen struct {
	Question      string   `json:"question"`
	Operator      string   `json:"operator"`
	AnswerBoolean *bool    `json:"answerBoolean,omitempty"`
	AnswerDecimal *float64 `json:"answerDecimal,omitempty"`
	AnswerInteger *float64 `json:"answerInteger,omitempty"`
	AnswerDate    *string  `json:"answerDate,omitempty"`
	AnswerString  *string  `json:"answerString,omitempty"`
	AnswerCoding  *Coding  `json:"answerCoding,omitempty"`
	// The remaining answer types are only read, to warn that they are dropped.
	AnswerDateTime  *string    `json:"answerDateTime,omitempty"`
	AnswerTime      *string    `json:"answerTime,omitempty"`
	AnswerQuantity  any        `json:"answerQuantity,omitempty"`
	AnswerReference *Reference `json:"answerReference,omitempty"`
}

// AnswerOption is one permitted answer of a choice item. Firstperson writes
// valueString; import also reads valueCoding, valueInteger, valueDate,
// valueTime and valueReference.
type AnswerOption struct {
	ValueString    *string    `json:"valueString,omitempty"`
	ValueCoding    *Coding    `json:"valueCoding,omitempty"`
	ValueInteger   *float64   `json:"valueInteger,omitempty"`
	ValueDate      *string    `json:"valueDate,omitempty"`
	ValueTime      *string    `json:"valueTime,omitempty"`
	ValueReference *Reference `json:"valueReference,omitempty"`
}

// Coding is a code from a code system, with its display text.
type Coding struct {
	System  string `json:"system,omitempty"`
	Code    string `json:"code,omitempty"`
	Display string `json:"display,omitempty"`
}

// CodeableConcept is a set of codings with an optional text.
type CodeableConcept struct {
	Coding []Coding `json:"coding,omitempty"`
	Text   string   `json:"text,omitempty"`
}

// Extension is a FHIR extension with the value types Firstperson uses.
type Extension struct {
	URL                  string           `json:"url"`
	ValueString          *string          `json:"valueString,omitempty"`
	ValueCode            *string          `json:"valueCode,omitempty"`
	ValueBoolean         *bool            `json:"valueBoolean,omitempty"`
	ValueCodeableConcept *CodeableConcept `json:"valueCodeableConcept,omitempty"`
}

// Reference points at another resource; Firstperson only uses display.
type Reference struct {
	Reference string `json:"reference,omitempty"`
	Display   string `json:"display,omitempty"`
}

// QuestionnaireResponse is a FHIR R4 QuestionnaireResponse: one assessment's
// answers against the pinned template version.
type QuestionnaireResponse struct {
	ResourceType  string         `json:"resourceType"`
	ID            string         `json:"id,omitempty"`
	Questionnaire string         `json:"questionnaire,omitempty"`
	Status        string         `json:"status"`
	Subject       *Reference     `json:"subject,omitempty"`
	Authored      string         `json:"authored,omitempty"`
	Author        *Reference     `json:"author,omitempty"`
	Item          []ResponseItem `json:"item,omitempty"`
}

// ResponseItem is one group or question of a QuestionnaireResponse. R4
// requires it to hold either answers or child items, never both.
type ResponseItem struct {
	LinkID string           `json:"linkId"`
	Text   string           `json:"text,omitempty"`
	Answer []ResponseAnswer `json:"answer,omitempty"`
	Item   []ResponseItem   `json:"item,omitempty"`
}

// ResponseAnswer is one answer value; exactly one value[x] element is set.
type ResponseAnswer struct {
	ValueBoolean    *bool       `json:"valueBoolean,omitempty"`
	ValueDecimal    *float64    `json:"valueDecimal,omitempty"`
	ValueDate       *string     `json:"valueDate,omitempty"`
	ValueString     *string     `json:"valueString,omitempty"`
	ValueAttachment *Attachment `json:"valueAttachment,omitempty"`
}

// Attachment carries inline binary content, base64 encoded.
type Attachment struct {
	ContentType string `json:"contentType,omitempty"`
	Data        string `json:"data,omitempty"`
	Title       string `json:"title,omitempty"`
	Creation    string `json:"creation,omitempty"`
}

// The FHIR item types Firstperson writes.
const (
	itemGroup      = "group"
	itemDisplay    = "display"
	itemBoolean    = "boolean"
	itemDecimal    = "decimal"
	itemDate       = "date"
	itemString     = "string"
	itemText       = "text"
	itemChoice     = "choice"
	itemAttachment = "attachment"
)

// Extension URLs and codes.
const (
	// ItemControlURL is the R4 core extension that says how an item is shown.
	ItemControlURL = "http://hl7.org/fhir/StructureDefinition/questionnaire-itemControl"
	// ItemControlSystem is the code system of ItemControlURL codes.
	ItemControlSystem = "http://hl7.org/fhir/questionnaire-item-control"
	// MimeTypeURL is the R4 core extension restricting attachment types.
	MimeTypeURL = "http://hl7.org/fhir/StructureDefinition/mimeType"
	// EntryFormatURL is the R4 extension with a hint on how to enter an
	// answer; import reads it as a hint when there is no help item.
	EntryFormatURL = "http://hl7.org/fhir/StructureDefinition/entryFormat"
	// InfoHintURL is Firstperson's own extension holding the assessor hint of
	// an information (display) item: R4 forbids child items under display
	// items (que-1), so the help child used elsewhere is not allowed there.
	// FHIR allows a logical name as an extension URL; this one never changes.
	InfoHintURL = "urn:firstperson:fhir:extension:info-hint"
)

func ptr[T any](v T) *T { return &v }
