package nodeproc

import (
	"net"
	"strconv"
)

// FreePort returns a TCP port on loopback that nothing listened on a moment ago, for a
// child process (or a server of the test) to listen on.
func FreePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// FreeAddr is FreePort as a host:port on 127.0.0.1.
func FreeAddr() (string, error) {
	p, err := FreePort()
	return "127.0.0.1:" + strconv.Itoa(p), err
}
