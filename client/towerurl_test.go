package client

import "testing"

// TestTowerURL: an endpoint is joined to a tower's base URL as a path, and a query the
// base carries (a hosted tower's access key) stays a query.
func TestTowerURL(t *testing.T) {
	for _, c := range []struct{ base, path, want string }{
		{"http://127.0.0.1:8480", "/v1/info", "http://127.0.0.1:8480/v1/info"},
		{"http://127.0.0.1:8480/", "/v1/states", "http://127.0.0.1:8480/v1/states"},
		{"https://tower.example/k3y/", "/v1/states", "https://tower.example/k3y/v1/states"},
		{"https://tower.example/?token=abc", "/v1/info", "https://tower.example/v1/info?token=abc"},
	} {
		if got := towerURL(c.base, c.path); got != c.want {
			t.Errorf("towerURL(%q, %q) = %q, want %q", c.base, c.path, got, c.want)
		}
	}
}
