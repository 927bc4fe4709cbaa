package server

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"path"
	"regexp"
	"strings"
	"time"

	"github.com/gin-gonic/gin"
	"github.com/klauspost/compress/gzhttp"
)

// asset is one file of templates/static with the hash of its content.
type asset struct {
	body []byte
	hash string // first 8 hex digits of its SHA-256
}

// assets are the static files, hashed once when the templates are parsed,
// so a page names /static/app.3f2a1c9e.css and the browser may keep that
// file for a year: a change of content is a change of name.
type assets map[string]asset

// loadAssets reads and hashes every file under static/.
func loadAssets(fsys fs.FS) (assets, error) {
	out := assets{}
	err := fs.WalkDir(fsys, "static", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(b)
		out[strings.TrimPrefix(p, "static/")] = asset{body: b, hash: hex.EncodeToString(sum[:4])}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("read static files: %w", err)
	}
	return out, nil
}

// url is the content-hashed address of a static file, for the "static"
// template function: {{static "app.css"}} → /static/app.3f2a1c9e.css. An
// unknown name fails the page, so a typo shows up in the tests.
func (a assets) url(name string) (template.URL, error) {
	f, ok := a[name]
	if !ok {
		return "", fmt.Errorf("no static file %q", name)
	}
	ext := path.Ext(name)
	return template.URL("/static/" + strings.TrimSuffix(name, ext) + "." + f.hash + ext), nil
}

// hashedName matches "name.0123abcd.ext": a content-hashed file name.
var hashedName = regexp.MustCompile(`^(.+)\.[0-9a-f]{8}(\.[A-Za-z0-9]+)$`)

// static serves GET /static/*file. A hashed name (any hash, so a page
// cached before a release still finds its CSS) gets the current content to
// keep for a year; the plain name (what JavaScript modules import) must be
// revalidated, which its ETag makes cheap. Folders and unknown files are
// 404, never a listing.
func (s *Server) static(c *gin.Context) {
	all := s.pages.currentAssets()
	name := strings.TrimPrefix(c.Param("file"), "/")
	f, ok := all[name]
	cache := "no-cache"
	if !ok {
		if m := hashedName.FindStringSubmatch(name); m != nil {
			f, ok = all[m[1]+m[2]]
			cache = "public, max-age=31536000, immutable"
		}
	}
	if !ok {
		s.notFound(c)
		return
	}
	c.Header("Cache-Control", cache)
	c.Header("ETag", `"`+f.hash+`"`)
	http.ServeContent(c.Writer, c.Request, path.Base(name), time.Time{}, bytes.NewReader(f.body))
}

// compressTypes are the responses worth compressing; PDFs and PNGs are
// compressed already.
var compressTypes = []string{"text/html", "text/css", "text/javascript", "application/javascript",
	"application/json", "application/fhir+json", "image/svg+xml", "text/csv", "text/plain"}

// compress wraps h in gzip (and zstd, for browsers that ask for it) for
// the types above, once a response passes 1 kB.
func compress(h http.Handler) http.Handler {
	wrap, err := gzhttp.NewWrapper(gzhttp.ContentTypes(compressTypes))
	if err != nil {
		panic(err) // only a bad option list gets here
	}
	return wrap(h)
}
