package source

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestPublicAddress(t *testing.T) {
	for _, c := range []struct {
		ip     string
		public bool
	}{
		{"127.0.0.1", false}, {"127.8.9.10", false}, {"::1", false}, {"10.1.2.3", false}, {"172.16.0.1", false},
		{"192.168.1.1", false}, {"169.254.169.254", false}, {"fe80::1", false}, {"fc00::1", false}, {"fd12::1", false},
		{"0.0.0.0", false}, {"::", false}, {"224.0.0.1", false}, {"ff02::1", false}, {"100.64.0.1", false},
		{"255.255.255.255", false}, {"::ffff:127.0.0.1", false}, {"::ffff:10.0.0.1", false}, {"0.1.2.3", false},
		{"64:ff9b::7f00:1", false}, {"64:ff9b::a00:1", false}, {"2002:7f00:1::", false}, {"::127.0.0.1", false},
		{"198.18.0.1", false}, {"198.19.255.1", false}, {"240.0.0.1", false}, {"fec0::1", false}, {"2001:0:4136:e378::1", false},
		{"8.8.8.8", true}, {"203.0.113.5", true}, {"2001:4860:4860::8888", true}, {"100.128.0.1", true},
	} {
		if got := PublicAddress(netip.MustParseAddr(c.ip)); got != c.public {
			t.Errorf("%s: public %v, want %v", c.ip, got, c.public)
		}
	}
}

func TestGuardedClientRefusesPrivateAddresses(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("secret metadata"))
	}))
	defer srv.Close()
	ctx := context.Background()
	// by address, by a name that resolves to loopback, and through a redirect
	_, port, _ := net.SplitHostPort(srv.Listener.Addr().String())
	for _, u := range []string{srv.URL + "/latest/meta-data/", "http://localhost:" + port + "/"} {
		_, err := Read(ctx, u, nil, Options{Client: GuardedClient(5 * time.Second)})
		if !errors.Is(err, ErrPrivateAddress) {
			t.Errorf("%s: %v, want the private-address refusal", u, err)
		}
	}
	if err := guardedDial(ctx, "[::1]:"+port); !errors.Is(err, ErrPrivateAddress) {
		t.Errorf("::1: %v", err)
	}
	// the unguarded client (the CLI reading a URL its own user typed) still works
	if d, err := Read(ctx, srv.URL+"/", nil, Options{}); err != nil || d.Text == "" {
		t.Errorf("unguarded: %v", err)
	}
}

// Fetch errors say what went wrong without this machine's own addresses
// (its resolver's), and a broken PDF's complaint comes once.
func TestFetchAndPDFErrorsAreShort(t *testing.T) {
	ctx := context.Background()
	_, err := Read(ctx, "http://no-such-host.invalid/notice", nil, Options{Client: GuardedClient(5 * time.Second)})
	if err == nil || !strings.Contains(err.Error(), "no-such-host.invalid was not found") || strings.Contains(err.Error(), ":53") {
		t.Errorf("DNS: %v", err)
	}
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {}))
	defer ts.Close()
	_, err = Read(ctx, ts.URL, nil, Options{Client: GuardedClient(5 * time.Second)})
	if !errors.Is(err, ErrPrivateAddress) || strings.Count(err.Error(), "127.0.0.1") > 1 {
		t.Errorf("private: %v", err)
	}
	if _, lerr := exec.LookPath("pdftotext"); lerr != nil {
		t.Skip("pdftotext not installed")
	}
	_, err = PDFText(ctx, []byte("%PDF-1.4\nnot a pdf at all\n%%EOF\n"))
	if err == nil || !strings.Contains(err.Error(), "not a readable PDF") {
		t.Fatalf("broken PDF: %v", err)
	}
	for _, part := range strings.Split(err.Error(), "; ") {
		if strings.Count(err.Error(), part) > 1 {
			t.Errorf("repeated: %v", err)
		}
	}
}

// A binary file without NUL bytes (random bytes 1–255) is no text notice,
// named as such; texts with a few odd bytes still read.
func TestBinaryWithoutNULIsRefused(t *testing.T) {
	ctx := context.Background()
	b := make([]byte, 0, 4096)
	for i := 0; len(b) < 4096; i++ {
		b = append(b, byte(1+i*37%255))
	}
	if _, err := FromBytes(ctx, "data.bin", b, Options{}); err == nil || !strings.Contains(err.Error(), "not a text notice") || !strings.Contains(err.Error(), "data.bin") {
		t.Errorf("random bytes: %v", err)
	}
	ok := []byte("不正アクセスに関するお詫び\n\n\x0c2024年1月1日、当社サーバーへの不正アクセスを確認しました。ｶﾀｶﾅも少し。\n")
	if _, err := FromBytes(ctx, "ok.txt", ok, Options{}); err != nil {
		t.Errorf("a text: %v", err)
	}
}

// Links in a walked folder: a link to a notice is read (once, however
// many lead to it); a loop, a broken link and a link to a folder are
// named as errors.
func TestFolderLinks(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "a.txt"), []byte("notice"), 0o644)
	other := t.TempDir()
	os.WriteFile(filepath.Join(other, "b.txt"), []byte("notice"), 0o644)
	os.Symlink(filepath.Join(other, "b.txt"), filepath.Join(dir, "b-link.txt"))
	os.Symlink(filepath.Join(other, "b.txt"), filepath.Join(dir, "b-again.txt"))
	os.Symlink(filepath.Join(dir, "a.txt"), filepath.Join(dir, "z-a-link.txt"))
	os.Symlink(filepath.Join(dir, "gone.txt"), filepath.Join(dir, "dangling.txt"))
	os.Symlink(filepath.Join(dir, "loop1"), filepath.Join(dir, "loop2"))
	os.Symlink(filepath.Join(dir, "loop2"), filepath.Join(dir, "loop1"))
	os.Symlink(other, filepath.Join(dir, "folder-link"))
	files, errs := Expand([]string{dir})
	var names []string
	for _, f := range files {
		names = append(names, filepath.Base(f))
	}
	if strings.Join(names, " ") != "a.txt b-again.txt" {
		t.Errorf("files %v", names)
	}
	msgs := fmt.Sprint(errs)
	for _, want := range []string{"dangling.txt: broken symbolic link", "loop1: symbolic link loop", "loop2: symbolic link loop", "folder-link: a symbolic link to a folder"} {
		if !strings.Contains(msgs, want) {
			t.Errorf("errors %s: no %q", msgs, want)
		}
	}
}

// A text beyond what a notice holds is refused, named, before it is
// decoded; one just under the limit is read.
func TestOversizedTextIsRefused(t *testing.T) {
	ctx := context.Background()
	line := []byte("個人情報の漏えいに関するお詫び。\n")
	big := bytes.Repeat(line, int(DefaultMaxText)/len(line)+1)
	_, err := FromBytes(ctx, "big.txt", big, Options{})
	if err == nil || !strings.Contains(err.Error(), "big.txt") || !strings.Contains(err.Error(), "split it") {
		t.Errorf("oversized: %v", err)
	}
	if _, err := FromBytes(ctx, "ok.txt", big[:len(big)/2], Options{}); err != nil {
		t.Errorf("half the limit: %v", err)
	}
	if _, err := FromBytes(ctx, "small.txt", big[:1000], Options{MaxText: 100}); err == nil {
		t.Error("MaxText not honoured")
	}
}
