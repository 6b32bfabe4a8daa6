package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/core/types"

	"github.com/vigil-hub/vigil/client"
	"github.com/vigil-hub/vigil/internal/wei"
)

// Options are chanctl's output flags.
type Options struct {
	// JSON prints the outcome as one JSON object; progress (a transaction sent) goes to
	// Progress as JSON lines meanwhile.
	JSON bool
	// Wei shows amounts in wei and token base units instead of ether and the token's
	// decimals.
	Wei bool
	// Progress receives the JSON progress lines (standard error); nil discards them.
	Progress io.Writer
	// Asset is what deposit, pay and withdraw move: "ether" (also when empty), or the
	// contract's token by symbol or address.
	Asset string
	// NoWait makes pay return at once when the hub lacks collateral toward the payee;
	// otherwise it waits up to TopUpWait (0: client.DefaultTopUpWait) for the top-up.
	NoWait    bool
	TopUpWait time.Duration
}

// printer writes a command's progress and outcome, as text or JSON.
type printer struct {
	out      io.Writer
	opts     Options
	txs      []txView // transactions mined during the command
	approved string   // the amount a token deposit approved, in the token's unit
}

// head is what every JSON outcome carries beside its own fields.
type head struct {
	Command string `json:"command"`
	// Unit is the unit of every ether amount in the object: "ether" or "wei".
	Unit    string       `json:"unit"`
	Backups []backupView `json:"backups,omitempty"`
}

func (h *head) base() *head { return h }

// result is a command's outcome: a JSON object embedding head, and its text.
type result interface {
	base() *head
	text(p *printer)
}

// txView is a mined transaction.
type txView struct {
	Hash   common.Hash `json:"hash"`
	Block  uint64      `json:"block"`
	Status string      `json:"status"` // "ok" or "reverted"
}

// backupView is one watchtower backup made or retried during the command.
type backupView struct {
	Tower   string `json:"tower"`
	Nonce   string `json:"nonce"`
	OK      bool   `json:"ok"`
	Retry   bool   `json:"retry,omitempty"`
	Error   string `json:"error,omitempty"`
	Receipt *struct {
		IssuedAt    uint64 `json:"issuedAt"`
		IssuedAtUTC string `json:"issuedAtUTC"`
	} `json:"receipt,omitempty"`
}

// unit names the unit ether amounts are shown in.
func (p *printer) unit() string {
	if p.opts.Wei {
		return "wei"
	}
	return "ether"
}

// amt is an ether amount as a bare decimal number in p's unit (JSON fields).
func (p *printer) amt(v *big.Int) string {
	if p.opts.Wei {
		if v == nil {
			return "0"
		}
		return v.String()
	}
	return wei.Ether(v)
}

// tokenAmt is a token amount as a bare decimal number: in the token's decimals, or base
// units with --wei.
func (p *printer) tokenAmt(t client.Token, v *big.Int) string {
	if p.opts.Wei {
		return p.amt(v)
	}
	return wei.Format(v, t.Decimals)
}

// tokenUnit names the unit token amounts are shown in.
func (p *printer) tokenUnit(t client.Token) string {
	if p.opts.Wei && t.Decimals > 0 {
		return t.Symbol + " base units"
	}
	return t.Symbol
}

// moved names the asset a deposit, payment or withdrawal moved, and the unit its amount
// is shown in.
type moved struct {
	Asset     string `json:"asset"`     // "ether", or the token's symbol
	AssetUnit string `json:"assetUnit"` // of the amount: "ether" or "wei", the symbol or its base units
}

func (p *printer) moved(a assetArg) moved {
	if a.asset == client.Tokens {
		return moved{Asset: a.token.Symbol, AssetUnit: p.tokenUnit(a.token)}
	}
	return moved{Asset: "ether", AssetUnit: p.unit()}
}

// assetAmt is an amount of a as a bare decimal number in its unit (JSON fields).
func (p *printer) assetAmt(a assetArg, v *big.Int) string {
	if a.asset == client.Tokens {
		return p.tokenAmt(a.token, v)
	}
	return p.amt(v)
}

// assetText is an amount of a with its unit, for text: "1.5 ether", "10 VTT".
func (p *printer) assetText(a assetArg, v *big.Int) string {
	return p.assetAmt(a, v) + " " + p.moved(a).AssetUnit
}

// utc formats a block timestamp as RFC 3339 in UTC.
func utc(unix uint64) string {
	return time.Unix(int64(min(unix, 1<<62)), 0).UTC().Format(time.RFC3339)
}

// trace reports the command's transactions: the hash as soon as one is sent, then the
// block that includes it.
func (p *printer) trace() *client.TxTrace {
	return &client.TxTrace{
		Approve: func(t client.Token, spender common.Address, v *big.Int) {
			p.approved = p.tokenAmt(t, v)
			if p.opts.JSON {
				p.progress(map[string]any{"event": "approve", "token": t.Address, "spender": spender, "amount": p.approved, "unit": p.tokenUnit(t)})
				return
			}
			fmt.Fprintf(p.out, "approving the contract %s to take %s %s (ERC-20 approve on %s), then depositing\n", spender, p.approved, p.tokenUnit(t), t.Address)
		},
		Sent: func(tx *types.Transaction) {
			if p.opts.JSON {
				p.progress(map[string]any{"event": "sent", "tx": tx.Hash()})
				return
			}
			fmt.Fprintf(p.out, "sent transaction %s; waiting for it to be mined\n", tx.Hash())
		},
		Mined: func(r *types.Receipt) {
			v := txView{Hash: r.TxHash, Block: r.BlockNumber.Uint64(), Status: "ok"}
			if r.Status != types.ReceiptStatusSuccessful {
				v.Status = "reverted"
			}
			p.txs = append(p.txs, v)
			if p.opts.JSON {
				p.progress(map[string]any{"event": "mined", "tx": v.Hash, "block": v.Block, "status": v.Status})
				return
			}
			fmt.Fprintf(p.out, "transaction %s included in block %d (%s)\n", v.Hash, v.Block, v.Status)
		},
	}
}

// progress writes one JSON line to the progress writer.
func (p *printer) progress(v any) {
	if p.opts.Progress != nil {
		_ = json.NewEncoder(p.opts.Progress).Encode(v)
	}
}

// backups turns the wallet's tower reports into views.
func backups(reports []client.TowerReport) []backupView {
	out := make([]backupView, 0, len(reports))
	for _, r := range reports {
		v := backupView{Tower: r.Tower, OK: r.Err == nil, Retry: r.Retry}
		if r.Nonce != nil {
			v.Nonce = r.Nonce.String()
		}
		if r.Err != nil {
			v.Error = r.Err.Error()
		} else if r.Receipt != nil {
			v.Receipt = &struct {
				IssuedAt    uint64 `json:"issuedAt"`
				IssuedAtUTC string `json:"issuedAtUTC"`
			}{r.Receipt.IssuedAt, utc(r.Receipt.IssuedAt)}
		}
		out = append(out, v)
	}
	return out
}

// textBackups prints the backups worth a line: failures (kept and retried), and retries
// that succeeded.
func (p *printer) textBackups(bs []backupView) {
	for _, b := range bs {
		switch {
		case !b.OK:
			fmt.Fprintf(p.out, "WARNING: watchtower %s did not take nonce %s (kept; retried with every command): %s\n", b.Tower, b.Nonce, b.Error)
		case b.Retry:
			fmt.Fprintf(p.out, "watchtower %s now holds nonce %s (retried)\n", b.Tower, b.Nonce)
		}
	}
}

// print writes a command's outcome.
func (p *printer) print(cmd string, r result, bs []backupView) error {
	h := r.base()
	h.Command, h.Unit, h.Backups = cmd, p.unit(), bs
	if p.opts.JSON {
		enc := json.NewEncoder(p.out)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	}
	r.text(p)
	p.textBackups(bs)
	return nil
}
