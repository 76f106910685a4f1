//go:build !unix

package diskwrite

import (
	"bytes"
	"os"
)

func writeFile(name string, data []byte) error {
	return os.WriteFile(name, data, 0o644)
}

// writeNewFile is writeFile for a file that must not exist yet; if it
// does, the error is fs.ErrExist.
func writeNewFile(name string, data []byte) error {
	f, err := os.OpenFile(name, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err1 := f.Close(); err == nil {
		err = err1
	}
	return err
}

// sameContent reports whether the regular file name holds exactly data.
func sameContent(name string, data []byte) bool {
	st, err := os.Stat(name)
	if err != nil || !st.Mode().IsRegular() || st.Size() != int64(len(data)) {
		return false
	}
	b, err := os.ReadFile(name)
	return err == nil && bytes.Equal(b, data)
}

// fileID would name a file on its device; here the identity of files is
// not known, and two files are compared by their bytes.
type fileID struct{}

func (fileID) is(fileID) bool { return false }

func fileAt(string) fileID { return fileID{} }

// holds reports whether the regular file name holds exactly data.
func holds(name string, data []byte) (fileID, bool) {
	return fileID{}, sameContent(name, data)
}

// FolderID would name the folder at dir by a number it keeps when it is
// renamed; here there is none to be had.
func FolderID(dir string) (id uint64, ok bool) { return 0, false }
