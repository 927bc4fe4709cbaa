package server

import (
	"bufio"
	"context"
	"encoding/base64"
	"errors"
	"io"
	"mime/quotedprintable"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// smtpSink is a tiny in-process SMTP server: no STARTTLS, AUTH PLAIN,
// and it keeps what it is sent.
type smtpSink struct {
	ln       net.Listener
	mu       sync.Mutex
	failRcpt bool
	auth     []string
	rcpts    []string
	msgs     []string
}

func startSMTP(t *testing.T) *smtpSink {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s := &smtpSink{ln: ln}
	t.Cleanup(func() { ln.Close() })
	go func() {
		for {
			conn, err := ln.Accept()
			if err != nil {
				return
			}
			go s.serve(conn)
		}
	}()
	return s
}

func (s *smtpSink) serve(conn net.Conn) {
	defer conn.Close()
	r := bufio.NewReader(conn)
	say := func(line string) { io.WriteString(conn, line+"\r\n") }
	say("220 sink ESMTP")
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		line = strings.TrimRight(line, "\r\n")
		verb := strings.ToUpper(strings.SplitN(line, " ", 2)[0])
		s.mu.Lock()
		fail := s.failRcpt
		s.mu.Unlock()
		switch verb {
		case "EHLO", "HELO":
			say("250-sink")
			say("250 AUTH PLAIN")
		case "AUTH":
			parts := strings.Fields(line)
			dec, _ := base64.StdEncoding.DecodeString(parts[len(parts)-1])
			s.mu.Lock()
			s.auth = append(s.auth, string(dec))
			s.mu.Unlock()
			say("235 ok")
		case "MAIL", "RSET", "NOOP":
			say("250 ok")
		case "RCPT":
			if fail {
				say("550 no such mailbox here")
				continue
			}
			s.mu.Lock()
			s.rcpts = append(s.rcpts, line)
			s.mu.Unlock()
			say("250 ok")
		case "DATA":
			say("354 go ahead")
			var b strings.Builder
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if l == ".\r\n" {
					break
				}
				b.WriteString(l)
			}
			s.mu.Lock()
			s.msgs = append(s.msgs, b.String())
			s.mu.Unlock()
			say("250 queued")
		case "QUIT":
			say("221 bye")
			return
		default:
			say("502 not implemented")
		}
	}
}

// newMailApp is newTestApp with SMTP configured.
func newMailApp(t *testing.T, mailer *Mailer) *testApp {
	t.Helper()
	return newApp(t, func(c *Config) { c.Mailer = mailer })
}

func TestShareLinkEmailedThroughSMTP(t *testing.T) {
	sink := startSMTP(t)
	mailer, err := ParseSMTP("smtp://fp:s3cret@" + sink.ln.Addr().String() + "?from=ta-team@nhs.example")
	if err != nil {
		t.Fatal(err)
	}
	app := newMailApp(t, mailer)
	id := app.completeAssessment(app.assessor)
	b := app.browser("ada@example.org", "correct horse battery")
	share := func(form url.Values) (int, string) {
		resp, err := b.PostForm(app.srv.URL+"/assessments/"+uitoa12(id)+"/shares", form)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	code, page := share(url.Values{"recipient": {"Rosewood House"}, "expires_in_hours": {"24"}, "email": {"not-an-address"}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(page, "an email address such as") || strings.Contains(page, "Link made") {
		t.Fatalf("bad address: %d\n%s", code, page)
	}
	code, page = share(url.Values{"recipient": {"Rosewood House"}, "expires_in_hours": {"24"}, "email": {"manager@rosewood.example"}})
	link := regexp.MustCompile(`value="(http://[^"]+/s/[A-Za-z0-9_-]+)"`).FindStringSubmatch(page)
	if code != http.StatusCreated || link == nil || !strings.Contains(page, "Emailed to manager@rosewood.example") {
		t.Fatalf("emailed link: %d\n%s", code, page)
	}
	sink.mu.Lock()
	msgs, auth, rcpts := append([]string(nil), sink.msgs...), append([]string(nil), sink.auth...), append([]string(nil), sink.rcpts...)
	sink.mu.Unlock()
	if len(msgs) != 1 || len(auth) != 1 || auth[0] != "\x00fp\x00s3cret" || !strings.Contains(rcpts[0], "manager@rosewood.example") {
		t.Fatalf("sink: %d messages, auth %q, rcpts %q", len(msgs), auth, rcpts)
	}
	head, body, _ := strings.Cut(msgs[0], "\r\n\r\n")
	text, err := io.ReadAll(quotedprintable.NewReader(strings.NewReader(body)))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(text), link[1]) || !strings.Contains(string(text), "Z. Ó.") || !strings.Contains(head, "From: ta-team@nhs.example") {
		t.Fatalf("message lacks the link or the initials:\n%s\n%s", head, text)
	}
	for _, secret := range []string{"Zoë", "Brien", "Łukasiewicz", "943", "1941"} {
		if strings.Contains(string(text), secret) || strings.Contains(head, secret) {
			t.Fatalf("message carries %q:\n%s\n%s", secret, head, text)
		}
	}

	// A refused delivery is shown; the link still works.
	sink.mu.Lock()
	sink.failRcpt = true
	sink.mu.Unlock()
	code, page = share(url.Values{"recipient": {"Oak Lodge"}, "expires_in_hours": {"24"}, "email": {"nobody@oak.example"}})
	link = regexp.MustCompile(`value="(http://[^"]+/s/[A-Za-z0-9_-]+)"`).FindStringSubmatch(page)
	if code != http.StatusCreated || link == nil || !strings.Contains(page, "The email could not be sent") || !strings.Contains(page, "no such mailbox") {
		t.Fatalf("failed email: %d\n%s", code, page)
	}
	if resp, _ := app.asCareHome("GET", strings.TrimPrefix(link[1], app.srv.URL), nil, nil); resp.StatusCode != 200 {
		t.Fatalf("link after a failed email: %d", resp.StatusCode)
	}
	var audit []map[string]any
	app.json("GET", "/api/v1/assessments/"+uitoa12(id)+"/audit", app.lead, nil, http.StatusOK, &audit)
	emailed := 0
	for _, ev := range audit {
		if ev["action"] == "share.emailed" {
			emailed++
		}
	}
	if emailed != 2 {
		t.Fatalf("share.emailed events: %d", emailed)
	}

	// The API: a refused delivery is reported beside a working link.
	var made map[string]any
	app.json("POST", "/api/v1/assessments/"+uitoa12(id)+"/shares", app.assessor,
		map[string]any{"recipient": "Elm Court", "expires_in_hours": 24, "email": "nobody@elm.example"}, http.StatusCreated, &made)
	if made["emailed"] != false || !strings.Contains(made["email_error"].(string), "no such mailbox") || made["url"] == "" {
		t.Fatalf("API share with a refused email: %v", made)
	}
	sink.mu.Lock()
	sink.failRcpt = false
	sink.mu.Unlock()
	app.json("POST", "/api/v1/assessments/"+uitoa12(id)+"/shares", app.assessor,
		map[string]any{"recipient": "Elm Court", "expires_in_hours": 24, "email": "manager@elm.example"}, http.StatusCreated, &made)
	if made["emailed"] != true || made["email_error"] != "" {
		t.Fatalf("API share emailed: %v", made)
	}
	app.fail("POST", "/api/v1/assessments/"+uitoa12(id)+"/shares", app.assessor,
		map[string]any{"recipient": "Elm Court", "expires_in_hours": 24, "email": "Elm <x@elm.example>\r\nBcc: y@z"}, http.StatusUnprocessableEntity)

	// Without SMTP the field is not shown, and the API refuses an address.
	plain := newTestApp(t)
	pid := plain.completeAssessment(plain.assessor)
	if e := plain.fail("POST", "/api/v1/assessments/"+uitoa12(pid)+"/shares", plain.assessor,
		map[string]any{"recipient": "Elm Court", "expires_in_hours": 24, "email": "manager@elm.example"}, http.StatusUnprocessableEntity); e.Error.Fields["email"] == "" {
		t.Fatalf("API email without SMTP: %+v", e)
	}
	pb := plain.browser("ada@example.org", "correct horse battery")
	resp, err := pb.Get(plain.srv.URL + "/assessments/" + uitoa12(pid) + "/shares")
	if err != nil {
		t.Fatal(err)
	}
	body2, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if strings.Contains(string(body2), `name="email"`) {
		t.Fatal("email field shown without SMTP")
	}
}

func TestSMTPRequiresSTARTTLSUnlessLoopback(t *testing.T) {
	for raw, wantTLS := range map[string]bool{"smtp://u:p@mail.example.org:587": true, "smtp://127.0.0.1:2525": false,
		"smtp://localhost": false, "smtp://[::1]:25": false} {
		m, err := ParseSMTP(raw)
		if err != nil || m.requireTLS != wantTLS {
			t.Fatalf("%s: requireTLS %v, %v", raw, m != nil && m.requireTLS, err)
		}
	}
	for _, bad := range []string{"http://mail.example.org", "smtp://", "smtp://u:topsecret@mail.example.org?from=nope"} {
		if _, err := ParseSMTP(bad); err == nil || strings.Contains(err.Error(), "topsecret") {
			t.Fatalf("%s: %v", bad, err)
		}
	}
	sink := startSMTP(t)
	m, _ := ParseSMTP("smtp://" + sink.ln.Addr().String())
	m.requireTLS = true // as for a remote host
	if err := m.Send(context.Background(), "a@b.example", "s", "b"); !errors.Is(err, errNoSTARTTLS) {
		t.Fatalf("send in clear to a remote host: %v", err)
	}
	sink.mu.Lock()
	defer sink.mu.Unlock()
	if len(sink.msgs) != 0 {
		t.Fatal("a message went out in clear")
	}
}

func uitoa12(id uint) string { return strconv.FormatUint(uint64(id), 10) }
