package models

import (
	"context"
	"sync"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"firstperson/internal/pgtest"
)

// Several app processes starting at once on a new PostgreSQL database
// (a rolling deploy, two replicas) all come up, and each migration is
// applied once: the first takes an advisory lock, the others wait for it
// and then find the work done.
func TestMigrationsRaceSafelyOnPostgres(t *testing.T) {
	dsn := pgtest.DSN(t, "migrate_race")
	ctx := context.Background()
	const processes = 4
	stores := make([]*Store, processes)
	errs := make([]error, processes)
	var wg sync.WaitGroup
	for i := range stores {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			stores[i], errs[i] = Open(ctx, dsn, WithPasswordCost(bcrypt.MinCost))
		}(i)
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("store %d: %v", i, err)
		}
		defer stores[i].Close()
	}
	want := 0
	for _, m := range migrations {
		if m.only == "" || m.only == "postgres" {
			want++
		}
	}
	var got int
	if err := stores[0].r.Raw(`SELECT COUNT(*) FROM schema_migrations`).Scan(&got).Error; err != nil {
		t.Fatal(err)
	}
	if got != want {
		t.Fatalf("schema_migrations has %d rows, want %d", got, want)
	}
}
