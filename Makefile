.PHONY: test contracts gas e2e-geth

# test runs the same command as CI.
test:
	./scripts/test.sh

# contracts recompiles contracts/src with the pinned solc-js and regenerates the bindings.
contracts:
	go generate ./contracts/...

# gas prints the gas used by each ChannelManager function on the simulated chain.
gas:
	go run ./cmd/gasreport

# geth for e2e-geth: built from the Go module proxy once, into a cache outside the tree.
GETH_VERSION := v1.17.10
GETH_DIR ?= $(or $(XDG_CACHE_HOME),$(HOME)/.cache)/vigil/geth-$(GETH_VERSION)
VIGIL_GETH ?= $(GETH_DIR)/geth

# e2e-geth runs the end-to-end scenario (e2e's TestStackOnGeth) against geth --dev,
# building geth first if $(VIGIL_GETH) is absent (several minutes, once). It is not part
# of the test command because of that build. VIGIL_GETH=/path/to/geth uses another binary.
e2e-geth: $(VIGIL_GETH)
	VIGIL_GETH=$(VIGIL_GETH) go test ./e2e/ -run TestStackOnGeth -count=1 -v

$(VIGIL_GETH):
	GOBIN=$(GETH_DIR) go install github.com/ethereum/go-ethereum/cmd/geth@$(GETH_VERSION)
	@test -x $@ || { echo "no geth at $@ (go install put it in $(GETH_DIR))" >&2; exit 1; }
