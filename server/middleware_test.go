package server

import (
	"bytes"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/gin-gonic/gin"
)

// A panic in a handler becomes a logged 500 in the JSON error shape.
func TestRecoveryTurnsPanicsIntoJSON500(t *testing.T) {
	var logs bytes.Buffer
	s := &Server{log: slog.New(slog.NewTextHandler(&logs, nil))}
	e := gin.New()
	e.Use(s.recovery())
	e.GET("/boom", func(*gin.Context) { panic("something impossible happened") })
	rec := httptest.NewRecorder()
	e.ServeHTTP(rec, httptest.NewRequest("GET", "/boom", nil))
	var body apiError
	if err := json.Unmarshal(rec.Body.Bytes(), &body); err != nil {
		t.Fatalf("body %q: %v", rec.Body, err)
	}
	if rec.Code != http.StatusInternalServerError || body.Error.Code != "internal" || strings.Contains(body.Error.Message, "impossible") {
		t.Fatalf("got %d %+v", rec.Code, body)
	}
	if !strings.Contains(logs.String(), "something impossible happened") {
		t.Fatalf("panic not logged: %q", logs.String())
	}
}
