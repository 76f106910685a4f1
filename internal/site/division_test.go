package site_test

import (
	"path/filepath"
	"reflect"
	"testing"
)

// TestAPIDivision: a document's JSON, and its row in the list, place its
// region among the administrative divisions (GB/T 2260) — the code and
// the names from the province down, 简体 whatever the document's script.
func TestAPIDivision(t *testing.T) {
	s := seedSite(t)
	type division struct {
		Code string
		Path []string
	}
	want := map[string]division{
		"guangdong-2020-shishi":  {"440000", []string{"广东省"}},
		"guangdong-2023-gangyao": {"440000", []string{"广东省"}},
		"guangzhou-2023-fangan":  {"440100", []string{"广东省", "广州市"}},
		"jiangsu-2023-yijian":    {"320000", []string{"江苏省"}},
		"luhe-2017-yijian":       {"441523", []string{"广东省", "汕尾市", "陆河县"}},
	}
	var list struct {
		Documents []struct {
			ID       string
			Division division
		}
	}
	readJSON(t, filepath.Join(s.web, "api", "docs.json"), &list)
	for _, d := range list.Documents {
		var doc struct{ Division division }
		readJSON(t, filepath.Join(s.web, "api", "docs", d.ID+".json"), &doc)
		if !reflect.DeepEqual(d.Division, want[d.ID]) || !reflect.DeepEqual(doc.Division, want[d.ID]) {
			t.Errorf("%s: the division is %+v in the list and %+v in its JSON, want %+v", d.ID, d.Division, doc.Division, want[d.ID])
		}
	}
	if len(list.Documents) != len(want) {
		t.Errorf("api/docs.json lists %d documents, want the %d seeds", len(list.Documents), len(want))
	}
}
