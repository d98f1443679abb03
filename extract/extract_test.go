package extract_test

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"casebook"
	"casebook/evaluate"
	"casebook/extract"
	"casebook/internal/benchcorpus"
	"casebook/internal/goldset"
	"casebook/internal/shareddata"
	"casebook/source"
)

// scoreDir extracts every notice in dir and scores it against gold.
func scoreDir(t testing.TB, dir, goldPath string) *evaluate.Report {
	f, err := os.Open(goldPath)
	if err != nil {
		t.Skipf("no gold: %v", err)
	}
	defer f.Close()
	gold, err := evaluate.ReadGold(f)
	if err != nil {
		t.Fatal(err)
	}
	files, errs := source.Expand([]string{dir})
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	var pred []casebook.Record
	for _, p := range files {
		if strings.HasSuffix(p, ".jsonl") {
			continue
		}
		doc, err := source.Read(context.Background(), p, nil, source.Options{})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range mustExtract(t, doc.Text, extract.Options{Headings: doc.Headings, PageTitle: doc.PageTitle}) {
			r.File = doc.Name
			pred = append(pred, r)
		}
	}
	return evaluate.Score(pred, gold)
}

// mustExtract extracts a text; an error (a panic inside) fails the test.
func mustExtract(t testing.TB, text string, o extract.Options) []casebook.Record {
	t.Helper()
	recs, err := extract.Extract(text, o)
	if err != nil {
		t.Fatal(err)
	}
	return recs
}

func checkReport(t *testing.T, rep *evaluate.Report, fieldF1, segF1, mainCause float64) {
	t.Helper()
	var b strings.Builder
	rep.Write(&b, true)
	t.Log("\n" + b.String())
	if f := rep.Overall.F1(); f < fieldF1 {
		t.Errorf("overall field F1 %.3f < %.2f", f, fieldF1)
	}
	if f := rep.Segmentation.F1(); f < segF1 {
		t.Errorf("segmentation F1 %.3f < %.2f", f, segF1)
	}
	if rep.MainCause.Total > 0 {
		if a := float64(rep.MainCause.Right) / float64(rep.MainCause.Total); a < mainCause {
			t.Errorf("main-cause accuracy %.3f < %.2f", a, mainCause)
		}
	}
}

// TestDevGold: the real notices of ../shared/data/dev.
func TestDevGold(t *testing.T) {
	checkReport(t, scoreDir(t, shareddata.Path(t, "data/dev/texts"), shareddata.Path(t, "data/dev/gold.jsonl")), 0.95, 0.97, 0.90)
}

// The figure that counts: cross-validated by group over dev and train
// (each group scored by a model trained on the others), for notices
// casebook has not seen. The thresholds are the figures reached; they
// only go up (a ratchet). The aim: pooled field F1 0.85, worst
// group 0.75, segmentation 0.93, main cause 0.85.
var crossValidatedFloor = struct{ pooled, worst, segmentation, mainCause float64 }{0.85, 0.75, 0.97, 0.875}

// TestCrossValidated cross-validates by group over ../shared/data/dev and
// ../shared/data/train, as casebook eval --cv does.
func TestCrossValidated(t *testing.T) {
	docs := sharedSets(t)
	g := crossValidate(t, docs, extract.TrainOptions{})
	var b strings.Builder
	g.Write(&b, false)
	t.Log("\n" + b.String())
	f := crossValidatedFloor
	if v := g.Pooled.Overall.F1(); v < f.pooled {
		t.Errorf("pooled field F1 %.3f < %.2f", v, f.pooled)
	}
	if name, r := g.Worst(); r.Overall.F1() < f.worst {
		t.Errorf("worst group %s: field F1 %.3f < %.2f", name, r.Overall.F1(), f.worst)
	}
	if v := g.Pooled.Segmentation.F1(); v < f.segmentation {
		t.Errorf("segmentation F1 %.3f < %.2f", v, f.segmentation)
	}
	if mc := g.Pooled.MainCause; float64(mc.Right) < f.mainCause*float64(mc.Total) {
		t.Errorf("main-cause accuracy %d/%d < %.2f", mc.Right, mc.Total, f.mainCause)
	}
	// calibration: of the values given 0.9 or more, 90 % are right
	if c := g.Pooled.Calibration[len(evaluate.Bands)-1]; c.Total < 100 || float64(c.Right) < 0.9*float64(c.Total) {
		t.Errorf("confidence ≥ 0.9: %d of %d right", c.Right, c.Total)
	}
}

// sharedSets loads the labelled sets of ../shared/data.
func sharedSets(t testing.TB) []extract.Labelled {
	t.Helper()
	var docs []extract.Labelled
	for _, set := range []string{"dev", "train"} {
		ds, err := goldset.Load(context.Background(), shareddata.Path(t, "data/"+set+"/gold.jsonl"), shareddata.Path(t, "data/"+set+"/texts"), set)
		if err != nil {
			t.Fatal(err)
		}
		docs = append(docs, ds...)
	}
	return docs
}

func crossValidate(t testing.TB, docs []extract.Labelled, o extract.TrainOptions) *evaluate.Grouped {
	t.Helper()
	exs := make([]extract.Examples, len(docs))
	for i, l := range docs {
		var err error
		if exs[i], err = extract.Teach(l); err != nil {
			t.Error(err)
		}
	}
	preds, err := extract.CrossValidate(docs, exs, o)
	if err != nil {
		t.Error(err)
	}
	group := map[string]string{}
	var pred []casebook.Record
	for i, l := range docs {
		group[l.Name] = l.Group
		pred = append(pred, preds[i]...)
	}
	return evaluate.ScoreGroups(pred, goldset.Gold(docs), func(f string) string { return group[f] })
}

// The bundled weights are what casebook train makes of the shared sets:
// retrained here, every weight matches.
func TestBundledModelIsReproducible(t *testing.T) {
	docs := sharedSets(t)
	got, err := extract.Learn(docs, "")
	if err != nil {
		t.Fatal(err)
	}
	want := extract.Bundled()
	for _, dec := range extract.Decisions {
		g, w := got.Decisions[dec], want.Decisions[dec]
		if (g == nil) != (w == nil) {
			t.Errorf("%s: retrained %v, bundled %v", dec, g != nil, w != nil)
			continue
		}
		if g == nil {
			continue
		}
		if len(g.Weights) != len(w.Weights) {
			t.Errorf("%s: %d weights retrained, %d bundled", dec, len(g.Weights), len(w.Weights))
		}
		for name, x := range w.Weights {
			if y := g.Weights[name]; math.Abs(x-y) > 1e-6*max(1, math.Abs(x)) {
				t.Errorf("%s: %s bundled %v, retrained %v (run: casebook train -o extract/model.json)", dec, name, x, y)
				break
			}
		}
	}
}

// TestOwnNotices runs our own notices: other layouts, causes and sites.
func TestOwnNotices(t *testing.T) {
	checkReport(t, scoreDir(t, "../samples/notices", "../testdata/gold.jsonl"), 0.95, 0.98, 0.90)
}

// TestHeldOutNotices runs notices we wrote to check generality: each
// batch is scored once before any rule is changed for it, then kept here
// so its lessons stay learned.
func TestHeldOutNotices(t *testing.T) {
	t.Run("batch1", func(t *testing.T) { // first pass 0.91
		checkReport(t, scoreDir(t, "../testdata/heldout", "../testdata/heldout.jsonl"), 0.95, 0.97, 0.90)
	})
	t.Run("batch2", func(t *testing.T) { // first pass 0.87
		checkReport(t, scoreDir(t, "../testdata/heldout2", "../testdata/heldout2.jsonl"), 0.95, 0.97, 0.90)
	})
	t.Run("batch3", func(t *testing.T) { // HTML pages, a news list, FAQ, kanji numerals; first pass 0.83
		checkReport(t, scoreDir(t, "../testdata/heldout3", "../testdata/heldout3.jsonl"), 0.95, 0.97, 0.90)
	})
	t.Run("batch4", func(t *testing.T) { // a clinic, a city page, PDF-wrapped lines, a seminar, a follow-up; first pass 0.89
		checkReport(t, scoreDir(t, "../testdata/heldout4", "../testdata/heldout4.jsonl"), 0.95, 0.97, 0.80)
	})
	t.Run("batch5", func(t *testing.T) { // a Q&A page, a school board, a hotel, a ■ digest, an NPO form, a bank, a product page; first pass 0.90 (segmentation 0 before 誤廃棄/置き忘れ were incident words)
		checkReport(t, scoreDir(t, "../testdata/heldout5", "../testdata/heldout5.jsonl"), 0.93, 0.97, 0.80)
	})
}

func TestSpansTileTheText(t *testing.T) {
	files, _ := filepath.Glob("../samples/notices/*")
	for _, p := range files {
		doc, err := source.Read(context.Background(), p, nil, source.Options{})
		if err != nil {
			t.Fatal(err)
		}
		text := doc.Text
		recs := mustExtract(t, text, extract.Options{Headings: doc.Headings})
		pos := 0
		for _, r := range recs {
			if r.Span.Start != pos {
				t.Errorf("%s: span starts at %d, want %d", p, r.Span.Start, pos)
			}
			pos = r.Span.End
			for field, ev := range r.Evidence {
				if ev.Start < r.Span.Start || ev.End > r.Span.End || ev.Start >= ev.End {
					t.Errorf("%s: evidence %s %v outside span %v", p, field, ev, r.Span)
				}
			}
		}
		if n := len([]rune(text)); pos != n {
			t.Errorf("%s: spans end at %d of %d", p, pos, n)
		}
	}
}

func TestFieldsTable(t *testing.T) {
	tests := []struct {
		name  string
		text  string
		check func(r casebook.Record) string
	}{
		{"misdelivery main cause", "メール誤送信に関するお詫び\n\n2024年4月1日、担当者がメールアドレスをBCC欄に入力すべきところ、誤ってTO欄に入力して送信しました。受信者間でメールアドレスが表示される状態となりました。",
			func(r casebook.Record) string { return first(r.Causes) }},
		{"lost USB", "USBメモリの紛失について\n\n令和6年3月5日、職員が顧客1,200名分の氏名と住所を記録したUSBメモリを紛失しました。",
			func(r casebook.Record) string { return first(r.Causes) + " " + count(r) }},
		{"exactly 1,000 people", "不正アクセスによる個人情報流出に関するお知らせ\n\n当社サーバーへの不正アクセスにより、お客様1,000名の氏名が流出したことが判明しました。",
			func(r casebook.Record) string { return count(r) + " " + boolStr(r.Affected.Confirmed) }},
		{"possible leak", "不正アクセスに関するお知らせ\n\n約2万人分のメールアドレスが漏えいした可能性があります。",
			func(r casebook.Record) string {
				return count(r) + " " + boolStr(r.Affected.Approximate) + " " + boolStr(r.Affected.Confirmed)
			}},
		{"theft", "パソコン盗難による個人情報漏えいのおそれについて\n\n2025年1月10日、社員の車上荒らしにより、顧客情報が保存されたノートパソコンが盗まれました。",
			func(r casebook.Record) string { return first(r.Causes) }},
		{"negated items", "不正アクセスに関するお知らせ\n\n漏えいした可能性のある情報は氏名とメールアドレスです。クレジットカード情報およびパスワードは含まれておりません。",
			func(r casebook.Record) string { return strings.Join(r.DataItems, ",") }},
	}
	want := []string{"misdelivery", "loss 1200", "1000 true", "20000 true false", "theft", "name,email"}
	for i, tt := range tests {
		recs := mustExtract(t, tt.text, extract.Options{})
		if len(recs) != 1 {
			t.Errorf("%s: %d records", tt.name, len(recs))
			continue
		}
		if got := tt.check(recs[0]); got != want[i] {
			t.Errorf("%s: got %q, want %q", tt.name, got, want[i])
		}
	}
}

func first(xs []string) string {
	if len(xs) == 0 {
		return ""
	}
	return xs[0]
}

func count(r casebook.Record) string {
	if r.Affected == nil || r.Affected.Count == nil {
		return "null"
	}
	return strings.TrimSpace(strings.Repeat(" ", 0) + itoa(*r.Affected.Count))
}

func itoa(n int64) string {
	if n == 0 {
		return "0"
	}
	s := ""
	for n > 0 {
		s = string(rune('0'+n%10)) + s
		n /= 10
	}
	return s
}

func boolStr(b bool) string {
	if b {
		return "true"
	}
	return "false"
}

// The notice that crashed the extractor (a pattern that may cross a 。
// ended past its sentence) reads without error.
func TestCloudUploadNotice(t *testing.T) {
	b, err := os.ReadFile("../testdata/crash/cloud-upload.txt")
	if err != nil {
		t.Fatal(err)
	}
	recs, err := extract.Extract(string(b), extract.Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 1 || !recs[0].IsIncident() {
		t.Fatalf("records %+v", recs)
	}
}

// FuzzExtract: nothing a text holds may panic extraction, and spans
// tile the text. Seeds: short texts, our notices and (when ../shared is
// there) the train notices. Run it with
//
//	go test ./extract -run '^$' -fuzz FuzzExtract -fuzzminimizetime 5s -fuzztime 10m
func FuzzExtract(f *testing.F) {
	files, _ := filepath.Glob("../samples/notices/*.txt")
	if root, err := shareddata.Root(); err == nil {
		more, _ := filepath.Glob(filepath.Join(filepath.Dir(root), "shared", "data", "train", "texts", "*.txt"))
		files = append(files, more...)
	}
	for _, p := range files {
		b, _ := os.ReadFile(p)
		f.Add(string(b))
	}
	f.Add("お詫び\n株式会社A\n2024年1月1日、不正アクセスを確認しました。1,000名の氏名が流出しました。")
	f.Add("■A市、USBメモリを紛失\n\n■B社、誤送信\n")
	f.Add("【事件簿#1】株式会社A 不正アクセスに関するお詫び 2024/1/1\n\n【事件簿#2】B 2024/1/2\n\nテキスト")
	f.Fuzz(func(t *testing.T, s string) {
		recs := mustExtract(t, s, extract.Options{Headings: []int{0, 5, 1 << 20}})
		n := len([]rune(strings.ToValidUTF8(s, "\uFFFD")))
		pos := 0
		for _, r := range recs {
			if r.Span.Start != pos || r.Span.End < r.Span.Start {
				t.Fatalf("spans do not tile: %+v", r.Span)
			}
			pos = r.Span.End
		}
		if len(recs) > 0 && pos != n {
			t.Fatalf("spans end at %d of %d", pos, n)
		}
	})
}

// BenchmarkPipeline measures normalization, segmentation and extraction
// over the dev texts and our notices; MB/s is per core (one goroutine).
func BenchmarkPipeline(b *testing.B) {
	var texts []string
	for _, pat := range []string{shareddata.Path(b, "data/dev/texts") + "/*.txt", shareddata.Path(b, "data/train/texts") + "/*.txt", "../samples/notices/*.txt"} {
		files, _ := filepath.Glob(pat)
		for _, p := range files {
			raw, _ := os.ReadFile(p)
			texts = append(texts, string(raw))
		}
	}
	total := 0
	for _, t := range texts {
		total += len(t)
	}
	b.SetBytes(int64(total))
	b.ReportAllocs()
	for b.Loop() {
		for _, t := range texts {
			mustExtract(b, t, extract.Options{})
		}
	}
}

// BenchmarkNoticesPerSecond: notices extracted per second on one core,
// over the generated notices casebook bench ingests.
func BenchmarkNoticesPerSecond(b *testing.B) {
	c := benchcorpus.New(1)
	texts := make([]string, 2000)
	size := 0
	for i := range texts {
		texts[i], _ = c.Notice(i)
		size += len(texts[i])
	}
	b.SetBytes(int64(size))
	b.ResetTimer()
	for b.Loop() {
		for _, t := range texts {
			mustExtract(b, t, extract.Options{})
		}
	}
	b.ReportMetric(float64(b.N*len(texts))/b.Elapsed().Seconds(), "notices/s")
}
