package towerd

import (
	"context"
	"net/http"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"github.com/vigil-hub/vigil/alert"
	"github.com/vigil-hub/vigil/watcher"
)

// metrics are the watchtower's Prometheus metrics.
type metrics struct {
	reg    *prometheus.Registry
	alerts *prometheus.CounterVec
}

// newAlertCounter counts alerts by kind; it is also an alert sink.
func newAlertCounter() *metrics {
	return &metrics{reg: prometheus.NewRegistry(), alerts: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "vigil_alerts_total",
		Help: "Alerts raised, by kind."}, []string{"kind"})}
}

// register adds the alert counter, the runtime's metrics and the indexer's and leader's
// gauges to the registry.
func (m *metrics) register(ix *watcher.Indexer, replica *Replica) {
	m.reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}), m.alerts,
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "vigil_leader", Help: "1 while this replica indexes and sends."},
			func() float64 {
				if replica.Leading() {
					return 1
				}
				return 0
			}),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "vigil_indexer_head_block", Help: "Latest chain head the indexer saw."},
			func() float64 { h, _ := ix.Progress(); return float64(h) }),
		prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: "vigil_indexer_indexed_block", Help: "Last block indexed."},
			func() float64 { _, i := ix.Progress(); return float64(i) }),
	)
}

// Send counts an alert (the metrics are an alert sink in the fan-out).
func (m *metrics) Send(_ context.Context, a alert.Alert) { m.alerts.WithLabelValues(a.Kind).Inc() }

// withOps serves /healthz (the process answers), /readyz (the database answers) and
// /metrics next to the API.
func withOps(api http.Handler, m *metrics, ping func(context.Context) error) http.Handler {
	mux := http.NewServeMux()
	mux.Handle("/", api)
	mux.Handle("GET /metrics", promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{}))
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("ok\n")) })
	mux.HandleFunc("GET /readyz", func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		if err := ping(ctx); err != nil {
			http.Error(w, "database unreachable", http.StatusServiceUnavailable)
			return
		}
		w.Write([]byte("ready\n"))
	})
	return mux
}
