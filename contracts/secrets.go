package contracts

import (
	"fmt"

	"github.com/ethereum/go-ethereum/common"
)

// PackRegisterSecrets returns the calldata of ChannelManager.registerSecrets for secrets,
// in their order: one transaction that registers each secret not registered yet, as
// registerSecret (bindings.ChannelManager.PackRegisterSecret) does for one. An empty list
// packs a call that does nothing.
func PackRegisterSecrets(secrets []common.Hash) []byte {
	words := make([][32]byte, len(secrets))
	for i, s := range secrets {
		words[i] = s
	}
	return managerABI.PackRegisterSecrets(words)
}

// RegisteredSecrets returns the secrets a call registers: registerSecret's one, or
// registerSecrets' list in order. Any other calldata is an error.
func RegisteredSecrets(calldata []byte) ([]common.Hash, error) {
	if len(calldata) < 4 {
		return nil, fmt.Errorf("calldata of %d bytes has no selector", len(calldata))
	}
	parsed := managerABI.GetABI()
	m, err := parsed.MethodById(calldata[:4])
	if err != nil {
		return nil, err
	}
	if m.Name != "registerSecret" && m.Name != "registerSecrets" {
		return nil, fmt.Errorf("calldata calls %s, not registerSecret(s)", m.Name)
	}
	args, err := m.Inputs.Unpack(calldata[4:])
	if err != nil {
		return nil, fmt.Errorf("decode %s: %w", m.Name, err)
	}
	switch v := args[0].(type) {
	case [32]byte:
		return []common.Hash{v}, nil
	case [][32]byte:
		out := make([]common.Hash, len(v))
		for i := range v {
			out[i] = v[i]
		}
		return out, nil
	}
	return nil, fmt.Errorf("decode %s: argument of type %T", m.Name, args[0])
}
