package server

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"os"
	"path"
	"strings"
	"sync"
	"time"

	"github.com/gin-gonic/gin"

	"firstperson/forms"
	"firstperson/models"
	"firstperson/templates"
)

// pages holds the parsed HTML pages: each file in templates/pages is parsed
// together with layout.html and every partial.
type pages struct {
	dev  bool
	fsys fs.FS
	mu   sync.Mutex
	set  map[string]*template.Template
	// assets are the static files with their hashes (static_assets.go).
	assets assets
}

func loadPages(dev bool, dir string) (*pages, error) {
	p := &pages{dev: dev, fsys: templates.FS}
	if dev {
		if dir == "" {
			dir = "templates"
		}
		p.fsys = os.DirFS(dir)
	}
	set, err := p.parse()
	if err != nil {
		return nil, err
	}
	p.set = set
	if p.assets, err = loadAssets(p.fsys); err != nil {
		return nil, err
	}
	return p, nil
}

func (p *pages) parse() (map[string]*template.Template, error) {
	names, err := fs.Glob(p.fsys, "pages/*.html")
	if err != nil || len(names) == 0 {
		return nil, fmt.Errorf("no page templates found: %v", err)
	}
	partials, _ := fs.Glob(p.fsys, "partials/*.html")
	static, err := loadAssets(p.fsys)
	if err != nil {
		return nil, err
	}
	set := map[string]*template.Template{}
	for _, n := range names {
		files := append([]string{"layout.html", n}, partials...)
		t, err := template.New("layout.html").Funcs(funcs).Funcs(template.FuncMap{"static": static.url}).ParseFS(p.fsys, files...)
		if err != nil {
			return nil, fmt.Errorf("parse page %s: %w", n, err)
		}
		set[strings.TrimSuffix(path.Base(n), ".html")] = t
	}
	return set, nil
}

// lookup returns a page by name (re-parsed from disk in dev mode).
func (p *pages) lookup(name string) (*template.Template, error) {
	set := p.set
	if p.dev {
		var err error
		if set, err = p.parse(); err != nil {
			return nil, err
		}
	}
	t, ok := set[name]
	if !ok {
		return nil, fmt.Errorf("no page template %q", name)
	}
	return t, nil
}

// currentAssets returns the static files (re-read from disk in dev mode).
func (p *pages) currentAssets() assets {
	if p.dev {
		if a, err := loadAssets(p.fsys); err == nil {
			return a
		}
	}
	return p.assets
}

// Page is what every page template receives: the layout reads Title, User
// and Flash; the page itself reads Data.
type Page struct {
	Title string
	User  *models.User
	Flash string
	// Nav names the active top navigation item ("assessments", "templates").
	Nav  string
	Data any
}

// render writes a page with status. It renders to a buffer first, so a
// template error becomes a clean 500 instead of half a page.
func (s *Server) render(c *gin.Context, status int, name string, p Page) {
	if p.User == nil {
		p.User = currentUser(c)
	}
	t, err := s.pages.lookup(name)
	var buf bytes.Buffer
	if err == nil {
		err = t.Execute(&buf, p)
	}
	if err != nil {
		s.log.Error("render page", "page", name, "err", err)
		c.Data(http.StatusInternalServerError, "text/plain; charset=utf-8",
			[]byte("Something went wrong showing this page. Nothing you saved is lost."))
		return
	}
	c.Header("Cache-Control", "no-store")
	c.Data(status, "text/html; charset=utf-8", buf.Bytes())
}

// pageHandler is a browser page handler that returns its error.
type pageHandler func(c *gin.Context) error

// page adapts a pageHandler, showing errors as an HTML error page.
func (s *Server) page(h pageHandler) gin.HandlerFunc {
	return func(c *gin.Context) {
		if err := h(c); err != nil {
			s.renderError(c, err)
		}
	}
}

// renderError shows the error page for err with its status.
func (s *Server) renderError(c *gin.Context, err error) {
	ec := classify(err)
	if ec.status >= 500 {
		s.log.Error("page failed", "path", c.Request.URL.Path, "err", err)
	}
	if ec.status == http.StatusUnauthorized {
		c.Redirect(http.StatusSeeOther, "/login")
		return
	}
	setRetryAfter(c, err)
	titles := map[int]string{
		http.StatusForbidden: "This page is for team leads",
		http.StatusNotFound:  "We could not find that",
		http.StatusGone:      "This link has ended",
	}
	title := titles[ec.status]
	if title == "" {
		title = http.StatusText(ec.status)
	}
	c.Abort()
	s.render(c, ec.status, "error", Page{Title: title, Data: publicMessage(err, ec)})
}

// funcs are the helpers page templates may call.
var funcs = template.FuncMap{
	"date": func(t any) string {
		switch v := t.(type) {
		case time.Time:
			if v.IsZero() {
				return ""
			}
			return v.Local().Format("2 Jan 2006")
		case *time.Time:
			if v == nil {
				return ""
			}
			return v.Local().Format("2 Jan 2006")
		}
		return ""
	},
	"datetime": func(t any) string {
		switch v := t.(type) {
		case time.Time:
			return v.Local().Format("2 Jan 2006, 15:04")
		case *time.Time:
			if v == nil {
				return ""
			}
			return v.Local().Format("2 Jan 2006, 15:04")
		}
		return ""
	},
	"nhs":    forms.FormatNHSNumber,
	"answer": forms.FormatAnswer,
	"add":    func(a, b int) int { return a + b },
	"seq": func(n int) []int {
		s := make([]int, n)
		for i := range s {
			s[i] = i
		}
		return s
	},
	"contains": func(list []any, v string) bool {
		for _, x := range list {
			if s, ok := x.(string); ok && s == v {
				return true
			}
		}
		return false
	},
}
