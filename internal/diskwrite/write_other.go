//go:build !unix

package diskwrite

import (
	"bytes"
	"os"
)

func writeFile(name string, data []byte) error {
	return os.WriteFile(name, data, 0o644)
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
