package server

import (
	"net/http"
	"unicode/utf8"

	"github.com/gin-gonic/gin"

	"firstperson/forms"
)

// maxVoiceText bounds what the answer voice check reads.
const maxVoiceText = 10000

// voiceAnswer serves POST /api/v1/voice/answer: {"text"} →
// {"flagged","problem","suggestion"}, the answer voice check
// (forms.CheckAnswer) for the tablet's quiet note. It only reads: nothing
// is saved, and saving never waits for it.
func (s *Server) voiceAnswer(c *gin.Context) error {
	var body struct {
		Text *string `json:"text"`
	}
	if err := decodeJSON(c, &body); err != nil {
		return err
	}
	if body.Text == nil {
		return &forms.ValidationError{Message: "send the answer to check", Fields: map[string]string{"text": "required"}}
	}
	if utf8.RuneCountInString(*body.Text) > maxVoiceText {
		return &forms.ValidationError{Message: "the answer is too long to check",
			Fields: map[string]string{"text": "at most 10,000 characters"}}
	}
	c.JSON(http.StatusOK, forms.CheckAnswer(*body.Text))
	return nil
}
