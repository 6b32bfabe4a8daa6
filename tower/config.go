// Package tower wires the watchtower together: configuration, store, RPC endpoints,
// indexer and deposit API.
package tower

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
	"os"
	"strings"
	"time"

	"github.com/ethereum/go-ethereum/common"
	"gopkg.in/yaml.v3"
)

// Config is the watchtower's config.yaml. Secrets never live in it: the database URL may
// come from DATABASE_URL, and the keystore password from a file or an environment variable.
type Config struct {
	Database struct {
		URL string `yaml:"url"` // without a password; DATABASE_URL overrides it
	} `yaml:"database"`
	Chain struct {
		RPC           []RPC         `yaml:"rpc"`
		Confirmations uint64        `yaml:"confirmations"`
		PollInterval  time.Duration `yaml:"poll_interval"`
		MaxLag        uint64        `yaml:"max_lag"`
	} `yaml:"chain"`
	Contracts []ContractConfig `yaml:"contracts"`
	API       struct {
		Listen string `yaml:"listen"`
	} `yaml:"api"`
	Keystore struct {
		Path         string `yaml:"path"`
		PasswordFile string `yaml:"password_file"`
		PasswordEnv  string `yaml:"password_env"`
	} `yaml:"keystore"`
}

// RPC is one JSON-RPC endpoint.
type RPC struct {
	Name string `yaml:"name"`
	URL  string `yaml:"url"` // http(s):// or ws(s)://; may come from URLEnv instead
	// URLEnv names an environment variable holding the URL (for URLs with API keys).
	URLEnv string `yaml:"url_env"`
}

// ContractConfig is one ChannelManager to watch.
type ContractConfig struct {
	Address     string `yaml:"address"`
	DeployBlock uint64 `yaml:"deploy_block"`
}

// LoadConfig reads and validates a config file.
func LoadConfig(path string) (*Config, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	return ParseConfig(b)
}

// ParseConfig parses config YAML strictly (unknown keys are errors), applies environment
// overrides and defaults, and validates it.
func ParseConfig(b []byte) (*Config, error) {
	var c Config
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(&c); err != nil {
		return nil, fmt.Errorf("parse config: %w", err)
	}
	if v := os.Getenv("DATABASE_URL"); v != "" {
		c.Database.URL = v
	}
	for i := range c.Chain.RPC {
		if e := c.Chain.RPC[i].URLEnv; e != "" {
			c.Chain.RPC[i].URL = os.Getenv(e)
		}
		if c.Chain.RPC[i].Name == "" {
			c.Chain.RPC[i].Name = fmt.Sprintf("rpc%d", i)
		}
	}
	if c.Chain.Confirmations == 0 {
		c.Chain.Confirmations = 12
	}
	if c.Chain.PollInterval == 0 {
		c.Chain.PollInterval = 2 * time.Second
	}
	if c.Chain.MaxLag == 0 {
		c.Chain.MaxLag = 5
	}
	if c.API.Listen == "" {
		c.API.Listen = "127.0.0.1:8480"
	}
	return &c, c.validate()
}

func (c *Config) validate() error {
	var errs []error
	if c.Database.URL == "" {
		errs = append(errs, errors.New("database.url: required (or set DATABASE_URL)"))
	} else if u, err := url.Parse(c.Database.URL); err == nil {
		if _, has := u.User.Password(); has && os.Getenv("DATABASE_URL") == "" {
			errs = append(errs, errors.New("database.url: must not carry a password; set DATABASE_URL instead"))
		}
	}
	if len(c.Chain.RPC) == 0 {
		errs = append(errs, errors.New("chain.rpc: at least one endpoint is required"))
	}
	for i, r := range c.Chain.RPC {
		ok := strings.HasPrefix(r.URL, "http://") || strings.HasPrefix(r.URL, "https://") ||
			strings.HasPrefix(r.URL, "ws://") || strings.HasPrefix(r.URL, "wss://")
		if !ok {
			errs = append(errs, fmt.Errorf("chain.rpc[%d] (%s): url must be http(s):// or ws(s)://", i, r.Name))
		}
	}
	if c.Chain.PollInterval < 100*time.Millisecond {
		errs = append(errs, fmt.Errorf("chain.poll_interval: %s is below 100ms", c.Chain.PollInterval))
	}
	if len(c.Contracts) == 0 {
		errs = append(errs, errors.New("contracts: at least one contract is required"))
	}
	seen := map[string]bool{}
	for i, ct := range c.Contracts {
		if !common.IsHexAddress(ct.Address) {
			errs = append(errs, fmt.Errorf("contracts[%d].address: %q is not an address", i, ct.Address))
		} else if a := strings.ToLower(ct.Address); seen[a] {
			errs = append(errs, fmt.Errorf("contracts[%d].address: %s listed twice", i, ct.Address))
		} else {
			seen[a] = true
		}
	}
	if c.Keystore.Path == "" {
		errs = append(errs, errors.New("keystore.path: required (the tower's encrypted key)"))
	}
	if (c.Keystore.PasswordFile == "") == (c.Keystore.PasswordEnv == "") {
		errs = append(errs, errors.New("keystore: set exactly one of password_file and password_env"))
	}
	return errors.Join(errs...)
}
