package wire_test

import (
	"math/big"
	"testing"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/vigil-hub/vigil/wire"
)

// TestWebhookSignature: a registration verifies for its signer, and changing anything
// it binds (chain, contract, user, URL, format, timestamp) breaks it.
func TestWebhookSignature(t *testing.T) {
	key, _ := crypto.GenerateKey()
	user := crypto.PubkeyToAddress(key.PublicKey)
	chain, contract := big.NewInt(1), common.HexToAddress("0xc0ffee")
	r := wire.WebhookRegistration{URL: "https://hooks.slack.com/services/T/B/x", Format: wire.WebhookSlack, Timestamp: 1795000000}
	if err := wire.SignWebhook(&r, chain, contract, key); err != nil {
		t.Fatal(err)
	}
	if err := wire.VerifyWebhook(r, chain, contract, user); err != nil {
		t.Fatalf("verify: %v", err)
	}
	tampered := map[string]func() error{
		"chain":    func() error { return wire.VerifyWebhook(r, big.NewInt(2), contract, user) },
		"contract": func() error { return wire.VerifyWebhook(r, chain, common.HexToAddress("0xc0ffef"), user) },
		"user":     func() error { return wire.VerifyWebhook(r, chain, contract, common.HexToAddress("0x1")) },
		"url":      func() error { x := r; x.URL += "y"; return wire.VerifyWebhook(x, chain, contract, user) },
		"format":   func() error { x := r; x.Format = wire.WebhookJSON; return wire.VerifyWebhook(x, chain, contract, user) },
		"time":     func() error { x := r; x.Timestamp++; return wire.VerifyWebhook(x, chain, contract, user) },
	}
	for name, verify := range tampered {
		if verify() == nil {
			t.Errorf("a registration with another %s verifies", name)
		}
	}
	// The URL and the format cannot be shifted into one another.
	a := wire.WebhookDigest(chain, contract, user, "https://x/slack", "json", 1)
	b := wire.WebhookDigest(chain, contract, user, "https://x/", "slackjson", 1)
	if string(a) == string(b) {
		t.Error("digest is ambiguous")
	}
}
