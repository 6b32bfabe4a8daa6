package e2e

import (
	"crypto/ecdsa"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/crypto"

	"github.com/vigil-hub/vigil/internal/testkit/anvil"
)

// TestWalletMistakesOnAnvil drives `chanctl` as a new user would on anvil: a deposit
// from an account holding nothing is refused before the hub is asked, naming what the
// account holds and what the deposit needs in ether, and leaves nothing pending (retry
// and abandon say there is nothing to do); once the account is funded the same deposit
// goes through. Then a payment to a payee the hub holds no collateral toward waits, with
// progress on standard error, for the top-up the online payee co-signs, and pays.
func TestWalletMistakesOnAnvil(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binaries and starts an external node")
	}
	node := anvilNode{anvil.Start(t, 1)}
	s := newStack(t, node)
	s.deployManager(node, "1h")
	s.fund(node.Key(0), s.manager, "100")
	s.startHub()

	key, err := crypto.GenerateKey()
	if err != nil {
		t.Fatal(err)
	}
	carolAddr := crypto.PubkeyToAddress(key.PublicKey)
	carol, bob := s.towerlessUser("carol", key), s.towerlessUser("bob", node.Key(2))
	s.until("the hub to answer", func() bool { _, err := s.ctl(bob, "status"); return err == nil })

	out, err := s.ctl(carol, "deposit", "1", "ether")
	if err == nil {
		t.Fatalf("a deposit from an empty account went through:\n%s", out)
	}
	for _, want := range []string{"your account " + carolAddr.Hex() + " holds 0 ether", "this deposit needs 1 ether plus about", "fund the account"} {
		if !strings.Contains(out, want) {
			t.Errorf("the refused deposit does not say %q:\n%s", want, out)
		}
	}
	if st := s.status(carol); strings.Contains(st, "pending") || !strings.Contains(st, "nonce 0 ") {
		t.Errorf("status after the refused deposit shows something pending or asked:\n%s", st)
	}
	for _, cmd := range []string{"retry", "abandon"} {
		if out, err := s.ctl(carol, cmd); err == nil || !strings.Contains(out, "no on-chain operation is pending") {
			t.Errorf("%s with nothing pending: %v\n%s", cmd, err, out)
		}
	}

	s.fund(node.Key(1), carolAddr, "2")
	if out, err := s.ctl(carol, "deposit", "1", "ether"); err != nil {
		t.Fatalf("deposit after funding: %v\n%s", err, out)
	}
	idle := func(cfg, wei string) func() bool {
		return func() bool {
			st := s.status(cfg)
			return strings.Contains(st, "you "+wei+" wei") && !strings.Contains(st, "pending")
		}
	}
	s.until("carol's deposit to be confirmed", idle(carol, "1000000000000000000"))

	if out, err := s.ctl(bob, "deposit", "1", "ether"); err != nil {
		t.Fatalf("bob deposit: %v\n%s", err, out)
	}
	s.until("bob's deposit to be confirmed", idle(bob, "1000000000000000000"))
	s.start("bob listen", "chanctl", "--config", bob, "listen")
	bobAddr := crypto.PubkeyToAddress(node.Key(2).PublicKey)
	out, err = s.ctl(carol, "pay", "--wait", "90s", bobAddr.Hex(), "0.5", "ether")
	if err != nil {
		t.Fatalf("pay waiting for the top-up: %v\n%s", err, out)
	}
	for _, want := range []string{"waiting up to 1m30s for its top-up", "paid after the top-up", "paid 500000000000000000 wei"} {
		if !strings.Contains(out, want) {
			t.Errorf("pay does not say %q:\n%s", want, out)
		}
	}
	s.until("bob to be paid", func() bool { return strings.Contains(s.status(bob), "you 1500000000000000000 wei") })
}

// towerlessUser writes a chanctl config backing up to no tower; it returns its path.
func (s *stack) towerlessUser(name string, key *ecdsa.PrivateKey) string {
	s.t.Helper()
	p := filepath.Join(s.dir, name+".yaml")
	writeFile(s.t, p, fmt.Sprintf("hub: %s\nrpc: %s\ncontract: %q\nkeystore: {path: %q, password_env: VIGIL_KEYSTORE_PASSWORD}\nstate: %q\n",
		s.hubURL, s.node.HTTP(), s.manager.Hex(), s.keystore(name, key), filepath.Join(s.dir, name+"-state.json")))
	return p
}
