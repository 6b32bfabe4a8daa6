package daemon

import (
	"context"
	"math/big"
	"net/http"
	"runtime/debug"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"

	"github.com/vigil-hub/vigil/alert"
)

// Metrics is a process's Prometheus registry with the series both processes share. A nil
// *Metrics records nothing, so that tests and the demo may leave it out.
type Metrics struct {
	Registry    *prometheus.Registry
	rpcCalls    *prometheus.CounterVec
	httpReqs    *prometheus.CounterVec
	httpSecs    *prometheus.HistogramVec
	alerts      *prometheus.CounterVec
	jobSuccess  *prometheus.GaugeVec
	jobFailures *prometheus.CounterVec
	balance     prometheus.Gauge
	deliveries  *prometheus.CounterVec
}

// NewMetrics returns the registry of program ("watchtower" or "hub") with the Go runtime's
// and the process's collectors and vigil_build_info.
func NewMetrics(program string) *Metrics {
	m := &Metrics{
		Registry: prometheus.NewRegistry(),
		rpcCalls: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "vigil_rpc_requests_total",
			Help: "JSON-RPC calls, by endpoint name, JSON-RPC method (call) and result (ok or error)."}, []string{"endpoint", "call", "result"}),
		httpReqs: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "vigil_http_requests_total",
			Help: "HTTP requests served, by server, route and status code."}, []string{"server", "route", "code"}),
		httpSecs: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "vigil_http_request_duration_seconds",
			Help: "HTTP request durations, by server and route.", Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 5, 30}},
			[]string{"server", "route"}),
		alerts: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "vigil_alerts_total",
			Help: "Alerts raised, by kind."}, []string{"kind"}),
		jobSuccess: prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "vigil_job_last_success_timestamp_seconds",
			Help: "When each scheduled job last succeeded (unix seconds)."}, []string{"job"}),
		jobFailures: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "vigil_job_failures_total",
			Help: "Scheduled job runs that failed, by job."}, []string{"job"}),
		deliveries: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "vigil_alert_deliveries_total",
			Help: "Alert deliveries by sink (slack, user), kind and result (delivered, retry, dead, dropped)."}, []string{"sink", "kind", "result"}),
		balance: prometheus.NewGauge(prometheus.GaugeOpts{Name: "vigil_sender_balance_wei",
			Help: "The sending account's balance at the last balance check (wei, as a float)."}),
	}
	version, revision := buildInfo()
	build := prometheus.NewGaugeVec(prometheus.GaugeOpts{Name: "vigil_build_info",
		Help: "Always 1; the labels say which build runs."}, []string{"program", "version", "revision", "goversion"})
	goVersion := "unknown"
	if bi, ok := debug.ReadBuildInfo(); ok {
		goVersion = bi.GoVersion
	}
	build.WithLabelValues(program, version, revision, goVersion).Set(1)
	m.Registry.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}),
		m.rpcCalls, m.httpReqs, m.httpSecs, m.alerts, m.jobSuccess, m.jobFailures, m.balance, m.deliveries, build)
	return m
}

func buildInfo() (version, revision string) {
	version, revision = "unknown", "unknown"
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return
	}
	version = bi.Main.Version
	for _, s := range bi.Settings {
		if s.Key == "vcs.revision" {
			revision = s.Value
		}
	}
	return
}

// Gauge registers a gauge read at every scrape.
func (m *Metrics) Gauge(name, help string, f func() float64) {
	if m == nil {
		return
	}
	m.Registry.MustRegister(prometheus.NewGaugeFunc(prometheus.GaugeOpts{Name: name, Help: help}, f))
}

// Register adds collectors of a process's own.
func (m *Metrics) Register(cs ...prometheus.Collector) {
	if m == nil {
		return
	}
	m.Registry.MustRegister(cs...)
}

// RPC counts one JSON-RPC call of an endpoint by method and result: the metrics are
// rpcclient's Recorder.
func (m *Metrics) RPC(endpoint, method string, err error) {
	if m == nil {
		return
	}
	result := "ok"
	if err != nil {
		result = "error"
	}
	m.rpcCalls.WithLabelValues(endpoint, method, result).Inc()
}

// Send counts an alert by kind: the metrics are an alert sink in the fan-out.
func (m *Metrics) Send(_ context.Context, a alert.Alert) {
	if m == nil {
		return
	}
	m.alerts.WithLabelValues(a.Kind).Inc()
}

// JobDone records a scheduled job's run.
func (m *Metrics) JobDone(job string, err error) {
	if m == nil {
		return
	}
	if err != nil {
		m.jobFailures.WithLabelValues(job).Inc()
		return
	}
	m.jobSuccess.WithLabelValues(job).SetToCurrentTime()
}

// Instrument counts and times the requests h serves, by route pattern and status code.
func (m *Metrics) Instrument(server string, h http.Handler) http.Handler {
	if m == nil {
		return h
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		rec := &statusRecorder{ResponseWriter: w, code: http.StatusOK}
		h.ServeHTTP(rec, r)
		route := r.Pattern // set by the ServeMux that routed r
		if route == "" {
			route = "unmatched"
		}
		m.httpReqs.WithLabelValues(server, route, strconv.Itoa(rec.code)).Inc()
		m.httpSecs.WithLabelValues(server, route).Observe(time.Since(start).Seconds())
	})
}

type statusRecorder struct {
	http.ResponseWriter
	code int
}

func (s *statusRecorder) WriteHeader(code int) {
	s.code = code
	s.ResponseWriter.WriteHeader(code)
}

// Flush lets long polls stream through the recorder.
func (s *statusRecorder) Flush() {
	if f, ok := s.ResponseWriter.(http.Flusher); ok {
		f.Flush()
	}
}

// Unwrap gives http.ResponseController the writer underneath.
func (s *statusRecorder) Unwrap() http.ResponseWriter { return s.ResponseWriter }

// JobSuccess is the gauge of a job's last success, for tests and dashboards.
func (m *Metrics) JobSuccess(job string) prometheus.Gauge { return m.jobSuccess.WithLabelValues(job) }

// JobFailures is the counter of a job's failed runs.
func (m *Metrics) JobFailures(job string) prometheus.Counter {
	return m.jobFailures.WithLabelValues(job)
}

// SetBalance records the sending account's balance.
func (m *Metrics) SetBalance(wei *big.Int) {
	if m == nil || wei == nil {
		return
	}
	f, _ := new(big.Float).SetInt(wei).Float64()
	m.balance.Set(f)
}

// AlertDelivery counts one delivery outcome of a sink (alert's Observe hook).
func (m *Metrics) AlertDelivery(sink, kind, result string) {
	if m == nil {
		return
	}
	m.deliveries.WithLabelValues(sink, kind, result).Inc()
}
