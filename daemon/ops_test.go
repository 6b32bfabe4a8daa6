package daemon_test

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/vigil-hub/vigil/daemon"
)

// TestOpsPprof: Go's profiles are served on the ops listener only when the configuration
// asks for them.
func TestOpsPprof(t *testing.T) {
	ready := func(context.Context) error { return nil }
	for _, on := range []bool{false, true} {
		rec := httptest.NewRecorder()
		daemon.OpsHandler(daemon.NewMetrics("hub"), ready, on).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/debug/pprof/", nil))
		if want := map[bool]int{false: http.StatusNotFound, true: http.StatusOK}[on]; rec.Code != want {
			t.Errorf("pprof %v: GET /debug/pprof/ answered %d, want %d", on, rec.Code, want)
		}
	}
}
