package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"firstperson/models"
)

// emailCommand runs a command that acts on one user (`… -db DSN -email
// E`): it reads the flags, insists on -email, then calls before (which may
// refuse, e.g. without a password on stdin) and, with the store open, act.
func emailCommand(ctx context.Context, name string, args []string, getenv func(string) string, stderr io.Writer,
	before func() error, act func(store *models.Store, email string) error) error {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	db := dbFlag(fs, getenv)
	email := fs.String("email", "", "the user's email address (required)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if strings.TrimSpace(*email) == "" {
		return errors.New("-email is required")
	}
	if before != nil {
		if err := before(); err != nil {
			return err
		}
	}
	store, err := models.Open(ctx, *db)
	if err != nil {
		return err
	}
	defer store.Close()
	return act(store, *email)
}

// userPasswd sets a user's password from stdin: `firstperson user passwd
// -email E`. The password rules are the same as everywhere else; the user
// is signed out of every browser.
func userPasswd(ctx context.Context, args []string, getenv func(string) string, stdin io.Reader, stdout, stderr io.Writer) error {
	var password string
	readPassword := func() error {
		if stdin == nil {
			return errors.New("give the new password on stdin")
		}
		line, err := bufio.NewReader(io.LimitReader(stdin, 4096)).ReadString('\n')
		if err != nil && !errors.Is(err, io.EOF) {
			return fmt.Errorf("read password from stdin: %w", err)
		}
		password = strings.TrimRight(line, "\r\n")
		return nil
	}
	return emailCommand(ctx, "user passwd", args, getenv, stderr, readPassword, func(store *models.Store, email string) error {
		if err := store.SetPassword(ctx, email, password); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Password changed for %s; their sessions have ended.\n", email)
		return nil
	})
}

// userDisable deactivates a user: `firstperson user disable -email E`.
// Their sessions, API tokens and invitations stop working at once.
func userDisable(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	return emailCommand(ctx, "user disable", args, getenv, stderr, nil, func(store *models.Store, email string) error {
		u, err := store.DisableUser(ctx, email)
		if err != nil {
			return err
		}
		fmt.Fprintf(stdout, "Disabled %s <%s>: sessions and API tokens ended.\n", u.Name, u.Email)
		return nil
	})
}
