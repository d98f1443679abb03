package source

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/japanese"
	"golang.org/x/text/transform"
)

const sample = "弊社が運営する「キャプテントム」への不正アクセスによる個人情報流出に関するお詫びとお知らせ\n２０１９年５月９日、一部のクレジットカード会社から連絡を受けました。"

func TestDecodeDetects(t *testing.T) {
	for _, c := range []struct {
		name string
		enc  transform.Transformer
	}{
		{"shift_jis", japanese.ShiftJIS.NewEncoder()},
		{"euc-jp", japanese.EUCJP.NewEncoder()},
		{"iso-2022-jp", japanese.ISO2022JP.NewEncoder()},
	} {
		b, _, err := transform.Bytes(c.enc, []byte(sample))
		if err != nil {
			t.Fatal(err)
		}
		got, name, err := Decode(b, "")
		if err != nil || got != sample || name != c.name {
			t.Errorf("%s: detected %s, err %v, text ok=%v", c.name, name, err, got == sample)
		}
	}
	bom := append([]byte{0xEF, 0xBB, 0xBF}, sample...)
	if got, name, _ := Decode(bom, ""); got != sample || name != "utf-8" {
		t.Errorf("BOM: %s %q", name, got[:10])
	}
	sj, _, _ := transform.Bytes(japanese.ShiftJIS.NewEncoder(), []byte(sample))
	if got, _, err := Decode(sj, "cp932"); err != nil || got != sample {
		t.Errorf("forced cp932: %v", err)
	}
	if _, _, err := Decode(sj, "klingon"); err == nil {
		t.Error("unknown encoding accepted")
	}
}

func TestHTMLMainText(t *testing.T) {
	page := `<html><head><meta charset="Shift_JIS"><title>t</title><script>var x="個人情報";</script></head>
<body><div class="global-nav"><a>ホーム</a><a>採用情報</a></div>
<div id="content"><h1>不正アクセスに関するお詫び</h1><p>令和６年２月２０日</p><p>当社サーバーへの<b>不正アクセス</b>が判明しました。</p>
<table><tr><th>漏えい件数</th><td>約１，０００件</td></tr></table></div>
<div class="footer">Copyright 関連リンク</div></body></html>`
	b, _, _ := transform.Bytes(japanese.ShiftJIS.NewEncoder(), []byte(page))
	text, heads, err := HTMLText(b, "", "")
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"不正アクセスに関するお詫び", "当社サーバーへの不正アクセスが判明しました。", "漏えい件数 約１，０００件"} {
		if !strings.Contains(text, want) {
			t.Errorf("missing %q in %q", want, text)
		}
	}
	for _, bad := range []string{"ホーム", "Copyright", "var x"} {
		if strings.Contains(text, bad) {
			t.Errorf("kept boilerplate %q in %q", bad, text)
		}
	}
	if len(heads) != 1 || heads[0] != 0 {
		t.Errorf("headings = %v", heads)
	}
}

func TestReadErrorsNameTheFile(t *testing.T) {
	dir := t.TempDir()
	empty := filepath.Join(dir, "empty.txt")
	os.WriteFile(empty, nil, 0o644)
	bin := filepath.Join(dir, "image.bin")
	os.WriteFile(bin, []byte{0x89, 'P', 'N', 'G', 0, 0, 0, 1}, 0o644)
	for _, p := range []string{empty, bin, filepath.Join(dir, "missing.txt")} {
		_, err := Read(context.Background(), p, nil, Options{})
		if err == nil || !strings.Contains(err.Error(), p) {
			t.Errorf("%s: error %v does not name the file", p, err)
		}
	}
	files, errs := Expand([]string{dir, filepath.Join(dir, "nope")})
	if len(files) != 2 || len(errs) != 1 {
		t.Errorf("Expand: %v %v", files, errs)
	}
}

func TestPDF(t *testing.T) {
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Skip("pdftotext not installed")
	}
	raw, err := os.ReadFile("../testdata/pdf/notice.pdf")
	if err != nil {
		t.Skip("no PDF fixture")
	}
	doc, err := FromBytes(context.Background(), "notice.pdf", raw, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if doc.Format != "pdf" || !strings.Contains(doc.Text, "個人情報") {
		t.Errorf("format %s text %q", doc.Format, doc.Text)
	}
}

func TestJoinPDFLines(t *testing.T) {
	in := "当社のサーバーに対する不正アクセスにより、お客様の個\n人情報が流出した可能性があります。\n・氏名\n・住所"
	got := JoinPDFLines(in)
	if !strings.Contains(got, "お客様の個人情報が") || !strings.Contains(got, "\n・氏名\n・住所") {
		t.Errorf("got %q", got)
	}
	// a letter-spaced heading is joined; spaced words and numbers are not
	for in, want := range map[string]string{
		"給 食 シ ス テ ム に 対 す る 不 正 ア ク セ ス に つ い て": "給食システムに対する不正アクセスについて",
		"  個 人 情 報 の 流 出 に つ い て ( お 詫 び )":       "  個人情報の流出について(お詫び)",
		"令和6年 5月 1日":  "令和6年 5月 1日",
		"A B C D E F": "A B C D E F",
		"氏名 住所 電話番号":  "氏名 住所 電話番号",
	} {
		if got := JoinPDFLines(in); got != want {
			t.Errorf("JoinPDFLines(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzDecode(f *testing.F) {
	f.Add([]byte(sample))
	sj, _, _ := transform.Bytes(japanese.ShiftJIS.NewEncoder(), []byte(sample))
	f.Add(sj)
	f.Add([]byte("\x1b$B$3$s\x1b(B"))
	f.Add([]byte{0xFF, 0xFE, 0x41, 0x00})
	f.Fuzz(func(t *testing.T, b []byte) {
		Decode(b, "")
		HTMLText(b, "", "")
	})
}
