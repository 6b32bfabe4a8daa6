// Package e2e holds the end-to-end tests: the hub, the watchtower and users' wallets as
// separate processes built from cmd/, against a real node on loopback — anvil from npm,
// and geth --dev when VIGIL_GETH names one (`make e2e-geth`). It has no code of its own;
// it imports anything it needs to set a scene up or check the chain, but drives the
// programs only through their command lines and HTTP APIs.
package e2e
