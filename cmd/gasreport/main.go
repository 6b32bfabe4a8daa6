// Command gasreport runs every ChannelManager function on go-ethereum's simulated chain
// and prints the gas each one used as a Markdown table. With --rpc it runs the same
// sequence on that node too (anvil's prefunded development keys pay) and prints both
// figures side by side:
//
//	go run ./cmd/gasreport
//	go run ./cmd/gasreport --rpc http://127.0.0.1:8545
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
)

func main() {
	rpc := flag.String("rpc", "", "also measure on the node at this JSON-RPC URL (anvil's development keys must be funded)")
	flag.Parse()
	if err := report(context.Background(), os.Stdout, *rpc); err != nil {
		fmt.Fprintln(os.Stderr, "gasreport:", err)
		os.Exit(1)
	}
}

// report measures on the simulated chain, and on the node at rpc when it is set, and
// writes the table.
func report(ctx context.Context, w io.Writer, rpc string) error {
	sim, err := measureOn(simulated())
	if err != nil {
		return fmt.Errorf("simulated chain: %w", err)
	}
	if rpc == "" {
		fmt.Fprintln(w, "| function | scenario | gas used |")
		fmt.Fprintln(w, "| --- | --- | ---: |")
		for _, r := range sim {
			fmt.Fprintf(w, "| `%s` | %s | %d |\n", r.fn, r.scenario, r.gas)
		}
		return nil
	}
	other, err := measureOn(node(ctx, rpc))
	if err != nil {
		return fmt.Errorf("%s: %w", rpc, err)
	}
	rows, err := sideBySide(other, sim)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, "| function | scenario | anvil | simulated |")
	fmt.Fprintln(w, "| --- | --- | ---: | ---: |")
	for _, r := range rows {
		fmt.Fprintf(w, "| `%s` | %s | %d | %d |\n", r[0].fn, r[0].scenario, r[0].gas, r[1].gas)
	}
	return nil
}

func measureOn(c *chain, err error) ([]row, error) {
	if err != nil {
		return nil, err
	}
	defer c.close()
	return measure(c)
}

// sideBySide pairs the rows of two runs of the same sequence.
func sideBySide(a, b []row) ([][2]row, error) {
	if len(a) != len(b) {
		return nil, fmt.Errorf("runs measured %d and %d functions", len(a), len(b))
	}
	out := make([][2]row, len(a))
	for i := range a {
		if a[i].fn != b[i].fn || a[i].scenario != b[i].scenario {
			return nil, fmt.Errorf("row %d: %s (%s) beside %s (%s)", i, a[i].fn, a[i].scenario, b[i].fn, b[i].scenario)
		}
		out[i] = [2]row{a[i], b[i]}
	}
	return out, nil
}
