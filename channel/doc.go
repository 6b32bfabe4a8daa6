// Package channel defines Vigil's channel states and locks, their EIP-712 digests and
// signatures, the lock Merkle tree, and the rules a new state must follow relative to the
// previous one. It does no I/O: the hub, the client and the watchtower build on it, and
// the digests it computes are the ones ChannelManager verifies on-chain.
//
// Balances are indexed [Hub, User]. Pending operations are indexed [HubDeposit,
// HubWithdrawal, UserDeposit, UserWithdrawal]. A state's balances exclude its pending
// deposits (added when the state is executed on-chain) and already exclude its pending
// withdrawals (paid out when it is executed).
package channel
