package repotest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os/exec"
	"slices"
	"strings"
	"testing"
)

// module is the path every Vigil package starts with.
const module = "github.com/vigil-hub/vigil"

// v turns module-relative names ("hub", "cmd/...") into package paths or patterns.
func v(names ...string) []string {
	out := make([]string, len(names))
	for i, n := range names {
		out[i] = module + "/" + n
	}
	return out
}

// services are the packages that run something or hold its wiring: a wallet, the
// protocol's types and the packages at the bottom never depend on them.
var services = v("hub", "hubapi", "hubd", "towerd", "towerapi", "watcher", "disputes", "monitor", "store/sqlstore", "migrations",
	"alert", "internal/demo", "internal/devnet", "internal/testkit/adversary", "cmd/...")

// drivers are the database drivers and the migration tool; only store/sqlstore and the
// processes above it compile them.
var drivers = []string{"github.com/lib/pq", "modernc.org/sqlite/...", "github.com/pressly/goose/v3/..."}

// importRule is one rule of STYLE.md's "The house" on which package may depend on
// which. A name ending in "/..." is a pattern matching that package and every package
// below it.
type importRule struct {
	rule string   // what STYLE.md says, for the failure message
	from []string // the packages the rule binds
	// except are packages of from the rule leaves out.
	except []string
	// deps are forbidden anywhere among from's dependencies, imports only as its direct
	// imports (for the standard library and go-ethereum, whose own dependencies are not
	// ours to police).
	deps, imports []string
}

var importRules = []importRule{
	{
		rule: "the wallet reaches the hub only over HTTP, with the types in wire: it compiles no service, no store and no database driver",
		from: v("client", "chanctl", "cmd/chanctl"),
		deps: slices.Concat(services, v("store/..."), drivers),
	},
	{
		rule:    "wire is data and pure functions shared by the APIs and their clients: no service, no store, no wallet, no network, no database",
		from:    v("wire"),
		deps:    slices.Concat(services, v("store/...", "client", "chanctl"), drivers),
		imports: []string{"net", "net/http", "database/sql", "os", "os/exec"},
	},
	{
		rule:    "channel imports no database, no network and no service: it depends on no other Vigil package and does no I/O",
		from:    v("channel"),
		deps:    slices.Concat(v("..."), drivers, []string{"net", "net/http", "github.com/ethereum/go-ethereum/ethclient", "github.com/ethereum/go-ethereum/rpc"}),
		imports: []string{"database/sql", "database/sql/driver", "os", "os/exec", "io/fs"},
	},
	{
		rule:    "lockpool is the one round driver of lock resolution, shared by the tower and the hub: it imports no service, no database and no network",
		from:    v("lockpool"),
		deps:    slices.Concat(services, v("client", "chanctl", "store/storetest"), drivers),
		imports: []string{"net", "net/http", "database/sql"},
	},
	{
		rule: "watcher never imports disputes: the indexer feeds the engine, not the reverse",
		from: v("watcher"),
		deps: v("disputes"),
	},
	{
		rule: "store knows no service: the interface and its types import no service, no implementation and no driver",
		from: v("store"),
		deps: slices.Concat(services, v("client", "chanctl", "store/storetest"), drivers),
	},
	{
		rule: "the store's conformance suite knows no service: it checks the store through interfaces of its own",
		from: v("store/storetest"),
		deps: v("hub", "hubapi", "hubd", "towerd", "towerapi", "watcher", "disputes", "monitor", "alert", "daemon", "internal/demo", "client", "chanctl", "cmd/..."),
	},
	{
		rule:    "the hub serves HTTP only through hubapi, stores only through its Store interface, and knows neither the watchtower's process nor the wallet",
		from:    v("hub"),
		deps:    slices.Concat(v("hubapi", "hubd", "towerd", "towerapi", "disputes", "store/sqlstore", "migrations", "client", "chanctl", "cmd/..."), drivers),
		imports: []string{"net/http"},
	},
	{
		rule: "hubapi translates HTTP to the hub's calls: no database, no watchtower, no wallet",
		from: v("hubapi"),
		deps: slices.Concat(v("hubd", "towerd", "towerapi", "disputes", "store/sqlstore", "migrations", "client", "chanctl", "cmd/..."), drivers),
	},
	{
		rule: "the two daemons share what both schedule through monitor: neither imports the other",
		from: v("hubd", "monitor"),
		deps: v("towerd"),
	},
	{
		rule: "the RPC client is below the daemons: it counts through a Recorder it declares and knows no process, API or wallet",
		from: v("rpcclient"),
		deps: slices.Concat(v("daemon", "towerd", "hubd", "hub", "hubapi", "towerapi", "monitor", "store/sqlstore", "client", "chanctl"), drivers),
	},
	{
		rule: "towerd knows nothing of the hub's process",
		from: v("towerd"),
		deps: v("hubd", "hub", "hubapi"),
	},
	{
		rule: "the adversarial simulation is a test harness at the top: only its own tests run it, and it runs no process's main",
		from: v("..."),
		// internal/testkit/adversary itself is exempt: its own package is its subject.
		imports: v("internal/testkit/adversary"),
	},
	{
		rule: "the adversarial simulation drives the hub and the wallet as a deployment does, through their APIs: it imports no process wiring",
		from: v("internal/testkit/adversary"),
		deps: v("hubd", "towerd", "internal/demo", "cmd/..."),
	},
	{
		rule: "test fixtures stay out of the programs: only tests, the fixtures themselves, the conformance suite and the measuring tools " +
			"(bench, gasreport) use internal/testkit; `hub devnet` starts anvil through internal/foundry and internal/nodeproc",
		from:   v("..."),
		except: v("internal/testkit/...", "store/storetest", "cmd/bench", "cmd/gasreport", "e2e"),
		deps:   v("internal/testkit/..."),
	},
	{
		rule:    "the command lines live in cmd, one per program, on internal/cli: no library parses flags or declares commands",
		from:    v("..."),
		except:  v("cmd/...", "internal/cli/..."),
		imports: []string{"github.com/urfave/cli/v3", "flag"},
	},
	{
		rule:    "nothing imports cmd: the mains are thin and at the top",
		from:    v("..."),
		imports: v("cmd/..."),
	},
}

// listedPackage is what `go list -json` says about one package.
type listedPackage struct {
	ImportPath string
	Imports    []string
	Deps       []string
	Error      *struct{ Err string }
}

// goList lists every package of the module with its imports and dependencies (tests
// excluded: a test may import anything).
func goList(t *testing.T) []listedPackage {
	t.Helper()
	cmd := exec.Command("go", "list", "-e", "-json=ImportPath,Imports,Deps,Error", "./...")
	cmd.Dir = "../.."
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("go list: %v\n%s", err, stderr.String())
	}
	var pkgs []listedPackage
	dec := json.NewDecoder(&stdout)
	for {
		var p listedPackage
		if err := dec.Decode(&p); errors.Is(err, io.EOF) {
			break
		} else if err != nil {
			t.Fatalf("go list output: %v", err)
		}
		pkgs = append(pkgs, p)
	}
	return pkgs
}

// matches reports whether path is name, or is below it when name ends in "/...".
func matches(name, path string) bool {
	if prefix, ok := strings.CutSuffix(name, "/..."); ok {
		return path == prefix || strings.HasPrefix(path, prefix+"/")
	}
	return path == name
}

func matchesAny(names []string, path string) bool {
	return slices.ContainsFunc(names, func(n string) bool { return matches(n, path) })
}

// importViolations checks pkgs against rules. It returns one line per forbidden
// dependency, naming the chain of Vigil imports that leads to it, and an error when a
// rule names a Vigil package that does not exist (renamed: the rule would pass silently).
func importViolations(pkgs []listedPackage, rules []importRule) ([]string, error) {
	byPath := map[string]listedPackage{}
	for _, p := range pkgs {
		byPath[p.ImportPath] = p
	}
	var missing []string
	for _, r := range rules {
		for _, n := range slices.Concat(r.from, r.except, r.deps, r.imports) {
			if !strings.HasPrefix(n, module+"/") || n == module+"/..." {
				continue
			}
			if !slices.ContainsFunc(pkgs, func(p listedPackage) bool { return matches(n, p.ImportPath) }) {
				missing = append(missing, strings.TrimPrefix(n, module+"/"))
			}
		}
	}
	if len(missing) > 0 {
		slices.Sort(missing)
		return nil, fmt.Errorf("the import rules name packages that do not exist (renamed? update the rules): %s",
			strings.Join(slices.Compact(missing), ", "))
	}
	var out []string
	for _, r := range rules {
		for _, p := range pkgs {
			if !matchesAny(r.from, p.ImportPath) || matchesAny(r.except, p.ImportPath) {
				continue
			}
			if p.Error != nil {
				out = append(out, fmt.Sprintf("%s: go list: %s", p.ImportPath, p.Error.Err))
				continue
			}
			var found, hidden []string // hidden: reached only through third-party packages
			for _, d := range p.Deps {
				if d == p.ImportPath || !matchesAny(r.deps, d) {
					continue
				}
				chain := importChain(byPath, p.ImportPath, d)
				if len(chain) > 2 && slices.ContainsFunc(chain[1:len(chain)-1], func(n string) bool { return matchesAny(r.deps, n) }) {
					continue // reached through a forbidden package, which is reported itself
				}
				line := fmt.Sprintf("%s depends on %s (%s): %s", p.ImportPath, d, showChain(chain), r.rule)
				if chain == nil {
					hidden = append(hidden, line)
				} else {
					found = append(found, line)
				}
			}
			if len(found) == 0 {
				found = hidden // else they are what a reported package brings (a driver's own packages)
			}
			out = append(out, found...)
			for _, d := range p.Imports {
				if d != p.ImportPath && matchesAny(r.imports, d) {
					out = append(out, fmt.Sprintf("%s imports %s: %s", p.ImportPath, d, r.rule))
				}
			}
		}
	}
	return out, nil
}

// importChain returns the shortest chain of imports from one package to another through
// the packages go list described, or nil when it leads through third-party packages.
func importChain(byPath map[string]listedPackage, from, to string) []string {
	prev := map[string]string{from: ""}
	queue := []string{from}
	for len(queue) > 0 {
		cur := queue[0]
		queue = queue[1:]
		if cur == to {
			var chain []string
			for n := to; n != ""; n = prev[n] {
				chain = append(chain, n)
			}
			slices.Reverse(chain)
			return chain
		}
		for _, next := range byPath[cur].Imports {
			if _, seen := prev[next]; !seen {
				prev[next] = cur
				queue = append(queue, next)
			}
		}
	}
	return nil
}

// showChain writes a chain of imports as "client → hub → store".
func showChain(chain []string) string {
	if chain == nil {
		return "through a third-party package"
	}
	short := make([]string, len(chain))
	for i, n := range chain {
		short[i] = strings.TrimPrefix(n, module+"/")
	}
	return strings.Join(short, " → ")
}

// TestImportRules holds the repository to STYLE.md's dependency rules: the wallet
// compiles no service, wire and channel stay at the bottom, watcher never imports
// disputes, store knows no service, the hub reaches HTTP only through hubapi, and nothing
// imports cmd.
func TestImportRules(t *testing.T) {
	violations, err := importViolations(goList(t), importRules)
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range violations {
		t.Error(line)
	}
}

// TestImportRulesCatchViolations: the check reports a forbidden dependency, direct or
// through another package, and refuses rules naming packages that do not exist; it passes
// a graph that keeps the rules.
func TestImportRulesCatchViolations(t *testing.T) {
	pkg := func(path string, imports ...string) listedPackage {
		return listedPackage{ImportPath: module + "/" + path, Imports: v(imports...)}
	}
	graph := func(pkgs ...listedPackage) []listedPackage {
		// Deps: everything reachable, as go list computes it.
		byPath := map[string]listedPackage{}
		for _, p := range pkgs {
			byPath[p.ImportPath] = p
		}
		for i, p := range pkgs {
			seen := map[string]bool{}
			var walk func(string)
			walk = func(n string) {
				for _, d := range byPath[n].Imports {
					if !seen[d] {
						seen[d] = true
						walk(d)
					}
				}
			}
			walk(p.ImportPath)
			for d := range seen {
				pkgs[i].Deps = append(pkgs[i].Deps, d)
			}
			slices.Sort(pkgs[i].Deps)
		}
		return pkgs
	}
	rules := []importRule{
		{rule: "wallet", from: v("client"), deps: v("hub", "store")},
		{rule: "no cmd", from: v("..."), imports: v("cmd/...")},
	}
	clean := graph(pkg("client", "wire"), pkg("wire", "channel"), pkg("channel"), pkg("hub", "wire", "store"), pkg("store"), pkg("cmd/hub", "hub"))
	if got, err := importViolations(clean, rules); err != nil || len(got) != 0 {
		t.Errorf("a graph that keeps the rules: %q, %v", got, err)
	}
	for name, tc := range map[string]struct {
		pkgs []listedPackage
		want string
	}{
		"direct import": {graph(pkg("client", "hub"), pkg("hub"), pkg("store"), pkg("cmd/hub", "hub")), "client depends on " + module + "/hub (client → hub)"},
		"through another package": {graph(pkg("client", "chanctl"), pkg("chanctl", "hub"), pkg("hub"), pkg("store"), pkg("cmd/hub", "hub")),
			"client depends on " + module + "/hub (client → chanctl → hub)"},
		"only the forbidden package, not what it brings": {graph(pkg("client", "hub"), pkg("hub", "store"), pkg("store"), pkg("cmd/hub", "hub")),
			"client depends on " + module + "/hub (client → hub)"},
		"importing a main": {graph(pkg("client"), pkg("hub", "cmd/hub"), pkg("store"), pkg("cmd/hub")), "hub imports " + module + "/cmd/hub"},
	} {
		t.Run(name, func(t *testing.T) {
			got, err := importViolations(tc.pkgs, rules)
			if err != nil {
				t.Fatal(err)
			}
			if len(got) != 1 || !strings.HasPrefix(got[0], module+"/"+tc.want) {
				t.Errorf("violations %q, want one starting %q", got, tc.want)
			}
		})
	}
	t.Run("rule naming a missing package", func(t *testing.T) {
		renamed := []importRule{{rule: "wallet", from: v("client"), deps: v("api")}}
		if _, err := importViolations(clean, renamed); err == nil || !strings.Contains(err.Error(), "api") {
			t.Errorf("got %v, want an error naming api", err)
		}
	})
}
