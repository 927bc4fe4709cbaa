package models

import "testing"

// TestMigrationsAreInVersionOrder keeps the list readable as issues add
// their own version ranges: a database applies the steps in list order, so
// the list is the order a fresh database is built in.
func TestMigrationsAreInVersionOrder(t *testing.T) {
	for i := 1; i < len(migrations); i++ {
		if migrations[i].version < migrations[i-1].version {
			t.Errorf("migration %d (%s) is listed after %d", migrations[i].version, migrations[i].name, migrations[i-1].version)
		}
	}
}
