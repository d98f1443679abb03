package main

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"

	"casebook"
)

// load puts a running casebook server under the traffic its users make —
// search pages with words and filters, the JSON API, case pages — from
// many clients at once, and reports errors and latency per kind of
// request (and, given the server's pid, its peak memory).

type loadResult struct {
	URL         string               `json:"url"`
	Requests    int                  `json:"requests"`
	Concurrency int                  `json:"concurrency"`
	Errors      int                  `json:"errors"`
	ErrorKinds  map[string]int       `json:"error_kinds,omitempty"`
	Seconds     float64              `json:"seconds"`
	PerSecond   float64              `json:"per_s"`
	Kinds       map[string]latencies `json:"kinds"`
	ServerRSS   int64                `json:"server_rss_max_bytes,omitempty"`
	Cases       int                  `json:"cases"`
}

// loadWords are what people type into the search box: common and rare
// words, spelling variants, two-word queries.
var loadWords = []string{"個人情報", "漏えい", "漏洩", "不正アクセス", "ランサムウェア", "ランサムウエア", "誤送信", "USBメモリ",
	"紛失", "委託先", "クレジットカード", "メール", "氏名 住所", "サーバー", "フィッシング", "盗難", "改ざん", "改竄", "マイナンバー",
	"書類", "情報", "お詫び", "病院", "市", "学校 成績", "スキミング", "設定ミス", "誤送付", "ID", "パスワード"}

func (a *app) loadCmd() *cobra.Command {
	var requests, concurrency, pid int
	cmd := &cobra.Command{
		Use:   "load URL",
		Short: "put a running casebook server under load (search pages, API, case pages) and report errors and latency",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			base := strings.TrimRight(args[0], "/")
			if u, err := url.Parse(base); err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" {
				return usageErr("load: %q is not a server URL (http://127.0.0.1:8080)", args[0])
			}
			if requests < 1 || concurrency < 1 {
				return usageErr("load: --requests and --concurrency must be at least 1")
			}
			res, err := runLoad(cmd.Context(), base, requests, concurrency, pid)
			if err != nil {
				return &exitCode{1, err}
			}
			if a.json {
				return a.writeJSON(res)
			}
			w := a.stdout
			fmt.Fprintf(w, "%s: %s件のリクエストを同時%d本で%.1f秒 (%.0f件/秒)、エラー %d件\n", res.URL,
				casebook.Comma(int64(res.Requests)), res.Concurrency, res.Seconds, res.PerSecond, res.Errors)
			for kind, e := range res.ErrorKinds {
				fmt.Fprintf(w, "  エラー %s: %d件\n", kind, e)
			}
			for _, k := range []string{"search_page", "api_cases", "case_page", "api_case"} {
				if l, ok := res.Kinds[k]; ok {
					fmt.Fprintf(w, "  %-12s %5d件  p50 %6.1f ms  p95 %6.1f ms  p99 %6.1f ms\n", k, l.N, l.P50, l.P95, l.P99)
				}
			}
			if res.ServerRSS > 0 {
				fmt.Fprintf(w, "  サーバーの最大メモリ: %d MB\n", res.ServerRSS>>20)
			}
			return nil
		},
	}
	cmd.Flags().IntVar(&requests, "requests", 10000, "requests to make in all")
	cmd.Flags().IntVar(&concurrency, "concurrency", 50, "clients at once")
	cmd.Flags().IntVar(&pid, "pid", 0, "the server's process id, to report its peak memory (Linux)")
	return cmd
}

func runLoad(ctx context.Context, base string, requests, concurrency, pid int) (*loadResult, error) {
	client := &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: concurrency, MaxConnsPerHost: concurrency}}
	// case ids to open, from the API
	var ids []string
	total := 0
	for offset := 0; offset < 2000; offset += 200 {
		var page struct {
			Total int `json:"total"`
			Cases []struct {
				ID string `json:"id"`
			} `json:"cases"`
		}
		resp, err := client.Get(base + "/api/cases?limit=200&offset=" + strconv.Itoa(offset))
		if err != nil {
			return nil, fmt.Errorf("load: %w", err)
		}
		err = json.NewDecoder(resp.Body).Decode(&page)
		resp.Body.Close()
		if err != nil || resp.StatusCode != http.StatusOK {
			return nil, fmt.Errorf("load: %s/api/cases: HTTP %d %v", base, resp.StatusCode, err)
		}
		total = page.Total
		for _, c := range page.Cases {
			ids = append(ids, c.ID)
		}
		if len(page.Cases) < 200 {
			break
		}
	}
	if len(ids) == 0 {
		return nil, fmt.Errorf("load: the casebook at %s is empty", base)
	}
	var causes []string
	for _, t := range casebook.Causes {
		causes = append(causes, t.Code)
	}
	type sample struct {
		kind string
		took time.Duration
		err  string
	}
	jobs := make(chan int)
	out := make(chan sample, concurrency)
	var wg sync.WaitGroup
	for w := 0; w < concurrency; w++ {
		wg.Add(1)
		go func(seed uint64) {
			defer wg.Done()
			r := rand.New(rand.NewPCG(seed, 7))
			for i := range jobs {
				var kind, u string
				q := url.Values{}
				if r.IntN(3) > 0 {
					q.Set("q", loadWords[r.IntN(len(loadWords))])
				}
				if r.IntN(3) == 0 {
					q.Add("cause", causes[r.IntN(len(causes))])
				}
				if r.IntN(5) == 0 {
					q.Set("year", strconv.Itoa(2019+r.IntN(7)))
				}
				if r.IntN(4) == 0 {
					q.Set("sort", []string{"affected", "relevance"}[r.IntN(2)])
				}
				if r.IntN(6) == 0 {
					q.Set("page", strconv.Itoa(2+r.IntN(5)))
				}
				switch i % 4 {
				case 0:
					kind, u = "search_page", base+"/?"+q.Encode()
				case 1:
					kind, u = "api_cases", base+"/api/cases?"+q.Encode()
				case 2:
					kind, u = "case_page", base+"/cases/"+ids[r.IntN(len(ids))]
				default:
					kind, u = "api_case", base+"/api/cases/"+ids[r.IntN(len(ids))]
				}
				t0 := time.Now()
				s := sample{kind: kind}
				req, _ := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
				req.Header.Set("Accept-Encoding", "gzip")
				resp, err := client.Do(req)
				if err != nil {
					s.err = "network"
				} else {
					if _, err := io.Copy(io.Discard, resp.Body); err != nil {
						s.err = "body"
					}
					resp.Body.Close()
					if resp.StatusCode != http.StatusOK {
						s.err = "HTTP " + strconv.Itoa(resp.StatusCode)
					}
				}
				s.took = time.Since(t0)
				out <- s
			}
		}(uint64(w + 1))
	}
	go func() {
		for i := 0; i < requests && ctx.Err() == nil; i++ {
			jobs <- i
		}
		close(jobs)
		wg.Wait()
		close(out)
	}()
	res := &loadResult{URL: base, Requests: requests, Concurrency: concurrency, Kinds: map[string]latencies{}, ErrorKinds: map[string]int{}, Cases: total}
	lat := map[string][]time.Duration{}
	start := time.Now()
	var peak int64
	tick := time.NewTicker(200 * time.Millisecond)
	defer tick.Stop()
	for done := false; !done; {
		select {
		case s, ok := <-out:
			if !ok {
				done = true
				break
			}
			lat[s.kind] = append(lat[s.kind], s.took)
			if s.err != "" {
				res.Errors++
				res.ErrorKinds[s.kind+" "+s.err]++
			}
		case <-tick.C:
			if pid > 0 {
				peak = max(peak, processRSS(pid))
			}
		}
	}
	res.Seconds = time.Since(start).Seconds()
	res.PerSecond = float64(requests) / res.Seconds
	for k, l := range lat {
		res.Kinds[k] = percentiles(l)
	}
	if pid > 0 {
		res.ServerRSS = max(peak, processHWM(pid))
	}
	return res, ctx.Err()
}

// processRSS and processHWM read a process's resident and peak resident
// memory from /proc (0 where there is none).
func processRSS(pid int) int64 { return procStatus(pid, "VmRSS:") }
func processHWM(pid int) int64 { return procStatus(pid, "VmHWM:") }

func procStatus(pid int, field string) int64 {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if v, ok := strings.CutPrefix(line, field); ok {
			kb, _ := strconv.ParseInt(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}
