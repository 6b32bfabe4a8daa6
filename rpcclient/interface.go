package rpcclient

// Recorder counts JSON-RPC calls: endpoint is the endpoint's configured name, method the
// JSON-RPC method ("eth_getLogs"), err the call's outcome (nil for an answer, also for
// ethereum.NotFound). daemon.Metrics is one; nil records nothing.
type Recorder interface {
	RPC(endpoint, method string, err error)
}
