package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"math/big"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/ethereum/go-ethereum/accounts/abi/bind/v2"
	"github.com/ethereum/go-ethereum/common"
	"github.com/ethereum/go-ethereum/crypto"
	"github.com/ethereum/go-ethereum/ethclient"
	"github.com/ethereum/go-ethereum/rpc"
	_ "github.com/lib/pq" // the PostgreSQL driver, for creating and dropping databases

	"github.com/vigil-hub/vigil/contracts"
	"github.com/vigil-hub/vigil/contracts/bindings"
	"github.com/vigil-hub/vigil/internal/nodeproc"
	"github.com/vigil-hub/vigil/internal/testkit/anvil"
	"github.com/vigil-hub/vigil/store/sqlstore"
)

// defaultDatabaseURL is the server used when DATABASE_URL is unset.
const defaultDatabaseURL = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

func pgBase() string {
	if u := os.Getenv("DATABASE_URL"); u != "" {
		return u
	}
	return defaultDatabaseURL
}

// newDatabase creates an empty PostgreSQL database on the bench's server and returns its
// URL and a function that drops it.
func (b *bench) newDatabase(ctx context.Context) (string, func(), error) {
	admin, err := sql.Open("postgres", b.pgBase)
	if err != nil {
		return "", nil, errors.New("DATABASE_URL does not parse")
	}
	if err := admin.PingContext(ctx); err != nil {
		admin.Close()
		return "", nil, fmt.Errorf("PostgreSQL (DATABASE_URL) is not reachable: %w", err)
	}
	rnd := make([]byte, 6)
	rand.Read(rnd)
	name := "vigil_bench_" + hex.EncodeToString(rnd)
	if _, err := admin.ExecContext(ctx, "CREATE DATABASE "+name); err != nil {
		admin.Close()
		return "", nil, fmt.Errorf("create database: %w", err)
	}
	drop := func() {
		admin.Exec("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)")
		admin.Close()
	}
	u, err := url.Parse(b.pgBase)
	if err != nil {
		drop()
		return "", nil, errors.New("DATABASE_URL does not parse")
	}
	u.Path = "/" + name
	return u.String(), drop, nil
}

// openStore opens and migrates the store at url.
func openStore(ctx context.Context, url string) (*sqlstore.Store, error) {
	st, err := sqlstore.Open(ctx, url)
	if err != nil {
		return nil, err
	}
	if err := st.Migrate(ctx); err != nil {
		st.Close()
		return nil, err
	}
	return st, nil
}

// backend is a fresh store database of one dialect.
type backend struct {
	name string
	url  string
	st   *sqlstore.Store
	// admin is a connection of the bench's own to a PostgreSQL database (nil for SQLite):
	// sizes, the backends' CPU time.
	admin *sql.DB
	drop  func()
}

func (be *backend) close() {
	be.st.Close()
	if be.admin != nil {
		be.admin.Close()
	}
	be.drop()
}

// postgres returns a fresh, migrated PostgreSQL store.
func (b *bench) postgres(ctx context.Context) (*backend, error) {
	u, drop, err := b.newDatabase(ctx)
	if err != nil {
		return nil, err
	}
	st, err := openStore(ctx, u)
	if err != nil {
		drop()
		return nil, err
	}
	admin, err := sql.Open("postgres", u)
	if err != nil {
		st.Close()
		drop()
		return nil, err
	}
	admin.SetMaxOpenConns(1)
	return &backend{name: "postgres", url: u, st: st, admin: admin, drop: drop}, nil
}

// sqlite returns a fresh, migrated SQLite store in the run's temporary directory.
func (b *bench) sqlite(ctx context.Context) (*backend, error) {
	dir, err := os.MkdirTemp(b.tmp, "sqlite-")
	if err != nil {
		return nil, err
	}
	u := "sqlite:" + filepath.Join(dir, "vigil.db")
	st, err := openStore(ctx, u)
	if err != nil {
		return nil, err
	}
	return &backend{name: "sqlite", url: u, st: st, drop: func() { os.RemoveAll(dir) }}, nil
}

// backends returns a fresh store of each dialect, PostgreSQL first.
func (b *bench) backends(ctx context.Context) ([]*backend, error) {
	pg, err := b.postgres(ctx)
	if err != nil {
		return nil, err
	}
	lite, err := b.sqlite(ctx)
	if err != nil {
		pg.close()
		return nil, err
	}
	return []*backend{pg, lite}, nil
}

// node is anvil, run on a free loopback port.
type node struct {
	port int
	cmd  *exec.Cmd
	done chan error
}

// anvil starts anvil mining a block per transaction (blockTime 0) or every blockTime
// seconds.
func (b *bench) anvil(ctx context.Context, blockTime int) (*node, error) {
	bin, err := anvil.Binary()
	if err != nil {
		return nil, err
	}
	port, err := nodeproc.FreePort()
	if err != nil {
		return nil, err
	}
	args := []string{"--host", "127.0.0.1", "--port", strconv.Itoa(port), "--silent", "--gas-limit", "1000000000",
		"--code-size-limit", "100000"}
	if blockTime > 0 {
		args = append(args, "--block-time", strconv.Itoa(blockTime))
	}
	n := &node{port: port, cmd: exec.Command(bin, args...), done: make(chan error, 1)}
	n.cmd.Stderr = os.Stderr
	if err := n.cmd.Start(); err != nil {
		return nil, fmt.Errorf("start anvil: %w", err)
	}
	go func() { n.done <- n.cmd.Wait() }()
	wait, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	for {
		c, err := rpc.DialContext(wait, n.http())
		if err == nil {
			var id string
			err = c.CallContext(wait, &id, "eth_chainId")
			c.Close()
			if err == nil {
				return n, nil
			}
		}
		select {
		case <-wait.Done():
			n.stop()
			return nil, fmt.Errorf("anvil did not answer: %w", err)
		case err := <-n.done:
			return nil, fmt.Errorf("anvil exited: %v", err)
		case <-time.After(50 * time.Millisecond):
		}
	}
}

func (n *node) http() string { return fmt.Sprintf("http://127.0.0.1:%d", n.port) }
func (n *node) ws() string   { return fmt.Sprintf("ws://127.0.0.1:%d", n.port) }

func (n *node) stop() {
	_ = n.cmd.Process.Signal(syscall.SIGINT)
	select {
	case <-n.done:
	case <-time.After(10 * time.Second):
		_ = n.cmd.Process.Kill()
		<-n.done
	}
}

// deployment is a token and a ChannelManager on anvil, hub anvil.Key(0).
type deployment struct {
	client      *ethclient.Client
	chainID     *big.Int
	manager     common.Address
	token       common.Address
	deployBlock uint64
}

func deploy(ctx context.Context, n *node, challengePeriod uint64) (*deployment, error) {
	c, err := ethclient.DialContext(ctx, n.http())
	if err != nil {
		return nil, err
	}
	d := &deployment{client: c, chainID: big.NewInt(anvil.ChainID)}
	opts := bind.NewKeyedTransactor(anvil.Key(0), d.chainID)
	opts.Context = ctx
	tok, tx, err := bind.DeployContract(opts, common.FromHex(bindings.TestTokenMetaData.Bin), c, nil)
	if err != nil {
		return nil, fmt.Errorf("deploy token: %w", err)
	}
	if _, err := bind.WaitDeployed(ctx, c, tx.Hash()); err != nil {
		return nil, err
	}
	mgr, tx, err := contracts.DeployChannelManager(opts, c, opts.From, challengePeriod, tok)
	if err != nil {
		return nil, fmt.Errorf("deploy manager: %w", err)
	}
	rcpt, err := bind.WaitMined(ctx, c, tx.Hash())
	if err != nil {
		return nil, err
	}
	d.manager, d.token, d.deployBlock = mgr, tok, rcpt.BlockNumber.Uint64()
	return d, nil
}

// fees returns a transaction's tip and a fee cap of four times the head's base fee plus
// it: included at once on anvil whatever comes before.
func (d *deployment) fees(ctx context.Context) (tip, feeCap *big.Int, err error) {
	if tip, err = d.client.SuggestGasTipCap(ctx); err != nil {
		return nil, nil, err
	}
	head, err := d.client.HeaderByNumber(ctx, nil)
	if err != nil {
		return nil, nil, err
	}
	return tip, new(big.Int).Add(new(big.Int).Mul(head.BaseFee, big.NewInt(4)), tip), nil
}

// sqliteSize sums the pages of a table and its indexes, after a checkpoint has moved the
// WAL into the file.
func (be *backend) sqliteSize(ctx context.Context, table string) (int64, error) {
	db, err := sql.Open("sqlite", strings.TrimPrefix(be.url, "sqlite:"))
	if err != nil {
		return 0, err
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, `PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		return 0, err
	}
	var n sql.NullInt64
	err = db.QueryRowContext(ctx, `SELECT SUM(pgsize) FROM dbstat WHERE name = ? OR name IN
		(SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?)`, table, table).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("dbstat: %w", err)
	}
	return n.Int64, nil
}

// anvilAddr is the address of anvil's i-th prefunded key.
func anvilAddr(i int) common.Address { return crypto.PubkeyToAddress(anvil.Key(i).PublicKey) }
