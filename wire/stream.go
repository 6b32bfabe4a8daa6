package wire

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math/big"

	"github.com/coder/websocket"

	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/common/hexutil"
	"github.com/ethereum/go-ethereum/crypto"

	"github.com/vigil-hub/vigil/channel"
)

// StreamPath is the hub's stream: a WebSocket on the API's listener that carries one
// wallet's latency-bound traffic — its requests and co-signatures, and the hub's proposals
// pushed as soon as they are stored — authenticated once per connection instead of once per
// request.
//
// The hub opens with a challenge (a fresh random nonce for this connection); the wallet
// answers hello, its address and its EIP-191 signature over StreamDigest; the hub answers
// welcome, or closes the connection. After that the wallet sends request, cosign and sync
// frames, each with an id the hub's result frame carries back, in the order sent; the hub
// pushes proposals frames on its own.
//
// An intent is an update the wallet asks for without naming a nonce or signing anything:
// the hub applies it on top of its newest state, its own proposals awaiting the wallet
// included, and answers with every proposal from the co-signed state on. The wallet
// checks each step with its rules (its own update as asked, the hub's as it checks any
// proposal) and co-signs the newest state only: one signature covers them all.
const StreamPath = "/v1/stream"

// Frame types.
const (
	FrameChallenge = "challenge" // hub → wallet, first: StreamChallenge
	FrameHello     = "hello"     // wallet → hub, answering the challenge: StreamHello
	FrameWelcome   = "welcome"   // hub → wallet: the wallet is authenticated
	FrameRequest   = "request"   // wallet → hub: HubRequest; its result carries the HubState
	FrameIntent    = "intent"    // wallet → hub: HubIntent; its result carries the HubChannel
	FrameCosign    = "cosign"    // wallet → hub: HubCosign; its result carries HubCosigned
	FrameSync      = "sync"      // wallet → hub: StreamSync; its result carries the HubChannel
	FrameResult    = "result"    // hub → wallet: the answer to the frame with the same id
	FrameProposals = "proposals" // hub → wallet, pushed: the HubChannel after the wallet's last nonce
)

// Frame is one message of the stream: its type, the id that pairs a wallet's frame with
// the hub's result, and a body that the type says the shape of. A refused frame's result
// carries Error and Status (the HTTP status the same refusal gets from the API) instead
// of a body.
type Frame struct {
	Type   string          `json:"t"`
	ID     uint64          `json:"id,omitempty"`
	Body   json.RawMessage `json:"b,omitempty"`
	Status int             `json:"s,omitempty"`
	Error  *Error          `json:"e,omitempty"`
}

// StreamChallenge opens a stream: the connection's nonce, and the chain and contract the
// hub signs in.
type StreamChallenge struct {
	Nonce    common.Hash    `json:"nonce"`
	ChainID  channel.Amount `json:"chainId"`
	Contract common.Address `json:"contract"`
}

// StreamHello authenticates a stream: the user and its signature (SignAuth) over the
// StreamDigest of the challenge.
type StreamHello struct {
	User      common.Address `json:"user"`
	Signature hexutil.Bytes  `json:"signature"`
}

// HubIntent asks the hub to apply an update on top of its newest state (wire.FrameIntent):
// a HubRequest without its nonce and signature.
type HubIntent struct {
	Update       channel.Update  `json:"update"`
	Payee        *common.Address `json:"payee,omitempty"`
	SealedSecret hexutil.Bytes   `json:"sealedSecret,omitempty"`
}

// StreamSync asks for the user's channel from nonce From: the newest co-signed state and
// the hub's proposals after it.
type StreamSync struct {
	From channel.Amount `json:"from"`
}

// StreamDigest is what a wallet signs (as an EIP-191 personal message, SignAuth) to
// authenticate one stream: it binds the hub's chain and contract and the connection's
// nonce, so the signature opens no other connection and no request of the HTTP API
// (AuthDigest has another prefix).
func StreamDigest(chainID *big.Int, contract common.Address, nonce common.Hash) []byte {
	return crypto.Keccak256([]byte("vigil-hub-stream"), common.LeftPadBytes(chainID.Bytes(), 32), contract[:], nonce[:])
}

// NewFrame returns a frame of type typ with id and body v in JSON.
func NewFrame(typ string, id uint64, v any) (Frame, error) {
	f := Frame{Type: typ, ID: id}
	if v == nil {
		return f, nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return f, err
	}
	f.Body = b
	return f, nil
}

// SendFrame sends a frame of typ with id and body v (JSON; nil for none) on c, as one
// text message.
func SendFrame(ctx context.Context, c *websocket.Conn, typ string, id uint64, v any) error {
	f, err := NewFrame(typ, id, v)
	if err != nil {
		return err
	}
	return WriteFrame(ctx, c, f)
}

// WriteFrame sends f on c as one text message.
func WriteFrame(ctx context.Context, c *websocket.Conn, f Frame) error {
	b, err := json.Marshal(f)
	if err != nil {
		return err
	}
	return c.Write(ctx, websocket.MessageText, b)
}

// ReadFrame reads one frame from c, strictly (DecodeStrict): a frame is a text message.
func ReadFrame(ctx context.Context, c *websocket.Conn) (Frame, error) {
	typ, b, err := c.Read(ctx)
	if err != nil {
		return Frame{}, err
	}
	if typ != websocket.MessageText {
		return Frame{}, errors.New("frames are JSON text messages")
	}
	var f Frame
	if err := DecodeStrict(b, &f); err != nil {
		return Frame{}, fmt.Errorf("frame: %w", err)
	}
	return f, nil
}
