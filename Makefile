.PHONY: test contracts gas

# test runs the same command as CI.
test:
	./scripts/test.sh

# contracts recompiles contracts/src with the pinned solc-js and regenerates the bindings.
contracts:
	go generate ./contracts/...

# gas prints the gas used by each ChannelManager function on the simulated chain.
gas:
	go run ./cmd/gasreport
