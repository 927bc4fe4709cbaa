// Package templates holds the HTML pages, partials, CSS and the small
// JavaScript, embedded into the binary so one file runs the whole app.
package templates

import "embed"

// FS is the embedded tree: layout.html, pages/*.html (one per page),
// partials/*.html (shared blocks) and static/ (CSS, JS, images).
//
//go:embed layout.html pages partials static
var FS embed.FS
