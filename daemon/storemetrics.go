package daemon

import (
	"context"
	"time"

	"github.com/prometheus/client_golang/prometheus"
)

var (
	statesDesc  = prometheus.NewDesc("vigil_states_stored", "Channel states held for disputes.", nil, nil)
	disputeDesc = prometheus.NewDesc("vigil_disputes_open", "Channels disputed on-chain, as indexed.", nil, nil)
	outboxDesc  = prometheus.NewDesc("vigil_outbox_entries", "Outbox entries by kind (challenge, settle) and status; "+
		"confirmed, reverted and failed are the outcomes.", []string{"kind", "status"}, nil)
	scrapeDesc = prometheus.NewDesc("vigil_store_scrape_error", "1 when the store did not answer the last scrape.", nil, nil)
)

// storeCollector reads the store's counts at every scrape, within two seconds.
type storeCollector struct{ u Upkeep }

// StoreCollector exposes the store's counts: states held, disputes open, outbox entries
// by kind and status.
func StoreCollector(u Upkeep) prometheus.Collector { return storeCollector{u} }

func (c storeCollector) Describe(ch chan<- *prometheus.Desc) {
	ch <- statesDesc
	ch <- disputeDesc
	ch <- outboxDesc
	ch <- scrapeDesc
}

func (c storeCollector) Collect(ch chan<- prometheus.Metric) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	st, err := c.u.Stats(ctx)
	if err != nil {
		ch <- prometheus.MustNewConstMetric(scrapeDesc, prometheus.GaugeValue, 1)
		return
	}
	ch <- prometheus.MustNewConstMetric(scrapeDesc, prometheus.GaugeValue, 0)
	ch <- prometheus.MustNewConstMetric(statesDesc, prometheus.GaugeValue, float64(st.StatesStored))
	ch <- prometheus.MustNewConstMetric(disputeDesc, prometheus.GaugeValue, float64(st.DisputesOpen))
	for _, o := range st.Outbox {
		ch <- prometheus.MustNewConstMetric(outboxDesc, prometheus.GaugeValue, float64(o.N), string(o.Kind), string(o.Status))
	}
}
