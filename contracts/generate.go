// Package contracts holds Vigil's Solidity sources (src), their compiled artifacts
// (artifacts) and the Go bindings generated from them (bindings).
//
// Run `go generate ./contracts/...` (or `make contracts`) after changing a source; it needs
// node and npm, and installs the pinned solc-js on first use.
package contracts

//go:generate bash gen.sh
