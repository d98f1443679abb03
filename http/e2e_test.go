package http_test

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// browser starts Debian's headless Chromium. Without one the test is
// skipped, except in CI, where .ci/run installs it and its absence fails.
func browser(t *testing.T) context.Context {
	t.Helper()
	path := ""
	for _, p := range []string{"chromium", "chromium-browser", "google-chrome"} {
		if x, err := exec.LookPath(p); err == nil {
			path = x
			break
		}
	}
	if path == "" {
		if os.Getenv("CI") != "" {
			t.Fatal("chromium is required in CI")
		}
		t.Skip("no chromium")
	}
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path), chromedp.NoSandbox, chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-background-networking", true), chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true), chromedp.Flag("no-first-run", true), chromedp.Flag("disable-quic", true),
		chromedp.UserDataDir(t.TempDir()), chromedp.WindowSize(1280, 1400))
	actx, cancel := chromedp.NewExecAllocator(context.Background(), opts...)
	t.Cleanup(cancel)
	ctx, cancel2 := chromedp.NewContext(actx)
	t.Cleanup(cancel2)
	ctx, cancel3 := context.WithTimeout(ctx, 90*time.Second)
	t.Cleanup(cancel3)
	return ctx
}

// shot saves a full-page screenshot as a test artifact.
func shot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Errorf("screenshot %s: %v", name, err)
		return
	}
	dir := filepath.Join("..", "testdata", "artifacts")
	os.MkdirAll(dir, 0o755)
	if err := os.WriteFile(filepath.Join(dir, name+".png"), png, 0o644); err != nil {
		t.Error(err)
	}
}

func TestBrowser(t *testing.T) {
	ctx := browser(t)
	ts, _ := newServer(t, "e2e-token")
	run := func(steps ...chromedp.Action[chromedp.Void]) {
		t.Helper()
		if err := chromedp.Do(ctx, steps...); err != nil {
			t.Fatal(err)
		}
	}
	text := func(sel string) string {
		t.Helper()
		s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
		if err != nil {
			t.Fatalf("text %s: %v", sel, err)
		}
		return s
	}
	count := func(js string) int {
		t.Helper()
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](js))
		if err != nil {
			t.Fatalf("%s: %v", js, err)
		}
		return n
	}

	// 検索: a Japanese word, then a facet
	run(chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.CSS(`input[name=q]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name=q]`), "個人情報"), chromedp.Submit(chromedp.CSS(`form.search`)),
		chromedp.WaitVisible(chromedp.CSS(`a.clear`)), chromedp.WaitVisible(chromedp.CSS(`ol.cases li.case`)))
	if total := text(".total"); !strings.Contains(total, "件") {
		t.Errorf("total %q", total)
	}
	run(chromedp.Click(chromedp.CSS(`a.facet[data-facet=cause]`)), chromedp.WaitVisible(chromedp.CSS(`a.facet.active`)))
	loc, _ := chromedp.Run(ctx, chromedp.Location())
	if !strings.Contains(loc, "cause=") || !strings.Contains(loc, "q=") {
		t.Errorf("URL does not hold the query: %s", loc)
	}
	shot(t, ctx, "search")

	// 事例: highlighted evidence and the judgement
	run(chromedp.Navigate(ts.URL+"/?q="+"USB"), chromedp.WaitVisible(chromedp.CSS(`li.case a.title`)),
		chromedp.Click(chromedp.CSS(`li.case a.title`)), chromedp.WaitVisible(chromedp.CSS(`section.judgement`)))
	if n := count(`document.querySelectorAll('.doc mark').length`); n < 3 {
		t.Errorf("%d highlighted evidence marks", n)
	}
	if j := text("section.judgement"); !strings.Contains(j, "報告対象事態") || !strings.Contains(j, "想定損害賠償額") {
		t.Errorf("judgement %q", j)
	}
	shot(t, ctx, "case")

	// 行政上の対応: the rules applied, the regulator's own findings first
	run(chromedp.Navigate(ts.URL+"/?q="+"あさひ通販"), chromedp.WaitVisible(chromedp.CSS(`li.case a.title`)),
		chromedp.Click(chromedp.CSS(`li.case a.title`)), chromedp.WaitVisible(chromedp.CSS(`#findings`)))
	if l := text("#law"); !strings.Contains(l, "2022年4月1日") {
		t.Errorf("law %q", l)
	}
	if f := text("#findings"); !strings.Contains(f, "個人情報保護委員会の指摘と措置") || !strings.Contains(f, "勧告") {
		t.Errorf("findings %q", f)
	}
	if first := text("ul.safeguards li:first-child"); !strings.Contains(first, "当局の指摘") {
		t.Errorf("first safeguard %q", first)
	}

	// groups of people: the breakdown and the JNSA estimate per group
	run(chromedp.Navigate(ts.URL+"/?q="+"はなさき"), chromedp.WaitVisible(chromedp.CSS(`li.case a.title`)),
		chromedp.Click(chromedp.CSS(`li.case a.title`)), chromedp.WaitVisible(chromedp.CSS(`ul.groups`)))
	if g := text("ul.groups"); !strings.Contains(g, "カード情報等 2,377人") {
		t.Errorf("groups %q", g)
	}
	if n := count(`document.querySelectorAll('table.jnsa-groups tr:not(.assumption)').length`); n != 3 {
		t.Errorf("%d rows in the JNSA groups table", n)
	}
	// each row's formula multiplies out to the figure it shows, the rows
	// add up to the total, and the card holders counted once is said
	if bad := count(`(() => { let bad = 0, sum = 0;
		const yen = s => Number(s.replace(/[円,]/g, ''));
		for (const tr of document.querySelectorAll('table.jnsa-groups tr:not(.assumption)')) {
			const td = tr.querySelectorAll('td'); if (td.length < 4) continue;
			const m = td[3].textContent.match(/([\d,]+円) × ([\d,]+)人 = ([\d,]+円)/);
			if (!m || yen(m[1]) * yen(m[2]) !== yen(m[3])) { bad++; continue; }
			if (!td[1].textContent.endsWith(m[1])) bad++;
			sum += yen(m[3]);
		}
		const total = document.querySelector('.jnsa strong').textContent;
		return bad + (yen(total) === sum ? 0 : 100); })()`); bad != 0 {
		t.Errorf("JNSA rows do not multiply out (%d)", bad)
	}
	if a := text("table.jnsa-groups tr.assumption"); !strings.Contains(a, "含まれると仮定") {
		t.Errorf("assumption %q", a)
	}

	// ダッシュボード: charts drawn
	run(chromedp.Navigate(ts.URL+"/dashboard"), chromedp.WaitVisible(chromedp.CSS(`svg[data-chart=monthly]`)))
	for _, c := range []string{"monthly", "affected", "days"} {
		if n := count(`document.querySelectorAll('svg[data-chart=` + c + `] rect').length`); n == 0 {
			t.Errorf("chart %s has no bars", c)
		}
	}
	if w := count(`Math.round(document.querySelector('svg[data-chart=monthly]').getBoundingClientRect().width)`); w < 300 {
		t.Errorf("monthly chart %dpx wide", w)
	}
	shot(t, ctx, "dashboard")

	// セルフチェック: answer, submit, see ranked gaps
	run(chromedp.Navigate(ts.URL+"/checklist"), chromedp.WaitVisible(chromedp.CSS(`#assess`)),
		chromedp.Click(chromedp.CSS(`input[name="10-5(3)#0"][value=no]`)),
		chromedp.Click(chromedp.CSS(`input[name="10-6(3)#0"][value=no]`)),
		chromedp.Click(chromedp.CSS(`input[name="10-4#0"][value=yes]`)))
	shot(t, ctx, "checklist")
	run(chromedp.Click(chromedp.CSS(`#assess`)), chromedp.WaitVisible(chromedp.CSS(`ol.gaps`)))
	if n := count(`document.querySelectorAll('ol.gaps li.gap').length`); n != 2 {
		t.Errorf("%d gaps", n)
	}
	if s := text(".score"); !strings.Contains(s, "33%") {
		t.Errorf("score %q", s)
	}
	// the cases behind a gap are a list, five shown and the rest folded
	if n := count(`Math.max(...Array.from(document.querySelectorAll('li.gap')).map(g => g.querySelectorAll(':scope .gap-cases > ul.case-links > li').length))`); n == 0 || n > 5 {
		t.Errorf("%d cases listed openly under a gap", n)
	}
	shot(t, ctx, "assessment")

	// 取り込み: log in with the token, paste, preview, store, find it
	notice := "個人情報を含む書類の紛失に関するお詫び\n\n株式会社ブラウザ試験 2025年4月1日、営業担当者がお客様35名分の氏名と住所を記載した書類を紛失しました。"
	run(chromedp.Navigate(ts.URL+"/ingest"), chromedp.WaitVisible(chromedp.CSS(`input[name=token]`)),
		chromedp.SendKeys(chromedp.CSS(`input[name=token]`), "e2e-token"), chromedp.Submit(chromedp.CSS(`form.login`)),
		chromedp.WaitVisible(chromedp.CSS(`#text`)), chromedp.SetValue(chromedp.CSS(`#text`), notice),
		chromedp.Click(chromedp.CSS(`#preview`)), chromedp.WaitVisible(chromedp.CSS(`.preview`)))
	if p := text(".preview"); !strings.Contains(p, "株式会社ブラウザ試験") || !strings.Contains(p, "紛失") {
		t.Errorf("preview %q", p)
	}
	shot(t, ctx, "ingest-preview")
	run(chromedp.Click(chromedp.CSS(`#store`)), chromedp.WaitVisible(chromedp.CSS(`.ok`)))
	run(chromedp.Navigate(ts.URL+"/?q="+"ブラウザ試験"), chromedp.WaitVisible(chromedp.CSS(`li.case a.title`)))
	if s := text("ol.cases"); !strings.Contains(s, "株式会社ブラウザ試験") {
		t.Errorf("stored notice not found: %q", s)
	}
	shot(t, ctx, "ingest-found")
}
