package rpcclient

// The JSON-RPC methods behind the Client's calls: the key every call is counted and
// logged by.
const (
	methodChainID     = "eth_chainId"
	methodHeader      = "eth_getBlockByNumber"
	methodLogs        = "eth_getLogs"
	methodBalance     = "eth_getBalance"
	methodCall        = "eth_call"
	methodCode        = "eth_getCode"
	methodEstimateGas = "eth_estimateGas"
	methodNonce       = "eth_getTransactionCount"
	methodGasPrice    = "eth_gasPrice"
	methodGasTip      = "eth_maxPriorityFeePerGas"
	methodSend        = "eth_sendRawTransaction"
	methodReceipt     = "eth_getTransactionReceipt"
	methodTransaction = "eth_getTransactionByHash"
	methodSubscribe   = "eth_subscribe"
)
