package chanctl

import "time"

// SetRetryInterval sets how often listen retries backups, until the returned function
// restores it.
func SetRetryInterval(d time.Duration) (restore func()) {
	old := retryInterval
	retryInterval = d
	return func() { retryInterval = old }
}
