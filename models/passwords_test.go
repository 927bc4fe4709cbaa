package models

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"
)

func testStore(t *testing.T) *Store {
	t.Helper()
	s, err := Open(context.Background(), filepath.Join(t.TempDir(), "pw.db"), WithPasswordCost(bcrypt.MinCost))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// Every byte of a long passphrase counts: bcrypt alone would ignore all
// after the 72nd.
func TestLongPasswordsAreNotTruncated(t *testing.T) {
	s := testStore(t)
	ctx := context.Background()
	long := strings.Repeat("violet kettle harbour ", 4) + "ending one" // 98 bytes
	if _, err := s.CreateUser(ctx, NewUser{Email: "ann@example.org", Name: "Ann", Role: RoleLead, Password: long}); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Authenticate(ctx, "ann@example.org", long); err != nil {
		t.Fatalf("the right long password: %v", err)
	}
	if _, err := s.Authenticate(ctx, "ann@example.org", long[:90]+"ending two"); err == nil {
		t.Fatal("a password differing after byte 72 signs in")
	}
}

// Hashes made before pre-hashing (plain bcrypt) still verify.
func TestOldPlainBcryptHashesStillVerify(t *testing.T) {
	old, err := bcrypt.GenerateFromPassword([]byte("an older password"), bcrypt.MinCost)
	if err != nil {
		t.Fatal(err)
	}
	if !checkPassword(string(old), "an older password") || checkPassword(string(old), "an older passwore") {
		t.Fatal("plain bcrypt hash does not verify as before")
	}
	if checkPassword(unusableHash, "") || checkPassword(unusableHash, unusableHash) {
		t.Fatal("the unusable hash matched")
	}
}
