package source

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"slices"
	"syscall"
	"time"
)

// ErrPrivateAddress is a fetch refused because the host resolves to an
// address on this machine or its private network.
var ErrPrivateAddress = errors.New("the address is on this machine or a private network; casebook fetches only public sites")

// notPublic are ranges no public notice lives in that the netip
// predicates do not name: shared address space (RFC 6598), benchmarking
// (198.18.0.0/15), reserved (240.0.0.0/4), IETF protocol assignments,
// and the IPv6 forms that carry an IPv4 address inside (NAT64, 6to4,
// IPv4-compatible ::a.b.c.d, Teredo) or are deprecated site-local.
var notPublic = []netip.Prefix{
	netip.MustParsePrefix("100.64.0.0/10"), netip.MustParsePrefix("198.18.0.0/15"), netip.MustParsePrefix("240.0.0.0/4"),
	netip.MustParsePrefix("192.0.0.0/24"), netip.MustParsePrefix("64:ff9b::/96"), netip.MustParsePrefix("64:ff9b:1::/48"),
	netip.MustParsePrefix("2002::/16"), netip.MustParsePrefix("::/96"), netip.MustParsePrefix("2001::/32"),
	netip.MustParsePrefix("fec0::/10"), netip.MustParsePrefix("100::/64"),
}

// PublicAddress reports whether ip is an address on the public internet:
// not loopback, private (RFC 1918, fc00::/7), link-local (where cloud
// metadata services answer), multicast, unspecified, nor in notPublic.
func PublicAddress(ip netip.Addr) bool {
	ip = ip.Unmap()
	if !ip.IsValid() || ip.IsLoopback() || ip.IsPrivate() || ip.IsLinkLocalUnicast() ||
		ip.IsLinkLocalMulticast() || ip.IsInterfaceLocalMulticast() || ip.IsMulticast() ||
		ip.IsUnspecified() || ip.Is4() && ip.As4()[0] == 0 {
		return false
	}
	for _, p := range notPublic {
		if p.Contains(ip) {
			return false
		}
	}
	return true
}

// GuardedClient is an HTTP client for fetching URLs other people name (a
// server's ingest form): it connects only to public addresses. The check
// runs on the address actually dialled, after DNS and on every redirect,
// so a name that resolves to 127.0.0.1 or a redirect to 169.254.169.254
// is refused too. It uses no proxy, which would hide the address.
func GuardedClient(timeout time.Duration) *http.Client { return GuardedClientAllowing(timeout) }

// GuardedClientAllowing is GuardedClient that may also connect to the
// given addresses (host:port as dialled, e.g. 127.0.0.1:8080): a server on
// this machine that the operator named, or a test's.
func GuardedClientAllowing(timeout time.Duration, allowed ...string) *http.Client {
	d := &net.Dialer{
		Timeout: 10 * time.Second,
		Control: func(network, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil {
				return fmt.Errorf("%s: %w", address, err)
			}
			if !PublicAddress(ap.Addr()) && !slices.Contains(allowed, address) {
				return fmt.Errorf("%s: %w", ap.Addr(), ErrPrivateAddress)
			}
			return nil
		},
	}
	tr := &http.Transport{
		Proxy:                 nil,
		DialContext:           d.DialContext,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: 30 * time.Second,
		MaxIdleConns:          4,
		IdleConnTimeout:       30 * time.Second,
	}
	return &http.Client{
		Timeout:   timeout,
		Transport: tr,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 5 {
				return errors.New("too many redirects")
			}
			if req.URL.Scheme != "http" && req.URL.Scheme != "https" {
				return fmt.Errorf("redirect to %s: only http and https", req.URL.Scheme)
			}
			return nil
		},
	}
}

// guardedDial is used by tests: dial as GuardedClient would.
func guardedDial(ctx context.Context, address string) error {
	c := GuardedClient(time.Second)
	conn, err := c.Transport.(*http.Transport).DialContext(ctx, "tcp", address)
	if err == nil {
		conn.Close()
	}
	return err
}
