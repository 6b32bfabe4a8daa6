package disputes

import (
	"fmt"
	"strings"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/vigil-hub/vigil/alert"
	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/store"
)

// staleKey is the key of a stale-close alert: one per outbox entry, so that a challenge
// armed again alerts again, and its confirmation says which alert it resolves.
func staleKey(contract, user common.Address, outbox int64) string {
	return fmt.Sprintf("stale/%s/%s/%d", contract, user, outbox)
}

// keyText says what an outbox entry's key is, for people (store.TxKey's String): a
// state's nonce, a dispute's deadline, a hashlock, the secrets of a batch, or a settled
// nonce and its resolution round.
func keyText(t *store.OutboxTx) string {
	if t.Kind == store.KindRegisterSecrets {
		return secretsText(t)
	}
	k, err := t.Key()
	if err != nil {
		return fmt.Sprintf("key %s", t.Nonce)
	}
	return k.String()
}

// secretsText names the hashlocks a registerSecrets entry publishes the secrets of (the
// first five), or its key when its calldata does not decode.
func secretsText(t *store.OutboxTx) string {
	secrets, err := contracts.RegisteredSecrets(t.Calldata)
	if err != nil || len(secrets) == 0 {
		if k, err := t.Key(); err == nil {
			return k.String()
		}
		return fmt.Sprintf("key %s", t.Nonce)
	}
	if len(secrets) == 1 {
		return fmt.Sprintf("hashlock %s", crypto.Keccak256Hash(secrets[0][:]))
	}
	names := make([]string, 0, 5)
	for _, s := range secrets[:min(len(secrets), 5)] {
		names = append(names, crypto.Keccak256Hash(s[:]).Hex())
	}
	more := ""
	if len(secrets) > len(names) {
		more = fmt.Sprintf(" and %d more", len(secrets)-len(names))
	}
	return fmt.Sprintf("%d secrets, hashlocks %s%s", len(secrets), strings.Join(names, ", "), more)
}

// txAlert is an alert about outbox entry t with the channel's fields filled in: the kind
// for a challenge, or settleKind for a settlement; a secret's registration or a lock
// resolution (the tower's or the hub's) is lock_tx_sent when a settlement's would be
// settle_sent, else lock_tx_failed; a collateral update of the hub hub_tx_sent, else
// hub_tx_failed.
func txAlert(sev alert.Severity, t *store.OutboxTx, challengeKind, settleKind, key, text string) alert.Alert {
	kind := challengeKind
	sent := settleKind == alert.SettleSent
	switch {
	case t.Kind == store.KindChallenge:
	case t.Kind == store.KindSettle:
		kind = settleKind
	case (t.Kind == store.KindRegisterSecret || t.Kind == store.KindRegisterSecrets || t.Kind == store.KindResolveLocks) && sent:
		kind = alert.LockTxSent
	case t.Kind == store.KindRegisterSecret || t.Kind == store.KindRegisterSecrets || t.Kind == store.KindResolveLocks:
		kind = alert.LockTxFailed
	case sent:
		kind = alert.HubTxSent
	default:
		kind = alert.HubTxFailed
	}
	a := alert.Alert{Severity: sev, Kind: kind, Key: key, Text: text, Contract: t.Contract, User: t.User, TxHash: t.TxHash,
		Block: t.BlockNumber, Account: t.Sender}
	if t.Kind == store.KindChallenge {
		a.Nonce, a.Deadline = t.Nonce, t.Deadline
	}
	if a.TxHash == (common.Hash{}) && len(t.Attempts) > 0 {
		a.TxHash = t.Attempts[len(t.Attempts)-1].Hash
	}
	return a
}
