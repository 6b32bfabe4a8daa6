// Command gasreport runs every ChannelManager function on go-ethereum's simulated chain
// and prints the gas each one used as a Markdown table.
package main

import (
	"fmt"
	"os"
)

func main() {
	rows, err := measure()
	if err != nil {
		fmt.Fprintln(os.Stderr, "gasreport:", err)
		os.Exit(1)
	}
	fmt.Println("| function | scenario | gas used |")
	fmt.Println("| --- | --- | ---: |")
	for _, r := range rows {
		fmt.Printf("| `%s` | %s | %d |\n", r.fn, r.scenario, r.gas)
	}
}
