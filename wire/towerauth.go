package wire

import (
	"encoding/binary"
	"time"

	"github.com/ethereum/go-ethereum/common"
)

// A watchtower answers GET /v1/channels/{contract}/{user} with the full stored state
// (balances, locks) only to a request signed by the channel's user, the way a hub request
// is signed: headers HeaderUser, HeaderNonce and HeaderSignature, the signature SignAuth
// over AuthDigest(chainID, contract, nonce, "GET", path with query, empty body). A tower
// issues no nonces: the nonce is TowerReadNonce, a unix time with random bytes before it,
// accepted within TowerReadWindow of the tower's clock and only once.

// TowerReadWindow is how far a signed tower read's time may be from the tower's clock.
const TowerReadWindow = 5 * time.Minute

// TowerReadNonce is the nonce of a signed tower read made at time at: random, which keeps
// two reads in one second apart, then the unix time in the last 8 bytes, big-endian.
func TowerReadNonce(at time.Time, random [24]byte) common.Hash {
	var n common.Hash
	copy(n[:24], random[:])
	binary.BigEndian.PutUint64(n[24:], uint64(at.Unix()))
	return n
}

// TowerReadTime is the time a tower read's nonce carries.
func TowerReadTime(nonce common.Hash) time.Time {
	return time.Unix(int64(min(binary.BigEndian.Uint64(nonce[24:]), 1<<62)), 0)
}
