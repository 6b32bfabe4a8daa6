package daemon

import (
	"net/url"
	"strings"

	"github.com/vigil-hub/vigil/internal/redact"
)

// RedactURL returns u without what may be secret in it: user info, path, query and
// fragment (an RPC provider's key often sits in the path). "scheme://host" is left. It is
// internal/redact's URL, the one redaction of URLs every package uses.
func RedactURL(u string) string { return redact.URL(u) }

// urlSecrets lists what of u may be secret, in every form an error may quote it: the URL as
// configured and as Go prints it, its password, its path and its query.
func urlSecrets(u string) []string {
	out := []string{u}
	if p, err := url.Parse(u); err == nil {
		out = append(out, p.String(), p.RawQuery)
		if pw, ok := p.User.Password(); ok {
			out = append(out, pw)
		}
		if path := p.EscapedPath(); len(path) > 1 {
			out = append(out, path, strings.TrimPrefix(path, "/"))
		}
	} else if pw := passwordOf(u); pw != "" {
		out = append(out, pw) // a URL that does not parse is quoted whole by its parser
	}
	return out
}

// passwordOf finds the password in a URL that may not parse: what stands between
// "scheme://user:" and the last "@" of its authority.
func passwordOf(u string) string {
	_, rest, ok := strings.Cut(u, "://")
	if !ok {
		return ""
	}
	if i := strings.IndexAny(rest, "/?#"); i >= 0 {
		rest = rest[:i]
	}
	at := strings.LastIndex(rest, "@")
	if at < 0 {
		return ""
	}
	_, pw, ok := strings.Cut(rest[:at], ":")
	if !ok {
		return ""
	}
	return pw
}

// RedactError returns err with every part of url that may be secret (password, path,
// query, the URL itself) removed from its text; errors.Is and As still see through it.
func RedactError(err error, url string) error { return redactErr(err, url) }

// redactErr returns err with every secret part of u removed from its text (go-ethereum's
// and net/http's errors quote the URL); errors.Is and As still see through it.
func redactErr(err error, u string) error {
	if err == nil || u == "" {
		return err
	}
	return redactSecrets(err, urlSecrets(u))
}

func redactSecrets(err error, secrets []string) error { return redact.Error(err, secrets...) }
