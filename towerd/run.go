package towerd

import (
	"context"
	"crypto/ecdsa"
	"log/slog"

	"github.com/vigil-hub/vigil/daemon"
)

// LoadKey decrypts the tower's keystore file.
func LoadKey(cfg *Config) (*ecdsa.PrivateKey, error) {
	return cfg.Keystore.Load()
}

// Run is `watchtower run`: it opens what cfg names — the keystore, the database, the RPC
// endpoints — builds the tower on them (New) and runs it until ctx ends.
func Run(ctx context.Context, cfg *Config, log *slog.Logger) error {
	if log == nil {
		log = slog.Default()
	}
	key, err := LoadKey(cfg)
	if err != nil {
		return err
	}
	st, err := OpenStore(ctx, cfg.Database.URL)
	if err != nil {
		return err
	}
	defer st.Close()
	m := NewMetrics()
	chain, err := daemon.Dial(ctx, cfg.Chain, m, log)
	if err != nil {
		return err
	}
	defer chain.Close()
	t, err := New(ctx, Deps{Config: cfg, Key: key, Store: st, Node: chain, ChainID: chain.ID(), Endpoints: chain.Endpoints(),
		Metrics: m, Log: log})
	if err != nil {
		return err
	}
	return t.Run(ctx)
}
