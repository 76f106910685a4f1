package site

import (
	"strings"
	"testing"
)

// TestThemeForms: a theme's page says how the documents write its terms,
// in either script and with any punctuation, and how many documents
// write each — what matching across script found, for the reader to see.
func TestThemeForms(t *testing.T) {
	files := buildFiles(t, seedProject(t))
	for theme, want := range map[string]string{
		"zhiliang-jichu-sheshi":     `<p class="note theme-forms">文中写法：<span>质量基础设施</span>（<span title="文件数">3</span>） · <span lang="zh-Hant">質量基礎設施</span>（<span title="文件数">1</span>） · <span>质量技术基础</span>（<span title="文件数">1</span>）</p>`,
		"shuangbidui-shuangtisheng": `<p class="note theme-forms">文中写法：<span>双比对、双提升</span>（<span title="文件数">3</span>）</p>`,
	} {
		page := string(files["themes/"+theme+"/index.html"])
		if !strings.Contains(page, want) {
			t.Errorf("%s's page does not say %s:\n%s", theme, want, between(page, `<p class="note">检索词`, `<form`))
		}
	}
}
