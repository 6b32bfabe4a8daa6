// Package demo tells the story behind `watchtower demo`, all in one process and with
// nothing installed: a simulated chain with the ChannelManager deployed, a hub and a
// watchtower wired as their programs wire them (each over its own store, serving its
// real HTTP API on loopback), and two users, Alice and Bob, whose wallets talk to them
// over HTTP.
//
// Alice pays Bob through the hub; Bob backs his states up to the tower and goes offline;
// the hub closes Bob's channel with an older state both signed. The tower sees the stale
// close, alerts, challenges with Bob's latest state and settles after the deadline. Run
// narrates each step and returns what every party's latest co-signed state gave it next
// to what it received on-chain, so that a caller can exit non-zero when the victim lost
// funds. With Options.WithoutWatchtower the same story runs unguarded, and Bob loses.
package demo
