#!/usr/bin/env bash
# Vigil's test command: formatting and vet checks, then every Go test.
# With CI=true it also recompiles the Solidity sources with the pinned solc-js and fails
# if the committed artifacts or Go bindings differ from what the sources produce.
set -euo pipefail
cd "$(dirname "$0")/.."

unformatted=$(gofmt -l $(git ls-files '*.go'))
if [ -n "$unformatted" ]; then
  echo "gofmt needed on:" $unformatted >&2
  exit 1
fi
go vet ./...

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

go test -count=1 ./...
