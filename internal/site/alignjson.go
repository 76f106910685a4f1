package site

import (
	"bytes"
	"encoding/json"
	"fmt"
	"math"
	"strconv"

	"tiaowen/internal/align"
)

// compareJSON writes /api/compare/<a>--<b>.json, the public contract:
// the bytes encodeJSON writes for al, printed without reflection. A site
// of 2000 documents writes ~20,000 of these, and encoding/json marshalled
// every pair twice (its MarshalJSON, then again to indent the result):
// 3.4 s of a 140 s build. TestCompareJSONSameAsEncoder holds the two to
// the same bytes.
func compareJSON(w *bytes.Buffer, al align.Alignment) error {
	j := jsonPrinter{w: w}
	w.WriteString("{\n")
	j.strField(1, "a", al.A)
	j.strField(1, "b", al.B)
	j.field(1, "pairs")
	j.open(len(al.Pairs))
	for i, p := range al.Pairs {
		j.item(2, i)
		w.WriteString("{\n")
		j.strField(3, "a", p.A)
		j.strField(3, "b", p.B)
		j.field(3, "score")
		j.float(p.Score)
		w.WriteString(",\n")
		j.field(3, "shared")
		j.open(len(p.Shared))
		for k, s := range p.Shared {
			j.item(4, k)
			w.WriteString("{\n")
			j.field(5, "a")
			j.span(6, s.A)
			w.WriteString(",\n")
			j.field(5, "b")
			j.span(6, s.B)
			w.WriteByte('\n')
			j.indent(4)
			w.WriteByte('}')
		}
		j.close(3, len(p.Shared))
		w.WriteByte('\n')
		j.indent(2)
		w.WriteByte('}')
	}
	j.close(1, len(al.Pairs))
	w.WriteString(",\n")
	for k, ids := range [2][]string{al.UnmatchedA, al.UnmatchedB} {
		j.field(1, [2]string{"unmatchedA", "unmatchedB"}[k])
		j.open(len(ids))
		for i, id := range ids {
			j.item(2, i)
			j.str(id)
		}
		j.close(1, len(ids))
		if k == 0 {
			w.WriteByte(',')
		}
		w.WriteByte('\n')
	}
	w.WriteString("}\n")
	return j.err
}

// jsonPrinter prints JSON as encoding/json's Encoder does with an indent
// of one space. Strings are escaped as json.Marshal escapes them, <, >
// and & too: Alignment's MarshalJSON marshals them so, and the encoder
// keeps what a marshaller wrote.
type jsonPrinter struct {
	w   *bytes.Buffer
	err error
}

func (j *jsonPrinter) indent(depth int) {
	for range depth {
		j.w.WriteByte(' ')
	}
}

// field prints a key at depth: `  "key": `.
func (j *jsonPrinter) field(depth int, key string) {
	j.indent(depth)
	j.str(key)
	j.w.WriteString(": ")
}

// strField prints a key and its string value at depth, and the comma
// after them.
func (j *jsonPrinter) strField(depth int, key, v string) {
	j.field(depth, key)
	j.str(v)
	j.w.WriteString(",\n")
}

// open starts an array of n items; an empty one is printed whole.
func (j *jsonPrinter) open(n int) {
	if n == 0 {
		j.w.WriteString("[]")
	} else {
		j.w.WriteByte('[')
	}
}

// item starts the i-th item of an array at depth.
func (j *jsonPrinter) item(depth, i int) {
	if i > 0 {
		j.w.WriteByte(',')
	}
	j.w.WriteByte('\n')
	j.indent(depth)
}

// close ends an array of n items whose bracket opened at depth.
func (j *jsonPrinter) close(depth, n int) {
	if n > 0 {
		j.w.WriteByte('\n')
		j.indent(depth)
		j.w.WriteByte(']')
	}
}

// span prints a two-number range, its numbers at depth.
func (j *jsonPrinter) span(depth int, r [2]int) {
	var num [20]byte
	j.w.WriteByte('[')
	for i, v := range r {
		j.item(depth, i)
		j.w.Write(strconv.AppendInt(num[:0], int64(v), 10))
	}
	j.close(depth-1, 2)
}

// str prints s quoted. Identifiers are plain ASCII, printed as they are;
// anything else goes through encoding/json itself.
func (j *jsonPrinter) str(s string) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == '<' || c == '>' || c == '&' {
			b, err := json.Marshal(s)
			if err != nil && j.err == nil {
				j.err = err
			}
			j.w.Write(b)
			return
		}
	}
	j.w.WriteByte('"')
	j.w.WriteString(s)
	j.w.WriteByte('"')
}

// float prints f as encoding/json does: the shortest form that reads
// back the same, with an exponent only outside [1e-6, 1e21).
func (j *jsonPrinter) float(f float64) {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		if j.err == nil {
			j.err = fmt.Errorf("json: unsupported value: %v", f)
		}
		return
	}
	format := byte('f')
	if a := math.Abs(f); a != 0 && (a < 1e-6 || a >= 1e21) {
		format = 'e'
	}
	var num [32]byte
	b := strconv.AppendFloat(num[:0], f, format, -1, 64)
	if format == 'e' {
		// e-09 → e-9, as encoding/json prints it.
		if n := len(b); n >= 4 && b[n-4] == 'e' && b[n-3] == '-' && b[n-2] == '0' {
			b[n-2] = b[n-1]
			b = b[:n-1]
		}
	}
	j.w.Write(b)
}
