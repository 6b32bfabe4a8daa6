package contracts

import (
	"fmt"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common/hexutil"

	b "github.com/vigil-hub/vigil/contracts/bindings"
	"github.com/vigil-hub/vigil/internal/utc"
	"github.com/vigil-hub/vigil/internal/wei"
)

// Reason says in a sentence what the contract refused and what to do about it, with
// amounts in ether beside wei and block times in UTC beside Unix seconds. An error the
// ABI defines but Reason does not know is named with its arguments (Call).
func (e *RevertError) Reason() string {
	switch v := e.Value.(type) {
	case *b.ChannelManagerDeadlineNotReached:
		return fmt.Sprintf("the dispute's deadline %s has not come (chain time %s, %s before it): settle after the deadline",
			utcText(v.Deadline), utcText(v.Now), gap(v.Now, v.Deadline))
	case *b.ChannelManagerDeadlinePassed:
		return fmt.Sprintf("the dispute's deadline %s has passed (chain time %s, %s after it): no newer state is accepted; settle the channel",
			utcText(v.Deadline), utcText(v.Now), gap(v.Deadline, v.Now))
	case *b.ChannelManagerOwedWithdrawalExpired:
		return fmt.Sprintf("the signed owed withdrawal expired at %s (chain time %s): sign a new one with a later deadline", utcText(v.Deadline), utcText(v.Now))
	case *b.ChannelManagerStateTimedOut:
		return fmt.Sprintf("the state's timeout %s has passed (chain time %s): its pending operations are void; propose them again",
			utcText(v.Timeout), utcText(v.Now))
	case *b.ChannelManagerNonZeroTimeout:
		return fmt.Sprintf("a dispute takes only a final state, and this one has a timeout (%s)", utcText(v.Timeout))
	case *b.ChannelManagerMissingTimeout:
		return "a state with pending deposits or withdrawals needs a timeout"
	case *b.ChannelManagerBalanceMismatch:
		return fmt.Sprintf("the state accounts for %s, the channel holds %s: a state must account for every unit in the channel",
			either(v.StateTotal), either(v.ChannelTotal))
	case *b.ChannelManagerAmountTooLarge:
		return fmt.Sprintf("the channel would hold %s, above the 2^128-1 a channel may hold of an asset", either(v.Total))
	case *b.ChannelManagerInsufficientReserve:
		return fmt.Sprintf("the hub's reserve holds %s, the operation needs %s: fund the reserve with a transfer to the contract",
			either(v.Available), either(v.Needed))
	case *b.ChannelManagerWrongDepositValue:
		return fmt.Sprintf("the transaction sent %s, the state's deposit is %s", ether(v.Sent), ether(v.Expected))
	case *b.ChannelManagerTransferFailed:
		return fmt.Sprintf("paying %s to %s failed", ether(v.Amount), v.To.Hex())
	case *b.ChannelManagerTokenTransferFailed:
		return fmt.Sprintf("the token refused to move %s base units from %s to %s: check the balance and the allowance", v.Amount, v.From.Hex(), v.To.Hex())
	case *b.ChannelManagerTokenAmountMismatch:
		return fmt.Sprintf("the contract received %s token base units of %s: fee-on-transfer tokens are refused", v.Received, v.Expected)
	case *b.ChannelManagerOwedLessThanSigned:
		return fmt.Sprintf("%s is owed %s, less than the %s signed for", v.Owner.Hex(), assetAmount(v.Asset, v.Owed), assetAmount(v.Asset, v.Amount))
	case *b.ChannelManagerNothingOwed:
		return fmt.Sprintf("nothing is owed to %s in %s", v.Owner.Hex(), assetName(v.Asset))
	case *b.ChannelManagerInvalidAsset:
		return fmt.Sprintf("asset %d is neither ether (0) nor the token (1)", v.Asset)
	case *b.ChannelManagerStaleNonce:
		return fmt.Sprintf("the state's nonce %s is not above the channel's on-chain nonce %s: a newer state is already on-chain", v.Nonce, v.Onchain)
	case *b.ChannelManagerNonceTooFar:
		return fmt.Sprintf("the state's nonce %s is more than 2^64 above the channel's on-chain nonce %s", v.Nonce, v.Onchain)
	case *b.ChannelManagerWrongOnchainNonce:
		return fmt.Sprintf("the state's on-chain nonce is %s, the contract expects %s: another on-chain operation came first", v.Got, v.Expected)
	case *b.ChannelManagerOnchainNonceTooLow:
		return fmt.Sprintf("the state's on-chain nonce %s is below the channel's %s: the state is older than what the chain executed", v.Got, v.Onchain)
	case *b.ChannelManagerOnchainNonceTooHigh:
		return fmt.Sprintf("the state's on-chain nonce %s is above the highest the contract accepts (%s)", v.Got, v.Highest)
	case *b.ChannelManagerChannelDisputed:
		return fmt.Sprintf("the channel of %s is in a dispute: only challenges and settlement until its deadline", v.User.Hex())
	case *b.ChannelManagerChannelNotDisputed:
		return fmt.Sprintf("the channel of %s has no open dispute", v.User.Hex())
	case *b.ChannelManagerChannelNotOpened:
		return fmt.Sprintf("%s has no channel: deposit first", v.User.Hex())
	case *b.ChannelManagerInvalidSignature:
		return fmt.Sprintf("a signature recovers to %s, not to %s", v.Recovered.Hex(), v.Expected.Hex())
	case *b.ChannelManagerMalformedSignature:
		return "a signature is not 65 bytes of a valid secp256k1 signature"
	case *b.ChannelManagerNotHub:
		return fmt.Sprintf("only the hub may do this, and %s is not the hub", v.Caller.Hex())
	case *b.ChannelManagerNotParty:
		return fmt.Sprintf("only the hub or %s may do this, not %s", v.User.Hex(), v.Caller.Hex())
	case *b.ChannelManagerNotUser:
		return fmt.Sprintf("only the channel's user %s may do this, not %s", v.User.Hex(), v.Caller.Hex())
	case *b.ChannelManagerNoLockPool:
		return fmt.Sprintf("the channel of %s has no locks held from its settlement at nonce %s", v.User.Hex(), v.SettledNonce)
	case *b.ChannelManagerNothingToResolve:
		return fmt.Sprintf("no lock of the channel of %s settled at nonce %s can be resolved yet", v.User.Hex(), v.SettledNonce)
	case *b.ChannelManagerWrongSettledState:
		return fmt.Sprintf("the state's digest %s is not the settled one %s", hexutil.Encode(v.Digest[:]), hexutil.Encode(v.Settled[:]))
	case *b.ChannelManagerWrongLockSet:
		return fmt.Sprintf("the locks given hash to %s, the state commits to %s: give the state's whole lock list", hexutil.Encode(v.Root[:]), hexutil.Encode(v.LocksRoot[:]))
	case *b.ChannelManagerInvalidLockIndex:
		return fmt.Sprintf("a lock says it is at index %s of the list but is at %s", v.Index, v.Position)
	case *b.ChannelManagerInvalidLockSender:
		return fmt.Sprintf("a lock's sender is %d, neither the hub (0) nor the user (1)", v.Sender)
	case *b.ChannelManagerChallengePeriodTooLong:
		return fmt.Sprintf("a challenge period of %s is too long", time.Duration(v.Period.Int64())*time.Second)
	case *b.ChannelManagerZeroChallengePeriod:
		return "the challenge period must be positive"
	case *b.ChannelManagerUserDepositNotAllowed:
		return "a state the hub executes cannot take a deposit from the user"
	case *b.ChannelManagerReentrancy:
		return "the contract was re-entered during a payout"
	case *b.ChannelManagerZeroAddress:
		return "an address is zero"
	case *b.ChannelManagerZeroAmount:
		return "the amount is zero"
	}
	return e.Call()
}

// UTC writes a block time as UTC beside its Unix seconds, as decoded errors do:
// "2026-12-07 21:04:53 UTC (1796655893)".
func UTC(ts *big.Int) string { return utcText(ts) }

// utcText is a block time as UTC beside its Unix seconds: "2026-12-07 21:04:53 UTC (1796655893)".
func utcText(ts *big.Int) string {
	if ts == nil || !ts.IsInt64() || ts.Sign() < 0 {
		return fmt.Sprint(ts)
	}
	return utc.Format(ts.Uint64()) + " (" + ts.String() + ")"
}

// gap is to-from as a duration in seconds.
func gap(from, to *big.Int) string {
	if from == nil || to == nil {
		return "?"
	}
	d := new(big.Int).Sub(to, from)
	if !d.IsInt64() {
		return d.String() + "s"
	}
	return (time.Duration(d.Int64()) * time.Second).String()
}

// ether is an amount of wei in ether beside it: "1.5 ether (1500000000000000000 wei)".
// Anything else is printed as it is.
func ether(v any) string {
	if w, ok := v.(*big.Int); ok {
		return wei.Ether(w) + " ether (" + w.String() + " wei)"
	}
	return fmt.Sprint(v)
}

// either is an amount of ether or of the token, which the error does not say: in ether
// (and so in whole units of an 18-decimal token) beside the base units.
func either(v *big.Int) string {
	return wei.Ether(v) + " ether or 18-decimal token units (" + v.String() + " base units)"
}

func assetName(a uint8) string {
	switch a {
	case 0:
		return "ether"
	case 1:
		return "the token"
	}
	return fmt.Sprintf("asset %d", a)
}

func assetAmount(a uint8, v *big.Int) string {
	if a == 0 {
		return ether(v)
	}
	return v.String() + " token base units"
}
