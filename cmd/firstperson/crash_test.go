package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"
)

// buildBinary compiles the real program once for the test.
func buildBinary(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "firstperson")
	cmd := exec.Command("go", "build", "-o", bin, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// started is a running server process.
type started struct {
	cmd      *exec.Cmd
	url      string
	password string
}

var listening = regexp.MustCompile(`listening on (http://\S+)`)

// startServer runs `firstperson serve` on a free loopback port and waits
// until it says where it listens.
func startServer(t *testing.T, bin, db string) *started {
	t.Helper()
	cmd := exec.Command(bin, "serve", "-addr", "127.0.0.1:0", "-db", db)
	stdout, _ := cmd.StdoutPipe()
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
	s := &started{cmd: cmd}
	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	deadline := time.After(60 * time.Second)
	for s.url == "" {
		select {
		case line, ok := <-lines:
			if !ok {
				t.Fatal("server exited before listening")
			}
			if m := listening.FindStringSubmatch(line); m != nil {
				s.url = m[1]
			}
		case <-deadline:
			t.Fatal("server did not start")
		}
	}
	// Read the first-start block (it follows the listening line), then
	// keep draining so the server never blocks on a full pipe.
	timeout := time.After(2 * time.Second)
	for done := false; !done; {
		select {
		case line, ok := <-lines:
			if !ok {
				done = true
			}
			if p, found := strings.CutPrefix(strings.TrimSpace(line), "password: "); found {
				s.password = strings.Fields(p)[0]
				done = true
			}
		case <-timeout:
			done = true
		}
	}
	go func() {
		for range lines {
		}
	}()
	return s
}

func request(t *testing.T, method, url, token string, body any) (int, map[string]any) {
	t.Helper()
	var r io.Reader
	if body != nil {
		b, _ := json.Marshal(body)
		r = bytes.NewReader(b)
	}
	req, _ := http.NewRequest(method, url, r)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer resp.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

// TestAcknowledgedSavesSurviveSIGKILL makes autosaves against the real
// binary, kills it without warning, restarts it, and finds every save that
// was acknowledged.
func TestAcknowledgedSavesSurviveSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := buildBinary(t)
	db := filepath.Join(t.TempDir(), "crash.db")
	srv := startServer(t, bin, db)
	if srv.password == "" {
		t.Fatal("first start did not print a one-time password")
	}
	out, err := exec.Command(bin, "token", "add", "-db", db, "-email", "lead@firstperson.local").Output()
	if err != nil {
		t.Fatalf("token add: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	token := lines[len(lines)-1]
	// The printed password is one-time: the API refuses until it is replaced.
	if code, _ := request(t, "GET", srv.url+"/api/v1/assessments", token, nil); code != http.StatusForbidden {
		t.Fatalf("API with a one-time password: %d, want 403", code)
	}
	if code, _ := request(t, "POST", srv.url+"/api/v1/account/password", token, map[string]any{"new": "crash test pass phrase"}); code != http.StatusNoContent {
		t.Fatalf("replace the one-time password: %d", code)
	}

	code, list := request(t, "GET", srv.url+"/api/v1/assessments", token, nil)
	if code != 200 || list["total"] != float64(0) {
		t.Fatalf("list: %d %v", code, list)
	}
	var templates []map[string]any
	req, _ := http.NewRequest("GET", srv.url+"/api/v1/templates", nil)
	req.Header.Set("Authorization", "Bearer "+token)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	_ = json.NewDecoder(resp.Body).Decode(&templates)
	resp.Body.Close()
	code, created := request(t, "POST", srv.url+"/api/v1/assessments", token, map[string]any{
		"template_id": templates[0]["id"], "person": map[string]any{"name": "Ann Example", "date_of_birth": "1938-07-14"}})
	if code != 201 {
		t.Fatalf("create: %d %v", code, created)
	}
	path := fmt.Sprintf("%s/api/v1/assessments/%v", srv.url, created["id"])

	// Acknowledged saves, each a different answer, then SIGKILL at once.
	const saves = 200
	acked := 0
	for i := 0; i < saves; i++ {
		code, res := request(t, "PATCH", path+"/answers", token, map[string]any{"revision": i,
			"answers": map[string]any{"good-day": fmt.Sprintf("Save number %d", i), "people-to-move": float64(i % 5)}})
		if code != 200 || res["revision"] != float64(i+1) {
			t.Fatalf("save %d: %d %v", i, code, res)
		}
		acked = i + 1
	}
	if err := srv.cmd.Process.Signal(syscall.SIGKILL); err != nil {
		t.Fatal(err)
	}
	_ = srv.cmd.Wait()

	again := startServer(t, bin, db)
	if again.password != "" {
		t.Fatal("second start bootstrapped again")
	}
	code, got := request(t, "GET", again.url+strings.TrimPrefix(path, srv.url), token, nil)
	if code != 200 {
		t.Fatalf("after restart: %d %v", code, got)
	}
	answers := got["answers"].(map[string]any)
	if got["revision"] != float64(acked) || answers["good-day"] != fmt.Sprintf("Save number %d", acked-1) {
		t.Fatalf("after SIGKILL: revision %v, good-day %v; want %d saves", got["revision"], answers["good-day"], acked)
	}
}

// TestSIGTERMShutsDownCleanly: the server finishes and exits 0 on SIGTERM.
func TestSIGTERMShutsDownCleanly(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := buildBinary(t)
	srv := startServer(t, bin, filepath.Join(t.TempDir(), "term.db"))
	resp, err := http.Get(srv.url + "/healthz")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if err := srv.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	done := make(chan error, 1)
	go func() { done <- srv.cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("exit after SIGTERM: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("server did not stop after SIGTERM")
	}
}
