package models

import (
	"context"
	"strings"
	"testing"

	"firstperson/internal/pgtest"
)

// latestMigration is the newest version in the migrations list.
func latestMigration() int {
	v := 0
	for _, m := range migrations {
		v = max(v, m.version)
	}
	return v
}

func TestProbeWriteFailsOnAReadOnlyDatabase(t *testing.T) {
	pgtest.SQLiteOnly(t)
	s, _, path := MustOpenStore(t)
	ctx := context.Background()
	if err := s.ProbeWrite(ctx); err != nil {
		t.Fatalf("probe on a writable database: %v", err)
	}
	s.Close()
	dbErrors := 0
	ro, err := Open(ctx, "file:"+path+"?mode=ro", WithHooks(Hooks{DBError: func() { dbErrors++ }}))
	if err != nil {
		t.Fatalf("open read-only: %v", err)
	}
	defer ro.Close()
	if err := ro.Ping(ctx); err != nil {
		t.Fatalf("reads still work: %v", err)
	}
	err = ro.ProbeWrite(ctx)
	if err == nil || !strings.Contains(err.Error(), "does not take writes") {
		t.Fatalf("probe on a read-only database: %v", err)
	}
	if dbErrors != 1 {
		t.Fatalf("the failed write counted %d database errors, want 1", dbErrors)
	}
}
