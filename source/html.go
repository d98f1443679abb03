package source

import (
	"bytes"
	"regexp"
	"strings"
	"unicode/utf8"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
	"golang.org/x/net/html/charset"
)

// skipTags never hold notice text.
var skipTags = map[atom.Atom]bool{
	atom.Script: true, atom.Style: true, atom.Noscript: true, atom.Template: true,
	atom.Nav: true, atom.Header: true, atom.Footer: true, atom.Aside: true,
	atom.Form: true, atom.Iframe: true, atom.Svg: true, atom.Button: true,
	atom.Select: true, atom.Head: true, atom.Object: true, atom.Canvas: true,
}

// blockTags end a line of text.
var blockTags = map[atom.Atom]bool{
	atom.P: true, atom.Div: true, atom.Br: true, atom.Li: true, atom.Tr: true,
	atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true, atom.H5: true, atom.H6: true,
	atom.Section: true, atom.Article: true, atom.Main: true, atom.Table: true,
	atom.Ul: true, atom.Ol: true, atom.Dl: true, atom.Dt: true, atom.Dd: true,
	atom.Blockquote: true, atom.Pre: true, atom.Hr: true, atom.Address: true,
	atom.Figure: true, atom.Figcaption: true, atom.Caption: true, atom.Tbody: true,
	atom.Thead: true, atom.Body: true,
}

var headingTags = map[atom.Atom]bool{atom.H1: true, atom.H2: true, atom.H3: true, atom.H4: true}

// boilerplateRE matches class or id values of page chrome on div-only layouts.
var boilerplateRE = regexp.MustCompile(`(?i)(^|[\s_-])(nav|navi|navbar|gnav|menu|global-?nav|breadcrumbs?|topicpath|pankuzu|footer|site-?footer|header|site-?header|sidebar|side|sidenav|share|sns|social|banner|ads?|advert|related|recommend|ranking|comments?|pagetop|page-top|skip|cookie|modal|popup|widget)($|[\s_-])`)

// HTMLText returns the main text of an HTML page, with block structure
// kept as line breaks, and the code-point offsets of lines that came from
// h1–h4 headings. The page's charset is taken from its <meta> or
// Content-Type when given, else detected.
func HTMLText(b []byte, contentType, encName string) (string, []int, error) {
	t, heads, _, err := htmlText(b, contentType, encName)
	return t, heads, err
}

// htmlText is HTMLText that also returns the page's <title>.
func htmlText(b []byte, contentType, encName string) (string, []int, string, error) {
	t, heads, title, _, err := htmlTextReport(b, contentType, encName)
	return t, heads, title, err
}

// htmlTextReport is htmlText that also returns the encoding used and the
// byte offsets of bytes that were not valid in it.
func htmlTextReport(b []byte, contentType, encName string) (string, []int, string, decoded, error) {
	if encName == "" {
		if _, name, certain := charset.DetermineEncoding(b, contentType); certain || hasMetaCharset(b) {
			encName = name
		}
	}
	var s string
	var dec decoded
	var err error
	switch strings.ToLower(encName) {
	case "", "windows-1252":
		s, dec.enc, dec.bad, err = DecodeReport(b, "")
	default:
		if _, lerr := LookupEncoding(encName); lerr == nil {
			s, dec.enc, dec.bad, err = DecodeReport(b, encName)
		} else if enc, _ := charset.Lookup(encName); enc != nil {
			s, err = decodeWith(b, enc)
			dec.enc = strings.ToLower(encName)
		} else {
			s, dec.enc, dec.bad, err = DecodeReport(b, "")
		}
	}
	if err != nil {
		return "", nil, "", dec, err
	}
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		return "", nil, "", dec, err
	}
	roots := mainRoots(doc)
	w := &textWriter{}
	for _, r := range roots {
		w.walk(r)
		w.newline()
	}
	text, heads, err := w.finish()
	return text, heads, pageTitle(doc), dec, err
}

// decoded is the encoding a page was read in and its invalid bytes.
type decoded struct {
	enc string
	bad []int
}

func pageTitle(n *html.Node) string {
	if n.Type == html.ElementNode && n.DataAtom == atom.Title && n.FirstChild != nil {
		return strings.TrimSpace(collapseSpace(n.FirstChild.Data))
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if t := pageTitle(c); t != "" {
			return t
		}
	}
	return ""
}

func hasMetaCharset(b []byte) bool {
	head := b
	if len(head) > 4096 {
		head = head[:4096]
	}
	return bytes.Contains(bytes.ToLower(head), []byte("charset"))
}

// mainRoots picks the elements holding the page's content: every <article>
// (a digest page has many), else <main>, else the element with
// role="main", else <body>.
func mainRoots(doc *html.Node) []*html.Node {
	var articles, mains, body []*html.Node
	var find func(n *html.Node, inArticle bool)
	find = func(n *html.Node, inArticle bool) {
		if n.Type == html.ElementNode {
			switch {
			case n.DataAtom == atom.Article && !inArticle:
				articles = append(articles, n)
				inArticle = true
			case n.DataAtom == atom.Main || attr(n, "role") == "main":
				mains = append(mains, n)
			case n.DataAtom == atom.Body:
				body = append(body, n)
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			find(c, inArticle)
		}
	}
	find(doc, false)
	switch {
	case len(articles) > 0 && textLen(articles) > 200:
		return articles
	case len(mains) > 0:
		return mains[:1]
	case len(body) > 0:
		return body[:1]
	}
	return []*html.Node{doc}
}

func textLen(ns []*html.Node) int {
	n := 0
	var walk func(*html.Node)
	walk = func(x *html.Node) {
		if x.Type == html.TextNode {
			n += utf8.RuneCountInString(strings.TrimSpace(x.Data))
		}
		if x.Type == html.ElementNode && skipTags[x.DataAtom] {
			return
		}
		for c := x.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	for _, x := range ns {
		walk(x)
	}
	return n
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

type textWriter struct {
	b        strings.Builder
	runes    int
	line     strings.Builder
	heading  bool
	headings []int
	pre      int
}

func (w *textWriter) walk(n *html.Node) {
	switch n.Type {
	case html.TextNode:
		t := n.Data
		if w.pre == 0 {
			t = collapseSpace(t)
		}
		w.line.WriteString(t)
		return
	case html.ElementNode:
		if skipTags[n.DataAtom] {
			return
		}
		if n.DataAtom != atom.Body && n.DataAtom != atom.Main && n.DataAtom != atom.Article {
			if cls := attr(n, "class") + " " + attr(n, "id"); boilerplateRE.MatchString(cls) {
				return
			}
		}
		if attr(n, "hidden") != "" || strings.Contains(strings.ReplaceAll(attr(n, "style"), " ", ""), "display:none") {
			return
		}
	}
	block := n.Type == html.ElementNode && blockTags[n.DataAtom]
	if block {
		w.newline()
	}
	if n.Type == html.ElementNode {
		switch {
		case headingTags[n.DataAtom]:
			w.heading = true
		case n.DataAtom == atom.Pre:
			w.pre++
		case n.DataAtom == atom.Td || n.DataAtom == atom.Th:
			if w.line.Len() > 0 {
				w.line.WriteString(" ")
			}
		case n.DataAtom == atom.Li:
			w.line.WriteString("・")
		case n.DataAtom == atom.Img:
			if alt := strings.TrimSpace(attr(n, "alt")); alt != "" {
				w.line.WriteString(alt)
			}
		}
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		w.walk(c)
	}
	if n.Type == html.ElementNode && n.DataAtom == atom.Pre {
		w.pre--
	}
	if block {
		w.newline()
	}
}

// newline ends the current line; blank lines collapse into one.
func (w *textWriter) newline() {
	line := strings.TrimSpace(w.line.String())
	w.line.Reset()
	if line == "" {
		if w.heading {
			w.heading = false
		}
		return
	}
	if w.b.Len() > 0 {
		w.b.WriteString("\n")
		w.runes++
	}
	if w.heading {
		w.headings = append(w.headings, w.runes)
		w.heading = false
	}
	w.b.WriteString(line)
	w.runes += utf8.RuneCountInString(line)
	w.b.WriteString("\n")
	w.runes++
}

func (w *textWriter) finish() (string, []int, error) {
	w.newline()
	return strings.TrimRight(w.b.String(), "\n") + "\n", w.headings, nil
}

var spaceRE = regexp.MustCompile(`[ \t\r\n\f]+`)

func collapseSpace(s string) string { return spaceRE.ReplaceAllString(s, " ") }

// LooksLikeHTML sniffs b for HTML markup.
func LooksLikeHTML(b []byte) bool {
	head := b
	if len(head) > 1024 {
		head = head[:1024]
	}
	h := bytes.ToLower(bytes.TrimSpace(head))
	for _, p := range [][]byte{[]byte("<!doctype html"), []byte("<html"), []byte("<head"), []byte("<body")} {
		if bytes.Contains(h, p) {
			return true
		}
	}
	return false
}
