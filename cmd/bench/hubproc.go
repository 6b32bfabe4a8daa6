package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"syscall"
	"time"

	"github.com/prometheus/common/expfmt"
	"github.com/prometheus/common/model"

	"github.com/vigil-hub/vigil/internal/foundry"
	"github.com/vigil-hub/vigil/internal/nodeproc"
)

// The payments figure runs the hub as operators do: `hub run`, built from this module, in
// a process of its own, on anvil and the bench's PostgreSQL database. The wallets, in the
// bench's process, reach it over loopback, and each side's CPU time is counted apart.

// hubProc is a running `hub run`.
type hubProc struct {
	cmd      *exec.Cmd
	api, ops string
	exited   chan struct{}
	logs     *nodeproc.Output
}

// startHub runs `hub run` for deployment d on node n and database dbURL, anvil's first
// key its account, with one confirmation and a collateral target of 20 ether, and waits
// until it is ready.
func (b *bench) startHub(ctx context.Context, n *node, d *deployment, dbURL string) (*hubProc, error) {
	bin, err := b.binary(ctx, "hub")
	if err != nil {
		return nil, err
	}
	dir, err := os.MkdirTemp(b.tmp, "hub-")
	if err != nil {
		return nil, err
	}
	if err := writeKeystore(dir, foundry.DevKey(0)); err != nil {
		return nil, err
	}
	h := &hubProc{exited: make(chan struct{}), logs: &nodeproc.Output{}}
	if h.api, err = nodeproc.FreeAddr(); err != nil {
		return nil, err
	}
	if h.ops, err = nodeproc.FreeAddr(); err != nil {
		return nil, err
	}
	cfg := fmt.Sprintf(`database: {url: %q}
chain:
  rpc: [{name: ws, url: %q}, {name: http, url: %q}]
  confirmations: 1
  poll_interval: 100ms
contract: {address: %q, deploy_block: %d}
api: {listen: %q}
ops: {listen: %q, pprof: true}
keystore: {path: key.json, password_file: pw}
collateral: {target: 20 ether}
disputes: {max_fee_per_gas: 1000 gwei}
`, dbURL, n.ws(), n.http(), d.manager.Hex(), d.deployBlock, h.api, h.ops)
	config := filepath.Join(dir, "hub.yaml")
	if err := os.WriteFile(config, []byte(cfg), 0o600); err != nil {
		return nil, err
	}
	h.cmd = exec.Command(bin, "run", "--config", config, "--log.format", "json", "--log.level", "warn")
	h.cmd.Dir = dir
	h.cmd.Env = append(os.Environ(), "DATABASE_URL=", "VIGIL_HUB_CONFIG=")
	h.cmd.Stdout, h.cmd.Stderr = h.logs, h.logs
	if err := h.cmd.Start(); err != nil {
		return nil, err
	}
	go func() { h.cmd.Wait(); close(h.exited) }()
	for deadline := time.Now().Add(2 * time.Minute); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		select {
		case <-h.exited:
			return nil, fmt.Errorf("hub exited:\n%s", h.logs.String())
		case <-ctx.Done():
			h.stop()
			return nil, ctx.Err()
		default:
		}
		if resp, err := http.Get("http://" + h.api + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return h, nil
			}
		}
	}
	h.stop()
	return nil, fmt.Errorf("hub never became ready:\n%s", h.logs.String())
}

// cpu is the CPU time the hub process has used.
func (h *hubProc) cpu() time.Duration { return procCPU(h.cmd.Process.Pid) }

// stop sends SIGTERM and waits, then kills.
func (h *hubProc) stop() {
	_ = h.cmd.Process.Signal(syscall.SIGTERM)
	select {
	case <-h.exited:
	case <-time.After(30 * time.Second):
		_ = h.cmd.Process.Kill()
		<-h.exited
	}
}

// requests reads the hub's API requests served so far by route, and its stream's frames
// by type, from its metrics.
func (h *hubProc) requests(ctx context.Context) (map[string]float64, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+h.ops+"/metrics", nil)
	if err != nil {
		return nil, err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	parser := expfmt.NewTextParser(model.UTF8Validation)
	families, err := parser.TextToMetricFamilies(resp.Body)
	if err != nil {
		return nil, fmt.Errorf("the hub's metrics: %w", err)
	}
	by := map[string]float64{}
	for name, f := range families {
		label, prefix := "", ""
		switch name {
		case "vigil_http_requests_total":
			label = "route"
		case "vigil_stream_frames_total":
			label, prefix = "type", "stream frame "
		default:
			continue
		}
		for _, m := range f.GetMetric() {
			for _, l := range m.GetLabel() {
				if l.GetName() == label {
					by[prefix+l.GetValue()] += m.GetCounter().GetValue()
				}
			}
		}
	}
	return by, nil
}

// profile writes a CPU profile of the hub process over the next seconds into the run's
// profile directory, as hub-NAME.pprof (nothing without --cpuprofile); wait blocks until
// it is written.
func (b *bench) profileHub(ctx context.Context, h *hubProc, name string, seconds int) (wait func() error) {
	if b.profDir == "" {
		return func() error { return nil }
	}
	done := make(chan error, 1)
	go func() {
		done <- func() error {
			req, err := http.NewRequestWithContext(ctx, http.MethodGet, fmt.Sprintf("http://%s/debug/pprof/profile?seconds=%d", h.ops, seconds), nil)
			if err != nil {
				return err
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				return err
			}
			defer resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				return fmt.Errorf("the hub's CPU profile: %s", resp.Status)
			}
			if err := os.MkdirAll(b.profDir, 0o755); err != nil {
				return err
			}
			f, err := os.Create(filepath.Join(b.profDir, "hub-"+name+".pprof"))
			if err != nil {
				return err
			}
			if _, err := io.Copy(f, resp.Body); err != nil {
				f.Close()
				return err
			}
			return f.Close()
		}()
	}()
	return func() error { return <-done }
}
