package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"firstperson/models"
)

// backup runs "firstperson backup -db DSN -out FILE": a consistent copy of
// a SQLite database, checked before success is reported (see
// models.Backup). PostgreSQL is backed up with pg_dump.
func backup(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("backup", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := dbFlag(fs, getenv)
	out := fs.String("out", "", "the file to write the copy to (must not exist)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *out == "" {
		return errors.New("-out is required: the file to write the copy to")
	}
	if err := models.Backup(ctx, *db, *out); err != nil {
		return err
	}
	size := int64(0)
	if fi, err := os.Stat(*out); err == nil {
		size = fi.Size()
	}
	fmt.Fprintf(stdout, "Backed up %s to %s (%d bytes, integrity check ok). To restore, start with -db %s.\n", *db, *out, size, *out)
	return nil
}
