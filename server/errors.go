package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"

	"github.com/gin-gonic/gin"

	"firstperson/forms"
	"firstperson/models"
)

// Errors raised by the server itself; the store and forms raise the rest.
var (
	errUnauthorized = errors.New("please sign in")
	errForbidden    = errors.New("you are not allowed to do that")
)

// errorCode is one row of the table that turns errors into responses.
type errorCode struct {
	status int
	code   string
}

// classify maps an error to its status and code: the one table of the
// server (401, 403, 404 ... 500). Only 5xx are logged.
func classify(err error) errorCode {
	var ve *forms.ValidationError
	var tooLarge *http.MaxBytesError
	switch {
	case errors.As(err, &tooLarge):
		return errorCode{http.StatusRequestEntityTooLarge, "too_large"}
	case errors.Is(err, forms.ErrMalformed):
		return errorCode{http.StatusBadRequest, "malformed_json"}
	case errors.As(err, &ve):
		return errorCode{http.StatusUnprocessableEntity, "invalid"}
	case errors.Is(err, errUnauthorized), errors.Is(err, models.ErrSignedOut):
		return errorCode{http.StatusUnauthorized, "unauthorized"}
	case errors.Is(err, errForbidden):
		return errorCode{http.StatusForbidden, "forbidden"}
	case errors.Is(err, models.ErrNotFound):
		return errorCode{http.StatusNotFound, "not_found"}
	case errors.Is(err, models.ErrConflict):
		return errorCode{http.StatusConflict, "conflict"}
	case errors.Is(err, models.ErrGone):
		return errorCode{http.StatusGone, "gone"}
	case errors.Is(err, models.ErrTooMany), errors.As(err, new(*models.ThrottledError)):
		return errorCode{http.StatusTooManyRequests, "too_many_requests"}
	}
	return errorCode{http.StatusInternalServerError, "internal"}
}

// publicMessage is what a user may read about err: validation and
// client-side errors say what is wrong; internal ones say nothing more.
func publicMessage(err error, ec errorCode) string {
	var ve *forms.ValidationError
	switch {
	case errors.As(err, &ve):
		return ve.Message
	case ec.status == http.StatusRequestEntityTooLarge:
		return fmt.Sprintf("the request is larger than %d MB", MaxBodyBytes>>20)
	case ec.status == http.StatusNotFound:
		return "not found"
	case ec.status >= 500:
		return "something went wrong on our side; nothing was saved by this request"
	}
	// Wrapped messages read "context: detail: sentinel"; the outermost
	// context is written for people.
	msg := err.Error()
	for _, sentinel := range []error{models.ErrConflict, models.ErrGone, models.ErrTooMany, forms.ErrMalformed} {
		msg = strings.TrimSuffix(msg, ": "+sentinel.Error())
	}
	return msg
}

// apiHandler is a JSON handler that returns its error instead of writing it.
type apiHandler func(c *gin.Context) error

// api adapts an apiHandler to Gin, writing any error as JSON.
func (s *Server) api(h apiHandler) gin.HandlerFunc {
	return func(c *gin.Context) {
		if err := h(c); err != nil {
			s.writeAPIError(c, err)
		}
	}
}

func (s *Server) writeAPIError(c *gin.Context, err error) {
	ec := classify(err)
	if ec.status >= 500 {
		s.log.Error("request failed", "method", c.Request.Method, "path", c.Request.URL.Path, "err", err)
	}
	setRetryAfter(c, err)
	body := gin.H{"error": errorBody(err, ec)}
	var stale *models.StaleRevisionError
	if errors.As(err, &stale) {
		// The client needs the current state to show both values.
		body["revision"], body["answers"] = stale.Revision, stale.Answers
	}
	c.Abort()
	c.JSON(ec.status, body)
}

func errorBody(err error, ec errorCode) gin.H {
	fields := map[string]string{}
	var ve *forms.ValidationError
	if errors.As(err, &ve) && ve.Fields != nil {
		fields = ve.Fields
	}
	return gin.H{"code": ec.code, "message": publicMessage(err, ec), "fields": fields}
}

// writeJSONError writes the error shape outside Gin (recovery, CSRF).
func writeJSONError(w http.ResponseWriter, status int, code, message string, fields map[string]string) {
	if fields == nil {
		fields = map[string]string{}
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(gin.H{"error": gin.H{"code": code, "message": message, "fields": fields}})
}
