// Package diag holds positioned diagnostics: problems found in content,
// reported as "file:line:col: message" the way compilers and Hugo report
// them, collected, sorted and returned together so that one run shows
// every problem at once.
//
// Columns count Unicode characters, not bytes, from 1: in Chinese text a
// byte column would be three times too large to be of use to a reader.
package diag

import (
	"bytes"
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// Position is a place in a file. Line and Col count from 1; a zero Line
// means the position is the file as a whole.
type Position struct {
	File string
	Line int
	Col  int
}

// String formats p as file:line:col, leaving out what is unknown.
func (p Position) String() string {
	switch {
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Severity says whether a problem stops a build.
type Severity uint8

const (
	// Error stops the build.
	Error Severity = iota
	// Warning is reported and the build goes on.
	Warning
)

// Problem is one thing wrong at one place.
type Problem struct {
	Pos      Position
	Severity Severity
	Msg      string // what is wrong
	Hint     string // what to do about it; may be empty
}

// Error formats the problem as "file:line:col: message (hint)".
func (p Problem) Error() string {
	var b strings.Builder
	b.WriteString(p.Pos.String())
	b.WriteString(": ")
	if p.Severity == Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(p.Msg)
	if p.Hint != "" {
		b.WriteString(" (")
		b.WriteString(p.Hint)
		b.WriteString(")")
	}
	return b.String()
}

// List collects problems.
type List []Problem

// Add appends an error.
func (l *List) Add(pos Position, msg, hint string) {
	*l = append(*l, Problem{Pos: pos, Severity: Error, Msg: msg, Hint: hint})
}

// Warn appends a warning.
func (l *List) Warn(pos Position, msg, hint string) {
	*l = append(*l, Problem{Pos: pos, Severity: Warning, Msg: msg, Hint: hint})
}

// Sort orders the problems by file, line and column, keeping the order
// of problems at the same place.
func (l List) Sort() {
	slices.SortStableFunc(l, func(a, b Problem) int {
		return cmp.Or(
			strings.Compare(a.Pos.File, b.Pos.File),
			cmp.Compare(a.Pos.Line, b.Pos.Line),
			cmp.Compare(a.Pos.Col, b.Pos.Col),
		)
	})
}

// Errors returns the problems that stop a build.
func (l List) Errors() List {
	var out List
	for _, p := range l {
		if p.Severity == Error {
			out = append(out, p)
		}
	}
	return out
}

// Warnings returns the problems that do not stop a build.
func (l List) Warnings() List {
	var out List
	for _, p := range l {
		if p.Severity == Warning {
			out = append(out, p)
		}
	}
	return out
}

// Err returns an error listing every error-severity problem, sorted, or
// nil when there is none.
func (l List) Err() error {
	errs := l.Errors()
	if len(errs) == 0 {
		return nil
	}
	errs.Sort()
	return errs
}

// Error lists the problems one to a line.
func (l List) Error() string {
	var b strings.Builder
	for i, p := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(p.Error())
	}
	return b.String()
}

// LineCol converts a byte offset in src into a 1-based line and a 1-based
// column counted in characters. It scans src up to offset, so a caller
// with many offsets into one file uses Lines instead.
func LineCol(src []byte, offset int) (line, col int) {
	offset = min(max(offset, 0), len(src))
	line = 1 + bytes.Count(src[:offset], newline)
	start := bytes.LastIndexByte(src[:offset], '\n') + 1
	return line, 1 + runeCount(src[start:offset])
}

var newline = []byte{'\n'}

// Lines indexes where each line of a source file starts, so that a parser
// reporting the position of every block finds each in O(log lines) plus
// the length of one line, instead of rescanning the file from its start:
// a quadratic cost on long documents.
type Lines struct {
	src    []byte
	starts []int // byte offset of each line's first byte; starts[0] == 0
}

// NewLines indexes the lines of src, which it keeps and must not change.
func NewLines(src []byte) *Lines {
	starts := make([]int, 1, 1+bytes.Count(src, newline))
	for off := 0; ; {
		i := bytes.IndexByte(src[off:], '\n')
		if i < 0 {
			break
		}
		off += i + 1
		starts = append(starts, off)
	}
	return &Lines{src: src, starts: starts}
}

// LineCol is LineCol(src, offset) for the indexed src.
func (l *Lines) LineCol(offset int) (line, col int) {
	offset = min(max(offset, 0), len(l.src))
	// The last line starting at or before offset.
	i, found := slices.BinarySearch(l.starts, offset)
	if !found {
		i--
	}
	return i + 1, 1 + runeCount(l.src[l.starts[i]:offset])
}

// runeCount is utf8.RuneCount without its copy of p into a string, which
// allocates for every non-ASCII run longer than a few bytes.
func runeCount(p []byte) int {
	n := 0
	for len(p) > 0 {
		if p[0] < utf8.RuneSelf {
			p = p[1:]
		} else {
			_, size := utf8.DecodeRune(p)
			p = p[size:]
		}
		n++
	}
	return n
}

// Suggest returns the candidate closest to s within an edit distance of 2,
// for a "did you mean" hint, or "" when none is that close.
func Suggest(s string, candidates []string) string {
	best, bestD := "", 3
	for _, c := range candidates {
		if d := editDistance(s, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, in characters.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}
