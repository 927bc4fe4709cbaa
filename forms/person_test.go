package forms

import (
	"strings"
	"testing"
	"time"
)

func TestValidNHSNumber(t *testing.T) {
	tests := []struct {
		digits string
		want   bool
	}{
		{"9434765919", true}, // the well-known test number
		{"4010232137", true},
		{"9434765870", true},
		{"1000000060", true},  // sum mod 11 is 0: check digit 11 becomes 0
		{"1000000010", false}, // check digit would be 10: never issued
		{"1000000011", false},
		{"9434765918", false}, // last digit off by one
		{"9434765991", false}, // two digits swapped
		{"1234567890", false},
		{"943476591", false},   // nine digits
		{"94347659190", false}, // eleven digits
		{"943 476 5919", false},
		{"94347659l9", false}, // a letter l for a one
		{"", false},
	}
	for _, tt := range tests {
		if got := ValidNHSNumber(tt.digits); got != tt.want {
			t.Errorf("ValidNHSNumber(%q) = %v, want %v", tt.digits, got, tt.want)
		}
	}
}

func TestFormatNHSNumber(t *testing.T) {
	tests := map[string]string{
		"9434765919":   "943 476 5919",
		"943476591":    "943476591",
		"943 476 5919": "943 476 5919",
		"abcdefghij":   "abcdefghij",
		"":             "",
	}
	for in, want := range tests {
		if got := FormatNHSNumber(in); got != want {
			t.Errorf("FormatNHSNumber(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestPersonNormalized(t *testing.T) {
	got := Person{
		Name:        "  Zoë \t Ó'Brien-Łukasiewicz\n",
		NHSNumber:   " 943-476 5919 ",
		DateOfBirth: " 1936-04-02\n",
	}.Normalized()
	want := Person{Name: "Zoë Ó'Brien-Łukasiewicz", NHSNumber: "9434765919", DateOfBirth: "1936-04-02"}
	if got != want {
		t.Errorf("Normalized() = %+v, want %+v", got, want)
	}
}

func TestPersonValidate(t *testing.T) {
	today := time.Date(2026, time.March, 14, 23, 30, 0, 0, time.UTC)
	valid := Person{Name: "Zoë Ó'Brien-Łukasiewicz", NHSNumber: "9434765919", DateOfBirth: "1936-04-02"}
	if err := valid.Validate(today); err != nil {
		t.Fatalf("valid person: %v", err)
	}
	tests := []struct {
		name     string
		change   func(p *Person)
		field    string
		contains string
	}{
		{"blank name", func(p *Person) { p.Name = "" }, "person.name", "name"},
		{"long name", func(p *Person) { p.Name = strings.Repeat("é", 201) }, "person.name", "200"},
		{"control character in name", func(p *Person) { p.Name = "Zoë\x07" }, "person.name", "cannot be saved"},
		{"invalid UTF-8 name", func(p *Person) { p.Name = "Zo\xeb" }, "person.name", "cannot be saved"},
		{"short NHS number", func(p *Person) { p.NHSNumber = "943476591" }, "person.nhs_number", "10 digits"},
		{"NHS number with letters", func(p *Person) { p.NHSNumber = "94347659l9" }, "person.nhs_number", "10 digits"},
		{"NHS number not normalized", func(p *Person) { p.NHSNumber = "943 476 5919" }, "person.nhs_number", "10 digits"},
		{"NHS check digit wrong", func(p *Person) { p.NHSNumber = "9434765918" }, "person.nhs_number", "check digit is wrong"},
		{"missing date of birth", func(p *Person) { p.DateOfBirth = "" }, "person.date_of_birth", "YYYY-MM-DD"},
		{"date of birth in another format", func(p *Person) { p.DateOfBirth = "02/04/1936" }, "person.date_of_birth", "YYYY-MM-DD"},
		{"date of birth not real", func(p *Person) { p.DateOfBirth = "1937-02-29" }, "person.date_of_birth", "real date"},
		{"date of birth tomorrow", func(p *Person) { p.DateOfBirth = "2026-03-15" }, "person.date_of_birth", "future"},
		{"date of birth over 125 years ago", func(p *Person) { p.DateOfBirth = "1901-03-13" }, "person.date_of_birth", "125 years"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := valid
			tt.change(&p)
			fields := validationFields(t, p.Validate(today))
			msg, ok := fields[tt.field]
			if !ok {
				t.Fatalf("no problem reported for %q; got %v", tt.field, fields)
			}
			if len(fields) != 1 {
				t.Errorf("want only %q, got %v", tt.field, fields)
			}
			assertReadable(t, msg)
			if !strings.Contains(msg, tt.contains) {
				t.Errorf("message %q does not mention %q", msg, tt.contains)
			}
		})
	}
}

func TestPersonValidateEdges(t *testing.T) {
	today := time.Date(2026, time.March, 14, 0, 5, 0, 0, time.UTC)
	for _, p := range []Person{
		{Name: "Ada Test", DateOfBirth: "2026-03-14"},                          // born today
		{Name: "Ada Test", DateOfBirth: "1901-03-14"},                          // earliest allowed: 125 years ago today
		{Name: "Ada Test", NHSNumber: "", DateOfBirth: "1950-01-01"},           // NHS number is optional
		{Name: strings.Repeat("a", 200), DateOfBirth: "1950-01-01"},            // longest name
		{Name: "Ada Test", NHSNumber: "1000000060", DateOfBirth: "1950-01-01"}, // check digit 0
	} {
		if err := p.Validate(today); err != nil {
			t.Errorf("%+v: %v", p, err)
		}
	}
	// Every problem is reported at once.
	fields := validationFields(t, Person{NHSNumber: "1", DateOfBirth: "x"}.Validate(today))
	if len(fields) != 3 {
		t.Errorf("want 3 problems, got %v", fields)
	}
}
