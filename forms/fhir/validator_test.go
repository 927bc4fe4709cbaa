package fhir

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"firstperson/forms"
)

// The exports are checked by tools we did not write: testdata/validator
// runs FHIR.js (R4 structure definitions) and HL7's fhirpath.js (the R4
// invariants); validate.js says exactly what each covers.

const validatorDir = "testdata/validator"

var npmInstall struct {
	once sync.Once
	err  error
	out  []byte
}

// requireValidator returns the path of node, installing the validator's npm
// packages (npm ci, from package-lock.json) the first time. Without node or
// npm the test is skipped, except in CI (CI=true), where it fails.
func requireValidator(t *testing.T) string {
	t.Helper()
	node, nodeErr := exec.LookPath("node")
	_, npmErr := exec.LookPath("npm")
	if nodeErr != nil || npmErr != nil {
		msg := "node and npm are needed for the independent FHIR validator (testdata/validator); install Node.js 18 or later"
		if os.Getenv("CI") == "true" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	npmInstall.once.Do(func() {
		for _, pkg := range []string{"fhir", "fhirpath"} {
			if _, err := os.Stat(filepath.Join(validatorDir, "node_modules", pkg, "package.json")); err != nil {
				cmd := exec.Command("npm", "ci", "--no-audit", "--no-fund")
				cmd.Dir = validatorDir
				npmInstall.out, npmInstall.err = cmd.CombinedOutput()
				return
			}
		}
	})
	if npmInstall.err != nil {
		t.Fatalf("npm ci in %s: %v\n%s", validatorDir, npmInstall.err, npmInstall.out)
	}
	return node
}

// validatorMessage is one finding of validate.js.
type validatorMessage struct {
	Severity string `json:"severity"`
	Source   string `json:"source"`
	Location string `json:"location"`
	Message  string `json:"message"`
}

// runValidator validates each resource (written to a temporary file named by
// its key) and returns the messages per key.
func runValidator(t *testing.T, resources map[string]any) map[string][]validatorMessage {
	t.Helper()
	node := requireValidator(t)
	dir := t.TempDir()
	byFile := map[string]string{}
	args := []string{"validate.js"}
	for name, r := range resources {
		path := filepath.Join(dir, name+".json")
		if err := os.WriteFile(path, mustJSON(t, r), 0o600); err != nil {
			t.Fatal(err)
		}
		byFile[path] = name
		args = append(args, path)
	}
	cmd := exec.Command(node, args...)
	cmd.Dir = validatorDir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	err := cmd.Run()
	if exit, ok := err.(*exec.ExitError); err != nil && (!ok || exit.ExitCode() != 1) {
		t.Fatalf("validate.js: %v\n%s", err, stderr.String())
	}
	got := map[string][]validatorMessage{}
	sc := bufio.NewScanner(&stdout)
	sc.Buffer(nil, 16<<20)
	for sc.Scan() {
		var report struct {
			File     string             `json:"file"`
			Messages []validatorMessage `json:"messages"`
		}
		if err := json.Unmarshal(sc.Bytes(), &report); err != nil {
			t.Fatalf("validate.js printed %q: %v", sc.Text(), err)
		}
		got[byFile[report.File]] = report.Messages
	}
	if len(got) != len(resources) {
		t.Fatalf("validate.js reported on %d of %d files\n%s", len(got), len(resources), stderr.String())
	}
	return got
}

func errorsOf(messages []validatorMessage) []string {
	var out []string
	for _, m := range messages {
		if m.Severity == "error" || m.Severity == "fatal" {
			out = append(out, fmt.Sprintf("%s %s at %s: %s", m.Severity, m.Source, m.Location, m.Message))
		}
	}
	return out
}

// sampleAnswers answers every answerable question of s with a value of the
// right shape, so every kind of response item is exported.
func sampleAnswers(s *forms.Schema) forms.Answers {
	a := forms.Answers{}
	for _, q := range s.Questions() {
		switch q.Type {
		case forms.TypeText, forms.TypeLongText:
			a[q.ID] = "Answer to " + q.Label
		case forms.TypeYesNo:
			a[q.ID] = true
		case forms.TypeChoice:
			a[q.ID] = q.Options[0]
		case forms.TypeMultiChoice:
			a[q.ID] = []any{q.Options[0], q.Options[len(q.Options)-1]}
		case forms.TypeDate:
			a[q.ID] = "2026-10-31"
		case forms.TypeNumber:
			a[q.ID] = 2.0
		case forms.TypeSignature:
			a[q.ID] = "data:image/png;base64,iVBORw0KGgo="
		case forms.TypeTable:
			var rows []any
			for r := 0; r < 2; r++ {
				row := map[string]any{}
				for _, c := range q.Columns {
					row[c.ID] = fmt.Sprintf("%s %d", c.Label, r+1)
				}
				rows = append(rows, row)
			}
			a[q.ID] = rows
		}
	}
	return a
}

func TestExportsPassIndependentValidator(t *testing.T) {
	def, every := forms.DefaultTemplate(), everyTypeSchema()
	draft := testQuestionnaireMeta
	draft.Published, draft.Publisher = false, ""
	inProgress := testResponseMeta
	inProgress.Completed = false
	imported, _, err := FromQuestionnaire([]byte(foreignQuestionnaire))
	if err != nil {
		t.Fatalf("import: %v", err)
	}
	resources := map[string]any{
		"imported-questionnaire":      ToQuestionnaire(imported, draft),
		"imported-response":           ToResponse(imported, sampleAnswers(imported), inProgress),
		"default-questionnaire":       ToQuestionnaire(def, testQuestionnaireMeta),
		"default-questionnaire-draft": ToQuestionnaire(def, draft),
		"every-type-questionnaire":    ToQuestionnaire(every, testQuestionnaireMeta),
		"default-response":            ToResponse(def, sampleAnswers(def), testResponseMeta),
		"every-type-response":         ToResponse(every, everyTypeAnswers(), testResponseMeta),
		"every-type-response-all":     ToResponse(every, sampleAnswers(every), inProgress),
		"typed-signature-response":    ToResponse(every, typedSignatureAnswers(), testResponseMeta),
		"empty-response":              ToResponse(every, forms.Answers{}, ResponseMeta{QuestionnaireURL: draft.URL, Version: 3}),
	}
	for name, messages := range runValidator(t, resources) {
		if errs := errorsOf(messages); len(errs) > 0 {
			t.Errorf("%s: the FHIR validator found %d errors:\n%s", name, len(errs), strings.Join(errs, "\n"))
		}
		for _, m := range messages {
			if m.Severity == "warning" {
				t.Logf("%s: warning %s at %s: %s", name, m.Source, m.Location, m.Message)
			}
		}
	}
}

// TestIndependentValidatorCatchesBrokenResources keeps the validator honest:
// if it stopped looking (say, at nested items), the test above would pass
// for nothing.
func TestIndependentValidatorCatchesBrokenResources(t *testing.T) {
	q := ToQuestionnaire(everyTypeSchema(), testQuestionnaireMeta)
	dupLink := ToQuestionnaire(everyTypeSchema(), testQuestionnaireMeta)
	dupLink.Item[1].Item[0].LinkID = "my-name"
	badType := ToQuestionnaire(everyTypeSchema(), testQuestionnaireMeta)
	findItem(badType.Item, "sugar").Type = "number"
	emptyGroup := ToQuestionnaire(everyTypeSchema(), testQuestionnaireMeta)
	findItem(emptyGroup.Item, "contacts").Item = nil
	badDate := ToResponse(everyTypeSchema(), everyTypeAnswers(), testResponseMeta)
	for i := range badDate.Item[2].Item {
		if it := &badDate.Item[2].Item[i]; it.LinkID == "arrived" {
			it.Answer[0].ValueDate = ptr("2026-13-45")
		}
	}
	bothInItem := ToResponse(everyTypeSchema(), everyTypeAnswers(), testResponseMeta)
	bothInItem.Item[0].Answer = []ResponseAnswer{{ValueString: ptr("x")}}
	noAnswer := ToQuestionnaire(everyTypeSchema(), testQuestionnaireMeta)
	findItem(noAnswer.Item, "no-pet-why").EnableWhen[0].AnswerBoolean = nil
	unknownField := map[string]any{"resourceType": "Questionnaire", "status": "draft", "item": []any{
		map[string]any{"linkId": "g", "type": "group", "item": []any{map[string]any{"linkId": "q", "type": "string", "label": "wrong field"}}}}}
	tests := map[string]struct {
		resource any
		want     string
	}{
		"duplicate linkId":       {dupLink, "que-2"},
		"unknown nested type":    {badType, `Code "number" not found`},
		"empty nested group":     {emptyGroup, "que-1"},
		"impossible date":        {badDate, "Invalid date format"},
		"answer and items":       {bothInItem, "qrs-1"},
		"enableWhen no answer":   {noAnswer, "answer[x]: Missing property"},
		"unknown nested element": {unknownField, "Unexpected property"},
		"control (valid)":        {q, ""},
	}
	resources := map[string]any{}
	for name, tt := range tests {
		resources[strings.ReplaceAll(name, " ", "-")] = tt.resource
	}
	got := runValidator(t, resources)
	for name, tt := range tests {
		errs := strings.Join(errorsOf(got[strings.ReplaceAll(name, " ", "-")]), "\n")
		switch {
		case tt.want == "" && errs != "":
			t.Errorf("%s: unexpected errors:\n%s", name, errs)
		case tt.want != "" && !strings.Contains(errs, tt.want):
			t.Errorf("%s: errors %q do not mention %q", name, errs, tt.want)
		}
	}
}
