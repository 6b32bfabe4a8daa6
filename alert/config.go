package alert

import (
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/vigil-hub/vigil/internal/redact"
)

// DefaultQuiet is how long an alert with the same key is not repeated by default.
const DefaultQuiet = 30 * time.Minute

// DefaultRetention is how long delivered and given-up alerts are kept by default.
const DefaultRetention = 7 * 24 * time.Hour

// Config is the `alerts` section of the tower's and the hub's config.yaml. It names no
// secret: the Slack token and webhook URL come from environment variables it names.
type Config struct {
	Slack SlackSettings `yaml:"slack"`
	// ExplorerURL is a block explorer's base (https://etherscan.io): messages link
	// <explorer>/tx/<hash> and <explorer>/address/<addr>.
	ExplorerURL string `yaml:"explorer_url"`
	// Quiet is how long an alert with the same key is not repeated (default 30m).
	Quiet time.Duration `yaml:"quiet"`
	// GroupInterval is the least time between two Slack messages of one kind; alerts of
	// the kind arriving meanwhile are grouped into one (default 30s).
	GroupInterval time.Duration `yaml:"group_interval"`
	// Retention is how long delivered and given-up alerts stay in the queue's table,
	// for an operator looking back, before the prune job deletes them (default 7 days).
	Retention time.Duration `yaml:"retention"`
	// Token says how the channels' ERC-20 amounts read (symbol, decimals).
	Token        TokenUnits         `yaml:"token"`
	UserWebhooks UserWebhooksConfig `yaml:"user_webhooks"`
}

// SlackSettings sends alerts to Slack: a bot token (from the environment variable
// TokenEnv) posting to a channel per severity, or an incoming webhook (URL from
// WebhookEnv).
type SlackSettings struct {
	TokenEnv   string            `yaml:"token_env"`
	WebhookEnv string            `yaml:"webhook_env"`
	Channels   map[string]string `yaml:"channels"` // keys: info, warning, critical
	APIURL     string            `yaml:"api_url"`  // Slack's Web API base; default Slack's
}

// Enabled reports whether Slack is configured.
func (s SlackSettings) Enabled() bool { return s.TokenEnv != "" || s.WebhookEnv != "" }

// UserWebhooksConfig lets channel users register a webhook for alerts about their own
// channel.
type UserWebhooksConfig struct {
	// Enabled turns registrations and deliveries on (default true).
	Enabled *bool `yaml:"enabled"`
	// AllowedHosts are the hosts a user's webhook may point at (default
	// hooks.slack.com); see Allowlist for the forms.
	AllowedHosts []string `yaml:"allowed_hosts"`
}

// On reports whether user webhooks are enabled.
func (u UserWebhooksConfig) On() bool { return u.Enabled == nil || *u.Enabled }

// Allowlist returns the parsed AllowedHosts.
func (u UserWebhooksConfig) Allowlist() (*Allowlist, error) { return NewAllowlist(u.AllowedHosts) }

// Severities maps the names used in config to severities.
var Severities = map[string]Severity{"info": Info, "warning": Warning, "critical": Critical}

// Fill sets defaults.
func (c *Config) Fill() {
	if c.Quiet == 0 {
		c.Quiet = DefaultQuiet
	}
	if c.GroupInterval == 0 {
		c.GroupInterval = DefaultGroupInterval
	}
	if c.Retention == 0 {
		c.Retention = DefaultRetention
	}
	c.ExplorerURL = strings.TrimRight(c.ExplorerURL, "/")
	c.Token = c.Token.orDefault()
	if len(c.UserWebhooks.AllowedHosts) == 0 {
		c.UserWebhooks.AllowedHosts = append([]string(nil), DefaultAllowedHosts...)
	}
}

// Validate reports every contradictory or malformed field, each error naming its path
// under "alerts."; no error holds a secret (the section holds none, and URLs are shown by
// scheme and host only).
func (c Config) Validate() error {
	var errs []error
	bad := func(path, format string, args ...any) {
		errs = append(errs, fmt.Errorf("alerts."+path+": "+format, args...))
	}
	s := c.Slack
	if s.TokenEnv != "" && s.WebhookEnv != "" {
		bad("slack", "set token_env or webhook_env, not both")
	}
	if s.TokenEnv != "" && len(s.Channels) == 0 {
		bad("slack.channels", "a bot token needs at least one channel")
	}
	if s.WebhookEnv != "" && len(s.Channels) > 0 {
		bad("slack.channels", "an incoming webhook posts to its own channel; channels apply to a bot token only")
	}
	for k, ch := range s.Channels {
		if _, ok := Severities[k]; !ok {
			bad("slack.channels", "unknown severity %q (info, warning, critical)", k)
		} else if strings.TrimSpace(ch) == "" {
			bad("slack.channels."+k, "empty channel")
		}
	}
	for path, env := range map[string]string{"slack.token_env": s.TokenEnv, "slack.webhook_env": s.WebhookEnv} {
		if env != "" && !envName(env) {
			// Not echoed: it may be the secret itself, put where its variable's name belongs.
			bad(path, "is not an environment variable name (name the variable that holds the secret, not the secret)")
		}
	}
	if s.APIURL != "" {
		if err := checkBaseURL(s.APIURL); err != nil {
			bad("slack.api_url", "%v", err)
		}
	}
	if c.ExplorerURL != "" {
		if err := checkBaseURL(c.ExplorerURL); err != nil {
			bad("explorer_url", "%v", err)
		}
	}
	if c.Quiet < 0 {
		bad("quiet", "negative duration %s", c.Quiet)
	}
	if c.GroupInterval < 0 {
		bad("group_interval", "negative duration %s", c.GroupInterval)
	}
	if c.Retention < 0 {
		bad("retention", "negative duration %s", c.Retention)
	}
	if c.Token.Decimals < 0 || c.Token.Decimals > 77 {
		bad("token.decimals", "%d is not between 0 and 77", c.Token.Decimals)
	}
	if len(c.Token.Symbol) > 16 || strings.ContainsAny(c.Token.Symbol, "<>&*`\n") {
		bad("token.symbol", "%q: at most 16 characters, no markup", c.Token.Symbol)
	}
	for i, h := range c.UserWebhooks.AllowedHosts {
		if _, err := parseAllowEntry(h); err != nil {
			bad(fmt.Sprintf("user_webhooks.allowed_hosts[%d]", i), "%v", err)
		}
	}
	return errors.Join(errs...)
}

// checkBaseURL accepts an absolute http(s) URL without user info, query or fragment.
func checkBaseURL(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return fmt.Errorf("%s is not an absolute http(s) URL", redact.URL(raw))
	}
	if u.User != nil || u.RawQuery != "" || u.Fragment != "" {
		return fmt.Errorf("%s: no user info, query or fragment", redact.URL(raw))
	}
	return nil
}

func envName(s string) bool {
	for i, r := range s {
		if !(r == '_' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || i > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return s != ""
}

// SlackConfig builds the Slack sink's settings from the section, reading the token or
// the webhook URL from the environment through getenv (os.Getenv); ok is false when Slack
// is not configured. The caller sets Store, Logger and the rest. Errors name the
// variable, never its value.
func (c Config) SlackConfig(getenv func(string) string) (cfg SlackConfig, ok bool, err error) {
	s := c.Slack
	if !s.Enabled() {
		return SlackConfig{}, false, nil
	}
	cfg = SlackConfig{APIURL: s.APIURL, Channels: map[Severity]string{}, ExplorerURL: c.ExplorerURL, Units: c.Token,
		GroupInterval: c.GroupInterval}
	if s.TokenEnv != "" {
		if cfg.Token = getenv(s.TokenEnv); cfg.Token == "" {
			return SlackConfig{}, false, fmt.Errorf("alerts.slack.token_env: %s is empty", s.TokenEnv)
		}
	} else {
		if cfg.WebhookURL = getenv(s.WebhookEnv); cfg.WebhookURL == "" {
			return SlackConfig{}, false, fmt.Errorf("alerts.slack.webhook_env: %s is empty", s.WebhookEnv)
		}
		if err := checkWebhookURL(cfg.WebhookURL); err != nil {
			return SlackConfig{}, false, fmt.Errorf("alerts.slack.webhook_env: %s holds an invalid webhook URL (%s): %w",
				s.WebhookEnv, redact.URL(cfg.WebhookURL), err)
		}
	}
	for k, ch := range s.Channels {
		cfg.Channels[Severities[k]] = ch
	}
	return cfg, true, nil
}

// UserSinkConfig builds the user-webhook sink's settings over st; ok is false when user
// webhooks are disabled. The caller sets Logger and the rest.
func (c Config) UserSinkConfig(st UserStore) (cfg UserSinkConfig, ok bool, err error) {
	if !c.UserWebhooks.On() {
		return UserSinkConfig{}, false, nil
	}
	allow, err := c.UserWebhooks.Allowlist()
	if err != nil {
		return UserSinkConfig{}, false, fmt.Errorf("alerts.user_webhooks.allowed_hosts: %w", err)
	}
	return UserSinkConfig{Store: st, Allow: allow, ExplorerURL: c.ExplorerURL, Units: c.Token}, true, nil
}
