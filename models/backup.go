package models

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// ErrBackupPostgres says that PostgreSQL is backed up with its own tools.
var ErrBackupPostgres = errors.New("PostgreSQL databases are backed up with pg_dump: pg_dump --format=custom --file=FILE 'postgres://…' (restore with pg_restore --dbname=… FILE)")

// Backup writes a consistent copy of the SQLite database dsn to out while
// the app may be running: VACUUM INTO reads one snapshot (WAL readers never
// block the writer, and every save committed before it began is in it),
// then the copy is opened and checked with PRAGMA integrity_check. Only
// then does Backup report success; a copy that fails the check is removed.
// Restoring is pointing -db at the copy.
func Backup(ctx context.Context, dsn, out string) (err error) {
	if strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://") {
		return ErrBackupPostgres
	}
	if out == "" {
		return errors.New("backup: -out names the file to write")
	}
	if _, err := os.Stat(out); err == nil {
		return fmt.Errorf("backup: %s already exists; choose a new file", out)
	}
	path, _, _ := strings.Cut(strings.TrimPrefix(dsn, "file:"), "?")
	if _, err := os.Stat(path); err != nil {
		return fmt.Errorf("backup: no database at %s: %w", path, err)
	}
	abs, err := filepath.Abs(out)
	if err != nil {
		return err
	}
	cfg := &gorm.Config{Logger: logger.Discard, SkipDefaultTransaction: true}
	src, err := gorm.Open(sqlite.Open(sqliteDSN(dsn, false)), cfg)
	if err != nil {
		return fmt.Errorf("backup: open %s: %w", dsn, err)
	}
	if srcDB, err := src.DB(); err == nil {
		defer srcDB.Close()
	}
	if err := src.WithContext(ctx).Exec(`VACUUM INTO ?`, abs).Error; err != nil {
		return fmt.Errorf("backup: copy to %s: %w", out, err)
	}
	defer func() {
		if err != nil {
			os.Remove(abs)
		}
	}()
	return checkCopy(ctx, abs, cfg)
}

// checkCopy runs PRAGMA integrity_check on the copy at path.
func checkCopy(ctx context.Context, path string, cfg *gorm.Config) error {
	cp, err := gorm.Open(sqlite.Open("file:"+path+"?mode=ro"), cfg)
	if err != nil {
		return fmt.Errorf("backup: open the copy: %w", err)
	}
	if cpDB, err := cp.DB(); err == nil {
		defer cpDB.Close()
	}
	var rows []string
	if err := cp.WithContext(ctx).Raw(`PRAGMA integrity_check`).Scan(&rows).Error; err != nil {
		return fmt.Errorf("backup: check the copy: %w", err)
	}
	if len(rows) != 1 || rows[0] != "ok" {
		return fmt.Errorf("backup: the copy failed its integrity check: %s", strings.Join(rows, "; "))
	}
	var n int
	if err := cp.WithContext(ctx).Raw(`SELECT COUNT(*) FROM schema_migrations`).Scan(&n).Error; err != nil || n == 0 {
		return fmt.Errorf("backup: the copy has no Firstperson schema: %v", err)
	}
	return nil
}
