package alert

// Kinds of alerts. The values are stable: they are stored in the alert queue, counted in
// metrics and matched by the dispute code.
const (
	StaleClose         = "stale_close"         // a channel closed with an older state than the one held
	ChallengeSent      = "challenge_sent"      // the newer state was submitted
	ChallengeConfirmed = "challenge_confirmed" // it was included and is deep enough
	ChallengeAtRisk    = "challenge_at_risk"   // deadline near and not included, or fees at the cap
	ChallengeFailed    = "challenge_failed"    // reverted, or the deadline missed
	SettleSent         = "settle_sent"         // a settle after the deadline was submitted
	SettleDone         = "settle_done"         // the channel settled: the payout
	SettleFailed       = "settle_failed"       // the settle reverted or could not be sent
	SettleHeld         = "settle_held"         // a settle over its gas cap or the day's settle budget was not sent
	HubTxSent          = "hub_tx_sent"         // one of the hub's own transactions (collateral, secret, lock resolution) was submitted
	HubTxFailed        = "hub_tx_failed"       // it reverted, missed its deadline, is at risk, or cannot succeed
	LockTxSent         = "lock_tx_sent"        // a secret's registration or a lock resolution was submitted
	LockTxFailed       = "lock_tx_failed"      // it reverted, missed its deadline, is at risk, or its nonce was taken
	LockResolveFailed  = "lock_resolve_failed" // the locks of a settled state held by the tower cannot be resolved for the user
	SecretHeld         = "secret_held"         // a held secret was not registered: channel unseen on-chain, lock worth less than the gas, or over budget
	GasLow             = "gas_low"             // the sending account cannot pay for what it must send
	IndexerBehind      = "indexer_behind"      // head lag above a threshold, or no new head for a time
	RPCUnreachable     = "rpc_unreachable"     // every RPC endpoint failed
	JobFailed          = "job_failed"          // a scheduled job returned an error or panicked
	StorageFull        = "storage_full"        // the database is at its high-water mark: deposits stop
	StateStored        = "state_stored"        // the tower stored a user's newer state (for the user)
	Digest             = "digest"              // the daily summary: channels watched, disputes answered, gas
	ChannelFrozen      = "channel_frozen"      // the hub's books and the chain disagree on a channel: no update until they agree
	ChannelThawed      = "channel_thawed"      // they agree again: the channel takes updates
	LogSkipped         = "log_skipped"         // a watched contract's log did not decode and was skipped
)

// kindInfo is how a kind reads and how urgent it is.
type kindInfo struct {
	title string
	emoji string
	// critical kinds jump the delivery queue whatever their severity.
	critical bool
	// user kinds reach a channel user's own webhook.
	user bool
}

var kinds = map[string]kindInfo{
	StaleClose:         {"Stale close detected", ":warning:", false, true},
	ChallengeSent:      {"Challenge sent", ":outbox_tray:", false, true},
	ChallengeConfirmed: {"Challenge confirmed", ":white_check_mark:", false, true},
	ChallengeAtRisk:    {"Challenge at risk", ":rotating_light:", true, true},
	ChallengeFailed:    {"Challenge failed", ":x:", true, true},
	SettleSent:         {"Settle sent", ":outbox_tray:", false, false},
	SettleDone:         {"Channel settled", ":moneybag:", false, true},
	SettleFailed:       {"Settle failed", ":x:", true, false},
	SettleHeld:         {"Settle held back", ":no_entry:", false, false},
	HubTxSent:          {"Hub transaction sent", ":outbox_tray:", false, false},
	HubTxFailed:        {"Hub transaction failed", ":x:", true, false},
	LockTxSent:         {"Lock transaction sent", ":outbox_tray:", false, true},
	LockTxFailed:       {"Lock transaction failed", ":x:", true, true},
	LockResolveFailed:  {"Lock resolution failed", ":lock:", true, true},
	SecretHeld:         {"Secret registration held back", ":no_entry:", false, true},
	GasLow:             {"Tower gas balance low", ":fuelpump:", true, false},
	IndexerBehind:      {"Indexer behind", ":hourglass:", false, false},
	RPCUnreachable:     {"Every RPC endpoint unreachable", ":electric_plug:", true, false},
	JobFailed:          {"Scheduled job failed", ":wrench:", false, false},
	StorageFull:        {"Database at its high-water mark", ":floppy_disk:", true, false},
	StateStored:        {"State stored", ":floppy_disk:", false, true},
	Digest:             {"Daily digest", ":newspaper:", false, false},
	ChannelFrozen:      {"Channel frozen", ":ice_cube:", true, false},
	ChannelThawed:      {"Channel thawed", ":sunny:", false, false},
	LogSkipped:         {"Log skipped", ":warning:", false, false},
}

// Kinds lists every declared kind.
func Kinds() []string {
	return []string{StaleClose, ChallengeSent, ChallengeConfirmed, ChallengeAtRisk, ChallengeFailed, SettleSent, SettleDone,
		SettleFailed, SettleHeld, HubTxSent, HubTxFailed, LockTxSent, LockTxFailed, LockResolveFailed, SecretHeld, GasLow, IndexerBehind, RPCUnreachable, JobFailed, StorageFull, StateStored, Digest,
		ChannelFrozen, ChannelThawed, LogSkipped}
}

// Title is a kind as a person reads it ("Stale close detected"); an unknown kind reads
// as itself.
func Title(kind string) string {
	if k, ok := kinds[kind]; ok {
		return k.title
	}
	return kind
}

// ForUser reports whether alerts of kind reach the channel user's own webhook: state
// stored, stale close seen, challenge sent, confirmed, at risk or failed, settled.
func ForUser(kind string) bool { return kinds[kind].user }

// priority orders delivery: critical severities and critical kinds first.
func (a Alert) priority() int {
	if a.Severity >= Critical || kinds[a.Kind].critical {
		return 2
	}
	if a.Severity == Warning {
		return 1
	}
	return 0
}
