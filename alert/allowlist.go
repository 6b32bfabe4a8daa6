package alert

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"syscall"
	"time"
)

// DefaultAllowedHosts are the hosts user webhooks may point at when none are configured.
var DefaultAllowedHosts = []string{"hooks.slack.com"}

// Allowlist is the set of hosts users' webhooks may point at. An entry is a host name
// ("hooks.slack.com", https on port 443), a host and port ("hooks.example.org:8443",
// https), or an origin ("https://hooks.example.org", "http://127.0.0.1:8080"); plain
// http is allowed only to a loopback IP address given as such, for tests and local
// relays. A named host is never dialled at a loopback, private, link-local or otherwise
// non-public address, so a name that resolves inward is refused too.
type Allowlist struct {
	entries []allowEntry
}

type allowEntry struct {
	scheme, host, port string
	ip                 net.IP // the entry is an IP address
}

// NewAllowlist parses entries (DefaultAllowedHosts when empty).
func NewAllowlist(entries []string) (*Allowlist, error) {
	if len(entries) == 0 {
		entries = DefaultAllowedHosts
	}
	l := &Allowlist{}
	for _, s := range entries {
		e, err := parseAllowEntry(s)
		if err != nil {
			return nil, err
		}
		l.entries = append(l.entries, e)
	}
	return l, nil
}

func parseAllowEntry(s string) (allowEntry, error) {
	raw := strings.TrimSpace(s)
	if !strings.Contains(raw, "://") {
		raw = "https://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil || u.Hostname() == "" || u.User != nil || (u.Path != "" && u.Path != "/") || u.RawQuery != "" || u.Fragment != "" {
		return allowEntry{}, fmt.Errorf("allowed host %q: want a host name, host:port or scheme://host[:port]", s)
	}
	e := allowEntry{scheme: u.Scheme, host: strings.ToLower(u.Hostname()), port: u.Port(), ip: net.ParseIP(u.Hostname())}
	if strings.Contains(e.host, "*") {
		return allowEntry{}, fmt.Errorf("allowed host %q: wildcards are not supported", s)
	}
	switch e.scheme {
	case "https":
		if e.port == "" {
			e.port = "443"
		}
	case "http":
		if e.ip == nil || !e.ip.IsLoopback() {
			return allowEntry{}, fmt.Errorf("allowed host %q: plain http is allowed only to a loopback IP address", s)
		}
		if e.port == "" {
			e.port = "80"
		}
	default:
		return allowEntry{}, fmt.Errorf("allowed host %q: scheme must be https", s)
	}
	return e, nil
}

// Hosts lists the entries as origins, for logs and docs.
func (l *Allowlist) Hosts() []string {
	out := make([]string, len(l.entries))
	for i, e := range l.entries {
		out[i] = e.scheme + "://" + net.JoinHostPort(e.host, e.port)
	}
	return out
}

func (l *Allowlist) match(scheme, host, port string) (allowEntry, bool) {
	host = strings.ToLower(strings.TrimSuffix(host, "."))
	i := slices.IndexFunc(l.entries, func(e allowEntry) bool {
		return (scheme == "" || e.scheme == scheme) && e.port == port &&
			(e.host == host || (e.ip != nil && e.ip.Equal(net.ParseIP(host))))
	})
	if i < 0 {
		return allowEntry{}, false
	}
	return l.entries[i], true
}

// Check parses a webhook URL and accepts it only if its scheme, host and port are on the
// list and it carries no user info. Errors name the host, never the URL (a secret).
func (l *Allowlist) Check(raw string) (*url.URL, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || u.Opaque != "" {
		return nil, fmt.Errorf("%w: not an absolute URL", ErrBadURL)
	}
	if u.User != nil {
		return nil, fmt.Errorf("%w: user info is not allowed", ErrBadURL)
	}
	if u.Scheme != "https" && u.Scheme != "http" {
		return nil, fmt.Errorf("%w: scheme %q, want https", ErrBadURL, u.Scheme)
	}
	port := u.Port()
	if port == "" {
		port = map[string]string{"https": "443", "http": "80"}[u.Scheme]
	}
	if _, ok := l.match(u.Scheme, u.Hostname(), port); !ok {
		return nil, fmt.Errorf("%w: %s://%s", ErrHostNotAllowed, u.Scheme, net.JoinHostPort(u.Hostname(), port))
	}
	return u, nil
}

// Client returns an HTTP client that can reach only the listed hosts: it follows no
// redirect, uses no proxy, and its dialer refuses any other host, and any address a
// named host resolves to that is not public.
func (l *Allowlist) Client(timeout time.Duration) *http.Client {
	dialer := &net.Dialer{Timeout: 10 * time.Second}
	tr := &http.Transport{
		Proxy: nil, // a proxy would be a host of its own
		DialContext: func(ctx context.Context, network, addr string) (net.Conn, error) {
			host, port, err := net.SplitHostPort(addr)
			if err != nil {
				return nil, fmt.Errorf("%w: %s", ErrHostNotAllowed, addr)
			}
			e, ok := l.match("", host, port)
			if !ok {
				return nil, fmt.Errorf("%w: %s", ErrHostNotAllowed, addr)
			}
			d := *dialer
			d.Control = func(_, address string, _ syscall.RawConn) error {
				h, _, _ := net.SplitHostPort(address)
				ip := net.ParseIP(h)
				switch {
				case e.ip != nil && !e.ip.Equal(ip):
					return fmt.Errorf("%w: %s is not %s", ErrHostNotAllowed, ip, e.ip)
				case e.ip == nil && !publicIP(ip):
					return fmt.Errorf("%w: %s resolves to the non-public address %s", ErrHostNotAllowed, host, ip)
				}
				return nil
			}
			return d.DialContext(ctx, network, addr)
		},
		ForceAttemptHTTP2:     true,
		TLSHandshakeTimeout:   10 * time.Second,
		ResponseHeaderTimeout: 15 * time.Second,
		MaxIdleConnsPerHost:   2,
		IdleConnTimeout:       90 * time.Second,
	}
	return &http.Client{Transport: tr, Timeout: timeout, CheckRedirect: refuseRedirect}
}

// publicIP reports whether ip is a public unicast address.
func publicIP(ip net.IP) bool {
	if ip == nil || ip.IsLoopback() || ip.IsPrivate() || ip.IsUnspecified() || ip.IsLinkLocalUnicast() ||
		ip.IsLinkLocalMulticast() || ip.IsInterfaceLocalMulticast() || ip.IsMulticast() {
		return false
	}
	if v4 := ip.To4(); v4 != nil {
		// 0.0.0.0/8, 100.64.0.0/10 (carrier-grade NAT), 192.0.0.0/24, 198.18.0.0/15 (benchmarks), 240.0.0.0/4.
		return !(v4[0] == 0 || (v4[0] == 100 && v4[1]&0xc0 == 64) || (v4[0] == 192 && v4[1] == 0 && v4[2] == 0) ||
			(v4[0] == 198 && v4[1]&0xfe == 18) || v4[0] >= 240)
	}
	return true
}
