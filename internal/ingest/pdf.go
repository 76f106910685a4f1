package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"os/exec"
	"strings"
	"unicode/utf8"
)

// isPDF reports whether data is a PDF file: its header, which the format
// lets stand anywhere in the first 1024 bytes.
func isPDF(data []byte) bool {
	return bytes.Contains(data[:min(len(data), 1024)], []byte("%PDF-"))
}

// pdftotextCommand is the program that reads a PDF's text: Poppler's
// pdftotext, as Hugo runs Pandoc or Asciidoctor for the formats it does
// not read itself. Its layout mode keeps each line where the page has
// it, indentation too, which is what tells a paragraph's first line from
// the lines its wrapping made.
var pdftotextCommand = "pdftotext"

// pdfLines returns a PDF's text as the lines Import works on: the lines
// pdftotext -layout gives, each numbered as that command's output is (so
// that file.pdf:37 is its 37th line), the lines that the page wrapped
// joined back into their paragraphs, and the page numbers it removed
// (reflow).
func pdfLines(file string, data []byte) ([]line, []Removal, error) {
	text, err := pdftotext(file, data)
	if err != nil {
		return nil, nil, err
	}
	return layoutLines(file, "PDF", text)
}

// pdftotext runs pdftotextCommand over data and returns the text of
// every page, each page ended by a form feed.
func pdftotext(file string, data []byte) (string, error) {
	path, err := exec.LookPath(pdftotextCommand)
	if err != nil {
		return "", fmt.Errorf("%s: a PDF file, whose text tiaowen reads with %s (Poppler), which is not installed: install it (Debian and Ubuntu: apt-get install poppler-utils; macOS: brew install poppler), or copy the PDF's text into a .txt file and import that", file, pdftotextCommand)
	}
	cmd := exec.Command(path, "-layout", "-enc", "UTF-8", "-eol", "unix", "-", "-")
	cmd.Stdin = bytes.NewReader(data)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		var exit *exec.ExitError
		if !errors.As(err, &exit) {
			return "", fmt.Errorf("%s: running %s: %v", file, pdftotextCommand, err)
		}
		why := firstLine(stderr.String())
		hint := "check that the file is a whole PDF (a download cut short is not), or copy its text into a .txt file and import that"
		if exit.ExitCode() == 3 || strings.Contains(strings.ToLower(why), "password") {
			hint = "the PDF is locked with a password: open it in a PDF reader, save or print it unlocked, and import that"
		}
		if why == "" {
			why = err.Error()
		}
		return "", fmt.Errorf("%s: %s cannot read the PDF (%s); %s", file, pdftotextCommand, why, hint)
	}
	if !utf8.Valid(stdout.Bytes()) {
		return strings.ToValidUTF8(stdout.String(), "\uFFFD"), nil
	}
	return stdout.String(), nil
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}
