package channel

import (
	"encoding/json"
	"fmt"
)

// TypedDataJSON is the eth_signTypedData_v4 JSON of s that a wallet signs (MetaMask,
// ethers' signTypedData, `cast wallet sign --data`): TypedData's types, primary type and
// message, with a domain of exactly name, version, chainId and verifyingContract —
// go-ethereum's TypedDataDomain would add an empty salt, which wallets refuse.
func (d Domain) TypedDataJSON(s *State) ([]byte, error) {
	td := d.TypedData(s)
	out := struct {
		Types       any            `json:"types"`
		PrimaryType string         `json:"primaryType"`
		Domain      map[string]any `json:"domain"`
		Message     any            `json:"message"`
	}{td.Types, td.PrimaryType, map[string]any{"name": td.Domain.Name, "version": td.Domain.Version,
		"chainId": d.ChainID.String(), "verifyingContract": td.Domain.VerifyingContract}, td.Message}
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		return nil, fmt.Errorf("typed data: %w", err)
	}
	return b, nil
}
