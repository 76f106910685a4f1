package ingest

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"mime/quotedprintable"
	"net/http"
	"net/http/httptest"
	"os"
	"reflect"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"golang.org/x/text/encoding/simplifiedchinese"
	"golang.org/x/text/encoding/traditionalchinese"

	"tiaowen/internal/browsertest"
	"tiaowen/internal/corpus"
)

// removals lists what an import removed by rule and text, without the
// lines, which differ between a page and the archive of it.
func removals(res *Result) []string {
	var out []string
	for _, r := range res.Removed {
		out = append(out, r.Rule+" "+r.Text)
	}
	return out
}

// sameDocument fails t unless the archive's import is the page's: the
// same body, front matter but for the source, and removals.
func sameDocument(t *testing.T, fromArchive, fromPage *Result, source string) {
	t.Helper()
	if fromArchive.Format != "MHTML" {
		t.Errorf("read as %s, want MHTML", fromArchive.Format)
	}
	if fromArchive.Body != fromPage.Body {
		t.Errorf("the archive's body differs from the page's:\n%s", firstDifference(fromArchive.Body, fromPage.Body))
	}
	want := fromPage.Meta
	want.Source = source
	if !reflect.DeepEqual(fromArchive.Meta, want) {
		t.Errorf("front matter from the archive %+v, want %+v", fromArchive.Meta, want)
	}
	if got, want := removals(fromArchive), removals(fromPage); !reflect.DeepEqual(got, want) {
		t.Errorf("removed from the archive:\n%s\nwant, as from the page:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestSeedsMHTML saves each seed's page — one served in GB2312, as many
// government sites serve theirs — from Chromium as a web archive ("网页，
// 单个文件"), and imports it: the document the page itself makes, the
// truth's section tree, and the page's address as its source.
func TestSeedsMHTML(t *testing.T) {
	ctx := browsertest.Start(t)
	for stem, id := range seedIDs {
		charset := "utf-8"
		if stem == "003_3375bcca5598cc84" {
			charset = "gb2312"
		}
		pageBytes, _ := seedPage(t, stem, charset)
		if charset == "gb2312" {
			var err error
			if pageBytes, err = simplifiedchinese.GB18030.NewEncoder().Bytes(pageBytes); err != nil {
				t.Fatal(err)
			}
		}
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset="+charset)
			w.Write(pageBytes)
		}))
		address := srv.URL + "/zwgk/wjk/" + id + ".html"
		if err := chromedp.Do(ctx, chromedp.Navigate(address)); err != nil {
			t.Fatal(err)
		}
		snapshot, err := chromedp.Call(ctx, page.CaptureSnapshot, page.CaptureSnapshotParams{Format: page.CaptureSnapshotFormatMhtml})
		srv.Close()
		if err != nil {
			t.Fatalf("%s: save as MHTML: %v", stem, err)
		}
		archive := []byte(snapshot.Data)
		if !bytes.Contains(archive, []byte("multipart/related")) {
			t.Fatalf("%s: Chromium's archive is no multipart/related message:\n%.400s", stem, archive)
		}
		// testdata/seed-000.mhtml, which FuzzImport starts from, is this
		// archive, made again with TIAOWEN_WRITE_MHTML=1.
		if stem == "000_e4c1e6d1dc609431" && os.Getenv("TIAOWEN_WRITE_MHTML") != "" {
			kept := bytes.ReplaceAll(archive, []byte(srv.URL), []byte("https://www.gd.gov.cn"))
			if err := os.WriteFile("testdata/seed-000.mhtml", kept, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		fromPage, err := Import(stem+".html", pageBytes, Options{ID: id})
		if err != nil {
			t.Fatal(err)
		}
		// Named .txt, so that it is told by its bytes.
		fromArchive, err := Import(stem+".txt", archive, Options{ID: id})
		if err != nil {
			t.Fatalf("%s: %v", stem, err)
		}
		sameDocument(t, fromArchive, fromPage, address)
		d, _ := corpus.NewParser().Parse(id+".md", fromArchive.Markdown())
		compareTruth(t, d, loadTruth(t, stem))
	}
}

// archive writes a web archive as Word and Internet Explorer do: a
// multipart/related message of the given parts, each a header and a body.
func archive(header string, parts ...[2]string) []byte {
	var b strings.Builder
	b.WriteString("MIME-Version: 1.0\r\n" + header + "\r\n\r\nThis is a multi-part message in MIME format.\r\n\r\n")
	for _, p := range parts {
		b.WriteString("------=_NextPart_01DA\r\n" + p[0] + "\r\n\r\n" + p[1] + "\r\n\r\n")
	}
	b.WriteString("------=_NextPart_01DA--\r\n")
	return []byte(b.String())
}

func quotedPrintable(t *testing.T, data []byte) string {
	var b bytes.Buffer
	w := quotedprintable.NewWriter(&b)
	if _, err := w.Write(data); err != nil {
		t.Fatal(err)
	}
	w.Close()
	return b.String()
}

// TestMHTMLParts reads archives as other programs write them: Word's
// "单个文件网页", the page in GB2312, quoted-printable, saved from disk; an
// archive whose start names its page after a picture, in base64; and a
// page alone with a message's header — each the document the page makes.
// What holds no readable page is refused, saying why and what to do.
func TestMHTMLParts(t *testing.T) {
	data, err := os.ReadFile("testdata/province-page.html")
	if err != nil {
		t.Fatal(err)
	}
	fromPage, err := Import("province-page.html", data, Options{ID: "p"})
	if err != nil {
		t.Fatal(err)
	}
	gb, err := simplifiedchinese.GB18030.NewEncoder().Bytes(bytes.Replace(data, []byte("charset=utf-8"), []byte("charset=gb2312"), 1))
	if err != nil {
		t.Fatal(err)
	}
	const web = "https://www.gd.gov.cn/zwgk/wjk/qbwj/yf/content/post_3090825.html"
	picture := [2]string{"Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\nContent-Location: https://www.gd.gov.cn/logo.png", "iVBORw0KGgo="}
	for _, c := range []struct {
		name, file string
		data       []byte
		source     string
	}{
		{"Word", "方案.mht", archive(`Content-Type: multipart/related; boundary="----=_NextPart_01DA"`,
			[2]string{"Content-Location: file:///C:/Users/a/Desktop/方案.htm\r\nContent-Transfer-Encoding: quoted-printable\r\nContent-Type: text/html; charset=\"gb2312\"", quotedPrintable(t, gb)}),
			"方案.mht"},
		{"start", "x.txt", archive(`Content-Type: multipart/related; type="text/html"; start="<page@x>"; boundary="----=_NextPart_01DA"`+"\r\nSnapshot-Content-Location: "+web,
			picture,
			// A frame's page, before the page itself.
			[2]string{"Content-Type: text/html\r\nContent-ID: <frame@x>\r\nContent-Location: https://ads.example.com/frame.html", "<p>一、广告</p>"},
			[2]string{"Content-Type: text/html; charset=utf-8\r\nContent-ID: <page@x>\r\nContent-Transfer-Encoding: base64", base64.StdEncoding.EncodeToString(data)}),
			web},
		{"single", "x.mht", append([]byte("MIME-Version: 1.0\r\nContent-Location: "+web+"\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"), data...), web},
	} {
		t.Run(c.name, func(t *testing.T) {
			res, err := Import(c.file, c.data, Options{ID: "p"})
			if err != nil {
				t.Fatal(err)
			}
			sameDocument(t, res, fromPage, c.source)
		})
	}

	// A page in Big5 that only its part's Content-Type says is Big5.
	hant := "<html><body><p>甲市質量強市實施方案</p><p>一、總體要求</p><p>堅持質量第一。</p></body></html>"
	big5, err := traditionalchinese.Big5.NewEncoder().Bytes([]byte(hant))
	if err != nil {
		t.Fatal(err)
	}
	res, err := Import("b.mht", archive(`Content-Type: multipart/related; boundary="----=_NextPart_01DA"`,
		[2]string{"Content-Type: text/html; charset=big5\r\nContent-Transfer-Encoding: base64", base64.StdEncoding.EncodeToString(big5)}), Options{ID: "b"})
	if err != nil || res.Encoding != Big5 || !strings.Contains(res.Body, "堅持質量第一。") {
		t.Errorf("a Big5 page: %v, %+v", err, res)
	}

	for _, c := range []struct {
		name string
		data []byte
		says string
	}{
		{"no page", archive(`Content-Type: multipart/related; boundary="----=_NextPart_01DA"`, picture),
			"holds no web page (its parts: image/png)"},
		{"start missing", archive(`Content-Type: multipart/related; start="<gone>"; boundary="----=_NextPart_01DA"`, picture),
			"whose page, part <gone>, is not among its parts"},
		{"no boundary", []byte("MIME-Version: 1.0\r\nContent-Type: multipart/related\r\n\r\nx"),
			"names no boundary"},
		{"cut short", archive(`Content-Type: multipart/related; boundary="----=_NextPart_01DA"`, picture)[:300],
			"cut short: it ends before its closing boundary, and its parts (image/png) hold no web page"},
		{"cut in its page", archive(`Content-Type: multipart/related; boundary="----=_NextPart_01DA"`, picture,
			[2]string{"Content-Type: text/html", "<html><body><p>一、总体要求</p></body></html>"})[:400],
			"cut short in its page, part 2"},
		{"bad base64", archive(`Content-Type: multipart/related; boundary="----=_NextPart_01DA"`,
			[2]string{"Content-Type: text/html\r\nContent-Transfer-Encoding: base64", "这不是 base64"}),
			"cannot be decoded"},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, err := Import("a.mhtml", c.data, Options{})
			if err == nil || !strings.Contains(err.Error(), c.says) || !strings.HasPrefix(err.Error(), "a.mhtml: a web archive (MHTML) ") || !strings.Contains(err.Error(), "save the page again") {
				t.Errorf("error %v, want one saying %q and what to do", err, c.says)
			}
		})
	}

	// Text that begins like a header is text.
	for _, text := range []string{"Title: 质量强省\n\n一、总体要求\n", "Content-Type: text/plain\n\n一、总体要求\n"} {
		res, err := Import("a.txt", []byte(text), Options{ID: "a"})
		if err != nil || res.Format != "text" {
			t.Errorf("%q: read as %v, %v; want text", text, res, err)
		}
	}
}

// ExampleImport_mhtml: an archive's address becomes the document's source.
func ExampleImport_mhtml() {
	page := "<html><head><title>x</title></head><body><p>广东省质量强省建设纲要</p><p>一、总体要求</p><p>坚持质量第一。</p></body></html>"
	data := archive(`Content-Type: multipart/related; boundary="----=_NextPart_01DA"`+"\r\nSnapshot-Content-Location: https://www.gd.gov.cn/a.html",
		[2]string{"Content-Type: text/html; charset=utf-8", page})
	res, err := Import("a.mhtml", data, Options{ID: "a"})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(res.Format, res.Meta.Source)
	// Output: MHTML https://www.gd.gov.cn/a.html
}
