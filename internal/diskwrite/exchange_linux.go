package diskwrite

import "golang.org/x/sys/unix"

// Exchange swaps the folders (or files) at a and b in one atomic step:
// whoever looks finds either both as they were or both swapped.
func Exchange(a, b string) error {
	return unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
}
