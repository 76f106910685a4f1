package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"tiaowen/internal/corpus"
	"tiaowen/internal/diag"
	"tiaowen/internal/ingest"
)

func runImport(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("import", flag.ContinueOnError)
	fs.SetOutput(stderr)
	id := fs.String("id", "", "the document's id (ascii slug); only with a single FILE; default from the file's name, or from the document for a name in Chinese")
	out := fs.String("out", "content/docs", "directory to write <id>.md into")
	force := fs.Bool("force", false, "overwrite an existing content file (it may hold hand-made corrections)")
	attachments := fs.Bool("attachments", false, "import the documents a page attaches (PDF, OFD, Word …) instead of the page, each with the page's address as its source: a notice's page that issues a plan attached")
	keepOriginal := fs.Bool("keep-original", false, "copy each file imported, or fetched, beside its document as <id>.<ext> and name it as the document's original, which the site publishes with it")
	encoding := fs.String("encoding", "", "read text in this encoding instead of detecting it: utf-8, gb18030 (gbk, gb2312), big5, utf-16le, utf-16be; Big5 text must be named so (a page that declares it need not be)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: tiaowen import [--id ID] [--out content/docs] [--force] [--keep-original] [--attachments] [--encoding NAME] FILE|DIR|URL...")
		fmt.Fprintln(stderr, "\nReads raw text (UTF-8, GB18030/GBK or UTF-16) copied from government web pages,\nor the pages themselves saved as HTML (.html, .htm) or web archives (.mhtml,\n.mht), Word documents (.docx, and Word 97–2003 .doc), RTF documents (.rtf), OFD\nfiles (.ofd) or PDFs (their text read by Poppler's pdftotext, which must be\ninstalled), removes page furniture by named rules (each removal is printed on\nstderr), and writes a content document with front matter. An http(s) address\nis fetched and imported, and becomes the document's source; --attachments\nimports the documents a page attaches instead. A folder is read for its .txt,\n.html, .htm, .mhtml, .mht, .docx, .doc, .rtf, .pdf and .ofd files, and a\npattern (raw/*.html) is expanded where the shell leaves it. The id is made from\nthe file's name or, for a name in Chinese, from the document's region, year and\nkind. Review the result before committing it.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return flagExit(err)
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	files, err := importArgs(fs.Args())
	if err != nil {
		fmt.Fprintf(stderr, "tiaowen import: %v\n", err)
		return 2
	}
	if *id != "" && len(files) > 1 {
		fmt.Fprintln(stderr, "tiaowen import: --id names one document; give one FILE with it")
		return 2
	}
	var enc ingest.Encoding
	if *encoding != "" {
		e, ok := ingest.EncodingNamed(*encoding)
		if !ok {
			fmt.Fprintf(stderr, "tiaowen import: unknown encoding %q: use utf-8, gb18030 (gbk, gb2312), big5, utf-16le or utf-16be\n", *encoding)
			return 2
		}
		enc = e
	}
	status := 0
	for _, f := range files {
		do := importFile
		if *attachments {
			do = importAttachments
		}
		if err := do(f, ingest.Options{ID: *id, Encoding: enc}, importTo{*out, *force, *keepOriginal}, stdout, stderr); err != nil {
			fmt.Fprintf(stderr, "tiaowen import: %v\n", err)
			status = 1
		}
	}
	return status
}

// importExts are the files a folder given to import is read for: text,
// saved pages and Word documents.
var importExts = map[string]bool{".txt": true, ".text": true, ".html": true, ".htm": true, ".shtml": true, ".xhtml": true, ".mhtml": true, ".mht": true, ".docx": true, ".doc": true, ".rtf": true, ".pdf": true, ".ofd": true}

// importArgs expands what import is given into the files and addresses
// to import: a folder into the documents in it (importExts, in name
// order, not its folders'), and a pattern with * ? or [ into the files
// it matches, for shells that leave patterns to the program (Windows').
// A pattern that matches nothing, or a folder with no document, is an
// error rather than nothing done.
func importArgs(args []string) ([]string, error) {
	var files []string
	for _, a := range args {
		if ingest.IsURL(a) {
			files = append(files, a)
			continue
		}
		if st, err := os.Stat(a); err == nil && st.IsDir() {
			entries, err := os.ReadDir(a)
			if err != nil {
				return nil, err
			}
			n := len(files)
			for _, e := range entries {
				if !e.IsDir() && !strings.HasPrefix(e.Name(), ".") && importExts[strings.ToLower(filepath.Ext(e.Name()))] {
					files = append(files, filepath.Join(a, e.Name()))
				}
			}
			if len(files) == n {
				return nil, fmt.Errorf("%s: no .txt, .html, .htm, .mhtml, .mht, .docx, .doc, .rtf, .pdf or .ofd file in it", a)
			}
			continue
		} else if err == nil || !strings.ContainsAny(a, "*?[") {
			files = append(files, a) // a file, or what reading it will say is missing
			continue
		}
		matches, err := filepath.Glob(a)
		if err != nil {
			return nil, fmt.Errorf("%s: %v", a, err)
		}
		if len(matches) == 0 {
			return nil, fmt.Errorf("%s: no file matches", a)
		}
		files = append(files, matches...)
	}
	return files, nil
}

// importTo is where import writes: the folder, whether it may replace a
// document there, and whether it keeps the file imported beside it.
type importTo struct {
	dir          string
	force        bool
	keepOriginal bool
}

func importFile(file string, opts ingest.Options, to importTo, stdout, stderr io.Writer) error {
	return importAs(file, "", opts, to, stdout, stderr)
}

// importAs imports file, an address or a path, under the name label when
// one is given — an attachment's link text, which names it better than
// its address (P020230621.pdf) — else its own.
func importAs(file, label string, opts ingest.Options, to importTo, stdout, stderr io.Writer) error {
	outDir, force := to.dir, to.force
	name, data, err := readInput(file, &opts)
	if err != nil {
		return err
	}
	if label != "" {
		name = label
	}
	res, err := ingest.Import(name, data, opts)
	if err != nil {
		if name != file {
			return fmt.Errorf("%s: %w", file, err)
		}
		return err
	}
	res.File = file
	if name != file && label == "" && opts.ID == "" {
		fmt.Fprintf(stderr, "%s: note: the id %q is made from the address; give --id for a better one before publishing (an id never changes)\n", file, res.Meta.ID)
	}
	report(res, stderr)
	dst := filepath.Join(outDir, res.Meta.ID+".md")
	if _, err := os.Stat(dst); err == nil && !force {
		return fmt.Errorf("%s exists; it may hold reviewed corrections, so it was left alone (use --force to overwrite it, or --id to import this file under another id)", dst)
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return err
	}
	if to.keepOriginal {
		// Written first, so that no document names a file not there.
		ext := strings.ToLower(filepath.Ext(name))
		if ext == "" {
			return fmt.Errorf("%s: --keep-original: the file has no extension to keep it under; rename it for its kind (.pdf, .docx …)", file)
		}
		original := filepath.Join(outDir, res.Meta.ID+ext)
		if _, err := os.Stat(original); err == nil && !force {
			return fmt.Errorf("%s exists, so it was left alone and %s not written (use --force to overwrite both)", original, dst)
		}
		if err := writeFileAtomic(original, data); err != nil {
			return err
		}
		res.Meta.Original = res.Meta.ID + ext
	}
	if err := writeFileAtomic(dst, res.Markdown()); err != nil {
		return err
	}
	format := string(res.Encoding)
	switch {
	case res.Format == "DOCX":
		format = "Word document"
	case res.Format == "DOC":
		format = "Word 97–2003 document"
	case res.Format == "RTF":
		format = "RTF document"
	case res.Format == "PDF":
		format = "PDF, text by pdftotext"
	case res.Format == "OFD":
		format = "OFD"
	case res.Format != "text":
		format += ", " + res.Format
	}
	fmt.Fprintf(stdout, "%s → %s (%s)\n", file, dst, format)
	// Parse what was written, so that what the text could not supply (a
	// title) is named with its position before anyone builds.
	_, problems := corpus.NewParser().Parse(dst, res.Markdown())
	problems.Sort()
	for _, p := range problems {
		fmt.Fprintf(stderr, "%s — review %s before building\n", p.Error(), dst)
	}
	return nil
}

// report prints what an import removed, repaired and could not fill in.
func report(res *ingest.Result, w io.Writer) {
	for _, r := range res.Removed {
		fmt.Fprintf(w, "%s:%d: removed by %s: %q\n", res.File, r.Line, r.Rule, r.Text)
	}
	for _, r := range res.Repairs {
		fmt.Fprintf(w, "%s:%d: repaired (%s): %q\n", res.File, r.Line, r.Kind, truncate(r.Text, 40))
	}
	for _, n := range res.Notes {
		fmt.Fprintf(w, "%s: note: %s\n", res.File, n)
	}
}

func truncate(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// writeFileAtomic writes data to a temporary file beside name and renames
// it into place, so that an interrupted write never leaves half a file.
func writeFileAtomic(name string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), ".tmp-"+filepath.Base(name)+"-*")
	if err != nil {
		return err
	}
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return err
	}
	if err := tmp.Close(); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		os.Remove(tmp.Name())
		return err
	}
	return os.Rename(tmp.Name(), name)
}

func runParse(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("parse", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Bool("json", true, "print one JSON object per document: the only format, printed with or without the flag")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: tiaowen parse [--json] FILE|URL...")
		fmt.Fprintln(stderr, "\nPrints, for each FILE — raw text, a saved page, a Word document, a PDF or an OFD\nfile (imported in memory first, as an http(s) URL is after it is fetched), or a content .md —\none line of JSON: {\"id\",\"title\",\"date\",\"number\",\"lang\",\"sections\":[{\"eId\",\"path\",\"level\",\"marker\",\"number\",\"title\",\"text\"}]}.\nNumbering faults are printed on stderr as file:line:col warnings.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return flagExit(err)
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return 2
	}
	p := corpus.NewParser()
	status := 0
	for _, f := range fs.Args() {
		d, err := parseAny(p, f, stderr)
		if err != nil {
			fmt.Fprintf(stderr, "tiaowen parse: %v\n", err)
			status = 1
			continue
		}
		var b bytes.Buffer
		enc := json.NewEncoder(&b)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(d.JSON()); err != nil {
			fmt.Fprintf(stderr, "tiaowen parse: %v\n", err)
			return 1
		}
		stdout.Write(b.Bytes())
	}
	return status
}

// parseAny parses a content .md file, or imports raw text in memory and
// parses that.
func parseAny(p *corpus.Parser, file string, stderr io.Writer) (*corpus.Document, error) {
	var data []byte
	var err error
	opts, imported := ingest.Options{}, file
	if ingest.IsURL(file) {
		f, err := ingest.Fetch(context.Background(), file)
		if err != nil {
			return nil, err
		}
		data, imported, opts.Encoding, opts.Source = f.Data, f.Name, f.Encoding, file
	} else if data, err = os.ReadFile(file); err != nil {
		return nil, err
	}
	src := data
	name := file
	if ingest.IsURL(file) || !strings.EqualFold(filepath.Ext(file), ".md") {
		res, err := ingest.Import(imported, data, opts)
		if err != nil {
			return nil, err
		}
		src = res.Markdown()
		name = file + " (imported)"
	}
	d, problems := p.Parse(name, src)
	for _, w := range problems.Warnings() {
		fmt.Fprintln(stderr, w.Error())
	}
	if err := problems.Err(); err != nil {
		var list diag.List
		if errors.As(err, &list) && len(list) > 0 && !strings.EqualFold(filepath.Ext(file), ".md") {
			// An imported document that lacks what the text cannot give
			// (a title) is still worth printing.
			for _, e := range list {
				fmt.Fprintln(stderr, e.Error())
			}
			return d, nil
		}
		return nil, err
	}
	return d, nil
}

// flagExit turns a flag parsing error into an exit status: 0 for -h.
func flagExit(err error) int {
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	return 2
}

// readInput reads what import was given: a file, or a web address,
// fetched, named after its last part (with the extension its type calls
// for), and cited as the document's source in opts, with the encoding
// the server names.
func readInput(file string, opts *ingest.Options) (name string, data []byte, err error) {
	if !ingest.IsURL(file) {
		data, err = os.ReadFile(file)
		return file, data, err
	}
	f, err := ingest.Fetch(context.Background(), file)
	if err != nil {
		return "", nil, err
	}
	if opts.Encoding == "" {
		opts.Encoding = f.Encoding
	}
	if opts.Source == "" {
		opts.Source = file
	}
	return f.Name, f.Data, nil
}

// importAttachments imports the documents that the page file (an
// address, or a page or web archive saved with its address) links as
// attachments, instead of the page: a notice's page often holds the
// notice alone, the plan it issues attached. Each is fetched and imported
// under its link's text, with the page's address as its source, where
// the document was published.
func importAttachments(file string, opts ingest.Options, to importTo, stdout, stderr io.Writer) error {
	page := opts
	page.ID = "page"
	name, data, err := readInput(file, &page)
	if err != nil {
		return err
	}
	res, err := ingest.Import(name, data, page)
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	var docs []ingest.Attachment
	for _, a := range res.Attachments {
		if a.Importable() {
			docs = append(docs, a)
		}
	}
	switch {
	case res.Format != "HTML" && res.Format != "MHTML":
		return fmt.Errorf("%s: --attachments reads a web page's attachments, and this is a %s file; import it without --attachments", file, res.Format)
	case len(docs) == 0:
		return fmt.Errorf("%s: the page links no document as an attachment (a PDF, OFD, Word, WPS, RTF or text file); import the page itself, without --attachments", file)
	case opts.ID != "" && len(docs) > 1:
		return fmt.Errorf("%s: --id names one document, and the page attaches %d; import them without --id, or each by its address with one", file, len(docs))
	}
	var failed []string
	for _, a := range docs {
		if !ingest.IsURL(a.Address) {
			fmt.Fprintf(stderr, "tiaowen import: %s: the attachment 「%s」 is at %q, relative to an address the saved page does not give; import the page by its address, or the attachment by its own\n", file, a.Text, a.Address)
			failed = append(failed, a.Text)
			continue
		}
		// The page the document was published on, when known.
		o := opts
		o.Source = a.Address
		if ingest.IsURL(res.Meta.Source) {
			o.Source = res.Meta.Source
		}
		if err := importAs(a.Address, attachmentName(a), o, to, stdout, stderr); err != nil {
			fmt.Fprintf(stderr, "tiaowen import: %v\n", err)
			failed = append(failed, a.Text)
		}
	}
	if len(failed) > 0 {
		return fmt.Errorf("%s: %d of the page's %d attachments not imported: %s", file, len(failed), len(docs), strings.Join(failed, "; "))
	}
	return nil
}

// attachmentName is the name an attachment is imported under: its link's
// text without the number a list of attachments gives it (附件1：, 2.),
// with the extension of its address.
func attachmentName(a ingest.Attachment) string {
	text := reAttachmentNumber.ReplaceAllString(a.Text, "")
	ext := ""
	if u, err := url.Parse(a.Address); err == nil {
		ext = strings.ToLower(path.Ext(u.Path))
	}
	if strings.EqualFold(filepath.Ext(text), ext) {
		text = strings.TrimSuffix(text, filepath.Ext(text))
	}
	if strings.TrimSpace(text) == "" {
		return ""
	}
	return strings.TrimSpace(text) + ext
}

// reAttachmentNumber is the number before an attachment's name in a
// list of them: 附件1：, 附件：, 1. 2、（3）.
var reAttachmentNumber = regexp.MustCompile(`^\s*(?:附件\s*[0-9０-９一二三四五六七八九十]*\s*[:：．.、]?\s*)?(?:[0-9０-９]+\s*[.．、:：]|[（(][0-9０-９]+[)）])?\s*`)
