package site

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"text/tabwriter"
	"time"
)

// Timings says where a build's time went, as Hugo's --templateMetrics
// says where its rendering's went: the wall time of each step, in
// order, and for each kind of file the time spent making, writing and
// bundling its files. The files' times are summed over the workers that
// render in parallel, one a core, so that on two cores they come to up
// to twice the wall time of their step.
type Timings struct {
	Steps []StepTiming
	Files []FileTiming // by kind, the most time first
}

// StepTiming is one step of a build.
type StepTiming struct {
	Name string
	Wall time.Duration
}

// FileTiming is the files of one kind (fileKind) that a build wrote.
type FileTiming struct {
	Kind  string
	Files int
	Bytes int64
	// Make is rendering (and minifying); Write the disk's part; Bundle
	// compressing into the offline bundle, or taking the previous
	// bundle's entry.
	Make, Write, Bundle time.Duration
}

// stepClock times a build's steps one after another.
type stepClock struct {
	steps []StepTiming
	last  time.Time
}

func newStepClock() *stepClock { return &stepClock{last: time.Now()} }

// done ends the step called name, begun when the last one ended.
func (c *stepClock) done(name string) {
	if c == nil {
		return
	}
	now := time.Now()
	c.steps = append(c.steps, StepTiming{name, now.Sub(c.last)})
	c.last = now
}

// fileClock adds up the times of the files of each kind, from all the
// workers.
type fileClock struct {
	mu    sync.Mutex
	kinds map[string]*FileTiming
}

// add merges a worker's times.
func (c *fileClock) add(worker map[string]*FileTiming) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.kinds == nil {
		c.kinds = map[string]*FileTiming{}
	}
	for k, w := range worker {
		t := c.kinds[k]
		if t == nil {
			t = &FileTiming{Kind: k}
			c.kinds[k] = t
		}
		t.Files += w.Files
		t.Bytes += w.Bytes
		t.Make += w.Make
		t.Write += w.Write
		t.Bundle += w.Bundle
	}
}

// list returns the kinds, the most time first.
func (c *fileClock) list() []FileTiming {
	c.mu.Lock()
	defer c.mu.Unlock()
	var out []FileTiming
	for _, t := range c.kinds {
		out = append(out, *t)
	}
	slices.SortFunc(out, func(a, b FileTiming) int {
		return cmp.Or(cmp.Compare(b.Make+b.Write+b.Bundle, a.Make+a.Write+a.Bundle), strings.Compare(a.Kind, b.Kind))
	})
	return out
}

// fileKind names the kind of a file of the site by its path: home, doc,
// section, pair, theme, region, search (its page and index), api, static,
// redirect (a former id's pages) or other.
func fileKind(name string) string {
	parts := strings.Split(name, "/")
	switch {
	case name == "index.html" || parts[0] == "page":
		return "home"
	case parts[0] == "docs" && len(parts) == 3:
		return "doc"
	case parts[0] == "docs" && len(parts) == 4:
		return "section"
	case parts[0] == "compare" && len(parts) == 3:
		return "pair"
	case parts[0] == "themes" && len(parts) >= 3:
		return "theme"
	case parts[0] == "regions" && len(parts) >= 3:
		return "region"
	case parts[0] == "api", parts[0] == "search", parts[0] == "static":
		return parts[0]
	}
	return "other"
}

// Write prints the timings as two tables, names to the left and
// figures to the right.
func (t Timings) Write(w io.Writer) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	ms := func(d time.Duration) string { return fmt.Sprintf("%8.0f ms", float64(d)/float64(time.Millisecond)) }
	fmt.Fprintf(tw, "step\t%11s\n", "wall")
	var total time.Duration
	for _, s := range t.Steps {
		fmt.Fprintf(tw, "%s\t%s\n", s.Name, ms(s.Wall))
		total += s.Wall
	}
	fmt.Fprintf(tw, "total\t%s\n", ms(total))
	if err := tw.Flush(); err != nil {
		return err
	}
	fmt.Fprintln(w)
	fmt.Fprintf(tw, "files\t%7s\t%12s\t%11s\t%11s\t%11s\n", "count", "bytes", "make", "write", "bundle")
	for _, f := range t.Files {
		fmt.Fprintf(tw, "%s\t%7d\t%12d\t%s\t%s\t%s\n", f.Kind, f.Files, f.Bytes, ms(f.Make), ms(f.Write), ms(f.Bundle))
	}
	return tw.Flush()
}
