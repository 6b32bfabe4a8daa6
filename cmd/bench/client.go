package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// The load clients speak HTTP/1.1 over one keep-alive connection each, sending requests
// serialised beforehand: on one machine the clients' CPU is taken from the server, so
// they spend as little as a client can (a write, a read, the response's parse), the way
// load generators such as wrk do. The server is net/http, as in production.

// rawClient is one keep-alive connection.
type rawClient struct {
	conn net.Conn
	br   *bufio.Reader
	head []byte // the request line and headers up to Content-Length's value
	buf  bytes.Buffer
}

func dialRaw(hostport, path string) (*rawClient, error) {
	c, err := net.Dial("tcp", hostport)
	if err != nil {
		return nil, err
	}
	head := fmt.Appendf(nil, "POST %s HTTP/1.1\r\nHost: %s\r\nContent-Type: application/json\r\nContent-Length: ", path, hostport)
	return &rawClient{conn: c, br: bufio.NewReaderSize(c, 64<<10), head: head}, nil
}

// post sends body and returns the status and the response body (valid until the next
// call).
func (c *rawClient) post(body []byte) (int, []byte, error) {
	c.buf.Reset()
	c.buf.Write(c.head)
	c.buf.WriteString(strconv.Itoa(len(body)))
	c.buf.WriteString("\r\n\r\n")
	c.buf.Write(body)
	if _, err := c.conn.Write(c.buf.Bytes()); err != nil {
		return 0, nil, err
	}
	resp, err := http.ReadResponse(c.br, nil)
	if err != nil {
		return 0, nil, err
	}
	c.buf.Reset()
	_, err = c.buf.ReadFrom(resp.Body)
	resp.Body.Close()
	return resp.StatusCode, c.buf.Bytes(), err
}

func (c *rawClient) close() { c.conn.Close() }

// post has each client post its bodies one after another on its own connection, and
// returns the time they all took and each request's latency. Every answer must have
// status and per receipts newly created.
func post(ctx context.Context, hostport, path string, bodies [][][]byte, status, per int) (time.Duration, []time.Duration, error) {
	clients := make([]*rawClient, len(bodies))
	for i := range clients {
		c, err := dialRaw(hostport, path)
		if err != nil {
			return 0, nil, err
		}
		defer c.close()
		clients[i] = c
	}
	lat := make([][]time.Duration, len(bodies))
	errs := make([]error, len(bodies))
	created := []byte(`"created":true`)
	var wg sync.WaitGroup
	start := time.Now()
	for i, c := range clients {
		lat[i] = make([]time.Duration, 0, len(bodies[i]))
		wg.Go(func() {
			for _, body := range bodies[i] {
				if ctx.Err() != nil {
					errs[i] = ctx.Err()
					return
				}
				t := time.Now()
				code, resp, err := c.post(body)
				lat[i] = append(lat[i], time.Since(t))
				if err != nil || code != status || bytes.Count(resp, created) != per {
					errs[i] = fmt.Errorf("answer %d %.300s, want %d with %d created (%v)", code, resp, status, per, err)
					return
				}
			}
		})
	}
	wg.Wait()
	elapsed := time.Since(start)
	var all []time.Duration
	for i := range bodies {
		if errs[i] != nil {
			return 0, nil, errs[i]
		}
		all = append(all, lat[i]...)
	}
	return elapsed, all, nil
}
