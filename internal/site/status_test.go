package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDraftStatusOnSectionPages: a passage quoted from a 征求意见稿 must
// not read as the adopted plan's. The seeds' Guangzhou plan is one; its
// section pages say so above the text and in every citation they offer,
// as its document page does, and a 正式 document's pages say nothing.
func TestDraftStatusOnSectionPages(t *testing.T) {
	dir := seedDir(t)
	read := func(rel string) string {
		t.Helper()
		b, err := os.ReadFile(filepath.Join(dir, "build", "site", filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		return string(b)
	}
	draft := read("docs/guangzhou-2023-fangan/p2-s7-i4/index.html")
	for _, want := range []string{
		`<p class="status-note" role="note">本条所在文件的状态：<strong>征求意见稿</strong></p>`,
		`id="cite-short" lang="zh-Hans">《广州市质量强市建设实施方案（征求意见稿）》二、（七）4.</span>`,
		`广州市质量强市建设实施方案（征求意见稿）: 二、（七）4.[EB/OL].`,
	} {
		if !strings.Contains(draft, want) {
			t.Errorf("the draft's section page lacks %s", want)
		}
	}
	if doc := read("docs/guangzhou-2023-fangan/index.html"); !strings.Contains(doc, "《广州市质量强市建设实施方案（征求意见稿）》") {
		t.Error("the draft's document page cites it without its status")
	}
	final := read("docs/guangdong-2023-gangyao/p1/index.html")
	if strings.Contains(final, "status-note") || strings.Contains(final, "正式") {
		t.Error("a 正式 document's section page speaks of its status")
	}
}
