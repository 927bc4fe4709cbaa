package forms

import (
	"strings"
	"testing"
)

func TestCommonPasswordListIsLarge(t *testing.T) {
	if n := CommonPasswordCount(); n < 10000 {
		t.Fatalf("common password list has %d entries, want at least 10,000", n)
	}
}

func TestPasswordProblem(t *testing.T) {
	for _, tc := range []struct {
		name, password, email, want string
	}{
		{"fine", "violet kettle harbour", "ann@example.org", ""},
		{"exactly twelve", "kq8#vTz!m2Lp", "ann@example.org", ""},
		{"128 characters", strings.Repeat("ab", 64), "", ""},
		{"accented letters count as one each", "ĉĉĉĉĉĉĉĉĉĉĉx", "", ""},
		{"too short", "password12", "", "too short"},
		{"eleven characters", "kq8#vTz!m2L", "", "too short"},
		{"too long", strings.Repeat("ab", 64) + "c", "", "too long"},
		{"ten spaces", strings.Repeat(" ", 10), "", "too short"},
		{"twelve spaces", strings.Repeat(" ", 12), "", "only spaces"},
		{"one character repeated", strings.Repeat("x", 14), "", "repeat one character"},
		{"common", "password1234", "", "most common"},
		{"common in capitals", "PASSWORD1234", "", "most common"},
		{"common 12+", "012345678910", "", "most common"},
		{"the email", "Ann.Example@Example.org", "ann.example@example.org", "email address"},
		{"the email's name part", "ann.example.smith", "ann.example.smith@example.org", "email address"},
		{"invalid utf-8", "abcdefghijk\xff", "", "not valid text"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := PasswordProblem(tc.password, tc.email)
			if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
				t.Fatalf("PasswordProblem(%q) = %q, want %q", tc.password, got, tc.want)
			}
		})
	}
}
