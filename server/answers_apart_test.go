package server

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"image"
	"image/png"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// noisySignature is a made-up pad picture over the 2 kB at which answers
// are stored apart (noise does not compress).
func noisySignature(t *testing.T) string {
	t.Helper()
	img := image.NewGray(image.Rect(0, 0, 120, 60))
	rng := rand.New(rand.NewPCG(4, 4))
	for i := range img.Pix {
		img.Pix[i] = uint8(rng.IntN(256))
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		t.Fatal(err)
	}
	return "data:image/png;base64," + base64.StdEncoding.EncodeToString(buf.Bytes())
}

// A signature stored apart reaches the places that show it: the API, the
// FHIR export and the care home's PDF (as a picture). (The browser test of
// a whole assessment sees it on the completed page.)
func TestASignatureStoredApartReachesEveryView(t *testing.T) {
	app := newTestApp(t)
	sig := noisySignature(t)
	id := app.startAssessment(app.assessor)
	answers := fullAnswers()
	answers["assessor-signature"] = sig
	app.json("PATCH", fmt.Sprintf("/api/v1/assessments/%d/answers", id), app.assessor,
		map[string]any{"revision": 0, "answers": answers}, http.StatusOK, nil)
	// Another save leaves it as it was.
	app.json("PATCH", fmt.Sprintf("/api/v1/assessments/%d/answers", id), app.assessor,
		map[string]any{"revision": 1, "answers": map[string]any{"good-day": "Tea in the garden"}}, http.StatusOK, nil)
	app.json("POST", fmt.Sprintf("/api/v1/assessments/%d/complete", id), app.assessor, nil, http.StatusOK, nil)

	var got struct {
		Answers map[string]any `json:"answers"`
	}
	app.json("GET", fmt.Sprintf("/api/v1/assessments/%d", id), app.assessor, nil, http.StatusOK, &got)
	if got.Answers["assessor-signature"] != sig || got.Answers["good-day"] != "Tea in the garden" {
		t.Fatalf("API answers: good-day %v, signature of %d characters", got.Answers["good-day"], len(fmt.Sprint(got.Answers["assessor-signature"])))
	}

	_, fhir := app.do("GET", fmt.Sprintf("/api/v1/assessments/%d/fhir", id), app.assessor, nil)
	if !strings.Contains(string(fhir), strings.TrimPrefix(sig, "data:image/png;base64,")) {
		t.Fatal("the FHIR export lacks the signature picture")
	}

	var share struct{ URL string }
	app.json("POST", fmt.Sprintf("/api/v1/assessments/%d/shares", id), app.assessor,
		map[string]any{"recipient": "Rosewood House", "expires_in_hours": 48}, http.StatusCreated, &share)
	resp, err := http.Get(app.srv.URL + share.URL + "/pdf")
	if err != nil {
		t.Fatal(err)
	}
	pdf, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	// The signature is the one 120×60 picture.
	found := false
	for _, line := range pdfImages(t, pdf) {
		if f := strings.Fields(line); len(f) > 4 && f[3] == "120" && f[4] == "60" {
			found = true
		}
	}
	if !found {
		t.Fatalf("the care home's PDF lacks the 120×60 signature: %q", pdfImages(t, pdf))
	}
}

// pdfImages lists the pictures in a PDF with pdfimages -list (a line
// each: page, num, type, width, height, …); skipped without it, failed in CI.
func pdfImages(t *testing.T, pdf []byte) []string {
	t.Helper()
	bin := needProgram(t, "pdfimages")
	path := filepath.Join(t.TempDir(), "a.pdf")
	if err := os.WriteFile(path, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "-list", path).Output()
	if err != nil {
		t.Fatalf("pdfimages: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	return lines[min(2, len(lines)):] // after the two header lines
}
