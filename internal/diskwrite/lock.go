package diskwrite

import (
	"errors"
	"os"
)

// ErrLocked is Lock's error when another process holds the lock.
var ErrLocked = errors.New("locked by another process")

// Lock creates the file name if need be and takes its lock, which is let
// go when the returned file is closed or the process ends, however it
// ends: a build killed midway leaves nothing that stops the next one.
// When another process holds it, the error is ErrLocked.
func Lock(name string) (*os.File, error) {
	f, err := os.OpenFile(name, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, err
	}
	if err := lock(f); err != nil {
		f.Close()
		return nil, err
	}
	return f, nil
}
