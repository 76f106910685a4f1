// Package yamlerr finds where in a YAML source the problem lies that
// go.yaml.in/yaml/v3 reports, so that content errors can say file:line:col.
//
// The library's messages carry a line, but not always the right one: its
// parser (as against its scanner) counts lines from 0 and prints them as
// they are, so "did not find expected key" names the line before the
// problem; a tab in an indentation is reported at the scalar before it;
// an undefined alias has no line at all. Locate corrects these from the
// message and the source.
package yamlerr

import (
	"bytes"
	"errors"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"
)

// lineInfo splits a message into its line, if any, and the rest.
var lineInfo = regexp.MustCompile(`^(?:yaml: )?(?:line (\d+): )?((?s).*)$`)

// parserProblems are the messages of the library's parser, whose lines
// count from 0 (see the package comment); the scanner's count from 1.
var parserProblems = []string{
	"did not find expected <stream-start>",
	"did not find expected <document start>",
	"found undefined tag handle",
	"did not find expected node content",
	"did not find expected '-' indicator",
	"did not find expected key",
	"did not find expected ',' or ']'",
	"did not find expected ',' or '}'",
	"found duplicate %YAML directive",
	"found incompatible YAML document",
	"found duplicate %TAG directive",
}

// unknownAnchor is the message of an alias that names no anchor.
var unknownAnchor = regexp.MustCompile(`^unknown anchor '(.*)' referenced$`)

// Locate returns the line and column (1-based, the column in bytes) in src
// of the problem err reports, and its message without the library's
// "yaml: " and line prefixes. err is what yaml.Unmarshal or a
// yaml.Decoder returned for src. Where the message allows no better,
// the column is 1; where it names no line, the line is 1. The line is
// never past the end of src.
func Locate(err error, src []byte) (line, col int, msg string) {
	var te *yaml.TypeError
	if errors.As(err, &te) && len(te.Errors) > 0 {
		line, msg = split(te.Errors[0])
		return clamp(line, src), 1, plain(msg)
	}
	line, msg = split(err.Error())
	col = 1
	switch {
	case line > 0 && isParserProblem(msg):
		line++
	case strings.HasPrefix(msg, "found a tab character that violates indentation"):
		if l, c := tabFrom(src, line); l > 0 {
			line, col = l, c
		}
	case line == 0:
		if m := unknownAnchor.FindStringSubmatch(msg); m != nil {
			if i := bytes.Index(src, []byte("*"+m[1])); i >= 0 {
				line, col = position(src, i)
			}
		}
	}
	return clamp(line, src), col, msg
}

// The decoder's messages that name Go's types, which a reader of a YAML
// file has never seen: a field a struct does not have (with
// Decoder.KnownFields), and a value of the wrong kind.
var (
	unknownField = regexp.MustCompile(`^field (\S+) not found in type `)
	wrongKind    = regexp.MustCompile("^cannot unmarshal !!\\w+ `((?s).*)` into (\\S+)$")
)

// kindNames say in words what a value of a Go type is.
var kindNames = map[string]string{
	"int": "a whole number", "int64": "a whole number", "uint": "a whole number",
	"float64": "a number", "bool": "true or false", "string": "a text",
	"[]string": "a list", "map[string]string": "a mapping of key: value lines",
}

// plain says a decoder's message about types in the file's terms:
// "field slug not found in type struct { Title string … }" is
// `unknown field "slug"`, "cannot unmarshal !!str `one` into int" is
// `"one" is not a whole number`.
func plain(msg string) string {
	if m := unknownField.FindStringSubmatch(msg); m != nil {
		return strconv.Quote(m[1]) + " is not a known field"
	}
	if m := wrongKind.FindStringSubmatch(msg); m != nil {
		if kind, ok := kindNames[m[2]]; ok {
			return strconv.Quote(m[1]) + " is not " + kind
		}
	}
	return msg
}

// split takes the line number, or 0, off a message.
func split(s string) (int, string) {
	m := lineInfo.FindStringSubmatch(s)
	if m == nil || m[1] == "" {
		return 0, strings.TrimPrefix(s, "yaml: ")
	}
	n, _ := strconv.Atoi(m[1])
	return n, m[2]
}

func isParserProblem(msg string) bool {
	for _, p := range parserProblems {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}

// tabFrom finds the first line at or after line whose indentation has a
// tab, and the column of the tab.
func tabFrom(src []byte, line int) (int, int) {
	for n, l := range bytes.Split(src, []byte("\n")) {
		if n+1 < line {
			continue
		}
		indent := len(l) - len(bytes.TrimLeft(l, " \t"))
		if i := bytes.IndexByte(l[:indent], '\t'); i >= 0 {
			return n + 1, i + 1
		}
	}
	return 0, 0
}

// position returns the line and column of byte offset i of src.
func position(src []byte, i int) (int, int) {
	line := 1 + bytes.Count(src[:i], []byte("\n"))
	return line, i - (bytes.LastIndexByte(src[:i], '\n') + 1) + 1
}

// clamp keeps line within src's lines, and at least 1.
func clamp(line int, src []byte) int {
	last := 1 + bytes.Count(src, []byte("\n"))
	if len(src) > 0 && src[len(src)-1] == '\n' {
		last--
	}
	return max(1, min(line, last))
}
