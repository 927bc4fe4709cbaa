// Package pgtest gives tests a PostgreSQL database of their own, made from
// the server named by FIRSTPERSON_TEST_POSTGRES (.ci/run starts one). It is
// imported only by tests.
package pgtest

import (
	"context"
	"fmt"
	"hash/crc32"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/jackc/pgx/v5"
)

// Env names the PostgreSQL URL the tests may use.
const Env = "FIRSTPERSON_TEST_POSTGRES"

// StoreEnv, set to "postgres", runs the tests that open a store through
// the packages' usual helpers on PostgreSQL instead of SQLite (.ci/run
// does this for the models suite).
const StoreEnv = "FIRSTPERSON_TEST_STORE"

// OnPostgres reports whether StoreEnv asks for PostgreSQL.
func OnPostgres() bool { return os.Getenv(StoreEnv) == "postgres" }

// SQLiteOnly skips a test that checks something only SQLite has (a file,
// its pragmas, VACUUM INTO) when the suite runs on PostgreSQL.
func SQLiteOnly(t testing.TB) {
	t.Helper()
	if OnPostgres() {
		t.Skip("SQLite only; this run is on PostgreSQL")
	}
}

var safeName = regexp.MustCompile(`[^a-z0-9_]+`)

// DSN returns the URL of an empty database named after the URL's database
// and name (it is dropped and made again, and dropped once the test has
// passed), on the server in $Env. Without
// $Env the test skips, or fails when CI=true: CI must prove PostgreSQL.
func DSN(t testing.TB, name string) string {
	t.Helper()
	base := os.Getenv(Env)
	if base == "" {
		if os.Getenv("CI") == "true" {
			t.Fatalf("%s is not set but CI=true: .ci/run starts PostgreSQL and sets it", Env)
		}
		t.Skipf("%s is not set; skipping the PostgreSQL run", Env)
	}
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("%s: %v", Env, err)
	}
	db := safeName.ReplaceAllString(strings.ToLower(strings.TrimPrefix(u.Path, "/")+"_"+name), "_")
	if len(db) > 60 {
		sum := crc32.ChecksumIEEE([]byte(db))
		db = fmt.Sprintf("%s_%08x", db[:50], sum)
	}
	ctx := context.Background()
	conn, err := pgx.Connect(ctx, base)
	if err != nil {
		t.Fatalf("connect to %s: %v", Env, err)
	}
	defer conn.Close(ctx)
	ident := pgx.Identifier{db}.Sanitize()
	if _, err := conn.Exec(ctx, "DROP DATABASE IF EXISTS "+ident+" WITH (FORCE)"); err != nil {
		t.Fatalf("drop %s: %v", db, err)
	}
	if _, err := conn.Exec(ctx, "CREATE DATABASE "+ident); err != nil {
		t.Fatalf("create %s: %v", db, err)
	}
	// A passing test's database is dropped at the end (those of failing
	// tests stay for a look), so a long run does not leave a server
	// vacuuming hundreds of them.
	t.Cleanup(func() {
		if t.Failed() {
			return
		}
		if c, err := pgx.Connect(ctx, base); err == nil {
			_, _ = c.Exec(ctx, "DROP DATABASE IF EXISTS "+ident+" WITH (FORCE)")
			c.Close(ctx)
		}
	})
	u.Path = "/" + db
	return fmt.Sprint(u)
}
