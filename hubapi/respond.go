package hubapi

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"

	"github.com/vigil-hub/vigil/channel"
	"github.com/vigil-hub/vigil/hub"
	"github.com/vigil-hub/vigil/store"
	"github.com/vigil-hub/vigil/wire"
)

// MaxBody is the largest request body the API reads.
const MaxBody = 64 << 10

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeErr(w http.ResponseWriter, status int, code, msg string) {
	writeJSON(w, status, wire.Error{Code: code, Message: msg})
}

// readBody reads a size-limited body.
func readBody(w http.ResponseWriter, r *http.Request) ([]byte, bool) {
	b, err := io.ReadAll(http.MaxBytesReader(w, r.Body, MaxBody))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			writeErr(w, http.StatusRequestEntityTooLarge, wire.CodeBodyTooLarge, fmt.Sprintf("body over %d bytes", MaxBody))
		} else {
			writeErr(w, http.StatusBadRequest, wire.CodeInvalidJSON, "read body: "+err.Error())
		}
		return nil, false
	}
	return b, true
}

// decodeStrict decodes a request body strictly (wire.DecodeStrict): duplicate keys, keys
// in another letter case, unknown fields and arrays of the wrong length are errors.
func decodeStrict(b []byte, v any) error { return wire.DecodeStrict(b, v) }

// badJSON answers a body that does not decode: a field out of range is invalid_field,
// anything else invalid_json.
func badJSON(w http.ResponseWriter, what string, err error) {
	writeErr(w, http.StatusBadRequest, decodeCode(err), what+": "+err.Error())
}

// decodeCode is the code of a body that does not decode: a field out of range is
// invalid_field, anything else invalid_json.
func decodeCode(err error) string {
	if errors.Is(err, channel.ErrInvalidField) {
		return wire.CodeInvalidField
	}
	return wire.CodeInvalidJSON
}

// errorCodes maps the hub's errors to answers, first match wins: the one place the API
// classifies them.
var errorCodes = []struct {
	err    error
	status int
	code   string
}{
	{hub.ErrCatchingUp, http.StatusServiceUnavailable, wire.CodeCatchingUp},
	{store.ErrFenced, http.StatusServiceUnavailable, wire.CodeNotLeader},
	{hub.ErrFrozen, http.StatusConflict, wire.CodeFrozen},
	{channel.ErrDisputed, http.StatusConflict, wire.CodeDisputed},
	{channel.ErrSettled, http.StatusConflict, wire.CodeSettled},
	{hub.ErrSyncFirst, http.StatusConflict, wire.CodeSyncFirst},
	{hub.ErrBadSignature, http.StatusBadRequest, wire.CodeBadSignature},
	{hub.ErrUnknownPayee, http.StatusNotFound, wire.CodeUnknownPayee},
	{hub.ErrReserveEmpty, http.StatusConflict, wire.CodeReserveEmpty},
	{hub.ErrCollateral, http.StatusConflict, wire.CodeCollateral},
	{hub.ErrUncollectedCap, http.StatusConflict, wire.CodeUncollectedCap},
	{hub.ErrNoToken, http.StatusUnprocessableEntity, wire.CodeNoToken},
	{hub.ErrPaymentExists, http.StatusConflict, wire.CodePaymentExists},
	{hub.ErrExpiry, http.StatusBadRequest, wire.CodeExpiry},
	{channel.ErrInsufficient, http.StatusUnprocessableEntity, wire.CodeInsufficient},
	{channel.ErrPending, http.StatusConflict, wire.CodePending},
	{channel.ErrNonce, http.StatusConflict, wire.CodeNonce},
	{store.ErrStaleNonce, http.StatusConflict, wire.CodeNonce},
	{channel.ErrInvalidField, http.StatusBadRequest, wire.CodeInvalidField},
	{hub.ErrNotAllowed, http.StatusUnprocessableEntity, wire.CodeNotAllowed},
	{store.ErrNotFound, http.StatusNotFound, wire.CodeNotFound},
}

// fail answers a hub error with its code, and anything unexpected with a 500 that keeps
// the details in the log.
func (s *Server) fail(w http.ResponseWriter, err error) {
	status, e := s.errorFor(err)
	if e.Code == wire.CodeNotLeader {
		// The lease was lost while the request ran: nothing it asked was written.
		w.Header().Set("Retry-After", "1")
	}
	writeJSON(w, status, e)
}

// errorFor returns the status and error a hub error is answered with, over HTTP and the
// stream alike; anything unexpected is a 500 that keeps the details in the log.
func (s *Server) errorFor(err error) (int, wire.Error) {
	for _, m := range errorCodes {
		if errors.Is(err, m.err) {
			return m.status, wire.Error{Code: m.code, Message: err.Error()}
		}
	}
	s.log.Error("hub request failed", "err", err)
	return http.StatusInternalServerError, wire.Error{Code: wire.CodeInternal, Message: "internal error"}
}
