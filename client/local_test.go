package client

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/ethereum/go-ethereum/common"

	"github.com/vigil-hub/vigil/channel"
)

// saveNonces saves the wallet's state once per nonce in from..to.
func saveNonces(t *testing.T, l *local, path string, from, to int64) {
	t.Helper()
	for n := from; n <= to; n++ {
		l.Cosigned.State.Nonce.SetInt64(n)
		if err := l.save(path); err != nil {
			t.Fatalf("save nonce %d: %v", n, err)
		}
	}
}

func loadNonce(t *testing.T, path string, user common.Address) int64 {
	t.Helper()
	l, err := loadLocal(path, user)
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	return l.Cosigned.State.Nonce.Int64()
}

func lineCount(t *testing.T, path string) int {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return bytes.Count(b, []byte("\n"))
}

func TestStateFileJournal(t *testing.T) {
	user := common.HexToAddress("0x00000000000000000000000000000000000000a1")
	path := filepath.Join(t.TempDir(), "wallet.json")
	l, err := loadLocal(path, user)
	if err != nil {
		t.Fatal(err)
	}
	saveNonces(t, l, path, 1, 10)
	wantFile(t, path, user, 10, 10, "a line is appended per save, and the last is the state")

	// Reopened, the wallet goes on appending, and past the limit the file is rewritten.
	l, _ = loadLocal(path, user)
	saveNonces(t, l, path, 11, 2*journalLimit)
	if got := lineCount(t, path); got > journalLimit {
		t.Fatalf("after %d saves the file holds %d lines, more than the limit %d", 2*journalLimit, got, journalLimit)
	}
	if got := loadNonce(t, path, user); got != 2*journalLimit {
		t.Fatalf("loaded nonce %d after the rewrite, want %d", got, 2*journalLimit)
	}
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Fatalf("state file mode %v, want 0600: it holds the payments' secrets", fi.Mode().Perm())
	}
	if others, _ := filepath.Glob(filepath.Join(filepath.Dir(path), ".wallet-*")); len(others) > 0 {
		t.Fatalf("temporary files left behind: %v", others)
	}
}

func TestStateFileTornLastLine(t *testing.T) {
	user := common.HexToAddress("0x00000000000000000000000000000000000000a2")
	// A crash in the middle of the fourth save: half its line reached the disk.
	path := savedThen(t, user, 3, func(b []byte) []byte {
		lines := bytes.SplitAfter(b, []byte("\n"))
		return append(b, bytes.ReplaceAll(lines[2][:len(lines[2])/2], []byte(`"nonce":"3"`), []byte(`"nonce":"4"`))...)
	})
	l, err := loadLocal(path, user)
	if err != nil {
		t.Fatalf("a torn last line must not keep the wallet from opening: %v", err)
	}
	if got := l.Cosigned.State.Nonce.Int64(); got != 3 {
		t.Fatalf("loaded nonce %d, want 3: the torn save was never acknowledged", got)
	}
	// The next save rewrites the file without the torn line, rather than appending to it.
	saveNonces(t, l, path, 4, 4)
	wantFile(t, path, user, 1, 4, "the save after a torn line rewrites the file")
}

// savedThen saves a new wallet's state with nonces 1 to n and rewrites its file through
// edit, returning the file's path.
func savedThen(t *testing.T, user common.Address, n int64, edit func([]byte) []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "wallet.json")
	l, _ := loadLocal(path, user)
	saveNonces(t, l, path, 1, n)
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, edit(b), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// wantFile checks that the state file holds lines lines and loads as nonce.
func wantFile(t *testing.T, path string, user common.Address, lines int, nonce int64, why string) {
	t.Helper()
	if got := lineCount(t, path); got != lines {
		t.Fatalf("%d lines, want %d: %s", got, lines, why)
	}
	if got := loadNonce(t, path, user); got != nonce {
		t.Fatalf("loaded nonce %d, want %d: %s", got, nonce, why)
	}
}

func TestStateFileBeforeTheJournal(t *testing.T) {
	user := common.HexToAddress("0x00000000000000000000000000000000000000a3")
	// A wallet written before the journal: one JSON object, no newline.
	path := savedThen(t, user, 7, func(b []byte) []byte {
		lines := bytes.Split(bytes.TrimSuffix(b, []byte("\n")), []byte("\n"))
		return lines[len(lines)-1]
	})
	l, err := loadLocal(path, user)
	if err != nil || l.Cosigned.State.Nonce.Int64() != 7 {
		t.Fatalf("an old state file did not load as its state: %v", err)
	}
	saveNonces(t, l, path, 8, 9)
	wantFile(t, path, user, 2, 9, "an old file is rewritten on the first save, then appended to")
}

func TestStateFileDamaged(t *testing.T) {
	user := common.HexToAddress("0x00000000000000000000000000000000000000a4")
	path := filepath.Join(t.TempDir(), "wallet.json")
	for _, body := range []string{"", "\n\n", "{\"user\":\n", "garbage\n{\"user\":\n"} {
		if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		if _, err := loadLocal(path, user); err == nil || !strings.Contains(err.Error(), path) {
			t.Fatalf("state file %q: error %v, want one that names the file", body, err)
		}
	}
	other := common.HexToAddress("0x00000000000000000000000000000000000000b4")
	l, _ := loadLocal(filepath.Join(t.TempDir(), "w.json"), other)
	saveNonces(t, l, path, 1, 1)
	if _, err := loadLocal(path, user); err == nil || !strings.Contains(err.Error(), "belongs to") {
		t.Fatalf("another user's state file: error %v, want it refused", err)
	}
}

// The wallet process of TestStateFileKilledMidSave: it saves rising nonces to the file
// named by killEnvPath and prints each one once its save has returned.
const killEnvPath = "VIGIL_TEST_WALLET_KILL_PATH"

func TestStateFileSaverProcess(t *testing.T) {
	path := os.Getenv(killEnvPath)
	if path == "" {
		t.Skip("the wallet process of TestStateFileKilledMidSave")
	}
	user := common.HexToAddress("0x00000000000000000000000000000000000000a5")
	l, err := loadLocal(path, user)
	if err != nil {
		t.Fatal(err)
	}
	for n := l.Cosigned.State.Nonce.Int64() + 1; ; n++ {
		l.Cosigned.State.Nonce.SetInt64(n)
		if err := l.save(path); err != nil {
			t.Fatal(err)
		}
		fmt.Println(n)
	}
}

// TestStateFileKilledMidSave kills a wallet process with SIGKILL while it saves, over and
// over, and reopens its file each time: the state is at least the last one whose save
// had returned, and the wallet goes on from it.
func TestStateFileKilledMidSave(t *testing.T) {
	if testing.Short() {
		t.Skip("runs the wallet as a separate process")
	}
	user := common.HexToAddress("0x00000000000000000000000000000000000000a5")
	path := filepath.Join(t.TempDir(), "wallet.json")
	for round := range 5 {
		cmd := exec.Command(os.Args[0], "-test.run=^TestStateFileSaverProcess$", "-test.count=1")
		cmd.Env = append(os.Environ(), killEnvPath+"="+path)
		out, err := cmd.StdoutPipe()
		if err != nil {
			t.Fatal(err)
		}
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		// Killed after a number of saves that crosses a rewrite of the file now and then.
		acked, want := int64(0), 20+round*journalLimit/3
		sc := bufio.NewScanner(out)
		for seen := 0; seen < want && sc.Scan(); seen++ {
			n, err := strconv.ParseInt(sc.Text(), 10, 64)
			if err != nil {
				continue // the test binary's own output
			}
			acked = n
		}
		cmd.Process.Kill()
		cmd.Wait()
		if acked == 0 {
			t.Fatalf("round %d: the wallet process acknowledged no save", round)
		}
		l, err := loadLocal(path, user)
		if err != nil {
			t.Fatalf("round %d: the file of a killed wallet does not open: %v", round, err)
		}
		if got := l.Cosigned.State.Nonce.Int64(); got < acked {
			t.Fatalf("round %d: the file holds nonce %d, below %d, whose save had returned", round, got, acked)
		}
	}
}

// TestStateFileWholeBadLastLine: a last line that is whole — JSON, newline and all — but
// not a state was written as one, not cut short by a crash: the file does not open (with
// an error that names it and the line), rather than opening at the older state before it.
func TestStateFileWholeBadLastLine(t *testing.T) {
	user := common.HexToAddress("0x00000000000000000000000000000000000000a6")
	path := savedThen(t, user, 2, func(b []byte) []byte {
		return append(b, `{"signed":{"update":{"kind":"lock"}},"cosigned":{"state":1}}`+"\n"...)
	})
	if _, err := loadLocal(path, user); err == nil || !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "line 3") {
		t.Fatalf("a whole last line that is not a state: error %v, want one naming the file and line 3", err)
	}
}

// TestStateFileRemovedBetweenSaves: a save that fails (here the file is gone) reports
// it, and the next save writes the whole file again.
func TestStateFileRemovedBetweenSaves(t *testing.T) {
	user := common.HexToAddress("0x00000000000000000000000000000000000000a7")
	path := filepath.Join(t.TempDir(), "wallet.json")
	l, _ := loadLocal(path, user)
	saveNonces(t, l, path, 1, 3)
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	l.Cosigned.State.Nonce.SetInt64(4)
	if err := l.save(path); err == nil {
		t.Fatal("a save to a removed file reported no error")
	}
	saveNonces(t, l, path, 5, 5)
	wantFile(t, path, user, 1, 5, "the save after a failed one writes the whole file")
}

// TestStateFileKeepsFinalBesideProposal: while the newest co-signed state is a proposal,
// which a dispute does not take, the file keeps the final state before it, and drops it
// once a final state follows. A file without it (every file before it existed) loads
// with none.
func TestStateFileKeepsFinalBesideProposal(t *testing.T) {
	user := common.HexToAddress("0x00000000000000000000000000000000000000a8")
	path := filepath.Join(t.TempDir(), "wallet.json")
	l, err := loadLocal(path, user)
	if err != nil {
		t.Fatal(err)
	}
	state := func(nonce, timeout int64) cosigned {
		s := channel.NewState(user)
		s.Nonce.SetInt64(nonce)
		s.Timeout.SetInt64(timeout)
		return cosigned{State: s, Locks: []channel.Lock{}, SigHub: []byte{1}, SigUser: []byte{2}}
	}
	reload := func() *local {
		t.Helper()
		l, err := loadLocal(path, user)
		if err != nil {
			t.Fatal(err)
		}
		return l
	}

	l.setCosigned(state(5, 0))
	if err := l.save(path); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(path); bytes.Contains(b, []byte(`"final"`)) {
		t.Fatal("a file whose newest state is final names a final state beside it: older wallets could not tell")
	}
	if got := reload(); got.Final != nil {
		t.Fatalf("loaded a final state %s beside final state %s", got.Final.State.Nonce, got.Cosigned.State.Nonce)
	}

	l.setCosigned(state(6, 1000))
	if err := l.save(path); err != nil {
		t.Fatal(err)
	}
	got := reload()
	if got.Cosigned.State.Nonce.Int64() != 6 || got.Final == nil || got.Final.State.Nonce.Int64() != 5 || len(got.Final.SigHub) == 0 {
		t.Fatalf("after a proposal: newest %s, final %+v; want proposal 6 with final state 5 beside it", got.Cosigned.State.Nonce, got.Final)
	}

	undo := l.setCosigned(state(7, 0))
	if l.Final != nil {
		t.Fatal("a final state keeps the one before the proposal beside it")
	}
	undo()
	if l.Cosigned.State.Nonce.Int64() != 6 || l.Final == nil || l.Final.State.Nonce.Int64() != 5 {
		t.Fatal("undo did not put the proposal and its final state back")
	}
}
