package search

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"encoding/json"
	"io"
	"os"
	"runtime/debug"
	"sync"

	"tiaowen/internal/corpus"
)

// Fingerprint is a hash of everything Build reads of c and o, and of the
// program that builds: two builds whose fingerprints are the same write
// the same index. It is cheap where Build is not (at 2000 documents some
// tens of milliseconds against seconds), so that pages written before the
// index can name its files' version: a page that loads meta.js asks for
// meta.js?v=<fingerprint>, and a browser never keeps a meta.js of
// another build under that address, whether the host sends the date a
// file was changed or not, and whether a rebuild that left the page as it
// was kept its date or not.
//
// It hashes the documents' front matter, the text outside their sections,
// and each section's identifier, citation, title, text, layout, place
// under its parent and themes; the themes' ids and names; and the
// options' sizes. An edit of what Build reads that this leaves out would
// let a browser keep a stale meta.js: TestFingerprint changes each input
// in turn.
func Fingerprint(c *corpus.Corpus, o Options) string {
	h := sha256.New()
	io.WriteString(h, programIdentity())
	num := func(n int) {
		var b [binary.MaxVarintLen64]byte
		h.Write(b[:binary.PutVarint(b[:], int64(n))])
	}
	str := func(s string) {
		num(len(s))
		io.WriteString(h, s)
	}
	num(o.GramShardBytes)
	num(o.TextShardBytes)
	num(o.SplitBytes)
	num(o.ExtendBytes)
	if o.Rarity != nil {
		num(1)
	} else {
		num(0)
	}
	if o.Themes != nil {
		num(len(o.Themes.Themes))
		for _, t := range o.Themes.Themes {
			str(t.ID)
			str(t.Name)
		}
	}
	blocks := func(bs []corpus.Block) {
		num(len(bs))
		for _, b := range bs {
			num(int(b.Kind))
			str(b.Text)
		}
	}
	num(len(c.Docs))
	for i, d := range c.Docs {
		// The front matter whole, as the API writes it: Build reads most
		// of it, and a field it starts to read is then covered already.
		meta, err := json.Marshal(d.Meta)
		if err != nil {
			panic(err) // strings, a bool and lists of strings
		}
		str(string(meta))
		blocks(d.Preamble)
		blocks(d.Trailing)
		num(len(d.Sections))
		for j, s := range d.Sections {
			str(s.EID)
			str(s.Citation())
			str(s.Title)
			str(s.Text)
			str(s.Layout())
			str(parentGap(s))
			if o.SectionThemes != nil {
				ts := o.SectionThemes(i, j)
				num(len(ts))
				for _, t := range ts {
					str(t.ID)
				}
			}
		}
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// programIdentity names the program that builds, so that a new release,
// whose index may be laid out anew from the same corpus, gives a new
// fingerprint: its module version and commit, or, for a build from a
// tree with uncommitted changes or none recorded (go run, go test), a
// hash of its own executable.
var programIdentity = sync.OnceValue(func() string {
	id := "unknown"
	if info, ok := debug.ReadBuildInfo(); ok {
		id = info.GoVersion + " " + info.Main.Path + "@" + info.Main.Version
		revision, modified := "", true
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				revision = s.Value
			case "vcs.modified":
				modified = s.Value == "true"
			}
		}
		if revision != "" && !modified {
			return id + " " + revision
		}
	}
	if exe, err := os.Executable(); err == nil {
		if f, err := os.Open(exe); err == nil {
			defer f.Close()
			h := sha256.New()
			if _, err := io.Copy(h, f); err == nil {
				return id + " " + hex.EncodeToString(h.Sum(nil))
			}
		}
	}
	return id
})
