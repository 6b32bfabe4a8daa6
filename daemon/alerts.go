package daemon

import (
	"errors"
	"fmt"
	"log/slog"
	"os"
	"time"

	"github.com/vigil-hub/vigil/alert"
)

// AlertsConfig sets where alerts go besides the log.
type AlertsConfig struct {
	Slack SlackConfig `yaml:"slack"`
	// Quiet is how long an alert with the same key is not repeated (default 30m).
	Quiet time.Duration `yaml:"quiet"`
}

// Fill sets defaults.
func (a *AlertsConfig) Fill() {
	if a.Quiet == 0 {
		a.Quiet = 30 * time.Minute
	}
}

// Validate reports a contradictory or incomplete Slack section; never a secret.
func (a AlertsConfig) Validate() []error { return a.Slack.validate() }

// SlackConfig sends alerts to Slack: a bot token (from the environment variable TokenEnv)
// posting to a channel per severity, or an incoming webhook (URL from WebhookEnv).
type SlackConfig struct {
	TokenEnv   string            `yaml:"token_env"`
	WebhookEnv string            `yaml:"webhook_env"`
	Channels   map[string]string `yaml:"channels"` // keys: info, warning, critical
	APIURL     string            `yaml:"api_url"`  // Slack's Web API base; default Slack's
}

// Enabled reports whether Slack is configured.
func (s SlackConfig) Enabled() bool { return s.TokenEnv != "" || s.WebhookEnv != "" }

func (s SlackConfig) validate() []error {
	var errs []error
	if s.TokenEnv != "" && s.WebhookEnv != "" {
		errs = append(errs, errors.New("alerts.slack: set token_env or webhook_env, not both"))
	}
	if s.TokenEnv != "" && len(s.Channels) == 0 {
		errs = append(errs, errors.New("alerts.slack.channels: a bot token needs at least one channel"))
	}
	for k := range s.Channels {
		if _, ok := severities[k]; !ok {
			errs = append(errs, fmt.Errorf("alerts.slack.channels: unknown severity %q (info, warning, critical)", k))
		}
	}
	return errs
}

var severities = map[string]alert.Severity{"info": alert.Info, "warning": alert.Warning, "critical": alert.Critical}

// Sink builds the alert sink: the log, Slack when configured, de-duplicated.
func (a AlertsConfig) Sink(log *slog.Logger, extra ...alert.Sink) (alert.Sink, *alert.Slack, error) {
	sinks := append(alert.Fanout{alert.Log{Logger: log}}, extra...)
	var sl *alert.Slack
	if a.Slack.Enabled() {
		cfg := alert.SlackConfig{APIURL: a.Slack.APIURL, Channels: map[alert.Severity]string{}, Logger: log}
		if a.Slack.TokenEnv != "" {
			if cfg.Token = os.Getenv(a.Slack.TokenEnv); cfg.Token == "" {
				return nil, nil, fmt.Errorf("alerts.slack.token_env: %s is empty", a.Slack.TokenEnv)
			}
		} else if cfg.WebhookURL = os.Getenv(a.Slack.WebhookEnv); cfg.WebhookURL == "" {
			return nil, nil, fmt.Errorf("alerts.slack.webhook_env: %s is empty", a.Slack.WebhookEnv)
		}
		for k, ch := range a.Slack.Channels {
			cfg.Channels[severities[k]] = ch
		}
		var err error
		if sl, err = alert.NewSlack(cfg); err != nil {
			return nil, nil, err
		}
		sinks = append(sinks, sl)
	}
	return &alert.Dedup{Next: sinks, Quiet: a.Quiet}, sl, nil
}
