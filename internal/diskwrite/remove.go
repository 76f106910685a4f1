package diskwrite

import (
	"errors"
	"os"
	"path/filepath"
	"sync"
)

// removers is how many deletions RemoveTree keeps going at once.
const removers = 8

// RemoveTree removes root and everything under it, as os.RemoveAll does,
// several subtrees at a time. Deleting a site of hundreds of thousands of
// files waits on the disk far more than on the processor: at 2000
// documents (185,874 files in ~155,000 directories), rm -rf took 32.6 s
// with 7.5 s of CPU, and eight at a time 12.0 s. Symbolic links are
// removed, never followed. A root that does not exist is no error.
func RemoveTree(root string) error {
	var work []string
	top, err := os.ReadDir(root)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil
		}
		return os.RemoveAll(root)
	}
	// The subtrees two levels down (a site's docs/<id>/, compare/<pair>/),
	// or the entry itself where there is no second level.
	for _, e := range top {
		p := filepath.Join(root, e.Name())
		if e.IsDir() {
			if sub, err := os.ReadDir(p); err == nil {
				for _, s := range sub {
					work = append(work, filepath.Join(p, s.Name()))
				}
				continue
			}
		}
		work = append(work, p)
	}
	errs := make([]error, len(work))
	atOnce(len(work), func(i int) { errs[i] = os.RemoveAll(work[i]) })
	// What is left: the emptied directories, and anything a failure left.
	if err := os.RemoveAll(root); err != nil {
		return err
	}
	return errors.Join(errs...)
}

// atOnce runs f(0) … f(n-1), removers of them at a time: work that
// waits on the disk rather than on the processor.
func atOnce(n int, f func(i int)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for range removers {
		wg.Go(func() {
			for i := range next {
				f(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}
