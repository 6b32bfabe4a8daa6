#!/usr/bin/env bash
# Vigil's test command: formatting and vet checks, then every Go test (some run anvil, from
# npm, as a separate process on loopback).
# With CI=true it also recompiles the Solidity sources with the pinned solc-js and fails
# if the committed artifacts or Go bindings differ from what the sources produce.
set -euo pipefail
cd "$(dirname "$0")/.."

# PostgreSQL: tests create and drop their own databases on DATABASE_URL (default
# postgres@127.0.0.1:5432). Start the local cluster if it is down; install it if absent.
if [ -z "${DATABASE_URL:-}" ] && ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  if ! ls /etc/postgresql/*/main >/dev/null 2>&1; then
    echo "installing PostgreSQL"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    for conf in /etc/postgresql/*/main/pg_hba.conf; do
      sed -i 's/^\(host.*127.0.0.1\/32\s*\)\S*$/\1trust/; s/^\(local\s*all\s*postgres\s*\)\S*$/\1trust/' "$conf"
    done
  fi
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -1)" main start || true
  for _ in $(seq 1 30); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 1; done
fi

# Node tools pinned in contracts/package-lock.json: solc-js (artifact check), anvil
# (end-to-end tests against a separate node), ethers and cast (states signed as wallets
# sign them).
if [ ! -x contracts/node_modules/.bin/anvil ] || [ ! -x contracts/node_modules/.bin/solcjs ] ||
   [ ! -x contracts/node_modules/.bin/cast ] || [ ! -d contracts/node_modules/ethers ]; then
  echo "installing pinned Node tools (solc, anvil, cast, ethers)"
  (cd contracts && npm install --no-audit --no-fund --silent)
fi

# No build output in the tree: every tracked file is text (no executable binary) and at
# most 2 MB. scripts/check-tree.sh is the check; its own test proves it catches one.
./scripts/check-tree.sh

unformatted=$(gofmt -l $(git ls-files '*.go'))
if [ -n "$unformatted" ]; then
  echo "gofmt needed on:" $unformatted >&2
  exit 1
fi
go vet ./...
# staticcheck, pinned in go.mod's tool block; contracts/bindings/staticcheck.conf lets
# abigen's generated error strings be.
go tool staticcheck ./...

if [ "${CI:-}" = "true" ] || [ "${VIGIL_CHECK_ARTIFACTS:-}" = "1" ]; then
  echo "checking contract artifacts and bindings against contracts/src"
  go generate ./contracts/...
  if ! git diff --exit-code --stat -- contracts/artifacts contracts/bindings; then
    echo "committed contract artifacts are stale: run 'go generate ./contracts/...' and commit" >&2
    exit 1
  fi
  if [ -n "$(git status --porcelain -- contracts/artifacts contracts/bindings)" ]; then
    echo "contract generation produced uncommitted files:" >&2
    git status --porcelain -- contracts/artifacts contracts/bindings >&2
    exit 1
  fi
fi

# The adversarial simulation's corpus (200 schedules, 8 at a time) runs on its own after
# the rest: beside the hub's tests it would starve their clocks.
go test -count=1 $(go list ./... | grep -v /internal/testkit/adversary)
go test -count=1 ./internal/testkit/adversary/
