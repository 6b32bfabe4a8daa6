// Package bindings holds the Go bindings abigen --v2 generates from contracts/artifacts;
// `go generate ./contracts/...` rewrites every file but this one. It imports only
// go-ethereum.
package bindings
