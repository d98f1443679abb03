package source

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"net/netip"
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
