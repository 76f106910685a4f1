//go:build unix

package diskwrite

import (
	"bytes"
	"io/fs"
	"sync"

	"golang.org/x/sys/unix"
)

// writeFile is os.WriteFile in three system calls — open, write, close.
// os.File would add its own fcntl and poller registration calls to each
// of the site's files, which on a virtual machine cost as much as the
// write itself.
func writeFile(name string, data []byte) error {
	return write(name, data, unix.O_TRUNC)
}

// writeNewFile is writeFile for a file that must not exist yet; if it
// does, the error is fs.ErrExist.
func writeNewFile(name string, data []byte) error {
	return write(name, data, unix.O_EXCL)
}

// write creates name with the open flag given, and writes data.
func write(name string, data []byte, flag int) error {
	fd, err := unix.Open(name, unix.O_WRONLY|unix.O_CREAT|flag|unix.O_CLOEXEC, 0o644)
	for err == unix.EINTR {
		fd, err = unix.Open(name, unix.O_WRONLY|unix.O_CREAT|flag|unix.O_CLOEXEC, 0o644)
	}
	if err != nil {
		return &fs.PathError{Op: "open", Path: name, Err: err}
	}
	for len(data) > 0 {
		n, err := unix.Write(fd, data)
		if err == unix.EINTR {
			continue
		}
		if err != nil {
			unix.Close(fd)
			return &fs.PathError{Op: "write", Path: name, Err: err}
		}
		data = data[n:]
	}
	if err := unix.Close(fd); err != nil {
		return &fs.PathError{Op: "close", Path: name, Err: err}
	}
	return nil
}

// readBuffers hold what sameContent reads, a chunk at a time.
var readBuffers = sync.Pool{New: func() any { b := make([]byte, 64<<10); return &b }}

// fileID names a file on its device: two names with one fileID are
// links to one file. The zero fileID names none.
type fileID struct{ dev, ino uint64 }

// is reports whether id and o name the same file.
func (id fileID) is(o fileID) bool { return id != fileID{} && id == o }

// fileAt is the fileID of the regular file at name, or the zero one.
func fileAt(name string) fileID {
	var st unix.Stat_t
	if unix.Lstat(name, &st) != nil || st.Mode&unix.S_IFMT != unix.S_IFREG {
		return fileID{}
	}
	return fileID{uint64(st.Dev), uint64(st.Ino)}
}

// FolderID is a number that names the folder at dir on its device,
// which it keeps when it is renamed: its inode. ok is false where there
// is none to be had.
func FolderID(dir string) (id uint64, ok bool) {
	var st unix.Stat_t
	if unix.Lstat(dir, &st) != nil || st.Mode&unix.S_IFMT != unix.S_IFDIR {
		return 0, false
	}
	return uint64(st.Ino), true
}

// sameContent reports whether the regular file name holds exactly data.
// Any error reading it says no.
func sameContent(name string, data []byte) bool {
	_, ok := holds(name, data)
	return ok
}

// holds reports whether the regular file name holds exactly data, and
// which file it is. Any error reading it says no; so does a symbolic
// link, which is not followed.
func holds(name string, data []byte) (fileID, bool) {
	fd, err := unix.Open(name, unix.O_RDONLY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	for err == unix.EINTR {
		fd, err = unix.Open(name, unix.O_RDONLY|unix.O_NOFOLLOW|unix.O_CLOEXEC, 0)
	}
	if err != nil {
		return fileID{}, false
	}
	defer unix.Close(fd)
	var st unix.Stat_t
	if unix.Fstat(fd, &st) != nil || st.Mode&unix.S_IFMT != unix.S_IFREG || st.Size != int64(len(data)) {
		return fileID{}, false
	}
	bp := readBuffers.Get().(*[]byte)
	defer readBuffers.Put(bp)
	for len(data) > 0 {
		n, err := unix.Read(fd, *bp)
		if err == unix.EINTR {
			continue
		}
		if err != nil || n <= 0 || n > len(data) || !bytes.Equal((*bp)[:n], data[:n]) {
			return fileID{}, false
		}
		data = data[n:]
	}
	return fileID{uint64(st.Dev), uint64(st.Ino)}, true
}
