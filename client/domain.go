package client

import "github.com/vigil-hub/vigil/channel"

// Domain is the EIP-712 domain the wallet signs states in: its chain and contract.
func (w *Wallet) Domain() channel.Domain { return w.domain }
