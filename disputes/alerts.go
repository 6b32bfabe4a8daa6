package disputes

import (
	"fmt"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/alert"
	"github.com/vigil-hub/vigil/store"
)

// staleKey is the key of a stale-close alert: one per outbox entry, so that a challenge
// armed again alerts again, and its confirmation says which alert it resolves.
func staleKey(contract, user common.Address, outbox int64) string {
	return fmt.Sprintf("stale/%s/%s/%d", contract, user, outbox)
}

// txAlert is an alert about outbox entry t with the channel's fields filled in: the kind
// for a challenge, or settleKind for a settlement; one of the hub's own transactions is
// hub_tx_sent when a settlement's would be settle_sent, else hub_tx_failed.
func txAlert(sev alert.Severity, t *store.OutboxTx, challengeKind, settleKind, key, text string) alert.Alert {
	kind := challengeKind
	switch {
	case t.Kind == store.KindChallenge:
	case t.Kind == store.KindSettle:
		kind = settleKind
	case settleKind == alert.SettleSent:
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
