package site

import (
	"archive/zip"
	"bufio"
	"bytes"
	"fmt"
	"hash/crc32"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/klauspost/compress/flate"

	"tiaowen/internal/diag"
)

// bundle writes the offline zip while the site is rendered. Each render
// worker deflates the file it has just written, in parallel with the
// others, and the entries are appended in the order of the jobs, which is
// fixed (by name, in each of render's rounds): the archive is the same
// bytes on every build, and no file is read back from disk or compressed
// on one core after the site is done, which at thousands of documents
// took longer than rendering.
//
// A rebuild takes the compressed bytes of every file it has not changed
// from the zip it replaces instead of deflating them again: deflate is
// the largest single cost of a build (35 s of 130 s of CPU at 2000
// documents), and a rebuild after an edit changes a few files of tens of
// thousands.
type bundle struct {
	dst    string // the zip's final path
	folder string // every entry sits under it
	f      *os.File
	zw     *zip.Writer

	// prev is the zip that was at dst when the build began, and
	// prevFiles its entries by name; both nil when there was none that
	// could be read. Only read once the bundle has started, by every
	// worker at once: an entry's bytes are read at its offset.
	prev      *os.File
	prevFiles map[string]*zip.File
	reused    atomic.Int64 // entries taken from prev

	mu    sync.Mutex
	next  int // the job whose entry comes next
	ready map[int]bundleEntry
	err   error
}

// bundleEntry is one file, compressed, waiting for its turn.
type bundleEntry struct {
	header *zip.FileHeader
	raw    []byte
	buf    *[]byte // raw's memory, from entryBufs
}

// entryBufs keeps the memory of entries once they are in the archive:
// the entries of a build add up to the size of the zip, each is
// appended moments after it is compressed, and allocating each afresh
// gave the collector a tenth of the build's allocations to chase.
var entryBufs = sync.Pool{New: func() any { return new([]byte) }}

// flaters keeps deflate writers between files: each holds hundreds of
// kilobytes of state.
var flaters = sync.Pool{New: func() any {
	w, _ := flate.NewWriter(nil, flate.BestSpeed)
	return w
}}

// newBundle starts the zip at a temporary path beside dst.
func newBundle(dst, folder string) (*bundle, error) {
	if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
		return nil, err
	}
	// What a killed build left: a zip of hundreds of megabytes, half
	// written.
	removeLeftovers(filepath.Dir(dst), filepath.Base(dst))
	f, err := os.CreateTemp(filepath.Dir(dst), tmpPrefix+filepath.Base(dst)+"-")
	if err != nil {
		return nil, err
	}
	// zip.NewWriter buffers 4 KiB at a time; a larger buffer, which it
	// adopts, writes a bundle of hundreds of megabytes in a few hundred
	// system calls rather than tens of thousands.
	zw := zip.NewWriter(bufio.NewWriterSize(f, 1<<20))
	b := &bundle{dst: dst, folder: folder, f: f, zw: zw, ready: map[int]bundleEntry{}}
	b.prev, b.prevFiles = openPrevious(dst)
	return b, nil
}

// openPrevious opens the zip at dst that an earlier build left, and lists
// its entries by name. Whatever cannot be read as a zip (nothing there, a
// truncated file, something else altogether) gives nothing to reuse: the
// bundle is then deflated whole, as on a first build.
func openPrevious(dst string) (*os.File, map[string]*zip.File) {
	// Only a regular file: opening a named pipe would wait for a writer.
	if st, err := os.Stat(dst); err != nil || !st.Mode().IsRegular() {
		return nil, nil
	}
	f, err := os.Open(dst)
	if err != nil {
		return nil, nil
	}
	st, err := f.Stat()
	if err != nil || !st.Mode().IsRegular() {
		f.Close()
		return nil, nil
	}
	zr, err := zip.NewReader(f, st.Size())
	if err != nil {
		f.Close()
		return nil, nil
	}
	files := make(map[string]*zip.File, len(zr.File))
	for _, zf := range zr.File {
		files[zf.Name] = zf
	}
	return f, files
}

// closePrevious closes the previous zip, once every entry is in.
func (b *bundle) closePrevious() {
	if b.prev != nil {
		b.prev.Close()
		b.prev, b.prevFiles = nil, nil
	}
}

// add compresses the file of job i and appends it, and every entry after
// it that is ready, once the entries before it are in. unchanged says
// that data is, byte for byte, the previous site's file of the same name
// (the site's tree linked it): only then may the previous zip's entry
// stand for it (previous).
func (b *bundle) add(i int, name string, data []byte, unchanged bool) error {
	b.mu.Lock()
	failed := b.err != nil
	b.mu.Unlock()
	if failed {
		// The build has failed: nothing more goes in, and the failure
		// is reported where it happened.
		return nil
	}
	h := &zip.FileHeader{Name: path.Join(b.folder, name), Modified: zipEpoch,
		CRC32: crc32.ChecksumIEEE(data), UncompressedSize64: uint64(len(data))}
	h.SetMode(0o644)
	mem := entryBufs.Get().(*[]byte)
	raw, ok := []byte(nil), false
	if unchanged {
		raw, ok = b.previous(h, data, mem)
	}
	if !ok {
		raw = deflate(h, data, mem)
	}
	h.CompressedSize64 = uint64(len(raw))

	b.mu.Lock()
	defer b.mu.Unlock()
	if b.err != nil {
		return nil
	}
	b.ready[i] = bundleEntry{h, raw, mem}
	for b.err == nil {
		e, ok := b.ready[b.next]
		if !ok {
			break
		}
		delete(b.ready, b.next)
		b.next++
		w, err := b.zw.CreateRaw(e.header)
		if err == nil {
			_, err = w.Write(e.raw)
		}
		*e.buf = e.raw[:0]
		entryBufs.Put(e.buf)
		if err != nil {
			b.err = fmt.Errorf("write offline bundle: %w", err)
		}
	}
	return b.err
}

// deflate compresses data into mem's memory and sets h's method.
func deflate(h *zip.FileHeader, data []byte, mem *[]byte) []byte {
	// Room for what the site's pages deflate to (about a quarter) from
	// the start: grown from nothing, the buffer allocated twice that.
	buf := bytes.NewBuffer((*mem)[:0])
	buf.Grow(len(data)/3 + 1024)
	fw := flaters.Get().(*flate.Writer)
	fw.Reset(buf)
	fw.Write(data)
	fw.Close()
	flaters.Put(fw)
	raw := buf.Bytes()
	h.Method = zip.Deflate
	if len(raw) >= len(data) {
		// Already compressed, or tiny: stored as it is. The caller
		// reuses data, and the entry may wait for its turn.
		buf.Reset()
		buf.Write(data)
		h.Method, raw = zip.Store, buf.Bytes()
	}
	return raw
}

// previous returns the previous zip's entry for h, its bytes read into
// mem's memory and h's method set, when that entry holds data: the
// caller has found data to be the previous site's file, and the entry has
// the same name, CRC-32 and size. The disk's comparison is what makes it
// the same content, and is required on top of the CRC: the previous zip
// may come from another build than the previous site (a build with no
// bundle in between, a zip copied in), and a CRC-32 is not identity. The
// same data deflated at the same level is the same bytes, so a rebuild's
// zip is the one a fresh build writes. ok is false when the entry cannot
// be had; data is then compressed afresh.
func (b *bundle) previous(h *zip.FileHeader, data []byte, mem *[]byte) (raw []byte, ok bool) {
	zf := b.prevFiles[h.Name]
	if zf == nil || zf.CRC32 != h.CRC32 || zf.UncompressedSize64 != h.UncompressedSize64 || zf.Flags&0x1 != 0 {
		// Flag bit 0 is encryption: not a zip of tiaowen's.
		return nil, false
	}
	switch zf.Method {
	case zip.Store:
		// A stored entry's bytes are its file's, which data is: it is
		// stored as a fresh build stores it, without the deflate that
		// would not shrink it.
		raw = append((*mem)[:0], data...)
	case zip.Deflate:
		if zf.CompressedSize64 >= zf.UncompressedSize64 {
			// A fresh build stores a file that deflate does not
			// shrink.
			return nil, false
		}
		r, err := zf.OpenRaw()
		if err != nil {
			return nil, false
		}
		raw = slices.Grow((*mem)[:0], int(zf.CompressedSize64))[:zf.CompressedSize64]
		if _, err := io.ReadFull(r, raw); err != nil {
			*mem = raw[:0]
			return nil, false
		}
	default:
		return nil, false
	}
	h.Method = zf.Method
	b.reused.Add(1)
	return raw, true
}

// fail stops the bundle when a file of the site could not be made.
func (b *bundle) fail(err error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.err == nil {
		b.err = err
	}
	clear(b.ready)
}

// finish closes the zip and moves it into place; it returns its size.
func (b *bundle) finish() (int64, error) {
	b.closePrevious()
	if b.err != nil {
		b.abandon()
		return 0, b.err
	}
	if len(b.ready) > 0 {
		b.abandon()
		return 0, fmt.Errorf("write offline bundle: %s never reached it", diag.Count(len(b.ready), "file"))
	}
	if err := b.zw.Close(); err != nil {
		b.abandon()
		return 0, err
	}
	st, err := b.f.Stat()
	if err == nil {
		err = b.f.Chmod(0o644)
	}
	if cerr := b.f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(b.f.Name(), b.dst)
	}
	if err != nil {
		os.Remove(b.f.Name())
		return 0, fmt.Errorf("write %s: %w", b.dst, err)
	}
	return st.Size(), nil
}

// abandon removes the unfinished zip.
func (b *bundle) abandon() {
	b.closePrevious()
	b.f.Close()
	os.Remove(b.f.Name())
}
