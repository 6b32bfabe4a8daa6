package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/vigil-hub/vigil/internal/testkit/anvil"
	"github.com/vigil-hub/vigil/store"
)

// Memory: `watchtower run`, a process of its own, with many channels stored — each with
// its on-chain view and a deposited state — follows anvil (a block a second) over
// WebSocket and HTTP on PostgreSQL. Its resident set is sampled from start-up to the end;
// the figure is its peak (VmHWM), beside the 150 MB target.
func (b *bench) memory(ctx context.Context) error {
	n, err := b.anvil(ctx, 1)
	if err != nil {
		return err
	}
	defer n.stop()
	d, err := deploy(ctx, n, 3600)
	if err != nil {
		return err
	}
	defer d.client.Close()
	be, err := b.postgres(ctx)
	if err != nil {
		return err
	}
	defer be.close()
	if err := be.st.AddContract(ctx, store.Contract{ChainID: d.chainID, Address: d.manager, Hub: anvilAddr(0),
		DeployBlock: d.deployBlock, ChallengePeriod: 3600}); err != nil {
		return err
	}
	fill := time.Now()
	if err := b.fillChannels(ctx, be, d.manager, b.sc.memoryChannels, 1, store.StatusOpen, 0); err != nil {
		return err
	}
	b.log.Info("channels stored", "channels", b.sc.memoryChannels, "took", time.Since(fill).Round(time.Millisecond))
	spec, err := b.towerConfig(n, d, anvil.Key(2), be.url, towerOptions{})
	if err != nil {
		return err
	}
	t, err := b.startTower(ctx, spec)
	if err != nil {
		return err
	}
	defer t.stop()
	if err := t.ready(ctx); err != nil {
		return err
	}
	var maxNow int64
	scraped := time.Now()
	for end := time.Now().Add(b.sc.memoryFollow); time.Now().Before(end); {
		// Scraped as Prometheus would, every few seconds: the store's counts are metrics.
		if time.Since(scraped) > 5*time.Second {
			scraped = time.Now()
			if resp, err := http.Get("http://" + t.ops + "/metrics"); err == nil {
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			}
		}
		now, _, err := t.rss()
		if err != nil {
			return fmt.Errorf("watchtower exited: %v\n%s", err, t.logs.String())
		}
		maxNow = max(maxNow, now)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
	_, peak, err := t.rss()
	if err != nil {
		return err
	}
	const mb = 1 << 20
	return b.rep.add(row(fmt.Sprintf("watchtower RSS with %d channels stored, following anvil", b.sc.memoryChannels), float64(peak)/mb, "MB", 150,
		map[string]any{"channels": b.sc.memoryChannels, "followed": b.sc.memoryFollow.String(), "store": "postgres",
			"peak": "VmHWM", "rss_sampled_max_MB": fmt.Sprintf("%.0f", float64(maxNow)/mb), "target": "≤ 150 MB (ratio ≤ 1)"}))
}
