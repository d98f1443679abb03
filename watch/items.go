package watch

import (
	"bytes"
	"encoding/xml"
	"io"
	"net/url"
	"regexp"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/charset"
)

// An item is a link a watched place offers: a feed's entry or a list
// page's link that looks like a notice.
type item struct {
	URL, Title string
}

// isFeed says whether a body is an RSS 1.0/2.0 or Atom feed.
func isFeed(contentType string, body []byte) bool {
	ct := strings.ToLower(contentType)
	if strings.Contains(ct, "rss") || strings.Contains(ct, "atom") {
		return true
	}
	head := body[:min(len(body), 1024)]
	head = bytes.TrimLeft(head, "\ufeff \t\r\n")
	if bytes.HasPrefix(head, []byte("<?xml")) || strings.Contains(ct, "xml") {
		return bytes.Contains(head, []byte("<rss")) || bytes.Contains(head, []byte("<feed")) || bytes.Contains(head, []byte("<rdf:RDF")) ||
			bytes.Contains(body[:min(len(body), 4096)], []byte("<rss")) || bytes.Contains(body[:min(len(body), 4096)], []byte("<feed")) ||
			bytes.Contains(body[:min(len(body), 4096)], []byte("<rdf:RDF"))
	}
	return bytes.HasPrefix(head, []byte("<rss")) || bytes.HasPrefix(head, []byte("<feed"))
}

// feed is the part of RSS 2.0 (channel/item), RSS 1.0 (rdf:RDF/item) and
// Atom (feed/entry) a watcher reads.
type feed struct {
	Channel struct {
		Items []rssItem `xml:"item"`
	} `xml:"channel"`
	Items   []rssItem   `xml:"item"`
	Entries []atomEntry `xml:"entry"`
}

type rssItem struct {
	Title string `xml:"title"`
	Link  string `xml:"link"`
	GUID  struct {
		Value     string `xml:",chardata"`
		Permalink string `xml:"isPermaLink,attr"`
	} `xml:"guid"`
	About string `xml:"about,attr"`
}

type atomEntry struct {
	Title string `xml:"title"`
	Links []struct {
		Href string `xml:"href,attr"`
		Rel  string `xml:"rel,attr"`
		Type string `xml:"type,attr"`
	} `xml:"link"`
	ID string `xml:"id"`
}

// feedItems reads a feed's entries in its order, each link made absolute
// against base. Feeds in Shift_JIS or EUC-JP are read in their encoding.
func feedItems(body []byte, base *url.URL) ([]item, error) {
	var f feed
	dec := xml.NewDecoder(bytes.NewReader(body))
	dec.CharsetReader = charset.NewReaderLabel
	dec.Strict = false
	if err := dec.Decode(&f); err != nil && err != io.EOF {
		return nil, err
	}
	var out []item
	add := func(link, title string) {
		if u := absolute(base, strings.TrimSpace(link)); u != "" {
			out = append(out, item{URL: u, Title: strings.TrimSpace(title)})
		}
	}
	for _, it := range append(f.Channel.Items, f.Items...) {
		link := it.Link
		if link == "" && it.GUID.Permalink != "false" && strings.HasPrefix(strings.TrimSpace(it.GUID.Value), "http") {
			link = it.GUID.Value
		}
		if link == "" {
			link = it.About
		}
		add(link, it.Title)
	}
	for _, e := range f.Entries {
		link := ""
		for _, l := range e.Links {
			if l.Rel == "" || l.Rel == "alternate" {
				link = l.Href
				break
			}
		}
		if link == "" && strings.HasPrefix(e.ID, "http") {
			link = e.ID
		}
		add(link, e.Title)
	}
	return dedupe(out), nil
}

// noticeWordRE: what a link to a notice says, in its text or its path.
var (
	noticeWordRE = regexp.MustCompile(`お詫び|おわび|お知らせ|ご報告|報告|漏えい|漏洩|流出|不正アクセス|個人情報|誤送付|誤送信|誤配|紛失|盗難|ランサムウェア|サイバー攻撃|ウイルス|事案|事故|発表|公表|指導|勧告|命令|行政処分|注意喚起`)
	noticePathRE = regexp.MustCompile(`(?i)/(news|press|info|information|topics|release|houdou|kisya|oshirase|notice|important)[^/]*/|\.pdf$|/\d{4}/|\d{8}`)
	chromeWordRE = regexp.MustCompile(`^(ホーム|トップ|トップページ|サイトマップ|お問い合わせ|English|ログイン|会社概要|採用情報|プライバシーポリシー|個人情報保護方針|個人情報の取り扱い|サイトポリシー|アクセシビリティ|一覧|もっと見る|次へ|前へ|戻る)$`)
)

// pageItems reads the links of an HTML list page that look like notices:
// on the same site, not the page itself, with words of a notice in their
// text or a path that lists news; navigation links are left out.
func pageItems(body []byte, contentType string, base *url.URL) []item {
	r, err := charset.NewReader(bytes.NewReader(body), contentType)
	if err != nil {
		r = bytes.NewReader(body)
	}
	z := html.NewTokenizer(r)
	var out []item
	var href string
	var text strings.Builder
	depth := 0 // inside <nav>, <header>, <footer>
	for {
		switch z.Next() {
		case html.ErrorToken:
			return dedupe(out)
		case html.StartTagToken:
			name, hasAttr := z.TagName()
			switch string(name) {
			case "nav", "header", "footer":
				depth++
			case "a":
				href = ""
				text.Reset()
				for hasAttr {
					var k, v []byte
					k, v, hasAttr = z.TagAttr()
					if string(k) == "href" {
						href = string(v)
					}
				}
			}
		case html.EndTagToken:
			name, _ := z.TagName()
			switch string(name) {
			case "nav", "header", "footer":
				depth = max(0, depth-1)
			case "a":
				t := strings.Join(strings.Fields(text.String()), " ")
				u := absolute(base, href)
				href = ""
				if u == "" || depth > 0 || chromeWordRE.MatchString(t) {
					continue
				}
				pu, _ := url.Parse(u)
				if pu == nil || !strings.EqualFold(pu.Host, base.Host) || samePage(pu, base) {
					continue
				}
				if noticeWordRE.MatchString(t) || noticePathRE.MatchString(pu.Path) && len([]rune(t)) >= 8 {
					out = append(out, item{URL: u, Title: t})
				}
			}
		case html.TextToken:
			if href != "" {
				text.Write(z.Text())
			}
		}
	}
}

// absolute resolves a link against base: http(s) only, without its
// fragment; "" for anything else (mailto:, javascript:, #top).
func absolute(base *url.URL, link string) string {
	if link == "" || strings.HasPrefix(link, "#") {
		return ""
	}
	u, err := base.Parse(link)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
		return ""
	}
	u.Fragment = ""
	return u.String()
}

func samePage(a, b *url.URL) bool {
	return strings.TrimSuffix(a.Path, "/") == strings.TrimSuffix(b.Path, "/") && a.RawQuery == b.RawQuery
}

func dedupe(items []item) []item {
	seen := map[string]bool{}
	out := items[:0]
	for _, it := range items {
		if !seen[it.URL] {
			seen[it.URL] = true
			out = append(out, it)
		}
	}
	return out
}
