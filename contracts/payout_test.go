package contracts_test

import (
	"context"
	"math/big"
	"testing"
	"time"

	"github.com/ethereum/go-ethereum"
	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"
	"github.com/ethereum/go-ethereum/signer/core/apitypes"
	"github.com/holiman/uint256"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/contracts/bindings"
	"github.com/vigil-hub/vigil/internal/simchain"
)

// deploy deploys a test contract from carol and returns its address.
func (e *env) deploy(bin string) common.Address {
	e.t.Helper()
	addr, tx, err := bind.DeployContract(e.c.Opts(e.carol), common.FromHex(bin), e.c.Client, nil)
	if err != nil {
		e.t.Fatal(err)
	}
	if _, err := e.c.Mine(tx); err != nil {
		e.t.Fatal(err)
	}
	return addr
}

// delegate gives account a the code at target (EIP-7702), in a transaction carol sends: a
// user's address that looks like a plain account when the hub co-signs can run code.
func (e *env) delegate(a simchain.Account, target common.Address) {
	e.t.Helper()
	ctx := context.Background()
	nonce, err := e.c.Client.PendingNonceAt(ctx, a.Addr)
	if err != nil {
		e.t.Fatal(err)
	}
	auth, err := types.SignSetCode(a.Key, types.SetCodeAuthorization{ChainID: *uint256.MustFromBig(e.c.ChainID), Address: target, Nonce: nonce})
	if err != nil {
		e.t.Fatal(err)
	}
	from := e.carol.Addr
	// Sent to carol herself: a call to a would run the code it gets.
	gas, err := e.c.Client.EstimateGas(ctx, ethereum.CallMsg{From: from, To: &from, AuthorizationList: []types.SetCodeAuthorization{auth}})
	if err != nil {
		e.t.Fatal(err)
	}
	carolNonce, err := e.c.Client.PendingNonceAt(ctx, from)
	if err != nil {
		e.t.Fatal(err)
	}
	head, err := e.c.Client.HeaderByNumber(ctx, nil)
	if err != nil {
		e.t.Fatal(err)
	}
	tip := uint256.NewInt(1e9)
	feeCap := new(uint256.Int).Add(uint256.MustFromBig(new(big.Int).Mul(head.BaseFee, big.NewInt(2))), tip)
	tx, err := types.SignNewTx(e.carol.Key, types.LatestSignerForChainID(e.c.ChainID), &types.SetCodeTx{
		ChainID: uint256.MustFromBig(e.c.ChainID), Nonce: carolNonce, GasTipCap: tip, GasFeeCap: feeCap, Gas: gas,
		To: from, Value: new(uint256.Int), AuthList: []types.SetCodeAuthorization{auth}})
	if err != nil {
		e.t.Fatal(err)
	}
	if err := e.c.Client.SendTransaction(ctx, tx); err != nil {
		e.t.Fatal(err)
	}
	if _, err := e.c.Mine(tx); err != nil {
		e.t.Fatal(err)
	}
	if code, _ := e.c.Client.CodeAt(ctx, a.Addr, nil); len(code) == 0 {
		e.t.Fatalf("%s has no code after the delegation", a.Addr)
	}
}

// TestHostileUserCannotFreezeSettlement: users whose addresses run code (EIP-7702) refuse
// ether cheaply, with a return-data bomb, or by burning all the gas they get. Settling
// their channels and resolving their locks costs, for the bomb and the burner, what it
// costs for the cheap refuser plus at most a small bound; every refused payout is owed to
// its user, who withdraws it to another address.
func TestHostileUserCannotFreezeSettlement(t *testing.T) {
	e := newEnv(t, 5)
	warmup, refuser, bomb, sink, plain := e.more[0], e.more[1], e.more[2], e.more[3], e.more[4]
	refuserCode := e.deploy(bindings.RefuserMetaData.Bin)
	targets := map[common.Address]common.Address{
		warmup.Addr:  refuserCode, // settled first, so that no measured settle is the first to owe
		refuser.Addr: refuserCode,
		bomb.Addr:    e.deploy(bindings.ReturnBombMetaData.Bin),
		sink.Addr:    e.deploy(bindings.GasSinkMetaData.Bin),
	}
	users := []simchain.Account{warmup, refuser, bomb, sink, plain}
	expiry := new(big.Int).SetUint64(e.c.Now() + 3*challengePeriod)
	states := map[common.Address]*channel.State{}
	locks := map[common.Address][]channel.Lock{}
	for i, u := range users {
		s := e.open(u, 10, 4, 10, 0)
		ls := []channel.Lock{{Sender: channel.Hub, AmountWei: eth(1), AmountToken: new(big.Int),
			Hashlock: channel.HashSecret(secret(byte(0x80 + i))), Expiry: expiry}}
		states[u.Addr], locks[u.Addr] = lockedState(t, s, ls), ls
		e.register(byte(0x80 + i)) // the lock pays the user
		if target, ok := targets[u.Addr]; ok {
			e.delegate(u, target)
		}
		if err := e.exitWithUpdate(e.hub, states[u.Addr]); err != nil {
			t.Fatal(err)
		}
	}
	e.advance(challengePeriod * time.Second)

	settleGas := map[common.Address]uint64{}
	resolveGas := map[common.Address]uint64{}
	for _, u := range users {
		r, err := e.send(e.carol, e.c.Manager, nil, e.m.PackSettle(u.Addr))
		if err != nil {
			t.Fatalf("settle %s: %v", u.Addr, err)
		}
		settleGas[u.Addr] = r.GasUsed
		r, err = e.resolveLocks(states[u.Addr], locks[u.Addr])
		if err != nil {
			t.Fatalf("resolve the locks of %s: %v", u.Addr, err)
		}
		resolveGas[u.Addr] = r.GasUsed
	}
	t.Logf("settle gas: plain %d, refuser %d, return-data bomb %d, gas burner %d",
		settleGas[plain.Addr], settleGas[refuser.Addr], settleGas[bomb.Addr], settleGas[sink.Addr])
	t.Logf("resolveLocks gas: plain %d, refuser %d, return-data bomb %d, gas burner %d",
		resolveGas[plain.Addr], resolveGas[refuser.Addr], resolveGas[bomb.Addr], resolveGas[sink.Addr])
	// The receiver gets the 2,300 gas stipend and nothing of its return data is copied.
	const bound = 2300 + 1000
	for _, u := range []simchain.Account{bomb, sink} {
		if settleGas[u.Addr] > settleGas[refuser.Addr]+bound {
			t.Errorf("settle for %s cost %d gas, the refuser's %d: more than %d above", u.Addr, settleGas[u.Addr], settleGas[refuser.Addr], bound)
		}
		if resolveGas[u.Addr] > resolveGas[refuser.Addr]+bound {
			t.Errorf("resolveLocks for %s cost %d gas, the refuser's %d: more than %d above", u.Addr, resolveGas[u.Addr], resolveGas[refuser.Addr], bound)
		}
	}

	// What was refused is owed to each user (balance and lock); tokens were paid.
	for _, u := range []simchain.Account{warmup, refuser, bomb, sink} {
		w, k := e.owed(u.Addr)
		want := new(big.Int).Add(states[u.Addr].WeiBalances[channel.User], eth(1))
		if w.Cmp(want) != 0 || k.Sign() != 0 {
			t.Errorf("owed to %s: %s wei, %s tokens; want %s wei", u.Addr, w, k, want)
		}
		// A fresh address: the user's with its first byte flipped, so never the user's own
		// (a user whose address began 0xee withdrew to itself, delegated to a refuser).
		to := u.Addr
		to[0] ^= 0xff
		e.must(e.send(u, e.c.Manager, nil, e.m.PackWithdrawOwed(channel.AssetWei, to)))
		if got := e.c.Balance(to); got.Cmp(want) != 0 {
			t.Errorf("%s withdrew %s to %s, want %s", u.Addr, got, to, want)
		}
	}
	if w, _ := e.owed(plain.Addr); w.Sign() != 0 {
		t.Errorf("owed to a plain account %s: it takes ether", w)
	}
}

// TestHostileRecipientCannotInflateAWithdrawal: a withdrawal's recipient that bombs or
// burns gas costs the hub's authorized update at most a small bound over a cheap refuser;
// the refused withdrawal is owed to the user, who has it sent elsewhere.
func TestHostileRecipientCannotInflateAWithdrawal(t *testing.T) {
	e := newEnv(t, 3)
	recipients := []common.Address{
		e.deploy(bindings.RefuserMetaData.Bin),
		e.deploy(bindings.ReturnBombMetaData.Bin),
		e.deploy(bindings.GasSinkMetaData.Bin),
	}
	var gas []uint64
	for i, to := range recipients {
		u := e.more[i]
		conf := e.open(u, 10, 0, 0, 0)
		s := conf.Clone()
		s.Nonce.SetInt64(3)
		s.OnchainNonce.SetInt64(2)
		s.Recipient = to
		s.WeiBalances[channel.User] = eth(6)
		s.PendingWei[channel.UserWithdrawal] = eth(4)
		s.Timeout.SetUint64(e.c.Now() + 600)
		r, err := e.send(e.hub, e.c.Manager, nil, e.m.PackHubAuthorizedUpdate(contracts.State(s), e.signWith(e.c.Domain, s, u.Addr)))
		if err != nil {
			t.Fatalf("withdrawal to %s: %v", to, err)
		}
		gas = append(gas, r.GasUsed)
		if w, _ := e.owed(u.Addr); w.Cmp(eth(4)) != 0 {
			t.Errorf("owed to the user after a refused withdrawal: %s, want 4 ether", w)
		}
		elsewhere := common.BytesToAddress([]byte{0xab, byte(i)})
		e.must(e.send(u, e.c.Manager, nil, e.m.PackWithdrawOwed(channel.AssetWei, elsewhere)))
		if got := e.c.Balance(elsewhere); got.Cmp(eth(4)) != 0 {
			t.Errorf("withdrawn elsewhere: %s, want 4 ether", got)
		}
	}
	t.Logf("hubAuthorizedUpdate gas: refuser %d, return-data bomb %d, gas burner %d", gas[0], gas[1], gas[2])
	for i := 1; i < 3; i++ {
		if gas[i] > gas[0]+2300+1000 {
			t.Errorf("withdrawal to hostile recipient %d cost %d gas, the refuser's %d", i, gas[i], gas[0])
		}
	}
}

// TestSettlementPaysTheUserNotTheRecipient: the user withdrew once to an exchange address;
// a later dispute, even with a state that still names that address, settles the balance and
// the locks to the user itself.
func TestSettlementPaysTheUserNotTheRecipient(t *testing.T) {
	e := newEnv(t)
	conf := e.open(e.alice, 10, 0, 10, 0)
	exchange := common.HexToAddress("0x00000000000000000000000000000000000Ec4a6")
	w := conf.Clone()
	w.Nonce.SetInt64(3)
	w.OnchainNonce.SetInt64(2)
	w.Recipient = exchange
	w.WeiBalances[channel.User] = eth(8)
	w.PendingWei[channel.UserWithdrawal] = eth(2)
	w.Timeout.SetUint64(e.c.Now() + 600)
	if err := e.hubUpdate(w); err != nil {
		t.Fatal(err)
	}
	// A later final state that carries the recipient on, with a lock paying the user.
	later := w.Clone()
	later.Nonce.SetInt64(4)
	for i := range 4 {
		later.PendingWei[i], later.PendingToken[i] = new(big.Int), new(big.Int)
	}
	later.Timeout = new(big.Int)
	ls := []channel.Lock{{Sender: channel.Hub, AmountWei: eth(1), AmountToken: new(big.Int),
		Hashlock: channel.HashSecret(secret('R')), Expiry: new(big.Int).SetUint64(e.c.Now() + 3*challengePeriod)}}
	locked := lockedState(t, later, ls)
	e.register('R')
	userBefore := e.c.Balance(e.alice.Addr)
	e.settleWith(e.alice, locked)
	if _, err := e.resolveLocks(locked, ls); err != nil {
		t.Fatal(err)
	}
	if got := e.c.Balance(exchange); got.Cmp(eth(2)) != 0 {
		t.Errorf("the withdrawal address holds %s, want only the 2 ether withdrawn to it", got)
	}
	if got := new(big.Int).Sub(e.c.Balance(e.alice.Addr), userBefore); got.Cmp(eth(9)) != 0 {
		t.Errorf("the user received %s, want its 8 ether balance and the 1 ether lock", got)
	}
}

// TestWithdrawOwed: owed payouts are withdrawn per asset, to any address, by the owner or
// by anyone holding the owner's signature for that address and amount, once.
func TestWithdrawOwed(t *testing.T) {
	e := newEnv(t, 1)
	u := e.more[0]
	refuser := e.deploy(bindings.RefuserMetaData.Bin)
	e.open(u, 5, 3, 5, 0)
	e.delegate(u, refuser)
	e.must(e.send(e.hub, e.c.Token, nil, e.tok.PackSetReturnFalse(true))) // the token refuses too
	if err := e.startExit(e.hub, u.Addr); err != nil {
		t.Fatal(err)
	}
	e.advance(challengePeriod * time.Second)
	if err := e.settle(e.carol, u.Addr); err != nil {
		t.Fatal(err)
	}
	e.must(e.send(e.hub, e.c.Token, nil, e.tok.PackSetReturnFalse(false)))
	if w, k := e.owed(u.Addr); w.Cmp(eth(5)) != 0 || k.Cmp(eth(3)) != 0 {
		t.Fatalf("owed %s wei, %s tokens; want 5 ether and 3 tokens", w, k)
	}
	_, err := e.send(u, e.c.Manager, nil, e.m.PackWithdrawOwed(7, u.Addr))
	e.expectRevert(err, "InvalidAsset")
	_, err = e.send(e.carol, e.c.Manager, nil, e.m.PackWithdrawOwed(channel.AssetWei, e.carol.Addr))
	e.expectRevert(err, "NothingOwed")

	// Tokens, by the owner, to another address; the ether stays owed.
	tokTo := common.HexToAddress("0x0000000000000000000000000000000000007070")
	e.must(e.send(u, e.c.Manager, nil, e.m.PackWithdrawOwed(channel.AssetToken, tokTo)))
	if got := e.c.TokenBalance(tokTo); got.Cmp(eth(3)) != 0 {
		t.Errorf("token withdrawal delivered %s, want 3 ether", got)
	}
	if w, k := e.owed(u.Addr); w.Cmp(eth(5)) != 0 || k.Sign() != 0 {
		t.Errorf("owed after the token withdrawal: %s wei, %s tokens", w, k)
	}

	// Ether, by carol on the owner's signature (the owner's address refuses ether and the
	// owner has no gas to spend, say).
	weiTo := common.HexToAddress("0x0000000000000000000000000000000000007071")
	nonce, err := callUint(e, e.m.PackOwedWithdrawalNonce(u.Addr), e.m.UnpackOwedWithdrawalNonce)
	if err != nil {
		t.Fatal(err)
	}
	if nonce.Cmp(big.NewInt(1)) != 0 {
		t.Errorf("owed withdrawal nonce %s after the owner's token withdrawal, want 1", nonce)
	}
	w := channel.OwedWithdrawal{Owner: u.Addr, Asset: channel.AssetWei, To: weiTo, Amount: eth(5), Nonce: nonce,
		Deadline: new(big.Int).SetUint64(e.c.Now() + 3600)}
	digest, err := e.c.Domain.OwedWithdrawalDigest(w)
	if err != nil {
		t.Fatal(err)
	}
	onchain, err := bind.Call(e.c.Manager, nil, e.m.PackOwedWithdrawalDigest(u.Addr, w.Asset, weiTo, w.Amount, nonce, w.Deadline), e.m.UnpackOwedWithdrawalDigest)
	if err != nil || common.Hash(onchain) != digest {
		t.Fatalf("owed withdrawal digest: contract %x (%v), Go %s", onchain, err, digest)
	}
	if wallet, _, err := apitypes.TypedDataAndHash(e.c.Domain.OwedWithdrawalTypedData(w)); err != nil || common.BytesToHash(wallet) != digest {
		t.Fatalf("owed withdrawal typed data digest %x (%v), Go %s", wallet, err, digest)
	}
	sig, err := channel.Sign(digest, u.Key)
	if err != nil {
		t.Fatal(err)
	}
	other := common.HexToAddress("0x0000000000000000000000000000000000007072")
	_, err = e.send(e.carol, e.c.Manager, nil, e.m.PackWithdrawOwedFor(u.Addr, channel.AssetWei, other, w.Amount, w.Deadline, sig))
	e.expectRevert(err, "InvalidSignature") // the signature names weiTo
	carolSig, _ := channel.Sign(digest, e.carol.Key)
	_, err = e.send(e.carol, e.c.Manager, nil, e.m.PackWithdrawOwedFor(u.Addr, channel.AssetWei, weiTo, w.Amount, w.Deadline, carolSig))
	e.expectRevert(err, "InvalidSignature")
	e.must(e.send(e.carol, e.c.Manager, nil, e.m.PackWithdrawOwedFor(u.Addr, channel.AssetWei, weiTo, w.Amount, w.Deadline, sig)))
	if got := e.c.Balance(weiTo); got.Cmp(eth(5)) != 0 {
		t.Errorf("signed withdrawal delivered %s, want 5 ether", got)
	}
	_, err = e.send(e.carol, e.c.Manager, nil, e.m.PackWithdrawOwedFor(u.Addr, channel.AssetWei, weiTo, w.Amount, w.Deadline, sig))
	e.expectRevert(err, "InvalidSignature") // used: the nonce moved on
}
