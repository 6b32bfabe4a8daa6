// Package nodeproc runs a development node (anvil, geth) as a child process for tests:
// started, waited on in the background, and stopped with SIGINT so that it writes its
// state, killed only when it does not exit in time. It imports nothing of Vigil.
package nodeproc

import (
	"io"
	"os/exec"
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
