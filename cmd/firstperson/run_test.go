package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"testing"
)

// runCmd runs the program in-process.
func runCmd(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code := run(context.Background(), args, func(string) string { return "" }, strings.NewReader(stdin), &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestUserAndTokenAdd(t *testing.T) {
	db := filepath.Join(t.TempDir(), "fp.db")
	code, out, errOut := runCmd(t, "a long enough password\n", "user", "add", "-db", db, "-email", "Ada@Example.org",
		"-name", "Ada Assessor", "-role", "assessor", "-team", "Ward 7 team")
	if code != 0 || !strings.Contains(out, "ada@example.org") || strings.Contains(out, "Password") {
		t.Fatalf("user add: %d %q %q", code, out, errOut)
	}
	// Without a password on stdin one is generated and printed.
	code, out, _ = runCmd(t, "", "user", "add", "-db", db, "-email", "lee@example.org", "-name", "Lee Lead", "-role", "lead", "-team", "Ward 7 team")
	if code != 0 || !strings.Contains(out, "Password (shown once): ") {
		t.Fatalf("user add with generated password: %d %q", code, out)
	}
	code, out, _ = runCmd(t, "", "token", "add", "-db", db, "-email", "ada@example.org")
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if code != 0 || len(lines[len(lines)-1]) < 40 || strings.Contains(lines[len(lines)-1], " ") {
		t.Fatalf("token add: %d %q", code, out)
	}

	for _, tc := range []struct {
		name string
		args []string
		want string
	}{
		{"duplicate email", []string{"-email", "ada@example.org", "-name", "Ada", "-role", "assessor", "-team", "Ward 7 team"}, "already exists"},
		{"bad role", []string{"-email", "x@example.org", "-name", "X", "-role", "admin", "-team", "Ward 7 team"}, "-role: role must be lead or assessor"},
		{"bad email", []string{"-email", "not-an-email", "-name", "X", "-role", "lead", "-team", "Ward 7 team"}, "-email:"},
		{"short password", []string{"-email", "y@example.org", "-name", "Y", "-role", "lead", "-team", "Ward 7 team"}, "-password:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			stdin := "a long enough password\n"
			if tc.name == "short password" {
				stdin = "short\n"
			}
			code, _, errOut := runCmd(t, stdin, append([]string{"user", "add", "-db", db}, tc.args...)...)
			if code != 1 || !strings.Contains(errOut, tc.want) {
				t.Fatalf("exit %d, stderr %q, want %q", code, errOut, tc.want)
			}
		})
	}
	code, _, errOut = runCmd(t, "", "token", "add", "-db", db, "-email", "nobody@example.org")
	if code != 1 || !strings.Contains(errOut, "no such user") {
		t.Fatalf("token for unknown user: %d %q", code, errOut)
	}
	if code, _, _ := runCmd(t, "", "frobnicate"); code != 2 {
		t.Fatalf("unknown command exit = %d", code)
	}
}
