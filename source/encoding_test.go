package source

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
)

// The detection corpus: our own sample notices in every encoding casebook
// reads, whole and damaged (cut in the middle of a character, a stray byte
// inserted, a byte lost), must come back in the right encoding with the
// text intact but for the damage itself.
func TestEncodingCorpus(t *testing.T) {
	files, _ := filepath.Glob("../samples/notices/*.txt")
	if len(files) < 5 {
		t.Fatalf("corpus: %d files", len(files))
	}
	encs := []struct {
		name string
		enc  encoding.Encoding
		bom  []byte
	}{
		{"utf-8", encoding.Nop, nil},
		{"utf-8", encoding.Nop, []byte{0xEF, 0xBB, 0xBF}},
		{"shift_jis", japanese.ShiftJIS, nil},
		{"euc-jp", japanese.EUCJP, nil},
		{"iso-2022-jp", japanese.ISO2022JP, nil},
		{"utf-16le", unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM), []byte{0xFF, 0xFE}},
		{"utf-16be", unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM), []byte{0xFE, 0xFF}},
	}
	damages := []struct {
		name string
		fn   func([]byte) []byte
	}{
		{"whole", func(b []byte) []byte { return b }},
		{"cut mid-character", func(b []byte) []byte {
			b = []byte(strings.TrimRight(string(b), "\n\x00"))
			return b[:len(b)-1]
		}},
		{"stray bytes", func(b []byte) []byte {
			m := len(b) / 2
			return append(append(append([]byte(nil), b[:m]...), 0xFF, 0xFE), b[m:]...)
		}},
		{"a byte lost", func(b []byte) []byte {
			m := len(b)/3 | 1
			return append(append([]byte(nil), b[:m]...), b[m+1:]...)
		}},
	}
	for _, f := range files {
		raw, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		want := strings.TrimPrefix(string(raw), "\ufeff")
		if !utf8.ValidString(want) {
			continue // a sample kept in its own encoding
		}
		for _, e := range encs {
			enc, err := e.enc.NewEncoder().Bytes([]byte(want))
			if err != nil {
				continue // a character the encoding lacks
			}
			enc = append(append([]byte(nil), e.bom...), enc...)
			for _, dm := range damages {
				if e.name == "iso-2022-jp" && dm.name != "whole" || strings.HasPrefix(e.name, "utf-16") && dm.name == "a byte lost" {
					continue // stateful or two-byte: damage shifts the rest, as it would for any reader
				}
				b := dm.fn(enc)
				got, name, bad, err := DecodeReport(b, "")
				if err != nil {
					t.Errorf("%s %s %s: %v", filepath.Base(f), e.name, dm.name, err)
					continue
				}
				if name != e.name {
					t.Errorf("%s %s %s: detected %s", filepath.Base(f), e.name, dm.name, name)
					continue
				}
				// UTF-8 resynchronizes at once; a two-byte legacy encoding
				// only at the next ASCII character, as any reader would
				if d := runeDiff(got, want); d > 4 && (e.name == "utf-8" || dm.name == "whole") {
					t.Errorf("%s %s %s: %d characters differ", filepath.Base(f), e.name, dm.name, d)
				}
				if e.name == "utf-8" && dm.name != "whole" && len(bad) == 0 {
					t.Errorf("%s %s %s: damage not reported", filepath.Base(f), e.name, dm.name)
				}
			}
		}
	}
}

// A damaged UTF-8 file read as a document carries a warning naming the
// offset.
func TestDamagedUTF8Warns(t *testing.T) {
	text := "個人情報の漏えいに関するお詫び\n\n株式会社みずうみ商会は、お客様の氏名が流出したことを確認しました。"
	b := []byte(text)
	b = append(append(append([]byte(nil), b[:30]...), 0xFF), b[30:]...)
	doc, err := FromBytes(t.Context(), "damaged.txt", b, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Encoding != "utf-8" || !strings.Contains(doc.Text, "株式会社みずうみ商会") || len(doc.Warnings) != 1 || !strings.Contains(doc.Warnings[0], "at byte 30") {
		t.Errorf("encoding %s warnings %v text %q", doc.Encoding, doc.Warnings, doc.Text[:40])
	}
}

// runeDiff counts the characters that differ between two texts: replaced,
// dropped or added (an edit distance over a window, enough for local
// damage).
func runeDiff(a, b string) int {
	x, y := []rune(a), []rune(b)
	i, j := 0, 0
	for i < len(x) && j < len(y) && x[i] == y[j] {
		i++
		j++
	}
	k, l := len(x)-1, len(y)-1
	for k >= i && l >= j && x[k] == y[l] {
		k--
		l--
	}
	return max(k-i+1, l-j+1)
}
