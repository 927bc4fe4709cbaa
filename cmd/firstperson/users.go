package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"

	"firstperson/forms"
	"firstperson/models"
)

// userAdd creates a user: `firstperson user add -email E -name N -role R`.
// The password comes from stdin when stdin is not a terminal; otherwise one
// is generated and printed.
func userAdd(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("user add", flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := dbFlag(fs, getenv)
	email := fs.String("email", "", "email address (required)")
	name := fs.String("name", "", "full name (required)")
	role := fs.String("role", "", "lead or assessor (required)")
	team := fs.String("team", "", "team name (created if new; default: the only team)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	password, generated, err := readPassword(stdin)
	if err != nil {
		return err
	}
	store, err := models.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	u, err := store.CreateUser(ctx, models.NewUser{TeamName: *team, Email: *email, Name: *name, Role: *role, Password: password,
		MustChange: generated})
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "Created %s <%s> as %s.\n", u.Name, u.Email, u.Role)
	if generated {
		fmt.Fprintf(stdout, "Password (shown once): %s\n", password)
		fmt.Fprintln(stdout, "It is a one-time password: it must be changed at the first sign-in.")
	}
	return nil
}

// readPassword reads one line from stdin when it is a pipe or file, and
// generates a password when it is a terminal (or absent).
func readPassword(stdin io.Reader) (string, bool, error) {
	if f, ok := stdin.(*os.File); stdin == nil || ok && isTerminal(f) {
		return models.NewPassword(), true, nil
	}
	line, err := bufio.NewReader(io.LimitReader(stdin, 4096)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", false, fmt.Errorf("read password from stdin: %w", err)
	}
	line = strings.TrimRight(line, "\r\n")
	if line == "" {
		return models.NewPassword(), true, nil
	}
	return line, false, nil
}

func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// tokenAdd prints a new API token alone on the last line of stdout.
func tokenAdd(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	return emailCommand(ctx, "token add", args, getenv, stderr, nil, func(store *models.Store, email string) error {
		token, err := store.CreateAPIToken(ctx, email)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "API token for %s (shown once; use it as \"Authorization: Bearer TOKEN\"):\n%s\n", email, token)
		return nil
	})
}

// describe turns an error into a line for a person at a terminal, naming
// each field that is wrong.
func describe(err error) string {
	var ve *forms.ValidationError
	if errors.As(err, &ve) {
		keys := make([]string, 0, len(ve.Fields))
		for k := range ve.Fields {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		parts := []string{ve.Message}
		for _, k := range keys {
			parts = append(parts, fmt.Sprintf("  -%s: %s", k, ve.Fields[k]))
		}
		return strings.Join(parts, "\n")
	}
	if errors.Is(err, models.ErrNotFound) {
		return strings.TrimSuffix(err.Error(), ": "+models.ErrNotFound.Error()) + ": no such user"
	}
	if errors.Is(err, models.ErrConflict) {
		return strings.TrimSuffix(err.Error(), ": "+models.ErrConflict.Error())
	}
	return err.Error()
}
