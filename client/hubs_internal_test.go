package client

import (
	"errors"
	"fmt"
	"net"
	"net/http"
	"testing"

	"github.com/vigil-hub/vigil/wire"
)

// TestHubsMoveOn: the wallet moves to the leader a refusal names only when it is one of
// the hub's own URLs (a process cannot send it elsewhere), else to the next one.
func TestHubsMoveOn(t *testing.T) {
	h := newHubs("http://a/", []string{"http://b", " http://c", "http://a", ""})
	if fmt.Sprint(h.urls) != "[http://a http://b http://c]" {
		t.Fatalf("urls %v", h.urls)
	}
	for _, tc := range []struct {
		name, leader, want string
	}{
		{"no leader named: the next", "", "http://b"},
		{"the leader named", "http://a/", "http://a"},
		{"a stranger named: the next", "http://evil", "http://b"},
		{"the next after the last: the first", "", "http://c"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, i := h.current()
			h.moveOn(i, tc.leader)
			if got, _ := h.current(); got != tc.want {
				t.Fatalf("moved to %s, want %s", got, tc.want)
			}
		})
	}
}

// TestClassify: what is asked of another process, and what is not sent twice.
func TestClassify(t *testing.T) {
	dial := unreachable{&net.OpError{Op: "dial", Err: errors.New("connection refused")}}
	cut := unreachable{errors.New("EOF")}
	notLeader := &HubError{Status: 503, Code: wire.CodeNotLeader, Leader: "http://b"}
	for _, tc := range []struct {
		name        string
		method      string
		err         error
		again, move bool
	}{
		{"answered", http.MethodPost, nil, false, false},
		{"refused", http.MethodPost, &HubError{Status: 409, Code: wire.CodeSyncFirst}, false, false},
		{"not the leader", http.MethodPost, notLeader, true, true},
		{"never connected", http.MethodPost, fmt.Errorf("hub POST /v1/requests: %w", dial), true, true},
		{"a write cut off: not sent twice", http.MethodPost, fmt.Errorf("hub POST /v1/requests: %w", cut), false, true},
		{"a read cut off", http.MethodGet, fmt.Errorf("hub GET /v1/channel: %w", cut), true, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, again, move := classify(tc.method, tc.err)
			if again != tc.again || move != tc.move {
				t.Fatalf("again %v move %v, want %v %v", again, move, tc.again, tc.move)
			}
		})
	}
}
