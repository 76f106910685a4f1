//go:build unix

package diskwrite

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// lock takes f's lock without waiting for it.
func lock(f *os.File) error {
	err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB)
	if errors.Is(err, unix.EWOULDBLOCK) {
		return ErrLocked
	}
	return err
}
