package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"firstperson/models"
)

func TestUserPasswdDisableAndTeamTemplate(t *testing.T) {
	ctx := context.Background()
	db := filepath.Join(t.TempDir(), "fp.db")
	if code, out, errOut := runCmd(t, "", "user", "add", "-db", db, "-email", "lee@example.org", "-name", "Lee Lead",
		"-role", "lead", "-team", "Ward 9 team"); code != 0 || !strings.Contains(out, "one-time password") {
		t.Fatalf("user add: %d %q %q", code, out, errOut)
	}
	if code, _, errOut := runCmd(t, "password12\n", "user", "add", "-db", db, "-email", "x@example.org", "-name", "X",
		"-role", "lead", "-team", "Ward 9 team"); code != 1 || !strings.Contains(errOut, "too short") {
		t.Fatalf("password12 accepted: %d %q", code, errOut)
	}
	if code, _, errOut := runCmd(t, strings.Repeat(" ", 10)+"\n", "user", "add", "-db", db, "-email", "y@example.org",
		"-name", "Y", "-role", "lead", "-team", "Ward 9 team"); code != 1 || !strings.Contains(errOut, "-password:") {
		t.Fatalf("ten spaces accepted: %d %q", code, errOut)
	}
	for _, tc := range []struct{ stdin, want string }{
		{"password1234\n", "most common"},
		{"lee@example.org\n", "email address"},
	} {
		if code, _, errOut := runCmd(t, tc.stdin, "user", "passwd", "-db", db, "-email", "lee@example.org"); code != 1 ||
			!strings.Contains(errOut, tc.want) {
			t.Fatalf("passwd %q: %d %q", tc.stdin, code, errOut)
		}
	}
	// The generated password is one-time; a password given on stdin is the person's own.
	if code, _, errOut := runCmd(t, "a chosen pass phrase\n", "user", "add", "-db", db, "-email", "own@example.org", "-name", "Own",
		"-role", "assessor", "-team", "Ward 9 team"); code != 0 {
		t.Fatalf("user add with stdin: %q", errOut)
	}
	store, err := models.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	for email, want := range map[string]bool{"lee@example.org": true, "own@example.org": false} {
		if u, err := store.UserByEmail(ctx, email); err != nil || u.MustChangePassword != want {
			t.Fatalf("%s must change = %v (%v), want %v", email, u.MustChangePassword, err, want)
		}
	}
	store.Close()
	if code, out, errOut := runCmd(t, "violet kettle harbour\n", "user", "passwd", "-db", db, "-email", "lee@example.org"); code != 0 ||
		!strings.Contains(out, "Password changed") {
		t.Fatalf("passwd: %d %q %q", code, out, errOut)
	}
	if code, _, errOut := runCmd(t, "violet kettle harbour\n", "user", "passwd", "-db", db, "-email", "nobody@example.org"); code != 1 ||
		!strings.Contains(errOut, "no such user") {
		t.Fatalf("passwd unknown: %d %q", code, errOut)
	}

	store, err = models.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	u, err := store.Authenticate(ctx, "lee@example.org", "violet kettle harbour")
	if err != nil || u.MustChangePassword {
		t.Fatalf("sign in with the new password: %v %+v", err, u)
	}
	// The new team has its own published default template.
	ts, err := store.Templates(ctx, u.TeamID)
	if err != nil || len(ts) != 1 || ts[0].PublishedVersion == nil {
		t.Fatalf("new team's templates: %v %+v", err, ts)
	}
	store.Close()

	if code, out, errOut := runCmd(t, "", "user", "disable", "-db", db, "-email", "lee@example.org"); code != 0 ||
		!strings.Contains(out, "Disabled") {
		t.Fatalf("disable: %d %q %q", code, out, errOut)
	}
	store, err = models.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer store.Close()
	if _, err := store.Authenticate(ctx, "lee@example.org", "violet kettle harbour"); err == nil {
		t.Fatal("a disabled user can still sign in")
	}
}
