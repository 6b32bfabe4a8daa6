package disputes

import (
	"math/big"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/vigil-hub/vigil/store"
)

// fees prices an attempt: the tip rises linearly from Tip when the window opens to
// Urgency×Tip at the deadline; the fee cap covers two doublings of the base fee; neither
// exceeds MaxFeePerGas.
func (s *Sender) fees(head *types.Header, t *store.OutboxTx) (tip, feeCap *big.Int) {
	w, r := window(t), remaining(head, t)
	scale := new(big.Int).SetUint64(w + uint64(s.cfg.Urgency-1)*(w-min(r, w)))
	tip = new(big.Int).Mul(s.cfg.Tip, scale)
	tip.Div(tip, new(big.Int).SetUint64(w))
	feeCap = new(big.Int).Mul(baseFee(head), big.NewInt(2))
	feeCap.Add(feeCap, tip)
	if feeCap.Cmp(s.cfg.MaxFeePerGas) > 0 {
		feeCap.Set(s.cfg.MaxFeePerGas)
	}
	if tip.Cmp(feeCap) > 0 {
		tip.Set(feeCap)
	}
	return tip, feeCap
}

// pastDeadline reports whether no block can include t in time any more: the next block's
// time is above the head's, and a deadline is the last block time that counts (a
// challenge needs block.timestamp < the dispute's deadline, a secret a registration at or
// before its lock's expiry, a proposal an execution at or before its timeout), so once
// head time has reached it, an attempt can only revert.
func pastDeadline(head *types.Header, t *store.OutboxTx) bool { return head.Time >= t.Deadline }

func window(t *store.OutboxTx) uint64 { return max(t.Deadline-min(t.WindowStart, t.Deadline), 1) }

func remaining(head *types.Header, t *store.OutboxTx) uint64 {
	if head.Time >= t.Deadline {
		return 0
	}
	return t.Deadline - head.Time
}

func baseFee(h *types.Header) *big.Int {
	if h.BaseFee == nil {
		return new(big.Int)
	}
	return h.BaseFee
}

// bump is the smallest price a replacement offers: 12.5% more (nodes require 10%).
func bump(x *big.Int) *big.Int {
	b := new(big.Int).Rsh(x, 3)
	b.Add(b, x)
	return b.Add(b, common.Big1)
}

func maxBig(a, b *big.Int) *big.Int {
	if a.Cmp(b) >= 0 {
		return new(big.Int).Set(a)
	}
	return new(big.Int).Set(b)
}
