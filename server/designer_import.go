package server

import (
	"errors"
	"fmt"
	"io"
	"maps"
	"net/http"
	"slices"
	"strings"

	"github.com/gin-gonic/gin"

	"firstperson/forms"
	"firstperson/forms/fhir"
)

// maxImportBytes caps an imported Questionnaire: the default template
// exports to about 60 KB, so 2 MB is ample.
const maxImportBytes = 2 << 20

// designerImport serves POST /templates/import: a FHIR R4 Questionnaire,
// uploaded as a file or pasted, becomes a new template with a draft. The
// new template's page lists what the import had to change; a file that
// cannot be read shows the form again with 422 and what is wrong.
func (s *Server) designerImport(c *gin.Context) error {
	u, err := lead(c)
	if err != nil {
		return err
	}
	pasted := c.PostForm("questionnaire")
	data, err := importData(c, pasted)
	if err != nil {
		return s.renderList(c, http.StatusUnprocessableEntity, templateListView{Import: importForm{
			Pasted: pasted, Error: err.Error()}})
	}
	schema, warnings, err := fhir.FromQuestionnaire(data)
	if err != nil {
		return s.renderList(c, http.StatusUnprocessableEntity, templateListView{Import: importProblem(pasted, err)})
	}
	v, err := s.store.CreateTemplate(c.Request.Context(), u.Actor(), schema)
	if err != nil {
		return err
	}
	tv, err := s.loadTemplateView(c, u.TeamID, v.TemplateID)
	if err != nil {
		return err
	}
	tv.Imported, tv.Warnings = true, warnings
	s.render(c, http.StatusCreated, "template", Page{Title: tv.Title, Nav: "templates", Data: tv,
		Flash: fmt.Sprintf("“%s” is imported as a new template with a draft. Check it, then publish it.", schema.Title)})
	return nil
}

// importData is the uploaded file, else the pasted text.
func importData(c *gin.Context, pasted string) ([]byte, error) {
	fh, err := c.FormFile("file")
	if err == nil && fh.Size > 0 {
		if fh.Size > maxImportBytes {
			return nil, fmt.Errorf("the file is larger than %d MB; a Questionnaire is usually far smaller", maxImportBytes>>20)
		}
		f, err := fh.Open()
		if err != nil {
			return nil, errors.New("the file could not be read; try choosing it again")
		}
		defer f.Close()
		return io.ReadAll(io.LimitReader(f, maxImportBytes))
	}
	if strings.TrimSpace(pasted) == "" {
		return nil, errors.New("choose a Questionnaire file (.json), or paste its JSON into the box")
	}
	return []byte(pasted), nil
}

// importProblem explains why a Questionnaire could not be imported.
func importProblem(pasted string, err error) importForm {
	f := importForm{Pasted: pasted}
	var ve *forms.ValidationError
	switch {
	case errors.As(err, &ve):
		f.Error = "This Questionnaire cannot become a template: " + ve.Message + "."
		for _, k := range slices.Sorted(maps.Keys(ve.Fields)) {
			f.Problems = append(f.Problems, k+": "+ve.Fields[k])
		}
	case errors.Is(err, forms.ErrMalformed):
		msg := err.Error()
		if _, detail, ok := strings.Cut(msg, forms.ErrMalformed.Error()+": "); ok {
			msg = detail
		}
		f.Error = "This is not a FHIR Questionnaire in JSON: " + msg + "."
	default:
		f.Error = "This Questionnaire could not be imported."
	}
	return f
}
