package alert

import (
	"errors"
	"strings"
	"testing"
	"time"

	"gopkg.in/yaml.v3"
)

func TestConfigDefaults(t *testing.T) {
	var c Config
	if err := yaml.Unmarshal([]byte("explorer_url: https://etherscan.io/\n"), &c); err != nil {
		t.Fatal(err)
	}
	c.Fill()
	if c.Quiet != DefaultQuiet || c.GroupInterval != DefaultGroupInterval || c.Retention != DefaultRetention || c.ExplorerURL != "https://etherscan.io" ||
		c.Token != (TokenUnits{Symbol: "TOKEN", Decimals: 18}) || !c.UserWebhooks.On() ||
		len(c.UserWebhooks.AllowedHosts) != 1 || c.UserWebhooks.AllowedHosts[0] != "hooks.slack.com" {
		t.Errorf("defaults: %+v", c)
	}
	if err := c.Validate(); err != nil {
		t.Errorf("defaults do not validate: %v", err)
	}
	if _, ok, err := c.SlackConfig(func(string) string { return "" }); ok || err != nil {
		t.Errorf("Slack unconfigured: ok %v err %v", ok, err)
	}
}

// TestConfigRejections: every malformed field is reported with its path, all at once,
// and no error holds a secret (the webhook URL and token in the environment).
func TestConfigRejections(t *testing.T) {
	const hook = "https://hooks.slack.com/services/T0/B0/s3cr3t"
	off := false
	for _, tc := range []struct {
		name string
		c    Config
		want []string
	}{
		{"token and webhook", Config{Slack: SlackSettings{TokenEnv: "T", WebhookEnv: "W"}}, []string{"alerts.slack: set token_env or webhook_env"}},
		{"token without channels", Config{Slack: SlackSettings{TokenEnv: "T"}}, []string{"alerts.slack.channels: a bot token needs"}},
		{"webhook with channels", Config{Slack: SlackSettings{WebhookEnv: "W", Channels: map[string]string{"info": "#x"}}},
			[]string{"alerts.slack.channels: an incoming webhook"}},
		{"unknown severity", Config{Slack: SlackSettings{TokenEnv: "T", Channels: map[string]string{"urgent": "#x", "info": " "}}},
			[]string{`unknown severity "urgent"`, "alerts.slack.channels.info: empty channel"}},
		{"env names", Config{Slack: SlackSettings{WebhookEnv: hook}}, []string{"alerts.slack.webhook_env: ", "is not an environment variable name"}},
		{"urls", Config{ExplorerURL: "etherscan.io", Slack: SlackSettings{TokenEnv: "T", Channels: map[string]string{"info": "#x"},
			APIURL: "https://u:s3cr3t@slack.example/api?k=s3cr3t"}}, []string{"alerts.explorer_url:", "alerts.slack.api_url: https://slack.example: no user info"}},
		{"durations", Config{Quiet: -time.Second, GroupInterval: -time.Second, Retention: -time.Hour},
			[]string{"alerts.quiet: negative", "alerts.group_interval: negative", "alerts.retention: negative"}},
		{"token units", Config{Token: TokenUnits{Symbol: "<!channel>", Decimals: 78}}, []string{"alerts.token.decimals", "alerts.token.symbol"}},
		{"allowlist", Config{UserWebhooks: UserWebhooksConfig{Enabled: &off, AllowedHosts: []string{"http://hooks.slack.com", "ftp://x", "*.slack.com",
			"hooks.slack.com/services/T0/B0/s3cr3t"}}},
			[]string{"allowed_hosts[0]: allowed host \"http://hooks.slack.com\": plain http is allowed only to a loopback IP", "allowed_hosts[1]",
				"allowed_hosts[2]", "allowed_hosts[3]"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			err := tc.c.Validate()
			if err == nil {
				t.Fatal("accepted")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
			if tc.name != "allowlist" && strings.Contains(err.Error(), "s3cr3t") {
				t.Errorf("error leaks a secret:\n%v", err)
			}
		})
	}
	// The environment's values never appear in errors.
	env := map[string]string{"HOOK": "http://hooks.slack.com/services/T0/B0/s3cr3t", "TOKEN": ""}
	_, _, err := Config{Slack: SlackSettings{WebhookEnv: "HOOK"}}.SlackConfig(func(k string) string { return env[k] })
	if err == nil || strings.Contains(err.Error(), "s3cr3t") || !strings.Contains(err.Error(), "HOOK") || !errors.Is(err, ErrBadURL) {
		t.Errorf("an http webhook: %v", err)
	}
	_, _, err = Config{Slack: SlackSettings{TokenEnv: "TOKEN", Channels: map[string]string{"info": "#x"}}}.SlackConfig(func(k string) string { return env[k] })
	if err == nil || !strings.Contains(err.Error(), "alerts.slack.token_env: TOKEN is empty") {
		t.Errorf("an empty token: %v", err)
	}
	env["HOOK"] = hook
	cfg, ok, err := Config{Slack: SlackSettings{WebhookEnv: "HOOK"}, ExplorerURL: "https://etherscan.io", GroupInterval: time.Minute}.SlackConfig(func(k string) string { return env[k] })
	if err != nil || !ok || cfg.WebhookURL != hook || cfg.ExplorerURL != "https://etherscan.io" || cfg.GroupInterval != time.Minute {
		t.Errorf("webhook config: %+v %v %v", cfg, ok, err)
	}
}

// FuzzConfigValidate: Validate never panics and never repeats a webhook path it was given.
func FuzzConfigValidate(f *testing.F) {
	f.Add("https://etherscan.io", "hooks.slack.com", "https://slack.com/api/")
	f.Add("http://[::1", "http://127.0.0.1:8080", "https://u:p@x/y?z")
	f.Fuzz(func(t *testing.T, explorer, host, api string) {
		c := Config{ExplorerURL: explorer, UserWebhooks: UserWebhooksConfig{AllowedHosts: []string{host}},
			Slack: SlackSettings{TokenEnv: "T", Channels: map[string]string{"info": "#x"}, APIURL: api}}
		c.Fill()
		_ = c.Validate()
	})
}
