package towerapi

import (
	"math/big"
	"net/http"
	"runtime/debug"
	"slices"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/wire"
)

// WithInfo sets what GET /v1/info tells wallets besides the receipt-signing address: the
// chain the tower runs on and the contracts it watches. A server without it answers
// GET /v1/info with 503, and wallets do not back up to it.
func (s *Server) WithInfo(chainID *big.Int, contracts []common.Address) *Server {
	s.info = &wire.TowerInfo{Address: s.signer.Address(), ChainID: channel.Amount{V: new(big.Int).Set(chainID)},
		Contracts: slices.Clone(contracts), Version: buildVersion()}
	return s
}

// getInfo answers GET /v1/info.
func (s *Server) getInfo(w http.ResponseWriter, _ *http.Request) {
	if s.info == nil {
		s.fail(w, reject(http.StatusServiceUnavailable, wire.CodeInternal, "this tower does not say what it watches"))
		return
	}
	writeJSON(w, http.StatusOK, s.info)
}

// buildVersion is the module version and VCS revision the binary was built from.
func buildVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := info.Main.Version
	for _, st := range info.Settings {
		if st.Key == "vcs.revision" {
			v += " " + st.Value
		}
	}
	return v
}
