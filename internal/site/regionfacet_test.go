package site

import (
	"encoding/json"
	"net/url"
	"reflect"
	"strings"
	"testing"

	"tiaowen/internal/corpus"
)

// TestRegionFacet: the 地区 select places each region among the
// divisions it lies in, in their codes' order, and a choice covers the
// regions inside it as the documents write them, in either script; a
// region that is no division comes after, a province's before a city's.
func TestRegionFacet(t *testing.T) {
	var docs []*docInfo
	for _, c := range []struct{ region, level string }{
		{"陆河县", "county"}, {"江蘇省", "province"}, {"广州开发区", "city"}, {"江苏省", "province"},
		{"广州市", "city"}, {"", "city"}, {"福建省福州市鼓楼区", "county"}, {"粤港澳大湾区", "province"},
		{"江苏省南京市鼓楼区", "county"},
	} {
		docs = append(docs, &docInfo{Document: &corpus.Document{Meta: corpus.Meta{Region: c.region, Level: c.level}}})
	}
	type value struct {
		Value, Name, Indent string
		Covers              []string
	}
	var got []value
	for _, v := range regionFacet(docs) {
		var covers []string
		if err := json.Unmarshal([]byte(v.Covers), &covers); err != nil {
			t.Fatalf("%+v: %v", v, err)
		}
		got = append(got, value{v.Value, v.Name, v.Indent, covers})
	}
	want := []value{
		// Two districts of one name are two values, each written out.
		{"江苏省", "江苏省", "", []string{"江苏省", "江苏省南京市鼓楼区", "江蘇省"}},
		{"南京市", "南京市", "\u3000", []string{"江苏省南京市鼓楼区"}},
		{"江苏省南京市鼓楼区", "鼓楼区", "\u3000\u3000", []string{"江苏省南京市鼓楼区"}},
		{"福建省", "福建省", "", []string{"福建省福州市鼓楼区"}},
		{"福州市", "福州市", "\u3000", []string{"福建省福州市鼓楼区"}},
		{"福建省福州市鼓楼区", "鼓楼区", "\u3000\u3000", []string{"福建省福州市鼓楼区"}},
		{"广东省", "广东省", "", []string{"广州市", "陆河县"}},
		{"广州市", "广州市", "\u3000", []string{"广州市"}},
		{"汕尾市", "汕尾市", "\u3000", []string{"陆河县"}},
		{"陆河县", "陆河县", "\u3000\u3000", []string{"陆河县"}},
		{"粤港澳大湾区", "粤港澳大湾区", "", []string{"粤港澳大湾区"}},
		{"广州开发区", "广州开发区", "", []string{"广州开发区"}},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("the regions:\n%q\nwant\n%q", got, want)
	}
}

func TestRegionInFull(t *testing.T) {
	for region, want := range map[string]string{
		"陆河县": "广东省汕尾市陆河县", "广州市": "广东省广州市", "广东省": "广东省", "江蘇省": "江蘇省",
		"广东省广州市": "广东省广州市", "廣東省廣州市": "廣東省廣州市", "广州开发区": "广州开发区",
		"福建省福州市鼓楼区": "福建省福州市鼓楼区", "": "",
	} {
		if got := regionInFull(region); got != want {
			t.Errorf("regionInFull(%q) = %q, want %q", region, got, want)
		}
	}
}

// TestRegionPlaces: a document's page names its region in full, each
// part a link to its division's page, or for a region that is no
// division to the home page's list of its documents, by the value the
// 地区 filter gives it.
func TestRegionPlaces(t *testing.T) {
	for region, want := range map[string]string{
		"陆河县":       "广东省=广东省@440000 汕尾市=汕尾市@441500 陆河县=陆河县@441523",
		"陸河縣":       "广东省=广东省@440000 汕尾市=汕尾市@441500 陸河縣=陆河县@441523",
		"江蘇省":       "江蘇省=江苏省@320000",
		"福建省福州市鼓楼区": "福建省福州市鼓楼区=福建省福州市鼓楼区@350102",
		"粤港澳大湾区":    "粤港澳大湾区=粤港澳大湾区@",
		"":          "",
	} {
		var got []string
		for _, p := range regionPlaces(region, "../../") {
			got = append(got, p.Name+"="+p.Value+"@"+p.Code)
			want := "../../index.html?region=" + url.QueryEscape(p.Value)
			if p.Code != "" {
				want = "../../regions/" + p.Code + "/index.html"
			}
			if p.URL != want {
				t.Errorf("%s: %s leads to %s, want %s", region, p.Name, p.URL, want)
			}
		}
		if g := strings.Join(got, " "); g != want {
			t.Errorf("regionPlaces(%q) = %q, want %q", region, g, want)
		}
	}
}
