// Package source reads notices as people find them — files, folders,
// standard input, http(s) URLs; plain text in any Japanese encoding, HTML
// and PDF — and turns each into the plain text extraction sees.
package source

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding"
	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
)

// Encodings casebook can decode, by the names --encoding accepts.
var encodings = map[string]encoding.Encoding{
	"utf-8":       encoding.Nop,
	"utf8":        encoding.Nop,
	"shift_jis":   japanese.ShiftJIS,
	"shift-jis":   japanese.ShiftJIS,
	"sjis":        japanese.ShiftJIS,
	"cp932":       japanese.ShiftJIS,
	"windows-31j": japanese.ShiftJIS,
	"euc-jp":      japanese.EUCJP,
	"eucjp":       japanese.EUCJP,
	"iso-2022-jp": japanese.ISO2022JP,
	"jis":         japanese.ISO2022JP,
	"utf-16le":    unicode.UTF16(unicode.LittleEndian, unicode.IgnoreBOM),
	"utf-16be":    unicode.UTF16(unicode.BigEndian, unicode.IgnoreBOM),
}

// LookupEncoding returns the encoding named name (case-insensitive).
func LookupEncoding(name string) (encoding.Encoding, error) {
	e, ok := encodings[strings.ToLower(strings.TrimSpace(name))]
	if !ok {
		return nil, fmt.Errorf("unknown encoding %q (use utf-8, shift_jis, euc-jp or iso-2022-jp)", name)
	}
	return e, nil
}

// Decode converts b to UTF-8. When name is empty the encoding is detected:
// a BOM, valid UTF-8, ISO-2022-JP escapes, UTF-8 with a few damaged bytes,
// or whichever of Shift_JIS and EUC-JP decodes b with fewer errors and more
// Japanese. It returns the name of the encoding used.
func Decode(b []byte, name string) (string, string, error) {
	s, enc, _, err := DecodeReport(b, name)
	return s, enc, err
}

// DecodeReport is Decode that also returns the byte offsets of the bytes
// that were not valid in the encoding (each became U+FFFD): a UTF-8 file
// cut mid-character, or with a stray byte, stays UTF-8 and says where.
func DecodeReport(b []byte, name string) (string, string, []int, error) {
	if name != "" {
		enc, err := LookupEncoding(name)
		if err != nil {
			return "", "", nil, err
		}
		var bad []int
		if enc == encoding.Nop {
			bad, _ = utf8Damage(b)
		}
		s, err := decodeWith(b, enc)
		return s, strings.ToLower(name), bad, err
	}
	body, skip := b, 0
	switch {
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}), bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		s, enc, err := detect(b) // UTF-16
		return s, enc, nil, err
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		body, skip = b[3:], 3
	}
	if bad, mostly := utf8Damage(body); mostly && len(bad) > 0 || skip > 0 {
		for i := range bad {
			bad[i] += skip
		}
		return strings.ToValidUTF8(string(body), "\uFFFD"), "utf-8", bad, nil
	}
	s, enc, err := detect(b)
	return s, enc, nil, err
}

// utf8Damage finds the bytes of b that are not valid UTF-8, and says
// whether b is still UTF-8 on the whole: many valid multi-byte characters
// and few bad bytes (Shift_JIS or EUC-JP text read as UTF-8 is bad
// throughout).
func utf8Damage(b []byte) (bad []int, mostly bool) {
	multi := 0
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			bad = append(bad, i)
			i++
			continue
		}
		if n > 1 {
			multi++
		}
		i += n
	}
	return bad, multi >= 8 && len(bad)*4 <= multi
}

func detect(b []byte) (string, string, error) {
	switch {
	case bytes.HasPrefix(b, []byte{0xEF, 0xBB, 0xBF}):
		return strings.ToValidUTF8(string(b[3:]), "\uFFFD"), "utf-8", nil
	case bytes.HasPrefix(b, []byte{0xFF, 0xFE}):
		s, err := decodeWith(b[2:], encodings["utf-16le"])
		return s, "utf-16le", err
	case bytes.HasPrefix(b, []byte{0xFE, 0xFF}):
		s, err := decodeWith(b[2:], encodings["utf-16be"])
		return s, "utf-16be", err
	}
	if utf8.Valid(b) {
		if bytes.Contains(b, []byte("\x1b$B")) || bytes.Contains(b, []byte("\x1b$@")) {
			s, err := decodeWith(b, japanese.ISO2022JP)
			return s, "iso-2022-jp", err
		}
		return string(b), "utf-8", nil
	}
	best, bestName, bestScore := "", "", -1<<62
	for _, c := range []struct {
		name string
		enc  encoding.Encoding
	}{{"shift_jis", japanese.ShiftJIS}, {"euc-jp", japanese.EUCJP}} {
		s, err := decodeWith(b, c.enc)
		if err != nil {
			continue
		}
		if sc := plausibility(s); sc > bestScore {
			best, bestName, bestScore = s, c.name, sc
		}
	}
	if bestName == "" {
		return strings.ToValidUTF8(string(b), "\uFFFD"), "utf-8", nil
	}
	return best, bestName, nil
}

func decodeWith(b []byte, enc encoding.Encoding) (string, error) {
	out, _, err := transform.Bytes(enc.NewDecoder(), b)
	if err != nil {
		return "", fmt.Errorf("decode: %w", err)
	}
	return strings.ToValidUTF8(string(out), "\uFFFD"), nil
}

// plausibility scores decoded text: common Japanese characters count for,
// replacement characters, half-width katakana and rare symbols against.
func plausibility(s string) int {
	score := 0
	for _, r := range s {
		switch {
		case r == utf8.RuneError:
			score -= 20
		case r >= 0x3041 && r <= 0x3093: // hiragana
			score += 3
		case r >= 0x30A1 && r <= 0x30F6: // katakana
			score += 2
		case r >= 0x4E00 && r <= 0x9FFF: // kanji
			score++
		case r >= 0xFF61 && r <= 0xFF9F: // half-width katakana: typical of a wrong guess
			score -= 2
		case r < 0x80:
		default:
			score--
		}
	}
	return score
}
