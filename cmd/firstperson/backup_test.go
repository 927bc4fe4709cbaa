package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestBackupCommand(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "fp.db")
	if code, out, errOut := runCmd(t, "a long enough password\n", "user", "add", "-db", db, "-email", "ada@example.org",
		"-name", "Ada Assessor", "-role", "assessor", "-team", "Ward 7 team"); code != 0 {
		t.Fatalf("user add: %d %q %q", code, out, errOut)
	}
	out := filepath.Join(dir, "copy.db")
	code, stdout, errOut := runCmd(t, "", "backup", "-db", db, "-out", out)
	if code != 0 || !strings.Contains(stdout, "integrity check ok") {
		t.Fatalf("backup: %d %q %q", code, stdout, errOut)
	}
	// The copy is a working database: the user is there.
	if code, stdout, errOut := runCmd(t, "", "token", "add", "-db", out, "-email", "ada@example.org"); code != 0 {
		t.Fatalf("token add on the copy: %d %q %q", code, stdout, errOut)
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"backup", "-db", db}, "-out is required"},
		{[]string{"backup", "-db", db, "-out", out}, "already exists"},
		{[]string{"backup", "-db", filepath.Join(dir, "none.db"), "-out", out + "2"}, "no database"},
		{[]string{"backup", "-db", "postgres://fp@127.0.0.1/fp", "-out", out + "3"}, "pg_dump"},
	} {
		code, _, errOut := runCmd(t, "", tc.args...)
		if code == 0 || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: %d %q", tc.args, code, errOut)
		}
	}
	if _, err := os.Stat(out + "2"); err == nil {
		t.Error("a failed backup left a file")
	}
}

// TestServeWarnsWhenTheDatabaseIsReadOnly starts serve on a database opened
// read-only, with a context that ends after a few seconds.
func TestServeWarnsWhenTheDatabaseIsReadOnly(t *testing.T) {
	db := filepath.Join(t.TempDir(), "fp.db")
	if code, _, errOut := runCmd(t, "a long enough password\n", "user", "add", "-db", db, "-email", "ada@example.org",
		"-name", "Ada Assessor", "-role", "assessor", "-team", "Ward 7 team"); code != 0 {
		t.Fatalf("user add: %q", errOut)
	}
	for _, c := range []struct {
		dsn  string
		warn bool
	}{{db, false}, {"file:" + db + "?mode=ro", true}} {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		var out, errOut bytes.Buffer
		run(ctx, []string{"serve", "-addr", "127.0.0.1:0", "-db", c.dsn}, func(string) string { return "" }, strings.NewReader(""), &out, &errOut)
		cancel()
		if got := strings.Contains(errOut.String(), "the database is read-only"); got != c.warn {
			t.Errorf("%s: warned %v, want %v; stderr %q", c.dsn, got, c.warn, errOut.String())
		}
	}
}
