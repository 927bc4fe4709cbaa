package forms

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"
)

// Password length limits (NIST SP 800-63B §5.1.1.2): long enough to resist
// guessing, short enough that hashing stays cheap. Passwords are pre-hashed
// before bcrypt, so nothing past bcrypt's 72 bytes is silently ignored.
const (
	MinPasswordLength = 12
	MaxPasswordLength = 128
)

// commonPasswordsGz is the "passwords" frequency list of zxcvbn (47,023
// entries, lower-cased, one a line), taken from the Go module
// github.com/trustelem/zxcvbn v1.0.1 (data/passwords.txt, MIT licence,
// Copyright (c) 2018 Vincent Vanackere and Trustelem; the list itself comes
// from Dropbox's zxcvbn, MIT). See forms/README-passwords.md.
//
//go:embed commonpasswords.txt.gz
var commonPasswordsGz []byte

var (
	commonOnce sync.Once
	common     map[string]struct{}
)

// commonPasswords returns the embedded list as a set, read on first use.
func commonPasswords() map[string]struct{} {
	commonOnce.Do(func() {
		common = make(map[string]struct{}, 48000)
		zr, err := gzip.NewReader(bytes.NewReader(commonPasswordsGz))
		if err != nil {
			panic(fmt.Sprintf("embedded common password list: %v", err)) // built into the binary; tested
		}
		sc := bufio.NewScanner(zr)
		for sc.Scan() {
			if w := strings.TrimSpace(sc.Text()); w != "" {
				common[w] = struct{}{}
			}
		}
	})
	return common
}

// CommonPasswordCount says how many passwords the embedded list holds.
func CommonPasswordCount() int { return len(commonPasswords()) }

// PasswordProblem returns why password may not be used by the person with
// this email address, in words for that person, or "" when it is fine. The
// one rule set for the command line, the invitation page and the account
// page.
func PasswordProblem(password, email string) string {
	n := utf8.RuneCountInString(password)
	lower := strings.ToLower(password)
	email = strings.ToLower(strings.TrimSpace(email))
	local, _, _ := strings.Cut(email, "@")
	switch {
	case !utf8.ValidString(password):
		return "the password contains characters that are not valid text"
	case n < MinPasswordLength:
		return fmt.Sprintf("too short: use at least %d characters (a few unrelated words work well)", MinPasswordLength)
	case n > MaxPasswordLength:
		return fmt.Sprintf("too long: use at most %d characters", MaxPasswordLength)
	case strings.TrimSpace(password) == "":
		return "a password cannot be only spaces"
	case strings.Trim(password, string([]rune(password)[:1])) == "":
		return "a password cannot repeat one character"
	case email != "" && (lower == email || (len(local) >= 3 && strings.TrimSpace(lower) == local)):
		return "a password cannot be your email address"
	}
	if _, ok := commonPasswords()[strings.TrimSpace(lower)]; ok {
		return "this is one of the most common passwords, which attackers try first; choose another"
	}
	return ""
}
