package forms

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

const (
	maxPersonNameLen = 200
	personErrorText  = "the person's details have problems"
)

// maxAgeYears is the oldest age accepted: a date of birth further back is
// a typo, not a person alive to be assessed.
const maxAgeYears = 125

// ValidNHSNumber reports whether digits is a ten-digit NHS number whose
// last digit is the modulus-11 check digit of the first nine (weights 10
// down to 2; a result of 11 means 0 and 10 means the number is invalid).
func ValidNHSNumber(digits string) bool {
	if len(digits) != 10 || !allDigits(digits) {
		return false
	}
	sum := 0
	for i := 0; i < 9; i++ {
		sum += int(digits[i]-'0') * (10 - i)
	}
	check := 11 - sum%11
	switch check {
	case 11:
		check = 0
	case 10:
		return false // no number is issued with this check digit
	}
	return int(digits[9]-'0') == check
}

// FormatNHSNumber writes a ten-digit NHS number the way people read it,
// "943 476 5919"; anything else comes back unchanged.
func FormatNHSNumber(digits string) string {
	if len(digits) != 10 || !allDigits(digits) {
		return digits
	}
	return digits[:3] + " " + digits[3:6] + " " + digits[6:]
}

// Normalized returns the person as stored: the name trimmed with inner runs
// of whitespace made one space and in Unicode form NFC, the NHS number without the spaces or
// hyphens people type in it, and the date of birth trimmed.
func (p Person) Normalized() Person {
	return Person{
		Name: NFC(strings.Join(strings.Fields(p.Name), " ")),
		NHSNumber: strings.Map(func(r rune) rune {
			if r == '-' || unicode.IsSpace(r) {
				return -1
			}
			return r
		}, p.NHSNumber),
		DateOfBirth: strings.TrimSpace(p.DateOfBirth),
	}
}

// Validate checks a normalized person and returns nil or a
// *ValidationError with fields "person.name", "person.nhs_number" and
// "person.date_of_birth". today is the caller's clock, so a date of birth
// in the future can be caught and tests can fix the date.
func (p Person) Validate(today time.Time) error {
	f := fieldErrors{}
	switch {
	case strings.TrimSpace(p.Name) == "":
		f.add("person.name", "enter the person's name")
	case !utf8.ValidString(p.Name) || strings.IndexFunc(p.Name, unicode.IsControl) >= 0:
		f.add("person.name", "the name contains characters that cannot be saved; please retype it")
	case utf8.RuneCountInString(p.Name) > maxPersonNameLen:
		f.add("person.name", "keep the name to %d characters or fewer", maxPersonNameLen)
	case InvisibleProblem(p.Name) != "":
		f.add("person.name", "the name %s", InvisibleProblem(p.Name))
	}

	switch {
	case p.NHSNumber == "":
		// Optional: not everyone has one to hand on the ward.
	case len(p.NHSNumber) != 10 || !allDigits(p.NHSNumber):
		f.add("person.nhs_number", "an NHS number has 10 digits, such as 943 476 5919")
	case !ValidNHSNumber(p.NHSNumber):
		f.add("person.nhs_number", "this NHS number's check digit is wrong — please check it")
	}

	dob := p.DateOfBirth
	switch {
	case dob == "":
		f.add("person.date_of_birth", "enter the date of birth as YYYY-MM-DD")
	default:
		d, err := time.Parse("2006-01-02", dob)
		// Compare calendar dates in the caller's time zone, so someone born
		// today is accepted whatever the hour.
		todayDate := time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC)
		switch {
		case err != nil || len(dob) != len("2006-01-02"):
			f.add("person.date_of_birth", "enter a real date of birth as YYYY-MM-DD")
		case d.After(todayDate):
			f.add("person.date_of_birth", "the date of birth cannot be in the future")
		case d.Before(todayDate.AddDate(-maxAgeYears, 0, 0)):
			f.add("person.date_of_birth", "the date of birth cannot be more than %d years ago", maxAgeYears)
		}
	}
	return f.err(personErrorText)
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
