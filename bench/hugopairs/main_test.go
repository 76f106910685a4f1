package main

import (
	"encoding/json"
	"testing"
)

// TestRows holds a pair page's rows to the alignment: a's sections in
// order beside their counterparts, b's unmatched ones after them, and
// each side's shared ranges in its own text's order.
func TestRows(t *testing.T) {
	a := &document{ID: "x", Title: "甲", Sections: []section{{EID: "p1"}, {EID: "p2"}, {EID: "p3"}}}
	b := &document{ID: "y", Title: "乙", Sections: []section{{EID: "s1"}, {EID: "s2"}, {EID: "s3"}}}
	var al pair
	if err := json.Unmarshal([]byte(`{"a":"x","b":"y","pairs":[
		{"a":"p1","b":"s2","shared":[{"a":[0,4],"b":[9,13]},{"a":[6,8],"b":[1,3]}]},
		{"a":"p3","b":"s1","shared":[]}],
		"unmatchedA":["p2"],"unmatchedB":["s3"]}`), &al); err != nil {
		t.Fatal(err)
	}
	got, err := json.Marshal(rows(a, b, al))
	if err != nil {
		t.Fatal(err)
	}
	const want = `{"title":"甲 × 乙","a":"x","b":"y","titleA":"甲","titleB":"乙","rows":[` +
		`["p1","s2",[[0,4],[6,8]],[[1,3],[9,13]]],` +
		`["p2","",[],[]],` +
		`["p3","s1",[],[]],` +
		`["","s3",[],[]]]}`
	if string(got) != want {
		t.Errorf("front matter\n got %s\nwant %s", got, want)
	}
}
