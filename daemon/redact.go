package daemon

import (
	"errors"
	"net/url"
	"strings"
)

// RedactURL returns u without what may be secret in it: user info, path, query and
// fragment (an RPC provider's key often sits in the path). "scheme://host" is left.
func RedactURL(u string) string {
	p, err := url.Parse(u)
	if err != nil || p.Host == "" {
		return "(unparseable URL)"
	}
	return p.Scheme + "://" + p.Host
}

// redactErr rewrites err's text without u in it (go-ethereum's dial errors quote the URL).
func redactErr(err error, u string) error {
	if err == nil || u == "" || !strings.Contains(err.Error(), u) {
		return err
	}
	return errors.New(strings.ReplaceAll(err.Error(), u, RedactURL(u)))
}
