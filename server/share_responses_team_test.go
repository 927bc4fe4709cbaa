package server

import (
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

func TestAssessorSeesTheCareHomesAnswerFiltersAndReplies(t *testing.T) {
	app := newTestApp(t)
	asked, askedLink := app.sharedWithHome(app.assessor)
	accepted, acceptedLink := app.sharedWithHome(app.assessor)
	waiting, _ := app.sharedWithHome(app.assessor)
	notShared := app.completeAssessment(app.assessor)
	jsonH := map[string]string{"Content-Type": "application/json"}
	app.asCareHome("GET", askedLink, nil, nil)
	if resp, out := app.asCareHome("POST", askedLink+"/responses", strings.NewReader(`{"decision":"question","name":"Rita","role":"Manager","message":"Hoist?"}`), jsonH); resp.StatusCode != 201 {
		t.Fatalf("question: %d %s", resp.StatusCode, out)
	}
	if resp, out := app.asCareHome("POST", acceptedLink+"/responses", strings.NewReader(`{"decision":"accept","name":"Rita","role":"Manager"}`), jsonH); resp.StatusCode != 201 {
		t.Fatalf("accept: %d %s", resp.StatusCode, out)
	}

	// The API: the filter and the care_home member.
	for filter, want := range map[string]uint{"question": asked, "accepted": accepted, "waiting": waiting} {
		var list struct {
			Items []struct {
				ID       uint           `json:"id"`
				CareHome map[string]any `json:"care_home"`
			} `json:"items"`
			Total int `json:"total"`
		}
		app.json("GET", "/api/v1/assessments?care_home="+filter, app.lead, nil, http.StatusOK, &list)
		if list.Total != 1 || list.Items[0].ID != want {
			t.Fatalf("filter %s: %+v", filter, list)
		}
		if filter == "question" && (list.Items[0].CareHome["decision"] != "question" || list.Items[0].CareHome["views"] != 1.0 ||
			list.Items[0].CareHome["opened_at"] == nil || list.Items[0].CareHome["at"] == nil) {
			t.Fatalf("care_home of the question: %v", list.Items[0].CareHome)
		}
	}
	var none struct{ Total int }
	app.json("GET", "/api/v1/assessments?care_home=declined", app.lead, nil, http.StatusOK, &none)
	if none.Total != 0 {
		t.Fatalf("declined: %d", none.Total)
	}
	if e := app.fail("GET", "/api/v1/assessments?care_home=soon", app.lead, nil, http.StatusUnprocessableEntity); e.Error.Fields["care_home"] == "" {
		t.Fatalf("unknown filter: %+v", e)
	}
	var one map[string]any
	app.json("GET", fmt.Sprintf("/api/v1/assessments/%d", notShared), app.assessor, nil, http.StatusOK, &one)
	if ch, ok := one["care_home"].(map[string]any); !ok || ch["decision"] != nil || ch["shared"] != false || ch["views"] != 0.0 {
		t.Fatalf("care_home of an unshared assessment: %v", one["care_home"])
	}

	// The pages: badges on the list, the filter, the reply form.
	b := app.browser("ada@example.org", "correct horse battery")
	get := func(path string) (int, string) {
		resp, err := b.Get(app.srv.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		body, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(body)
	}
	code, page := get("/assessments")
	if code != 200 || !regexp.MustCompile(`Accepted by Rosewood House, \d\d:\d\d`).MatchString(page) ||
		!strings.Contains(page, "Question from Rosewood House") || !strings.Contains(page, "Waiting for the care home · not opened yet") {
		t.Fatalf("list badges: %d\n%s", code, page)
	}
	code, page = get("/assessments?care_home=question")
	if code != 200 || strings.Count(page, `class="a-item"`) != 1 || !strings.Contains(page, "Question from Rosewood House") ||
		!strings.Contains(page, `<option value="question" selected>`) {
		t.Fatalf("list filtered by question: %d\n%s", code, page)
	}
	code, page = get(fmt.Sprintf("/assessments/%d", asked))
	if code != 200 || !strings.Contains(page, "Question from Rosewood House") || !strings.Contains(page, "Hoist?") ||
		!strings.Contains(page, fmt.Sprintf(`action="/assessments/%d/responses"`, asked)) {
		t.Fatalf("assessment page: %d\n%s", code, page)
	}
	resp, err := b.PostForm(app.srv.URL+fmt.Sprintf("/assessments/%d/responses", asked), url.Values{"message": {"  "}})
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(string(body), "write a reply") {
		t.Fatalf("empty reply: %d", resp.StatusCode)
	}
	resp, _ = b.PostForm(app.srv.URL+fmt.Sprintf("/assessments/%d/responses", asked), url.Values{"message": {"No hoist needed."}})
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("reply: %d", resp.StatusCode)
	}
	if _, page = get(fmt.Sprintf("/assessments/%d?replied=1", asked)); !strings.Contains(page, "No hoist needed.") || !strings.Contains(page, "· replied") ||
		!strings.Contains(page, "Your reply was sent") {
		t.Fatalf("after the reply:\n%s", page)
	}
	if _, page = app.asCareHome("GET", askedLink, nil, nil); !strings.Contains(page, "No hoist needed.") {
		t.Fatal("the home does not see the reply")
	}
	// A reply before anything was shared makes no sense; another team's is 404.
	app.fail("POST", fmt.Sprintf("/api/v1/assessments/%d/responses", notShared), app.assessor, map[string]any{"message": "hi"}, http.StatusConflict)
	other := app.browser("olu@example.org", "correct horse battery")
	resp, _ = other.PostForm(app.srv.URL+fmt.Sprintf("/assessments/%d/responses", asked), url.Values{"message": {"x"}})
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Fatalf("other team's reply: %d", resp.StatusCode)
	}

	// The shares page: opens, an empty recipient after a new link, a copy button.
	code, page = get(fmt.Sprintf("/assessments/%d/shares", asked))
	if code != 200 || !strings.Contains(page, "2 views, last") || !strings.Contains(page, "First ") {
		t.Fatalf("shares page opens: %d\n%s", code, page)
	}
	resp, _ = b.PostForm(app.srv.URL+fmt.Sprintf("/assessments/%d/shares", asked), url.Values{"recipient": {"Oak Lodge"}, "expires_in_hours": {"24"}})
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != http.StatusCreated || !strings.Contains(string(body), `name="recipient" type="text" required value=""`) ||
		!strings.Contains(string(body), `data-copy="new-link"`) || !strings.Contains(string(body), "Not opened yet") {
		t.Fatalf("new link: %d\n%s", resp.StatusCode, body)
	}
}

// Two care homes with links to the same assessment never see each other's
// conversation; a reply goes to the home that answered last unless told.
func TestTwoCareHomesDoNotSeeEachOthersConversation(t *testing.T) {
	app := newTestApp(t)
	id, rosewood := app.sharedWithHome(app.assessor)
	_, elsewhere := app.sharedWithHome(app.assessor)
	var oak struct {
		ID  uint   `json:"id"`
		URL string `json:"url"`
	}
	app.json("POST", fmt.Sprintf("/api/v1/assessments/%d/shares", id), app.assessor,
		map[string]any{"recipient": "Oak Lodge", "expires_in_hours": 24}, http.StatusCreated, &oak)
	jsonH := map[string]string{"Content-Type": "application/json"}
	if resp, out := app.asCareHome("POST", rosewood+"/responses", strings.NewReader(`{"decision":"question","name":"Rita","role":"Manager","message":"Rosewood asks about the hoist"}`), jsonH); resp.StatusCode != 201 {
		t.Fatalf("question: %d %s", resp.StatusCode, out)
	}
	app.json("POST", fmt.Sprintf("/api/v1/assessments/%d/responses", id), app.assessor, map[string]any{"message": "Reply for Rosewood"}, http.StatusCreated, nil)
	app.json("POST", fmt.Sprintf("/api/v1/assessments/%d/responses", id), app.assessor, map[string]any{"message": "Reply for Oak", "share_id": oak.ID}, http.StatusCreated, nil)
	var otherLinks []map[string]any
	app.json("GET", "/api/v1/assessments/"+uitoa12(id+1)+"/shares", app.assessor, nil, http.StatusOK, &otherLinks)
	if e := app.fail("POST", fmt.Sprintf("/api/v1/assessments/%d/responses", id), app.assessor,
		map[string]any{"message": "x", "share_id": otherLinks[0]["id"]}, http.StatusUnprocessableEntity); e.Error.Fields["share_id"] == "" {
		t.Fatalf("reply through another assessment's link: %+v", e)
	}
	_ = elsewhere

	_, page := app.asCareHome("GET", rosewood, nil, nil)
	if !strings.Contains(page, "Rosewood asks about the hoist") || !strings.Contains(page, "Reply for Rosewood") || strings.Contains(page, "Reply for Oak") {
		t.Fatalf("Rosewood's page:\n%s", page)
	}
	_, page = app.asCareHome("GET", strings.TrimPrefix(oak.URL, app.srv.URL), nil, nil)
	if strings.Contains(page, "Rosewood asks") || strings.Contains(page, "Reply for Rosewood") || !strings.Contains(page, "Reply for Oak") {
		t.Fatalf("Oak Lodge's page:\n%s", page)
	}
	b := app.browser("ada@example.org", "correct horse battery")
	resp, err := b.Get(app.srv.URL + fmt.Sprintf("/assessments/%d", id))
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(body), `name="share_id"`) || !strings.Contains(string(body), "Trusted Assessor team → Oak Lodge") {
		t.Fatalf("team view lacks the recipient choice or the addressee:\n%s", body)
	}
}
