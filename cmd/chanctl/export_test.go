package main

import "time"

// setRetryInterval sets how often listen retries backups, until the returned function
// restores it.
func setRetryInterval(d time.Duration) (restore func()) {
	old := retryInterval
	retryInterval = d
	return func() { retryInterval = old }
}

func setChainEventInterval(d time.Duration) (restore func()) {
	old := chainEventInterval
	chainEventInterval = d
	return func() { chainEventInterval = old }
}
