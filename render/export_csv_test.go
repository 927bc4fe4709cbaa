package render

import (
	"testing"

	"firstperson/forms"
)

func TestExportCell(t *testing.T) {
	q := func(typ forms.QuestionType) *forms.Question { return &forms.Question{ID: "q", Type: typ} }
	cases := []struct {
		name string
		q    *forms.Question
		v    any
		want string
	}{
		{"nil", q(forms.TypeText), nil, ""},
		{"text", q(forms.TypeText), "Zoë", "Zoë"},
		{"yes", q(forms.TypeYesNo), true, "yes"},
		{"no", q(forms.TypeYesNo), false, "no"},
		{"multichoice", q(forms.TypeMultiChoice), []any{"Glasses", "Hearing aids"}, "Glasses; Hearing aids"},
		{"number", q(forms.TypeNumber), 2.5, "2.5"},
		{"whole number", q(forms.TypeNumber), 3.0, "3"},
		{"drawn signature", q(forms.TypeSignature), "data:image/png;base64,iVBORw0KGgo=", "signed"},
		{"typed signature", q(forms.TypeSignature), map[string]any{"typed": "Ada Assessor", "confirmed": true}, "typed"},
		{"empty typed signature", q(forms.TypeSignature), map[string]any{"typed": " "}, ""},
		{"table", q(forms.TypeTable), []any{map[string]any{}, map[string]any{}}, "2"},
		{"date", q(forms.TypeDate), "2026-11-20", "2026-11-20"},
	}
	for _, c := range cases {
		if got := ExportCell(c.q, c.v); got != c.want {
			t.Errorf("%s: ExportCell = %q, want %q", c.name, got, c.want)
		}
	}
}

func TestGuardCell(t *testing.T) {
	for in, want := range map[string]string{
		"=1+1": "'=1+1", "+44 20": "'+44 20", "-ish": "'-ish", "@SUM(A1)": "'@SUM(A1)", "\tx": "'\tx", "\rx": "'\rx",
		"-1.5": "-1.5", "2": "2", "-Inf": "'-Inf", "NaN": "NaN", "a=b": "a=b", "": "", "Łucja": "Łucja",
	} {
		if got := GuardCell(in); got != want {
			t.Errorf("GuardCell(%q) = %q, want %q", in, got, want)
		}
	}
}
