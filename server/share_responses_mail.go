package server

import (
	"bytes"
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net"
	"net/mail"
	"net/smtp"
	"net/url"
	"os"
	"strings"
	"time"
	"unicode"
)

// Mailer sends share links by email through one SMTP server, configured as
// smtp://user:password@host:587?from=ta-team@example.nhs.uk (-smtp flag or
// FIRSTPERSON_SMTP). STARTTLS is required unless the host is loopback.
type Mailer struct {
	host, port string
	user, pass string
	from       string
	requireTLS bool
	// tlsConfig verifies the server's certificate (tests add their own CA).
	tlsConfig *tls.Config
	timeout   time.Duration
	// helo is this machine's name for EHLO (strict servers want a FQDN).
	helo string
}

// ParseSMTP reads an smtp:// URL. The sender is ?from=, else
// firstperson@host.
func ParseSMTP(raw string) (*Mailer, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "smtp" || u.Hostname() == "" {
		return nil, fmt.Errorf("smtp: want smtp://user:password@host:587, got %q", redactURL(raw))
	}
	m := &Mailer{host: u.Hostname(), port: u.Port(), from: u.Query().Get("from"), timeout: 20 * time.Second}
	if m.port == "" {
		m.port = "587"
	}
	if u.User != nil {
		m.user = u.User.Username()
		m.pass, _ = u.User.Password()
	}
	if m.from == "" {
		m.from = "firstperson@" + m.host
		if strings.Contains(m.host, ":") { // an IPv6 address
			m.from = "firstperson@localhost"
		}
	}
	if a, err := mail.ParseAddress(m.from); err != nil || a.Address != m.from {
		return nil, fmt.Errorf("smtp: the sender ?from=%q is not an email address", m.from)
	}
	m.requireTLS = !isLoopback(m.host)
	if m.helo, err = os.Hostname(); err != nil || m.helo == "" {
		m.helo = "localhost"
	}
	m.tlsConfig = &tls.Config{ServerName: m.host, MinVersion: tls.VersionTLS12}
	return m, nil
}

// redactURL hides the password of an smtp:// URL in messages.
func redactURL(raw string) string {
	if u, err := url.Parse(raw); err == nil {
		return u.Redacted()
	}
	return "(unreadable)"
}

// isLoopback reports whether host is this machine.
func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// errNoSTARTTLS says the server would have us send in clear.
var errNoSTARTTLS = errors.New("the mail server does not offer STARTTLS, and email is only sent encrypted")

// Send delivers one plain-text message.
func (m *Mailer) Send(ctx context.Context, to, subject, body string) error {
	d := net.Dialer{Timeout: m.timeout}
	conn, err := d.DialContext(ctx, "tcp", net.JoinHostPort(m.host, m.port))
	if err != nil {
		return fmt.Errorf("connect to the mail server: %w", err)
	}
	_ = conn.SetDeadline(time.Now().Add(m.timeout))
	c, err := smtp.NewClient(conn, m.host)
	if err != nil {
		conn.Close()
		return fmt.Errorf("greet the mail server: %w", err)
	}
	defer c.Close()
	if err := c.Hello(m.helo); err != nil {
		return fmt.Errorf("greet the mail server: %w", err)
	}
	if ok, _ := c.Extension("STARTTLS"); ok {
		if err := c.StartTLS(m.tlsConfig); err != nil {
			return fmt.Errorf("start TLS with the mail server: %w", err)
		}
	} else if m.requireTLS {
		return errNoSTARTTLS
	}
	if m.user != "" {
		if err := c.Auth(smtp.PlainAuth("", m.user, m.pass, m.host)); err != nil {
			return fmt.Errorf("sign in to the mail server: %w", err)
		}
	}
	if err := c.Mail(m.from); err != nil {
		return fmt.Errorf("mail server refused the sender: %w", err)
	}
	if err := c.Rcpt(to); err != nil {
		return fmt.Errorf("mail server refused %s: %w", to, err)
	}
	w, err := c.Data()
	if err != nil {
		return fmt.Errorf("mail server refused the message: %w", err)
	}
	if _, err := w.Write(m.message(to, subject, body)); err != nil {
		return fmt.Errorf("send the message: %w", err)
	}
	if err := w.Close(); err != nil {
		return fmt.Errorf("mail server refused the message: %w", err)
	}
	return c.Quit()
}

// message builds the headers and a quoted-printable UTF-8 body.
func (m *Mailer) message(to, subject, body string) []byte {
	var b bytes.Buffer
	h := func(k, v string) { b.WriteString(k + ": " + v + "\r\n") }
	h("From", m.from)
	h("To", to)
	h("Subject", mime.QEncoding.Encode("utf-8", subject))
	h("Date", time.Now().Format(time.RFC1123Z))
	h("Message-ID", fmt.Sprintf("<%d@firstperson>", time.Now().UnixNano()))
	h("MIME-Version", "1.0")
	h("Content-Type", "text/plain; charset=utf-8")
	h("Content-Transfer-Encoding", "quoted-printable")
	h("Auto-Submitted", "auto-generated")
	b.WriteString("\r\n")
	qp := quotedprintable.NewWriter(&b)
	_, _ = qp.Write([]byte(strings.ReplaceAll(body, "\n", "\r\n")))
	_ = qp.Close()
	return b.Bytes()
}

// initials are the first letters of the person's names: "Zoë Ó'Brien" → "Z. Ó."
func initials(name string) string {
	var out []string
	for _, w := range strings.Fields(name) {
		for _, r := range w {
			if unicode.IsLetter(r) {
				out = append(out, string(unicode.ToUpper(r))+".")
				break
			}
		}
	}
	return strings.Join(out, " ")
}

// shareEmail is the email that carries a share link: the link, the
// person's initials and the team, nothing more.
func shareEmail(link, person, team, contact string) (subject, body string) {
	subject = "Trusted Assessor assessment for " + initials(person) + " from " + team
	body = "Hello,\n\n" +
		"The " + team + " has shared a Trusted Assessor assessment with you for the person with the initials " +
		initials(person) + ".\n\n" +
		"Open it here (no account needed):\n" + link + "\n\n" +
		"On that page you can download the assessment and tell the team whether you can meet the person's needs, " +
		"ask a question, or say you cannot accept.\n\n" +
		"The link expires and can be revoked; every view is recorded. Please do not forward this email.\n"
	if contact != "" {
		body += "\n" + contact + "\n"
	}
	return subject, body
}
