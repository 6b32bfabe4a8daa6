package alert

import (
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/internal/redact"
	"github.com/vigil-hub/vigil/internal/wei"
)

// The alerts the upkeep jobs raise, built in one place so that their keys pair a
// condition with its resolution. err texts are redacted of secrets by the caller's
// secrets list.

// JobFailedAlert says a scheduled job failed (or panicked) with err.
func JobFailedAlert(job string, err error, secrets ...string) Alert {
	return Alert{Severity: Warning, Kind: JobFailed, Key: "job/" + job, Job: job,
		Text: redact.String(fmt.Sprintf("Scheduled job %s failed: %v", job, err), secrets...)}
}

// JobRecoveredAlert resolves JobFailedAlert(job): the job succeeded again.
func JobRecoveredAlert(job string) Alert {
	return Alert{Severity: Info, Kind: JobFailed, Key: "job-ok/" + job, Resolves: "job/" + job, Job: job,
		Text: fmt.Sprintf("Scheduled job %s succeeded again.", job)}
}

// IndexerBehindAlert says the indexer is lag blocks behind the chain head (at block
// indexed of head), or has seen no new head for stalled (zero: not stalled).
func IndexerBehindAlert(indexed, head uint64, stalled time.Duration) Alert {
	text := fmt.Sprintf("Indexer at block %d, %d blocks behind the head %d.", indexed, head-min(indexed, head), head)
	if stalled > 0 {
		text = fmt.Sprintf("No new chain head for %s (indexer at block %d).", stalled.Round(time.Second), indexed)
	}
	return Alert{Severity: Warning, Kind: IndexerBehind, Key: "indexer-behind", Block: indexed, Text: text}
}

// IndexerCaughtUpAlert resolves IndexerBehindAlert.
func IndexerCaughtUpAlert(indexed uint64) Alert {
	return Alert{Severity: Info, Kind: IndexerBehind, Key: "indexer-ok", Resolves: "indexer-behind", Block: indexed,
		Text: fmt.Sprintf("Indexer caught up (block %d).", indexed)}
}

// GasFloorAlert says the sending account holds bal wei, below floor: top it up before a
// challenge finds it short.
func GasFloorAlert(account common.Address, bal, floor *big.Int) Alert {
	return Alert{Severity: Critical, Kind: GasLow, Key: "gas-floor/" + account.Hex(), Account: account, Balance: bal,
		Text: fmt.Sprintf("Account %s holds %s, below the floor of %s: top it up.", account, wei.Text(bal), wei.Text(floor))}
}

// GasFloorOKAlert resolves GasFloorAlert(account): it holds floor or more again.
func GasFloorOKAlert(account common.Address, bal, floor *big.Int) Alert {
	return Alert{Severity: Info, Kind: GasLow, Key: "gas-floor-ok/" + account.Hex(), Resolves: "gas-floor/" + account.Hex(),
		Account: account, Balance: bal, Text: fmt.Sprintf("Account %s holds %s again, above the floor of %s.", account, wei.Text(bal), wei.Text(floor))}
}

// RPCUnreachableAlert says all n RPC endpoints failed; err is the last failure (redact
// provider keys with secrets).
func RPCUnreachableAlert(n int, err error, secrets ...string) Alert {
	return Alert{Severity: Critical, Kind: RPCUnreachable, Key: "rpc-unreachable",
		Text: redact.String(fmt.Sprintf("All %d RPC endpoints are unreachable: %v", n, err), secrets...)}
}

// RPCReachableAlert resolves RPCUnreachableAlert.
func RPCReachableAlert(up, n int) Alert {
	return Alert{Severity: Info, Kind: RPCUnreachable, Key: "rpc-ok", Resolves: "rpc-unreachable",
		Text: fmt.Sprintf("%d of %d RPC endpoints answer again.", up, n)}
}

// StorageFullAlert says the database is at its high-water mark (why says which) and the
// tower refuses deposits to keep the rest for indexing, challenges and the outbox.
func StorageFullAlert(why string) Alert {
	return Alert{Severity: Critical, Kind: StorageFull, Key: "storage-full",
		Text: fmt.Sprintf("The database is at its high-water mark: %s. Deposits are refused (507) to keep the room left for disputes; grow the budget or the disk.", why)}
}

// StorageOKAlert resolves StorageFullAlert: the database is below its mark again.
func StorageOKAlert(bytes int64) Alert {
	return Alert{Severity: Info, Kind: StorageFull, Key: "storage-ok", Resolves: "storage-full",
		Text: fmt.Sprintf("The database is below its high-water mark again (%d bytes); deposits are accepted.", bytes)}
}

// LogSkippedAlert says a log of a watched contract did not decode and was skipped: the
// contract at that address is not the ChannelManager its events say, or emitted something
// this release cannot read. Indexing goes on.
func LogSkippedAlert(contract common.Address, block uint64, tx common.Hash, err error) Alert {
	return Alert{Severity: Warning, Kind: LogSkipped, Key: fmt.Sprintf("log-skipped/%s/%s", contract, tx), Contract: contract, Block: block,
		TxHash: tx, Text: fmt.Sprintf("A log of contract %s in block %d (transaction %s) does not decode and was skipped; indexing goes on: %v",
			contract, block, tx, err)}
}
