package models

import (
	"bytes"
	"context"
	"testing"
)

func TestDeviceKeyIsStablePerUserAndDiffersBetweenUsers(t *testing.T) {
	s, ctx := testStoreForTablet(t)
	a1, err := s.DeviceKey(ctx, 1)
	if err != nil || len(a1) != 32 {
		t.Fatalf("key %x, %v", a1, err)
	}
	a2, _ := s.DeviceKey(ctx, 1)
	if !bytes.Equal(a1, a2) {
		t.Fatal("the same user got another key")
	}
	u, err := s.CreateUser(ctx, NewUser{Email: "b@example.org", Name: "B", Role: RoleAssessor, Password: "correct horse battery"})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := s.DeviceKey(ctx, u.ID)
	if bytes.Equal(a1, b) {
		t.Fatal("two users share a key")
	}
}

func TestIdleLockMinutes(t *testing.T) {
	s, ctx := testStoreForTablet(t)
	if m, err := s.IdleLockMinutes(ctx, 1); m != IdleLockDefault || err != nil {
		t.Fatalf("default %d, %v", m, err)
	}
	actor := lead(t, s)
	for _, bad := range []int{1, 61, -3} {
		if err := s.SetIdleLockMinutes(ctx, actor, bad); err == nil {
			t.Fatalf("%d accepted", bad)
		}
	}
	if err := s.SetIdleLockMinutes(ctx, actor, 25); err != nil {
		t.Fatal(err)
	}
	if m, _ := s.IdleLockMinutes(ctx, 1); m != 25 {
		t.Fatalf("now %d", m)
	}
	evs, _ := s.AuditTrail(ctx, 1, "team", 1)
	if len(evs) == 0 || evs[len(evs)-1].Action != "team.idle_lock_changed" {
		t.Fatalf("audit %v", evs)
	}
}

func testStoreForTablet(t *testing.T) (*Store, context.Context) {
	t.Helper()
	s, _, _ := MustOpenStore(t)
	return s, context.Background()
}
