package hubd

import "github.com/vigil-hub/vigil/monitor"

// DefaultFailoverForTest is leader.failover's default, which the failover test measures
// the takeover against.
const DefaultFailoverForTest = monitor.DefaultFailover
