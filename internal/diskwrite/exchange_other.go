//go:build !linux && !darwin

package diskwrite

import "errors"

// Exchange would swap the folders at a and b in one atomic step; this
// system has no call for it, and the caller moves them one at a time.
func Exchange(a, b string) error {
	return errors.ErrUnsupported
}
