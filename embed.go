// Package tiaowen holds the default templates and static assets that the
// tiaowen binary embeds. A project overrides any of them file by file by
// placing a file of the same name in its own templates/ or static/.
package tiaowen

import "embed"

// Templates are the default page templates (templates/*.html).
//
//go:embed templates
var Templates embed.FS

// Static are the default assets copied into every site (static/*).
//
//go:embed static
var Static embed.FS
