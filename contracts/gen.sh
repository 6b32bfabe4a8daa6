#!/usr/bin/env bash
# Regenerates contracts/artifacts (ABI, bytecode) from contracts/src with the pinned solc-js,
# then the Go bindings in contracts/bindings with abigen --v2. Needs node and npm.
set -euo pipefail
cd "$(dirname "$0")"
if [ ! -x node_modules/.bin/solcjs ]; then
  # npm install, not npm ci: the lock file pins every version, but npm omits the other
  # platforms' optional anvil binaries from it, which makes npm ci refuse it.
  npm install --no-audit --no-fund --silent
fi
rm -f artifacts/*.abi artifacts/*.bin artifacts/*.runtime.json
node compile.js
mkdir -p bindings
for abi in artifacts/*.abi; do
  name=$(basename "$abi" .abi)
  out="bindings/$(echo "$name" | tr '[:upper:]' '[:lower:]').go"
  go tool abigen --v2 --abi "$abi" --bin "artifacts/$name.bin" --pkg bindings --type "$name" --out "$out"
done
