package site

import (
	"archive/zip"
	"bytes"
	"hash/crc32"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/sys/unix"
)

// readBundle returns the bytes of dir's bundle.
func readBundle(t *testing.T, dir string) []byte {
	t.Helper()
	b, err := os.ReadFile(bundlePath(dir))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// freshBundle builds basic.txtar's content, changed by edit (if not nil),
// into a new directory and returns its bundle: what a rebuild's bundle
// must be, byte for byte.
func freshBundle(t *testing.T, edit func(t *testing.T, dir string)) []byte {
	t.Helper()
	dir := unpack(t, "basic.txtar")
	if edit != nil {
		edit(t, dir)
	}
	if sum := build(t, dir); sum.Reused != 0 {
		t.Errorf("a first build reused %d bundle entries", sum.Reused)
	}
	return readBundle(t, dir)
}

// bundleMatchesSite unpacks dir's bundle, which checks every entry's
// CRC-32, and compares each entry with the site's file of its name; the
// bundle's 404.html is its own. It returns the number of entries.
func bundleMatchesSite(t *testing.T, dir string) int {
	t.Helper()
	zr, err := zip.OpenReader(bundlePath(dir))
	if err != nil {
		t.Fatal(err)
	}
	defer zr.Close()
	site := snapshot(t, filepath.Join(dir, "build", "site"))
	if len(zr.File) != len(site) {
		t.Errorf("the bundle has %d entries, the site %d files", len(zr.File), len(site))
	}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		got, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Errorf("%s does not read back: %v", f.Name, err)
			continue
		}
		name, ok := strings.CutPrefix(f.Name, "test-site/")
		want, there := site[filepath.FromSlash(name)]
		switch {
		case !ok || !there:
			t.Errorf("bundle entry %s is no file of the site", f.Name)
		case name != "404.html" && !bytes.Equal(got, want):
			t.Errorf("bundle entry %s is not the site's file", f.Name)
		}
	}
	return len(zr.File)
}

// sameBundle fails unless dir's bundle is want, byte for byte, and each
// of its entries is the site's file.
func sameBundle(t *testing.T, dir string, want []byte) int {
	t.Helper()
	if !bytes.Equal(readBundle(t, dir), want) {
		t.Errorf("the bundle is not the one a fresh build writes")
	}
	return bundleMatchesSite(t, dir)
}

// TestRebuildReusesBundle rebuilds the same content: every entry of the
// bundle but 404.html, whose bytes are not the site's, is taken from the
// previous bundle, and the bundle is the same bytes as before and as a
// fresh build's.
func TestRebuildReusesBundle(t *testing.T) {
	dir := unpack(t, "basic.txtar")
	first := build(t, dir)
	before := readBundle(t, dir)
	again := build(t, dir)
	entries := sameBundle(t, dir, before)
	sameBundle(t, dir, freshBundle(t, nil))
	if first.Reused != 0 || again.Reused != int64(entries-1) || again.Reused == 0 {
		t.Errorf("bundle entries reused: %d by the first build, %d by the rebuild, want 0 and %d of %d", first.Reused, again.Reused, entries-1, entries)
	}
}

// TestRebuildBundleAfterEdit rebuilds after one section's text changed:
// the entries of the files that changed are compressed again, the others
// taken, and the bundle is a fresh build's of the changed content.
func TestRebuildBundleAfterEdit(t *testing.T) {
	dir := unpack(t, "basic.txtar")
	build(t, dir)
	editSection(t, dir)
	changed := build(t, dir)
	entries := sameBundle(t, dir, freshBundle(t, editSection))
	// The site's 404.html is unchanged, and the bundle's never taken.
	if changed.Reused != changed.Unchanged-1 || changed.Reused == 0 || changed.Reused >= int64(entries-1) {
		t.Errorf("%d bundle entries reused of %d, %d files unchanged", changed.Reused, entries, changed.Unchanged)
	}
}

// TestRebuildBundleStale rebuilds a bundle whose previous bundle is older
// than the previous site: a build without one came in between. The files
// that the site holds unchanged but that changed since that bundle are
// compressed again.
func TestRebuildBundleStale(t *testing.T) {
	dir := unpack(t, "basic.txtar")
	build(t, dir)
	editSection(t, dir)
	buildZip(t, dir, "-")
	stale := build(t, dir)
	entries := sameBundle(t, dir, freshBundle(t, editSection))
	if stale.Unchanged != int64(entries) || stale.Reused == 0 || stale.Reused >= int64(entries-1) {
		t.Errorf("%d bundle entries reused of %d, %d files unchanged", stale.Reused, entries, stale.Unchanged)
	}
}

// TestRebuildBundleSameCRC changes a file into other bytes of the same
// length and CRC-32: its previous entry matches it in all the zip says,
// and only the site's comparison tells them apart.
func TestRebuildBundleSameCRC(t *testing.T) {
	blob := bytes.Repeat([]byte("质量强省 条文 "), 200)
	forged := sameCRC(t, blob)
	withBlob := func(data []byte) func(t *testing.T, dir string) {
		return func(t *testing.T, dir string) {
			if err := os.MkdirAll(filepath.Join(dir, "static"), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(dir, "static", "blob.txt"), data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	dir := unpack(t, "basic.txtar")
	withBlob(blob)(t, dir)
	build(t, dir)
	withBlob(forged)(t, dir)
	sum := build(t, dir)
	entries := sameBundle(t, dir, freshBundle(t, withBlob(forged)))
	if sum.Reused != int64(entries-2) {
		t.Errorf("%d bundle entries reused of %d, want all but blob.txt and 404.html", sum.Reused, entries)
	}
}

// sameCRC returns other bytes than b of the same length and CRC-32: its
// first byte changed and, to make up for it, four bytes further on. A
// CRC is linear: crc(b^d) = crc(b) ^ crc(d) ^ crc(zeros) for messages of
// one length, so the four bytes are found by solving 32 equations.
func sameCRC(t *testing.T, b []byte) []byte {
	t.Helper()
	zeros := crc32.ChecksumIEEE(make([]byte, len(b)))
	effect := func(pos int, bit byte) uint32 {
		d := make([]byte, len(b))
		d[pos] = bit
		return crc32.ChecksumIEEE(d) ^ zeros
	}
	const at = 8 // the first of the four bytes
	// basis[k] has its highest bit at k; used[k] says which of the 32
	// bits at at… it is the effect of.
	var basis, used [32]uint32
	for i := range 32 {
		v, u := effect(at+i/8, 1<<(i%8)), uint32(1)<<i
		for k := 31; k >= 0 && v != 0; k-- {
			if v>>k&1 == 0 {
				continue
			}
			if basis[k] == 0 {
				basis[k], used[k] = v, u
				break
			}
			v, u = v^basis[k], u^used[k]
		}
	}
	want, flip := effect(0, 1), uint32(0)
	for k := 31; k >= 0; k-- {
		if want>>k&1 == 1 {
			want, flip = want^basis[k], flip^used[k]
		}
	}
	out := bytes.Clone(b)
	out[0] ^= 1
	for i := range 32 {
		if flip>>i&1 == 1 {
			out[at+i/8] ^= 1 << (i % 8)
		}
	}
	if want != 0 || crc32.ChecksumIEEE(out) != crc32.ChecksumIEEE(b) || bytes.Equal(out, b) {
		t.Fatal("no bytes of the same CRC-32 found")
	}
	return out
}

// TestRebuildBundleUnreadable rebuilds where the previous bundle cannot
// be read, or not all of it: the build compresses what it cannot take
// and writes the bundle a fresh build writes.
func TestRebuildBundleUnreadable(t *testing.T) {
	want := freshBundle(t, nil)
	for _, c := range []struct {
		name  string
		spoil func(t *testing.T, file string)
		// read: the previous bundle reads but for index.html, and
		// every other entry but 404.html is taken from it.
		read bool
	}{
		{"text", func(t *testing.T, file string) {
			if err := os.WriteFile(file, []byte("not a zip\n"), 0o644); err != nil {
				t.Fatal(err)
			}
		}, false},
		{"truncated", func(t *testing.T, file string) {
			if err := os.Truncate(file, int64(len(want)-100)); err != nil {
				t.Fatal(err)
			}
		}, false},
		{"named pipe", func(t *testing.T, file string) {
			if err := os.Remove(file); err != nil {
				t.Fatal(err)
			}
			if err := unix.Mkfifo(file, 0o644); err != nil {
				t.Fatal(err)
			}
		}, false},
		// The home page's local header spoilt: the directory at the
		// end reads, that entry does not.
		{"entry header", func(t *testing.T, file string) {
			b, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			zr, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range zr.File {
				if f.Name == "test-site/index.html" {
					data, _ := f.DataOffset()
					copy(b[bytes.LastIndex(b[:data], []byte("PK\x03\x04")):], "junk")
				}
			}
			if err := os.WriteFile(file, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}, true},
	} {
		t.Run(strings.ReplaceAll(c.name, " ", "_"), func(t *testing.T) {
			dir := unpack(t, "basic.txtar")
			build(t, dir)
			c.spoil(t, bundlePath(dir))
			sum := build(t, dir)
			entries := sameBundle(t, dir, want)
			wantReused := 0
			if c.read {
				wantReused = entries - 2
			}
			if sum.Reused != int64(wantReused) {
				t.Errorf("%d bundle entries reused, want %d", sum.Reused, wantReused)
			}
		})
	}
}
