package adversary

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/http/httputil"
	"net/url"
	"sync"

	"github.com/vigil-hub/vigil/wire"
)

// proxy stands between one wallet and the hub. It passes everything through, except
// what a hostile hub tells it to do: refuse the wallet's co-signatures (withholding the
// wallet's progress), or show the wallet proposals the real hub never made (one, or a
// batch of several, each on top of the one before) and take the wallet's co-signatures
// of them itself.
type proxy struct {
	url string
	srv *http.Server
	l   net.Listener

	mu       sync.Mutex
	inject   []wire.HubState   // shown to the wallet as the hub's only proposals
	taken    map[string][]byte // the wallet's signatures of inject, by nonce, once given
	withhold bool              // refuse every request the wallet makes
}

func newProxy(_ *world, target string) (*proxy, error) {
	u, err := url.Parse(target)
	if err != nil {
		return nil, err
	}
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	p := &proxy{url: "http://" + l.Addr().String(), l: l}
	rp := httputil.NewSingleHostReverseProxy(u)
	rp.ErrorHandler = func(w http.ResponseWriter, _ *http.Request, _ error) { w.WriteHeader(http.StatusBadGateway) }
	p.srv = &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		r.Body = io.NopCloser(bytes.NewReader(body))
		p.mu.Lock()
		inject, withhold := p.inject, p.withhold
		p.mu.Unlock()
		if withhold && r.Method == http.MethodPost && r.URL.Path == "/v1/requests" {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusConflict)
			json.NewEncoder(w).Encode(wire.Error{Code: wire.CodeNotAllowed, Message: "refused"})
			return
		}
		if inject != nil && r.Method == http.MethodGet && r.URL.Path == "/v1/channel" {
			rec := httptest.NewRecorder()
			rp.ServeHTTP(rec, r)
			var ch wire.HubChannel
			if rec.Code == http.StatusOK && json.Unmarshal(rec.Body.Bytes(), &ch) == nil {
				ch.Proposals = inject
				b, _ := json.Marshal(ch)
				w.Header().Set("Content-Type", "application/json")
				w.Write(b)
				return
			}
			w.WriteHeader(rec.Code)
			w.Write(rec.Body.Bytes())
			return
		}
		if inject != nil && r.Method == http.MethodPost && r.URL.Path == "/v1/cosign" {
			var c wire.HubCosign
			if json.Unmarshal(body, &c) == nil && c.Nonce.V != nil && shows(inject, c) {
				p.mu.Lock()
				p.taken[c.Nonce.V.String()] = append([]byte(nil), c.SigUser...)
				p.mu.Unlock()
				w.Header().Set("Content-Type", "application/json")
				w.Write([]byte(`{}`))
				return
			}
		}
		rp.ServeHTTP(w, r)
	})}
	go p.srv.Serve(l)
	return p, nil
}

// shows reports whether c co-signs one of the proposals shown.
func shows(shown []wire.HubState, c wire.HubCosign) bool {
	for _, s := range shown {
		if c.Nonce.V.Cmp(s.State.Nonce) == 0 {
			return true
		}
	}
	return false
}

// show makes the proxy show ss as the hub's proposals until cleared (none: nothing
// shown); it forgets the signatures taken before.
func (p *proxy) show(ss ...wire.HubState) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.inject, p.taken = ss, map[string][]byte{}
}

// took returns the wallet's signature of the shown proposal at nonce, nil if not given.
func (p *proxy) took(nonce fmt.Stringer) []byte {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.taken[nonce.String()]
}

func (p *proxy) setWithhold(on bool) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.withhold = on
}

func (p *proxy) close() { p.srv.Close() }
