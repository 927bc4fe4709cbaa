package server

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"

	"github.com/gin-gonic/gin"

	"firstperson/forms"
	"firstperson/models"
)

// readBody reads the whole (size-capped) request body.
func readBody(c *gin.Context) ([]byte, error) {
	b, err := io.ReadAll(c.Request.Body)
	if err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return nil, err
		}
		return nil, fmt.Errorf("read request body: %w", forms.ErrMalformed)
	}
	return b, nil
}

// decodeJSON reads the body into dst. Broken JSON is a 400; a value of the
// wrong type is a 422 naming the field.
func decodeJSON(c *gin.Context, dst any) error {
	b, err := readBody(c)
	if err != nil {
		return err
	}
	if err := json.Unmarshal(b, dst); err != nil {
		var typeErr *json.UnmarshalTypeError
		if errors.As(err, &typeErr) && typeErr.Field != "" {
			return &forms.ValidationError{Message: "a value has the wrong type",
				Fields: map[string]string{typeErr.Field: "must be " + jsonKind(typeErr.Type.Kind().String())}}
		}
		return fmt.Errorf("the body is not valid JSON (%v): %w", err, forms.ErrMalformed)
	}
	return nil
}

func jsonKind(goKind string) string {
	switch goKind {
	case "int", "int64", "uint", "uint64", "float64":
		return "a number"
	case "string":
		return "text"
	case "bool":
		return "true or false"
	case "map", "struct":
		return "an object"
	case "slice":
		return "a list"
	}
	return "of another type"
}

// idParam reads a numeric path parameter; anything else is not found.
func idParam(c *gin.Context, name string) (uint, error) {
	n, err := strconv.ParseUint(c.Param(name), 10, 32)
	if err != nil || n == 0 {
		return 0, fmt.Errorf("%s %q: %w", name, c.Param(name), models.ErrNotFound)
	}
	return uint(n), nil
}

// intParam reads a positive version number from the path.
func intParam(c *gin.Context, name string) (int, error) {
	n, err := idParam(c, name)
	return int(n), err
}
