package devnet

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"time"

	"github.com/ethereum/go-ethereum/rpc"

	"github.com/vigil-hub/vigil/internal/foundry"
	"github.com/vigil-hub/vigil/internal/nodeproc"
)

// Anvil is the node StartAnvil started.
type Anvil struct {
	proc      *nodeproc.Proc
	log       *os.File
	HTTP, WS  string
	StateFile string // where anvil keeps its chain between runs
	LogFile   string
}

// StartAnvil runs the npm-pinned anvil (foundry.AnvilBinary) on 127.0.0.1:port with a block
// every blockTime seconds, its chain kept in dir/anvil-state.json (a chain already there
// is resumed) and its output in dir/anvil.log, and waits until it answers.
func StartAnvil(ctx context.Context, dir string, port, blockTime int) (*Anvil, error) {
	bin, err := foundry.AnvilBinary()
	if err != nil {
		return nil, fmt.Errorf("devnet: no anvil (%w): run from the repository after `npm install` in contracts/, set VIGIL_ANVIL, or give --rpc", err)
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("devnet: %w", err)
	}
	a := &Anvil{
		HTTP: fmt.Sprintf("http://127.0.0.1:%d", port), WS: fmt.Sprintf("ws://127.0.0.1:%d", port),
		StateFile: filepath.Join(dir, "anvil-state.json"), LogFile: filepath.Join(dir, "anvil.log"),
	}
	if a.log, err = os.OpenFile(a.LogFile, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600); err != nil {
		return nil, fmt.Errorf("devnet: %w", err)
	}
	args := []string{"--host", "127.0.0.1", "--port", strconv.Itoa(port), "--state", a.StateFile, "--block-time", strconv.Itoa(blockTime)}
	if a.proc, err = nodeproc.Start(bin, args, a.log); err != nil {
		a.log.Close()
		return nil, fmt.Errorf("devnet: start %s: %w", bin, err)
	}
	wait, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	for {
		err := ping(wait, a.HTTP)
		if err == nil {
			return a, nil
		}
		select {
		case <-wait.Done():
			a.Stop()
			return nil, fmt.Errorf("devnet: anvil did not answer on %s (is the port taken? see %s): %w", a.HTTP, a.LogFile, err)
		case err := <-a.proc.Exited():
			a.log.Close()
			return nil, fmt.Errorf("devnet: anvil exited (is port %d taken? see %s): %v", port, a.LogFile, err)
		case <-time.After(100 * time.Millisecond):
		}
	}
}

func ping(ctx context.Context, url string) error {
	c, err := rpc.DialContext(ctx, url)
	if err != nil {
		return err
	}
	defer c.Close()
	var id string
	return c.CallContext(ctx, &id, "eth_chainId")
}

// Exited yields anvil's exit when it stops on its own.
func (a *Anvil) Exited() <-chan error { return a.proc.Exited() }

// Stop interrupts anvil, which writes its state file on the way out, and waits for it.
func (a *Anvil) Stop() {
	a.proc.Stop(20 * time.Second)
	a.log.Close()
}
