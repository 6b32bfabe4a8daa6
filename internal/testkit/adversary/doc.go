// Package adversary is an adversarial simulation of a Vigil hub and its users (issue 26,
// deliverable 6).
//
// A seed expands (Generate: math/rand/v2's PCG seeded with it, plus optional fuzzer
// bytes) into a Schedule: 2-4 users, at most one hostile party (nobody, the hub, or one
// user), and a list of actions. Run executes it against the real hub — hub.Hub over a
// real store (SQLite, or PostgreSQL), its watcher indexer feeding the hub and the
// dispute engine, one disputes.Sender for the hub's account, the sweeper, and hubapi on
// loopback, wired as hub/harness_test.go wires them — and client.Wallets talking to it
// over HTTP, on go-ethereum's simulated chain (internal/simchain) with a 60-second
// challenge period and locks of 30-130 seconds. Every wallet talks through a proxy of
// its own, which passes everything through unless a hostile hub tells it otherwise.
//
// # Actions
//
// deposit, collateral, pay (the payee co-signs the forward; with Pick 1 it claims and
// the payer co-signs the collect), claim, sync, withdraw, exit (an honest user with
// Wallet.Exit; a hostile one with any final state of its history above the on-chain
// nonce, or startExit), challenge, settle (by a third account), advance (the chain's
// clock), register (a lock's secret on-chain, whenever that is: possibly late),
// offline/online (an offline wallet answers nothing), crash/restart of the hub process
// over the same database, lag/catchup (the hub's indexer's node fails FilterLogs).
// A hostile user also: co-signs every proposal the hub shows unchecked (cosign-all,
// through the hub's API), and asks the hub to pay from its newest state whatever the
// chain says (pay-stale: a dispute or a settlement). A hostile hub also: exits a
// user's channel with any state of the user's history (it stops its process, whose
// sender holds its account's nonces, and sends the exit itself), refuses a user's
// requests (withholding), sends none of its transactions (mute: no registration, no
// challenge), and shows a wallet, signed with its key, a proposal the real hub never
// made — a reclaim of an incoming lock, a collect of an outgoing lock, a top-up whose
// timeout is far away — keeping the wallet's co-signature if given, alone or as a batch
// (hub-batch): a fair forward toward the user with a fresh hashlock, which a wallet
// co-signs on its own, and on top of it one of those, keeping co-signatures of either.
//
// Between actions honest users react: an online honest user whose channel is disputed
// with a state older than its newest final co-signed state challenges with it (the
// wallet has no challenge call; this stands in for the user's watchtower). No separate
// watchtower process runs.
//
// Every co-signed state of every user is recorded: the wallet's state file is a
// journal of its newest states, read after every action, plus states a hostile user
// co-signed through the hub's API and states a hostile hub injected. Each is stamped
// with the chain time before and after the action it appeared in.
//
// # Drain
//
// Hostility stops, the indexer catches up, the hub runs, honest users come online and
// sync and claim. Every channel holding funds is closed on-chain: an honest user with
// Wallet.Exit, the hostile user with its newest final state. Then, in rounds: honest
// users answer disputes, the hub is let idle (indexer caught up, outbox empty), the
// clock passes every deadline and every channel past it is settled, the clock passes
// every lock expiry, and lock pools left after the hub's turn are resolved by a third
// account with the settled state (found by its digest among the recorded states and the
// hub's store).
//
// # Invariants, in wei (the simulation moves no token)
//
// The ledger reads every event of the contract. Per user u, each event is a flow with
// the nonce it belongs to:
//
//	ChannelUpdated(n):       pendingWei[userWithdrawal] − pendingWei[userDeposit]
//	Settled(n):              weiBalances[user]
//	LockResolved(n, i):      amountWei when lock i of the state settled at n pays u
//	                         (toReceiver and the hub sent it, or not toReceiver and u did)
//	LockPoolClosed(n):       returnedWei[user]
//
// (a payout the contract could not deliver is owed to u, still u's: PayoutDeferred only
// moves it from "paid out" to "owed" in the conservation sum).
//
// Conservation:
//
//	balance(contract) = Σ HubReserveFunded + Σ user deposits
//	                    − (Σ user payouts − Σ PayoutDeferred) − Σ OwedWithdrawn − Σ HubReserveWithdrawn
//	totalChannelWei   = Σ_u getChannel(u).totalWei + Σ open lock pools' heldWei
//	totalOwedWei      = Σ_u owedWei(u)
//	balance(contract) = Σ_u getChannel(u).totalWei + Σ heldWei + hubReserveWei + totalOwedWei
//
// and after the drain no channel is disputed and no lock pool holds anything.
//
// An honest user u (not hostile, and not left unguarded: offline, with no tower, when a
// hostile hub opened a dispute of its channel) with newest co-signed state S receives
// at least what S gives it:
//
//	got(u)   = Σ_all flows(u) + getChannel(u).weiBalances[user]
//	worth(S) = S.weiBalances[user] + S.pendingWei[userWithdrawal]
//	           + Σ_{lock L of S decided to u} L.amountWei
//	           + Σ flows(u) of nonce < S.nonce that S builds on
//	got(u) ≥ worth(S)
//
// A lock is decided to u when the chain pays it to u: its secret registered at or
// before its expiry (secretRegisteredAt) and the hub sent it, or not and u sent it.
// A flow S builds on is an execution's with a lower nonce, or a settlement's (or its
// lock pool's) with a lower nonce followed by a restart (an empty state) at or below
// S's nonce — a settlement of an older state without a restart since is what S lost,
// not what it holds. A proposal S counts the same whether executed or not: executed, u
// paid pendingWei[userDeposit] in and got pendingWei[userWithdrawal] out, and the
// channel holds weiBalances[user] + pendingWei[userDeposit]; unexecuted, the contract
// gives back the withdrawal and ignores the deposit.
//
// Each step of an honest user's history (nonces n → n+1) that removes exactly one lock
// and gives its amount to the hub alone must agree with the chain: not a hub lock whose
// secret was registered in time (a reclaim of what the chain pays the user), and not
// the user's lock after its expiry (the step appeared after it) without a registration
// in time (a late collect). And no honest user co-signs a proposal whose timeout is more
// than the hub's maximum plus a minute past the chain time it was signed by (a channel
// frozen until then). An honest user co-signs no state of a batch a hostile hub showed
// when a step of the batch is unfair by these two rules: the wallet refuses such a batch
// whole. (The history's checks alone miss it: one signature covers several states, so
// the fair state under the unfair one may be all that is signed, or the unfair one with
// no signed state under it.)
//
// An honest hub pays out no more than it collects: it charges no fees and every
// payment it forwards it collects, so
//
//	hubReserveWei + Σ HubReserveWithdrawn + Σ_u getChannel(u).weiBalances[hub] − Σ HubReserveFunded ≥ 0.
//
// # Class seeds
//
// Some corpus seeds are built around one of issue 26's bugs (seed % 10 picks the
// template, but for seed % 20 == 12: classOf; classSeeds lists them), each checked to
// fail with its fix taken out:
// settled-channel-pays (3, 13) and disputed-channel-pays (8, 18) with the hub's phase
// check disabled (the honest hub loses the payment); reclaim-in-time (5) and late-collect
// (6) with the wallet's rules disabled (the lock check fails). The lagging-withdrawal
// seeds (4, 14) pass even with both the hub's chain read and its sweep gate disabled: the
// hub's request gate (no co-signature while its indexer is behind) refuses the
// invalidation's co-signature too; hub.TestExecutedWithdrawalNotInvalidated checks the
// chain read alone. The far-timeout seeds (7, 17) are caught by the proposal-timeout
// check above. The unfair-batch seeds (12: a reclaim in time, 32: a late collect, 52: a
// far timeout, each on top of a fair forward) fail with the wallet's batch rule disabled
// (checkBatch returning the fair steps before an unfair one instead of an error: the
// forward is co-signed) and pass with it; the class was added after the others and takes
// every other random seed ending in 2, so no seed of another class changed. A stale
// owed-withdrawal signature is not simulated (users are plain
// accounts: no payout is ever deferred); the contract's tests cover it.
//
// # Fuzzing
//
//	go test -run XXX -fuzz FuzzSchedules -fuzztime 10m ./internal/testkit/adversary/
//
// runs schedules of random seeds with up to ten extra actions from the fuzzer's bytes,
// one worker per core. Go's fuzz worker kills its process when one input runs 10
// seconds, so each input has 7 (fuzzBudget): one that runs past it is skipped, not
// judged. With VIGIL_SIM_FUZZ_LOG=FILE each input's outcome (passed, skipped, failed)
// and duration is appended to FILE: the coordinator's "execs" counts neither the
// baseline nor the minimisation of new inputs, nor tells a skip from a pass. On 2 cores,
// 10 minutes ran 665 schedules: 660 passed, 5 skipped, 0 failed.
package adversary
