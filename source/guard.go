package source

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/netip"
	"syscall"
	"time"
)

// ErrPrivateAddress is a fetch refused because the host resolves to an
// address on this machine or its private network.
var ErrPrivateAddress = errors.New("the address is on this machine or a private network; casebook fetches only public sites")

// cgnat is the shared address space of RFC 6598, used inside carriers and
// clouds; no public notice lives there.
var cgnat = netip.MustParsePrefix("100.64.0.0/10")

// PublicAddress reports whether ip is an address on the public internet:
// not loopback, private (RFC 1918, fc00::/7), link-local (where cloud
// metadata services answer), multicast, unspecified or shared (CGNAT).
func PublicAddress(ip netip.Addr) bool {
	ip = ip.Unmap()
	return ip.IsValid() && !ip.IsLoopback() && !ip.IsPrivate() && !ip.IsLinkLocalUnicast() &&
		!ip.IsLinkLocalMulticast() && !ip.IsInterfaceLocalMulticast() && !ip.IsMulticast() &&
		!ip.IsUnspecified() && !cgnat.Contains(ip) && ip != netip.IPv4Unspecified() &&
		!(ip.Is4() && ip.As4()[0] == 0) && ip != netip.AddrFrom4([4]byte{255, 255, 255, 255})
}

// GuardedClient is an HTTP client for fetching URLs other people name (a
// server's ingest form): it connects only to public addresses. The check
// runs on the address actually dialled, after DNS and on every redirect,
// so a name that resolves to 127.0.0.1 or a redirect to 169.254.169.254
// is refused too. It uses no proxy, which would hide the address.
func GuardedClient(timeout time.Duration) *http.Client {
	d := &net.Dialer{
		Timeout: 10 * time.Second,
		Control: func(network, address string, _ syscall.RawConn) error {
			ap, err := netip.ParseAddrPort(address)
			if err != nil {
				return fmt.Errorf("%s: %w", address, err)
			}
			if !PublicAddress(ap.Addr()) {
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
