package site

import (
	"archive/zip"
	"bufio"
	"bytes"
	"fmt"
	"hash/crc32"
	"os"
	"path"
	"path/filepath"
	"sync"

	"github.com/klauspost/compress/flate"
)

// bundle writes the offline zip while the site is rendered. Each render
// worker deflates the file it has just written, in parallel with the
// others, and the entries are appended in the order of the jobs, which is
// fixed (by name, in each of render's rounds): the archive is the same
// bytes on every build, and no file is read back from disk or compressed
// on one core after the site is done, which at thousands of documents
// took longer than rendering.
type bundle struct {
	dst    string // the zip's final path
	folder string // every entry sits under it
	f      *os.File
	zw     *zip.Writer

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
	f, err := os.CreateTemp(filepath.Dir(dst), tmpPrefix+filepath.Base(dst)+"-")
	if err != nil {
		return nil, err
	}
	// zip.NewWriter buffers 4 KiB at a time; a larger buffer, which it
	// adopts, writes a bundle of hundreds of megabytes in a few hundred
	// system calls rather than tens of thousands.
	zw := zip.NewWriter(bufio.NewWriterSize(f, 1<<20))
	return &bundle{dst: dst, folder: folder, f: f, zw: zw, ready: map[int]bundleEntry{}}, nil
}

// add compresses the file of job i and appends it, and every entry after
// it that is ready, once the entries before it are in.
func (b *bundle) add(i int, name string, data []byte) error {
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
	// Room for what the site's pages deflate to (about a quarter) from
	// the start: grown from nothing, the buffer allocated twice that.
	mem := entryBufs.Get().(*[]byte)
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
	if b.err != nil {
		b.abandon()
		return 0, b.err
	}
	if len(b.ready) > 0 {
		b.abandon()
		return 0, fmt.Errorf("write offline bundle: %d files never reached it", len(b.ready))
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
	b.f.Close()
	os.Remove(b.f.Name())
}
