package ratelimit_test

import (
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"github.com/vigil-hub/vigil/internal/ratelimit"
)

// TestClientKey: IPv4 clients by address, IPv6 ones by /64, ports ignored.
func TestClientKey(t *testing.T) {
	key := func(remote string) string {
		r := httptest.NewRequest("GET", "/", nil)
		r.RemoteAddr = remote
		return ratelimit.ClientKey(r)
	}
	if a, b := key("192.0.2.1:1000"), key("192.0.2.1:2000"); a != b || a != "192.0.2.1" {
		t.Errorf("one IPv4 address, two ports: %q and %q", a, b)
	}
	if a, b := key("192.0.2.1:1000"), key("192.0.2.2:1000"); a == b {
		t.Errorf("two IPv4 addresses share the key %q", a)
	}
	if a, b := key("[2001:db8:0:1::1]:1000"), key("[2001:db8:0:1:ffff::9]:1000"); a != b || a != "2001:db8:0:1::/64" {
		t.Errorf("one IPv6 /64: %q and %q", a, b)
	}
	if a, b := key("[2001:db8:0:1::1]:1000"), key("[2001:db8:0:2::1]:1000"); a == b {
		t.Errorf("two IPv6 /64s share the key %q", a)
	}
	if a, b := key("[::ffff:192.0.2.1]:1"), key("192.0.2.1:1"); a != b {
		t.Errorf("an IPv4-mapped address %q and the address %q", a, b)
	}
}

// TestKeyed: a key's burst is served, then it waits; another key has its own bucket; no
// more than MaxKeys keys are tracked, the ones beyond refused until others refill.
func TestKeyed(t *testing.T) {
	now := time.Unix(1_000_000, 0)
	k := ratelimit.New(1, 3)
	for i := range 3 {
		if ok, _ := k.Take("a", 1, now); !ok {
			t.Fatalf("request %d of a burst of 3 refused", i+1)
		}
	}
	if ok, wait := k.Take("a", 1, now); ok || wait <= 0 || wait > time.Second {
		t.Fatalf("the 4th: ok %v, wait %v, want refused for up to a second", ok, wait)
	}
	if ok, _ := k.Take("b", 1, now); !ok {
		t.Fatal("another key refused")
	}
	if ok, _ := k.Take("a", 1, now.Add(time.Second)); !ok {
		t.Fatal("refused after a second's refill")
	}
	if ok, _ := k.Take("a", 4, now.Add(time.Hour)); ok {
		t.Fatal("more than a burst at once served")
	}
	for i := range ratelimit.MaxKeys {
		k.Take(strconv.Itoa(i), 3, now) // each spends its whole burst: none is forgotten
	}
	if ok, _ := k.Take("new", 1, now); ok {
		t.Fatalf("a key beyond %d served", ratelimit.MaxKeys)
	}
	if ok, _ := k.Take("new", 1, now.Add(time.Hour)); !ok {
		t.Fatal("a new key refused once the others refilled")
	}
	if ok, _ := (*ratelimit.Keyed)(nil).Take("x", 1000, now); !ok {
		t.Fatal("no limiter limited")
	}
}
