// Package redact keeps secrets out of logs and errors: a URL shown without what may be
// secret in it (an incoming webhook's path is its credential, an RPC provider's key often
// sits in the path or query), and an error's text with every occurrence of a secret
// replaced. It imports nothing of Vigil.
package redact

import (
	"errors"
	"net/url"
	"strings"
)

// Mask stands in for a removed secret.
const Mask = "[redacted]"

// URL returns "scheme://host" of u — no user info, path, query or fragment — or a fixed
// placeholder when u does not parse as an absolute URL. It never returns any part of u's
// path.
func URL(u string) string {
	p, err := url.Parse(u)
	if err != nil || p.Scheme == "" || p.Host == "" {
		return "(unparseable URL)"
	}
	return p.Scheme + "://" + p.Host
}

// String returns s with every occurrence of each non-empty secret replaced by Mask, and
// of a secret URL by its URL(secret) form.
func String(s string, secrets ...string) string {
	for _, sec := range secrets {
		if sec == "" {
			continue
		}
		repl := Mask
		if strings.Contains(sec, "://") {
			repl = URL(sec) + "/" + Mask
		}
		s = strings.ReplaceAll(s, sec, repl)
	}
	return s
}

// Error returns err unchanged when its text contains none of the secrets, else an error
// with the secrets replaced (String) that still matches err with errors.Is and As.
func Error(err error, secrets ...string) error {
	if err == nil {
		return nil
	}
	msg := err.Error()
	clean := String(msg, secrets...)
	if clean == msg {
		return err
	}
	return &redacted{msg: clean, err: err}
}

type redacted struct {
	msg string
	err error
}

func (r *redacted) Error() string { return r.msg }
func (r *redacted) Unwrap() error { return r.err }

// Is lets errors.Is see through: the wrapped chain decides.
func (r *redacted) Is(target error) bool { return errors.Is(r.err, target) }
