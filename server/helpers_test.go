package server

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/crypto/bcrypt"

	"firstperson/internal/pgtest"
	"firstperson/models"
)

// testApp is the real application on a real SQLite file behind httptest.
type testApp struct {
	t        testing.TB
	store    *models.Store
	srv      *httptest.Server
	lead     string // API token of the first team's lead
	assessor string // API token of an assessor in the same team
	other    string // API token of a lead in another team
	leadPass string
	template uint // the seeded default template
}

// newTestApp starts the app with a bootstrapped database and three users.
func newTestApp(t *testing.T) *testApp { return newApp(t) }

// newBenchApp is newTestApp for benchmarks.
func newBenchApp(b *testing.B) *testApp { return newApp(b) }

// newApp opens a fresh app; opts are models.Option (for the store) or
// func(*Config) (for the server).
func newApp(t testing.TB, opts ...any) *testApp {
	t.Helper()
	var storeOpts []models.Option
	var cfgOpts []func(*Config)
	for _, o := range opts {
		switch o := o.(type) {
		case models.Option:
			storeOpts = append(storeOpts, o)
		case func(*Config):
			cfgOpts = append(cfgOpts, o)
		default:
			t.Fatalf("newApp: option of type %T", o)
		}
	}
	dsn := filepath.Join(t.TempDir(), "test.db")
	if pgtest.OnPostgres() {
		// FIRSTPERSON_TEST_STORE=postgres: the same tests on PostgreSQL.
		dsn = pgtest.DSN(t, t.Name())
	}
	return newAppOn(t, dsn, storeOpts, cfgOpts...)
}

// newAppOn is newApp on the database dsn, opened with storeOpts.
func newAppOn(t testing.TB, dsn string, storeOpts []models.Option, opts ...func(*Config)) *testApp {
	t.Helper()
	ctx := context.Background()
	store, err := models.Open(ctx, dsn, append([]models.Option{models.WithPasswordCost(bcrypt.MinCost)}, storeOpts...)...)
	if err != nil {
		t.Fatalf("open store: %v", err)
	}
	t.Cleanup(func() { store.Close() })
	first, err := store.Bootstrap(ctx)
	if err != nil || first == nil {
		t.Fatalf("bootstrap: %v", err)
	}
	// The printed password is one-time; most tests act as a lead who has
	// already chosen their own (here: the same one, which clears the mark).
	if err := store.SetPassword(ctx, first.Email, first.Password); err != nil {
		t.Fatalf("set the lead's own password: %v", err)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	cfg := Config{Store: store, Log: log, Now: store.Now}
	for _, o := range opts {
		o(&cfg)
	}
	s, err := New(cfg)
	if err != nil {
		t.Fatalf("new server: %v", err)
	}
	app := &testApp{t: t, store: store, srv: httptest.NewServer(s.Handler()), leadPass: first.Password}
	t.Cleanup(app.srv.Close)
	app.lead = app.token(first.Email)
	app.assessor = app.addUser("Ada Assessor", "ada@example.org", models.RoleAssessor, "")
	app.other = app.addUser("Olu Otherteam", "olu@example.org", models.RoleLead, "Another team")
	var list []map[string]any
	app.json("GET", "/api/v1/templates", app.lead, nil, http.StatusOK, &list)
	if len(list) != 1 {
		t.Fatalf("seeded templates = %d, want 1", len(list))
	}
	app.template = uint(list[0]["id"].(float64))
	return app
}

func (a *testApp) token(email string) string {
	a.t.Helper()
	tok, err := a.store.CreateAPIToken(context.Background(), email)
	if err != nil {
		a.t.Fatalf("token for %s: %v", email, err)
	}
	return tok
}

func (a *testApp) addUser(name, email, role, team string) string {
	a.t.Helper()
	_, err := a.store.CreateUser(context.Background(), models.NewUser{TeamName: team, Email: email, Name: name,
		Role: role, Password: "correct horse battery"})
	if err != nil {
		a.t.Fatalf("add user %s: %v", email, err)
	}
	return a.token(email)
}

// do sends a request with a bearer token; body may be a string, []byte or
// a value to encode as JSON.
func (a *testApp) do(method, path, token string, body any) (*http.Response, []byte) {
	a.t.Helper()
	var r io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		r = strings.NewReader(b)
	case []byte:
		r = bytes.NewReader(b)
	default:
		enc, err := json.Marshal(b)
		if err != nil {
			a.t.Fatalf("encode body: %v", err)
		}
		r = bytes.NewReader(enc)
	}
	req, err := http.NewRequest(method, a.srv.URL+path, r)
	if err != nil {
		a.t.Fatalf("new request: %v", err)
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := a.srv.Client().Do(req)
	if err != nil {
		a.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	out, _ := io.ReadAll(resp.Body)
	return resp, out
}

// json sends a request, checks the status and decodes the answer into out.
func (a *testApp) json(method, path, token string, body any, want int, out any) {
	a.t.Helper()
	resp, b := a.do(method, path, token, body)
	if resp.StatusCode != want {
		a.t.Fatalf("%s %s: status %d, want %d; body %s", method, path, resp.StatusCode, want, b)
	}
	if out != nil {
		if err := json.Unmarshal(b, out); err != nil {
			a.t.Fatalf("%s %s: decode %s: %v", method, path, b, err)
		}
	}
}

// apiError is the error shape of CONTRACT.md.
type apiError struct {
	Error struct {
		Code    string            `json:"code"`
		Message string            `json:"message"`
		Fields  map[string]string `json:"fields"`
	} `json:"error"`
	Revision *int           `json:"revision"`
	Answers  map[string]any `json:"answers"`
}

// fail sends a request that must fail with want and returns the error body.
func (a *testApp) fail(method, path, token string, body any, want int) apiError {
	a.t.Helper()
	var e apiError
	a.json(method, path, token, body, want, &e)
	if e.Error.Code == "" || e.Error.Message == "" {
		a.t.Fatalf("%s %s: error without code or message", method, path)
	}
	return e
}

// browser returns a client with a cookie jar, signed in as email.
func (a *testApp) browser(email, password string) *http.Client {
	a.t.Helper()
	jar, _ := cookiejar.New(nil)
	c := &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.PostForm(a.srv.URL+"/login", map[string][]string{"email": {email}, "password": {password}})
	if err != nil {
		a.t.Fatalf("login: %v", err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		a.t.Fatalf("login as %s: status %d", email, resp.StatusCode)
	}
	return c
}

// startAssessment creates an assessment on the default template.
func (a *testApp) startAssessment(token string) uint {
	a.t.Helper()
	var out struct {
		ID uint `json:"id"`
	}
	a.json("POST", "/api/v1/assessments", token, map[string]any{"template_id": a.template,
		"person": map[string]any{"name": "Zoë Ó'Brien-Łukasiewicz", "nhs_number": "943 476 5919", "date_of_birth": "1941-03-03"}},
		http.StatusCreated, &out)
	return out.ID
}
