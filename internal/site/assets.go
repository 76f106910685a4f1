package site

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"maps"
	"slices"
	"strings"

	"tiaowen/internal/search"
)

// The addresses of the files pages load — style sheets, scripts, the
// icon, api/docs.js, the search index's meta.js — carry a version, a
// hash of the file (of its inputs, for meta.js):
// "static/style.css?v=3f2a1c09be". A static host lets browsers keep such
// files for a while without asking again; after a new build is deployed,
// its pages name new addresses for whatever changed, so a browser never
// runs a new page with an old script, while what did not change stays in
// its cache. A file read from disk (the offline bundle) ignores the
// query.

// assetVersions are the versions of the site's assets.
type assetVersions struct {
	// static are the static files', by their slash path from the site's
	// root ("static/style.css"); docs is api/docs.js's, which changes
	// with any document; index is the search index's meta.js's, its
	// fingerprint, known before the index is built (search.Fingerprint).
	static map[string]string
	docs   string
	index  string
	// stamp is a hash of every version: the layout's cached fragments
	// are keyed by it.
	stamp string
}

// assetLoads names, for a script that loads other static files itself,
// those files. The script passes its own address's query on to them, so
// its version is a hash of all of them: static/site.js loads the 繁→简
// conversion, static/hanconv.js, on pages that offer it, and a
// document's Word writer, static/docx.js, and
// static/compare.js the word-by-word diff, static/jsdiff.min.js, and the
// Word document's writer, static/docx.js, and static/search.js the Word
// writer too, when a reader first asks for them.
var assetLoads = map[string][]string{
	staticPath + "site.js":    {staticPath + "hanconv.js", staticPath + "docx.js"},
	staticPath + "compare.js": {staticPath + "jsdiff.min.js", staticPath + "docx.js"},
	staticPath + "search.js":  {staticPath + "docx.js"},
}

// versionLen is the length of a version: 40 bits of a SHA-256, enough
// that two builds' files do not share one by chance.
const versionLen = 10

func assetVersion(files ...[]byte) string {
	h := sha256.New()
	for _, b := range files {
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))[:versionLen]
}

// version returns the version of the asset name (a slash path from the
// site's root), and whether the site has it.
func (a *assetVersions) version(name string) (string, bool) {
	switch name {
	case docsScriptPath:
		return a.docs, true
	case searchMetaPath:
		return a.index, true
	}
	v, ok := a.static[name]
	return v, ok
}

// url returns the address of the asset name from a page whose Root is
// root, with its version when it has one.
func (a *assetVersions) url(root, name string) string {
	if a != nil {
		if v, _ := a.version(name); v != "" {
			return root + name + "?v=" + v
		}
	}
	return root + name
}

// checkedURL is url for a template, which may name any file: one the site
// does not have is an error, which stops the build at the template's
// line, rather than a page that loads nothing.
func (a *assetVersions) checkedURL(root, name string) (string, error) {
	if a != nil {
		if _, ok := a.version(name); !ok {
			return "", fmt.Errorf("no asset %q: name a file of the project's static/ folder or of tiaowen's defaults as static/<path>, api/docs.js or search/data/meta.js", name)
		}
	}
	return a.url(root, name), nil
}

// indexAssets computes the versions of the site's static files (the
// project's, tiaowen's, and the generated static/chroma.css), as served
// (minified when the site is), when
// static is set or none were computed yet, and of api/docs.js. It
// replaces s.assets, which a site served before an update may share.
func (s *Site) indexAssets(static bool) error {
	a := &assetVersions{}
	if static || s.assets == nil {
		files := map[string][]byte{}
		var chroma bytes.Buffer
		if err := chromaCSS(&chroma); err != nil {
			return err
		}
		files[staticPath+"chroma.css"] = chroma.Bytes()
		names, err := s.static.list()
		if err != nil {
			return err
		}
		for _, n := range names {
			// As served: a file that cannot be read, or that a link
			// leads to outside the static directory, has no version.
			if b, err := s.readStatic(n); err == nil {
				files[staticPath+n] = b
			}
		}
		for n, b := range files {
			if files[n], err = s.min.served(n, b); err != nil {
				source := n
				if _, file, err := s.static.read(strings.TrimPrefix(n, staticPath)); err == nil {
					source = file
				}
				return minifyError(source, err)
			}
		}
		a.static = make(map[string]string, len(files))
		for n, b := range files {
			parts := [][]byte{b}
			for _, l := range assetLoads[n] {
				parts = append(parts, files[l])
			}
			a.static[n] = assetVersion(parts...)
		}
	} else {
		a.static = s.assets.static
	}
	var docs bytes.Buffer
	if err := s.docsScript(&docs); err != nil {
		return err
	}
	served, err := s.min.served(docsScriptPath, docs.Bytes())
	if err != nil {
		return fmt.Errorf("minify %s: %w", docsScriptPath, err)
	}
	a.docs = assetVersion(served)
	a.index = search.Fingerprint(s.corpus, s.searchOptions())
	all := []byte(a.docs + "\n" + a.index)
	for _, n := range slices.Sorted(maps.Keys(a.static)) {
		all = append(all, "\n"+n+"="+a.static[n]...)
	}
	a.stamp = assetVersion(all)
	s.assets = a
	return nil
}
