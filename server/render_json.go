package server

import (
	"encoding/json"
	"net/http"
)

// jsonAs renders v as JSON with a chosen content type (gin's JSON render
// always says application/json).
type jsonAs struct {
	contentType string
	v           any
}

// Render writes the JSON.
func (j jsonAs) Render(w http.ResponseWriter) error {
	j.WriteContentType(w)
	return json.NewEncoder(w).Encode(j.v)
}

// WriteContentType sets the content type.
func (j jsonAs) WriteContentType(w http.ResponseWriter) {
	w.Header().Set("Content-Type", j.contentType)
}
