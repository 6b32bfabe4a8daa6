package towerd

import "github.com/vigil-hub/vigil/monitor"

// DefaultFailover is leader.failover's default (monitor.DefaultFailover).
const DefaultFailover = monitor.DefaultFailover

// Replica is the tower's leadership among replicas sharing one database: the leader
// indexes, defends and sends; every replica serves the API (monitor.Replica, which the hub
// shares).
type Replica = monitor.Replica
