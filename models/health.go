package models

import (
	"context"
	"fmt"
)

// ProbeWrite checks that the database takes a write: it updates the one
// row of health_probe in a transaction (GET /healthz, and the warning at
// start). A read-only file, a full disk or a lost primary fail it, where a
// SELECT 1 would still answer.
func (s *Store) ProbeWrite(ctx context.Context) error {
	res := s.w.WithContext(ctx).Exec(`UPDATE health_probe SET at = ? WHERE id = 1`, s.Now())
	if res.Error != nil {
		return fmt.Errorf("the database does not take writes: %w", res.Error)
	}
	if res.RowsAffected != 1 {
		return fmt.Errorf("the database does not take writes: health_probe has no row")
	}
	return nil
}
