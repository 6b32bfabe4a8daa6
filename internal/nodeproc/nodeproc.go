// Package nodeproc runs a development node (anvil, geth) as a child process, for tests
// and `hub devnet`: started, waited on in the background, and stopped with SIGINT so that
// it writes its state, killed only when it does not exit in time. It imports nothing of Vigil.
package nodeproc

import (
	"bytes"
	"io"
	"os/exec"
	"strings"
	"sync"
	"syscall"
	"time"
)

// Proc is a started node process.
type Proc struct {
	cmd  *exec.Cmd
	done chan error
}

// Start runs bin with args, its output to out.
func Start(bin string, args []string, out io.Writer) (*Proc, error) {
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		return nil, err
	}
	p := &Proc{cmd: cmd, done: make(chan error, 1)}
	go func() { p.done <- cmd.Wait() }()
	return p, nil
}

// Exited yields the process's exit once it has exited on its own; after a Stop it yields
// nothing more.
func (p *Proc) Exited() <-chan error { return p.done }

// Stop interrupts the process and waits for it, killing it after grace. A nil Proc, or
// one whose exit Exited has already yielded, is left as it is: call Stop at most once
// and not after receiving from Exited.
func (p *Proc) Stop(grace time.Duration) {
	if p == nil {
		return
	}
	_ = p.cmd.Process.Signal(syscall.SIGINT)
	select {
	case <-p.done:
	case <-time.After(grace):
		_ = p.cmd.Process.Kill()
		<-p.done
	}
}

// Output collects a child process's stdout and stderr (both may write at once) for a
// test or the bench to read while it runs. With Max above 0, what it holds is dropped
// each time it would grow past Max bytes.
type Output struct {
	Max int
	mu  sync.Mutex
	b   bytes.Buffer
}

func (o *Output) Write(p []byte) (int, error) {
	o.mu.Lock()
	defer o.mu.Unlock()
	if o.Max > 0 && o.b.Len()+len(p) > o.Max {
		o.b.Reset()
	}
	return o.b.Write(p)
}

// String returns everything held.
func (o *Output) String() string {
	o.mu.Lock()
	defer o.mu.Unlock()
	return o.b.String()
}

// Tail returns the last lines held.
func (o *Output) Tail(lines int) string {
	all := strings.Split(strings.TrimRight(o.String(), "\n"), "\n")
	if len(all) > lines {
		all = all[len(all)-lines:]
	}
	return strings.Join(all, "\n")
}
