package towerapi

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"time"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/alert"
	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/wire"
)

// Limits on webhook registrations.
const (
	MaxWebhookBody = 8 << 10 // one registration's body
	MaxWebhookURL  = 2048    // a webhook URL's length
)

// UserAlerts turns on what the API does for channel users' own alerts: registering a
// webhook (POST /v1/channels/{contract}/{user}/webhook) and telling the user when a state
// is stored.
type UserAlerts struct {
	Webhooks alert.WebhookStore // where registrations are kept
	Allow    *alert.Allowlist   // the hosts a registered URL may point at
	// Sink receives a StateStored alert for every newly stored state (the user-webhook
	// sink, which keeps those of channels with a registration); nil sends none.
	Sink alert.Sink
}

// WithUserAlerts enables webhook registrations and state-stored alerts; without it the
// registration endpoint answers 404.
func (s *Server) WithUserAlerts(u UserAlerts) *Server {
	s.users = &u
	return s
}

// postWebhook registers, replaces or (with an empty URL) removes the webhook of a
// channel, on a request signed by the channel's user.
func (s *Server) postWebhook(w http.ResponseWriter, r *http.Request) {
	if err := s.registerWebhook(w, r); err != nil {
		s.fail(w, err)
	}
}

func (s *Server) registerWebhook(w http.ResponseWriter, r *http.Request) error {
	if s.users == nil || s.users.Webhooks == nil || s.users.Allow == nil {
		return reject(http.StatusNotFound, wire.CodeNotFound, "user webhooks are not enabled on this tower")
	}
	contract, user, err := pathChannel(r)
	if err != nil {
		return err
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxWebhookBody))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return reject(http.StatusRequestEntityTooLarge, wire.CodeBodyTooLarge, "body above %d bytes", MaxWebhookBody)
		}
		return reject(http.StatusBadRequest, wire.CodeInvalidJSON, "read body: %v", err)
	}
	var reg wire.WebhookRegistration
	if err := wire.DecodeStrict(body, &reg); err != nil {
		return decodeErr(err)
	}
	switch {
	case reg.Format != wire.WebhookSlack && reg.Format != wire.WebhookJSON:
		return reject(http.StatusBadRequest, wire.CodeInvalidField, "format: %q, want %q or %q", reg.Format, wire.WebhookSlack, wire.WebhookJSON)
	case reg.Timestamp == 0:
		return reject(http.StatusBadRequest, wire.CodeInvalidField, "timestamp: missing")
	case len(reg.Signature) != 65:
		return reject(http.StatusBadRequest, wire.CodeInvalidField, "signature: %d bytes, want 65", len(reg.Signature))
	case len(reg.URL) > MaxWebhookURL:
		return reject(http.StatusBadRequest, wire.CodeInvalidField, "url: longer than %d characters", MaxWebhookURL)
	}
	host := ""
	if reg.URL != "" {
		u, err := s.users.Allow.Check(reg.URL)
		switch {
		case errors.Is(err, alert.ErrHostNotAllowed):
			return reject(http.StatusUnprocessableEntity, wire.CodeHostNotAllowed, "url: %v (allowed: %v)", err, s.users.Allow.Hosts())
		case err != nil:
			return reject(http.StatusBadRequest, wire.CodeInvalidField, "url: %v", err)
		}
		host = u.Host
	}
	now := s.now()
	signed := time.Unix(int64(min(reg.Timestamp, 1<<62)), 0)
	if d := now.Sub(signed); d > wire.WebhookWindow || d < -wire.WebhookWindow {
		return reject(http.StatusBadRequest, wire.CodeStaleTimestamp, "timestamp %d is %s from the tower's clock; sign within %s",
			reg.Timestamp, d.Round(time.Second).Abs(), wire.WebhookWindow)
	}
	c, err := s.contract(r.Context(), contract)
	if errors.Is(err, store.ErrNotFound) {
		return reject(http.StatusNotFound, wire.CodeUnknownContract, "contract %s is not watched by this tower", contract)
	}
	if err != nil {
		return err
	}
	if err := wire.VerifyWebhook(reg, c.ChainID, contract, user); err != nil {
		return reject(http.StatusUnauthorized, wire.CodeBadUserSignature, "signature: %v", err)
	}
	if known, err := s.knownChannel(r.Context(), contract, user); err != nil {
		return err
	} else if !known {
		return reject(http.StatusNotFound, wire.CodeNotFound, "channel %s/%s: deposit a state, or open the channel on-chain, first", contract, user)
	}
	err = s.users.Webhooks.PutUserWebhook(r.Context(), store.UserWebhook{Contract: contract, User: user, URL: reg.URL,
		Format: reg.Format, SignedAt: reg.Timestamp})
	if errors.Is(err, store.ErrStaleRegistration) {
		return reject(http.StatusConflict, wire.CodeStaleTimestamp, "timestamp %d: a registration signed at the same time or later is stored", reg.Timestamp)
	}
	if err != nil {
		return err
	}
	out := wire.WebhookRegistered{Contract: contract, User: user, Timestamp: reg.Timestamp, Removed: reg.URL == ""}
	if !out.Removed {
		out.Host, out.Format = host, reg.Format
		s.log.Info("user webhook registered", "contract", contract, "user", user, "host", host, "format", reg.Format)
	} else {
		s.log.Info("user webhook removed", "contract", contract, "user", user)
	}
	writeJSON(w, http.StatusOK, out)
	return nil
}

// pathChannel reads {contract} and {user}.
func pathChannel(r *http.Request) (contract, user common.Address, err error) {
	for name, dst := range map[string]*common.Address{"contract": &contract, "user": &user} {
		v := r.PathValue(name)
		if !common.IsHexAddress(v) {
			return contract, user, reject(http.StatusBadRequest, wire.CodeInvalidField, "%s: %q is not an address", name, url.PathEscape(v))
		}
		*dst = common.HexToAddress(v)
	}
	return contract, user, nil
}

// knownChannel reports whether the tower holds a state for the channel or has seen it
// on-chain: registrations are kept only for channels the tower guards.
func (s *Server) knownChannel(ctx context.Context, contract, user common.Address) (bool, error) {
	if _, err := s.store.State(ctx, contract, user); err == nil {
		return true, nil
	} else if !errors.Is(err, store.ErrNotFound) {
		return false, err
	}
	if _, err := s.store.Channel(ctx, contract, user); err == nil {
		return true, nil
	} else if !errors.Is(err, store.ErrNotFound) {
		return false, err
	}
	return false, nil
}

// stateStored tells the channel's user that a newer state is stored.
func (s *Server) stateStored(ctx context.Context, contract common.Address, st *channel.State) {
	if s.users == nil || s.users.Sink == nil {
		return
	}
	s.users.Sink.Send(ctx, alert.Alert{Severity: alert.Info, Kind: alert.StateStored,
		Key:      fmt.Sprintf("stored/%s/%s/%s", contract, st.User, st.Nonce),
		Contract: contract, User: st.User, Nonce: st.Nonce, OnchainNonce: st.OnchainNonce,
		UserFunds: alert.Funds{Wei: st.WeiBalances[channel.User], Token: st.TokenBalances[channel.User]},
		HubFunds:  alert.Funds{Wei: st.WeiBalances[channel.Hub], Token: st.TokenBalances[channel.Hub]},
		Text:      fmt.Sprintf("State with nonce %s stored for channel %s on %s.", st.Nonce, st.User, contract)})
}
