package source

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"
	"syscall"
	"time"
	"unicode/utf8"
)

// Document is one input as extraction sees it.
type Document struct {
	// Name is the input's base name, or the URL, or "-" for standard input.
	Name string
	// Path is the path or URL the document was read from.
	Path string
	// Format is "text", "html" or "pdf".
	Format string
	// Encoding is the character encoding the input was decoded from.
	Encoding string
	// Text is the plain text extraction sees; spans are offsets into it.
	Text string
	// Headings are code-point offsets of lines that were HTML headings.
	Headings []int
	// PageTitle is an HTML page's <title> (often the site owner's name).
	PageTitle string
	// FetchedAt is when the input was read.
	FetchedAt time.Time
	// Warnings say what reading noticed without failing: bytes that were
	// not valid in the encoding (replaced by U+FFFD), with their offsets.
	Warnings []string
}

// Options control reading.
type Options struct {
	Encoding string        // force a character encoding (text and HTML)
	Timeout  time.Duration // for URLs; 30s when zero
	MaxBytes int64         // refuse larger inputs; 64 MiB when zero
	// MaxText refuses inputs whose text is larger (bytes of UTF-8):
	// extraction holds about twenty times its text in memory, and no
	// notice, nor a digest's page of them, comes near; 4 MiB when zero.
	MaxText int64
	Client  *http.Client
}

func (o Options) maxText() int64 {
	if o.MaxText > 0 {
		return o.MaxText
	}
	return DefaultMaxText
}

// DefaultMaxText is the most text an input may hold unless the options
// say otherwise.
const DefaultMaxText = 4 << 20

func (o Options) maxBytes() int64 {
	if o.MaxBytes > 0 {
		return o.MaxBytes
	}
	return 64 << 20
}

// Error names the input that failed and why.
type Error struct {
	Input string
	Err   error
}

// Error names the input (quoted when it holds a control character, so a
// file name with a newline cannot split a line of messages) and the problem.
func (e *Error) Error() string {
	name := e.Input
	if strings.ContainsFunc(name, func(r rune) bool { return r < 0x20 || r == 0x7f }) {
		name = strconv.Quote(name)
	}
	return name + ": " + e.Err.Error()
}
func (e *Error) Unwrap() error { return e.Err }

// ErrNoPDFTool is returned when a PDF is read on a machine without pdftotext.
var ErrNoPDFTool = errors.New("reading PDF needs pdftotext (Debian package poppler-utils): apt-get install poppler-utils")

// Expand turns the command-line inputs into a list of files and URLs:
// folders are walked recursively (hidden files skipped, sorted), "-" and
// URLs pass through. Missing paths are reported as errors, not dropped.
func Expand(inputs []string) ([]string, []error) {
	var out []string
	var errs []error
	for _, in := range inputs {
		if in == "-" || IsURL(in) {
			out = append(out, in)
			continue
		}
		st, err := os.Stat(in)
		if err != nil {
			errs = append(errs, &Error{in, friendly(err)})
			continue
		}
		if !st.IsDir() {
			out = append(out, in)
			continue
		}
		var files []string
		seen := map[string]bool{} // real paths already listed: a file linked twice is read once
		keep := func(p string) {
			real, err := filepath.EvalSymlinks(p)
			if err != nil {
				real = p
			}
			if !seen[real] {
				seen[real] = true
				files = append(files, p)
			}
		}
		err = filepath.WalkDir(in, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				errs = append(errs, &Error{p, friendly(err)})
				return nil
			}
			name := d.Name()
			if p != in && strings.HasPrefix(name, ".") {
				if d.IsDir() {
					return filepath.SkipDir
				}
				return nil
			}
			switch {
			case d.Type().IsRegular():
				keep(p)
			case d.Type()&fs.ModeSymlink != 0:
				// a link to a notice is followed; what it cannot be is named
				st, err := os.Stat(p)
				switch {
				case err != nil && errors.Is(err, syscall.ELOOP):
					errs = append(errs, &Error{p, errors.New("symbolic link loop")})
				case err != nil:
					errs = append(errs, &Error{p, fmt.Errorf("broken symbolic link: %v", friendly(err))})
				case st.IsDir():
					errs = append(errs, &Error{p, errors.New("a symbolic link to a folder is not followed (name the folder itself)")})
				case st.Mode().IsRegular():
					keep(p)
				default:
					errs = append(errs, &Error{p, errors.New("not a regular file")})
				}
			}
			return nil
		})
		if err != nil {
			errs = append(errs, &Error{in, err})
		}
		sort.Strings(files)
		out = append(out, files...)
	}
	return out, errs
}

// IsURL reports whether s is an http(s) URL.
func IsURL(s string) bool { return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") }

// Read reads one input (a file path, "-" for r, or a URL).
func Read(ctx context.Context, input string, stdin io.Reader, o Options) (*Document, error) {
	var (
		raw         []byte
		contentType string
		err         error
	)
	doc := &Document{Path: input, Name: filepath.Base(input), FetchedAt: time.Now().UTC()}
	switch {
	case input == "-":
		doc.Name = "-"
		raw, err = readLimited(stdin, o.maxBytes())
	case IsURL(input):
		doc.Name = input
		raw, contentType, err = fetch(ctx, input, o)
	default:
		var f *os.File
		f, err = os.Open(input)
		if err == nil {
			raw, err = readLimited(f, o.maxBytes())
			f.Close()
		}
	}
	if err != nil {
		return nil, &Error{input, friendly(err)}
	}
	if err := doc.parse(ctx, raw, contentType, o.Encoding, o.maxText()); err != nil {
		return nil, &Error{input, err}
	}
	return doc, nil
}

// FromBytes makes a document of raw input bytes named name (an upload or a
// pasted text); the format is sniffed as for files.
func FromBytes(ctx context.Context, name string, raw []byte, o Options) (*Document, error) {
	doc := &Document{Path: name, Name: filepath.Base(name), FetchedAt: time.Now().UTC()}
	if err := doc.parse(ctx, raw, "", o.Encoding, o.maxText()); err != nil {
		return nil, &Error{name, err}
	}
	return doc, nil
}

// FromFetched makes a document of a response's body fetched from url,
// read as its Content-Type says (a watcher does its own fetching: it
// sends validators and honours robots.txt).
func FromFetched(ctx context.Context, url string, raw []byte, contentType string, o Options) (*Document, error) {
	doc := &Document{Path: url, Name: url, FetchedAt: time.Now().UTC()}
	if err := doc.parse(ctx, raw, contentType, o.Encoding, o.maxText()); err != nil {
		return nil, &Error{url, err}
	}
	return doc, nil
}

func (d *Document) parse(ctx context.Context, raw []byte, contentType, enc string, maxText int64) error {
	if len(bytes.TrimSpace(raw)) == 0 {
		return errors.New("empty input")
	}
	ext := strings.ToLower(filepath.Ext(strings.SplitN(d.Path, "?", 2)[0]))
	ct := strings.ToLower(contentType)
	switch {
	case bytes.HasPrefix(raw, []byte("%PDF-")) || strings.Contains(ct, "application/pdf"):
		if !bytes.HasPrefix(raw, []byte("%PDF-")) {
			return errors.New("not a PDF file (no %PDF- header)")
		}
		d.Format, d.Encoding = "pdf", "utf-8"
		t, err := PDFText(ctx, raw)
		if err != nil {
			return err
		}
		d.Text = t
	case ext == ".html" || ext == ".htm" || ext == ".xhtml" || strings.Contains(ct, "html") || LooksLikeHTML(raw):
		d.Format = "html"
		t, heads, title, dec, err := htmlTextReport(raw, contentType, enc)
		if err != nil {
			return fmt.Errorf("parse HTML: %w", err)
		}
		d.warnInvalid(dec.enc, dec.bad)
		d.Text, d.Headings, d.PageTitle, d.Encoding = t, heads, title, "html"
	default:
		// (a text's UTF-8 is at least as long as its bytes in any of its
		// encodings: refuse before decoding what would be refused after)
		if n := int64(len(raw)); n > maxText {
			return fmt.Errorf("its text is %.1f MiB, more than a notice or a page of notices holds (at most %d MiB): split it into its notices", float64(n)/(1<<20), maxText>>20)
		}
		if isBinary(raw) {
			return errors.New("binary file, not a text, HTML or PDF notice")
		}
		d.Format = "text"
		t, name, bad, err := DecodeReport(raw, enc)
		if err != nil {
			return err
		}
		if share := oddShare(t); share >= 0.1 {
			return fmt.Errorf("not a text notice: %d%% of its characters are control codes, undecodable bytes or stray half-width kana (a binary file?)", int(share*100))
		}
		d.warnInvalid(name, bad)
		d.Text, d.Encoding = strings.ReplaceAll(strings.ReplaceAll(t, "\r\n", "\n"), "\r", "\n"), name
	}
	if strings.TrimSpace(d.Text) == "" {
		return errors.New("no text found")
	}
	if n := int64(len(d.Text)); n > maxText {
		d.Text = ""
		return fmt.Errorf("its text is %.1f MiB, more than a notice or a page of notices holds (at most %d MiB): split it into its notices", float64(n)/(1<<20), maxText>>20)
	}
	return nil
}

// warnInvalid notes the bytes that were not valid in the encoding.
func (d *Document) warnInvalid(enc string, bad []int) {
	if len(bad) == 0 {
		return
	}
	offs := make([]string, 0, 5)
	for _, o := range bad[:min(len(bad), 5)] {
		offs = append(offs, strconv.Itoa(o))
	}
	more := ""
	if len(bad) > 5 {
		more = ", …"
	}
	d.Warnings = append(d.Warnings, fmt.Sprintf("%d byte(s) not valid %s replaced by U+FFFD (at byte %s%s)", len(bad), enc, strings.Join(offs, ", "), more))
}

// isBinary spots files that are no text in any encoding: NUL bytes that
// are not UTF-16.
func isBinary(b []byte) bool {
	head := b
	if len(head) > 8000 {
		head = head[:8000]
	}
	if bytes.HasPrefix(head, []byte{0xFF, 0xFE}) || bytes.HasPrefix(head, []byte{0xFE, 0xFF}) {
		return false
	}
	return bytes.IndexByte(head, 0) >= 0
}

// oddShare is the share of a decoded text's characters that no notice is
// written in: control codes (but tabs and line ends), replacement
// characters, half-width katakana and private-use characters. Random
// bytes read as Shift_JIS are full of them; a text has almost none.
func oddShare(s string) float64 {
	n, odd := 0, 0
	for _, r := range s {
		n++
		switch {
		case r == '\t' || r == '\n' || r == '\r' || r == '\f' || r == '\v':
		case r < 0x20 || r >= 0x7f && r < 0xa0, r == utf8.RuneError, r >= 0xff61 && r <= 0xff9f, r >= 0xe000 && r <= 0xf8ff:
			odd++
		}
	}
	if n == 0 {
		return 0
	}
	return float64(odd) / float64(n)
}

func readLimited(r io.Reader, max int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, err
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("input larger than %d bytes", max)
	}
	return b, nil
}

func fetch(ctx context.Context, url string, o Options) ([]byte, string, error) {
	timeout := o.Timeout
	if timeout == 0 {
		timeout = 30 * time.Second
	}
	client := o.Client
	if client == nil {
		client = &http.Client{Timeout: timeout}
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, "", err
	}
	req.Header.Set("User-Agent", "casebook/1 (+breach notice reader)")
	req.Header.Set("Accept", "text/html,application/pdf,text/plain;q=0.9,*/*;q=0.5")
	resp, err := client.Do(req)
	if err != nil {
		return nil, "", fetchError(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, "", fmt.Errorf("fetch: HTTP %s", resp.Status)
	}
	b, err := readLimited(resp.Body, o.maxBytes())
	return b, resp.Header.Get("Content-Type"), err
}

// fetchError says why a fetch failed in the user's terms, without the
// machine's own addresses (its resolver's, the dialled socket's).
func fetchError(err error) error {
	var dnsErr *net.DNSError
	var opErr *net.OpError
	switch {
	case errors.Is(err, ErrPrivateAddress):
		return fmt.Errorf("fetch: %w", ErrPrivateAddress)
	case errors.As(err, &dnsErr):
		return fmt.Errorf("fetch: the host %s was not found", dnsErr.Name)
	case errors.Is(err, context.DeadlineExceeded) || os.IsTimeout(err):
		return errors.New("fetch: timed out")
	case errors.Is(err, syscall.ECONNREFUSED):
		return errors.New("fetch: the server refused the connection")
	case errors.As(err, &opErr):
		return fmt.Errorf("fetch: could not connect: %v", opErr.Err)
	}
	var ue *url.Error
	if errors.As(err, &ue) {
		return fmt.Errorf("fetch: %v", ue.Err)
	}
	return fmt.Errorf("fetch: %w", err)
}

func friendly(err error) error {
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return errors.New("no such file or folder")
	case errors.Is(err, fs.ErrPermission):
		return errors.New("permission denied")
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

// PDFText runs pdftotext over a PDF and returns its text in reading order,
// with the line breaks PDF layout puts inside Japanese words joined.
func PDFText(ctx context.Context, raw []byte) (string, error) {
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		return "", ErrNoPDFTool
	}
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, bin, "-enc", "UTF-8", "-nopgbrk", "-", "-")
	cmd.Stdin = bytes.NewReader(raw)
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		return "", fmt.Errorf("not a readable PDF (pdftotext: %s)", pdfMessage(stderr.String(), err))
	}
	return JoinPDFLines(out.String()), nil
}

// pdfMessage is pdftotext's complaint, each line once, at most three.
func pdfMessage(stderr string, err error) string {
	var lines []string
	for _, l := range strings.Split(stderr, "\n") {
		l = strings.TrimSpace(l)
		if l != "" && !slices.Contains(lines, l) && len(lines) < 3 {
			lines = append(lines, l)
		}
	}
	if len(lines) == 0 {
		return err.Error()
	}
	return strings.Join(lines, "; ")
}

// JoinPDFLines joins lines that a PDF's layout broke inside Japanese text:
// a line ending in a CJK character (not a sentence end) followed by one
// starting with a CJK character (not a list mark) is one line.
func JoinPDFLines(s string) string {
	s = strings.ReplaceAll(s, "\f", "\n")
	lines := strings.Split(s, "\n")
	longest := 0
	for _, l := range lines {
		longest = max(longest, utf8.RuneCountInString(strings.TrimSpace(l)))
	}
	for i, l := range lines {
		lines[i] = unspaced(l)
	}
	var b strings.Builder
	for i, l := range lines {
		l = strings.TrimRight(l, " \t")
		b.WriteString(l)
		if i == len(lines)-1 {
			break
		}
		next := strings.TrimLeft(lines[i+1], " \t")
		if joinable(l, next, longest) {
			lines[i+1] = next
			continue
		}
		b.WriteString("\n")
	}
	return b.String()
}

// unspaced joins a letter-spaced line, as a PDF's headings often come out
// ("給 食 シ ス テ ム に 対 す る" → "給食システムに対する"): every character
// stands alone between blanks, and most are Japanese.
func unspaced(l string) string {
	t := strings.TrimSpace(l)
	if t == "" || !strings.Contains(t, " ") {
		return l
	}
	parts := strings.Split(t, " ")
	chars, ja := 0, 0
	for _, p := range parts {
		switch utf8.RuneCountInString(p) {
		case 0: // a wider gap
		case 1:
			chars++
			if r, _ := utf8.DecodeRuneInString(p); isJa(r) {
				ja++
			}
		default:
			return l
		}
	}
	if chars < 5 || ja*10 < chars*6 {
		return l
	}
	lead := l[:len(l)-len(strings.TrimLeft(l, " \t"))]
	return lead + strings.Join(parts, "")
}

func joinable(l, next string, longest int) bool {
	if l == "" || next == "" {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(l)
	first, _ := utf8.DecodeRuneInString(next)
	if !isJa(last) || !isJa(first) || strings.ContainsRune("。．！？」』)）:：", last) ||
		strings.ContainsRune("・■●◆□○◎※【(（「1234567890１２３４５６７８９０①②③④⑤⑥⑦⑧⑨⑩", first) {
		return false
	}
	// only lines that run to (nearly) the full width were wrapped by layout
	return utf8.RuneCountInString(strings.TrimSpace(l))*10 >= longest*8
}

func isJa(r rune) bool {
	return (r >= 0x3040 && r <= 0x30ff) || (r >= 0x4e00 && r <= 0x9fff) || (r >= 0xff00 && r <= 0xffef) || r == '、'
}
