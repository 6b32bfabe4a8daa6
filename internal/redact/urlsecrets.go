package redact

import (
	"net/url"
	"strings"
)

// URLSecrets lists what of u may be secret, in every form an error may quote it: the URL
// as configured and as Go prints it, its password, its path and its query.
func URLSecrets(u string) []string {
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

// URLError returns err with every part of u that may be secret (password, path, query,
// the URL itself) removed from its text; errors.Is and As still see through it.
// go-ethereum's, net/http's and database drivers' errors quote the URL they called.
func URLError(err error, u string) error {
	if err == nil || u == "" {
		return err
	}
	return Error(err, URLSecrets(u)...)
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
