package perf

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
)

// Meter sits between the portal's SDK client and the embedded DynamoDB.
// While on, it asks DynamoDB for the capacity each call consumes
// (ReturnConsumedCapacity TOTAL, added to the request) and adds up what the
// answers report, so the cost model prices what DynamoDB itself counts for
// the store's real items rather than a guess from item counts. Off (the
// load test), it passes calls through untouched.
type Meter struct {
	on atomic.Bool
	mu sync.Mutex
	u  Usage
}

// Usage is what a run of calls consumed.
type Usage struct {
	Calls      int
	ReadUnits  float64
	WriteUnits float64
	// Reported is how many calls' answers carried a ConsumedCapacity (an
	// engine that does not report it, such as minidyn, leaves this at 0).
	Reported int
	// Ms is the median latency of the metered requests (Units sets it).
	Ms float64
}

// Start zeroes the meter and turns it on.
func (m *Meter) Start() {
	m.mu.Lock()
	m.u = Usage{}
	m.mu.Unlock()
	m.on.Store(true)
}

// Stop turns the meter off and returns what it counted since Start.
func (m *Meter) Stop() Usage {
	m.on.Store(false)
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.u
}

// metered are the DynamoDB actions that take ReturnConsumedCapacity, and
// whether each reads (else it writes).
var metered = map[string]bool{
	"GetItem": true, "Query": true, "Scan": true, "BatchGetItem": true, "TransactGetItems": true,
	"PutItem": false, "UpdateItem": false, "DeleteItem": false, "BatchWriteItem": false, "TransactWriteItems": false,
}

// Wrap is the localportal.Config WrapDB hook.
func (m *Meter) Wrap(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		target := r.Header.Get("X-Amz-Target")
		action := target[strings.LastIndex(target, ".")+1:]
		reads, ok := metered[action]
		if !m.on.Load() || !ok {
			next.ServeHTTP(w, r)
			return
		}
		body, err := io.ReadAll(r.Body)
		if err != nil {
			return
		}
		var in map[string]json.RawMessage
		if json.Unmarshal(body, &in) == nil {
			in["ReturnConsumedCapacity"] = json.RawMessage(`"TOTAL"`)
			if b, err := json.Marshal(in); err == nil {
				body = b
			}
		}
		r.Body, r.ContentLength = io.NopCloser(bytes.NewReader(body)), int64(len(body))
		tee := &teeWriter{ResponseWriter: w}
		next.ServeHTTP(tee, r)
		read, write, reported := consumed(tee.body.Bytes(), reads)
		m.mu.Lock()
		m.u.Calls++
		m.u.ReadUnits += read
		m.u.WriteUnits += write
		if reported {
			m.u.Reported++
		}
		m.mu.Unlock()
	})
}

// consumed reads the ConsumedCapacity of an answer: one object, or a list
// (batches and transactions, one per table). Read and write units are
// taken as reported; a bare CapacityUnits counts as the action's kind.
func consumed(answer []byte, reads bool) (read, write float64, reported bool) {
	var out struct {
		ConsumedCapacity json.RawMessage
	}
	if json.Unmarshal(answer, &out) != nil || len(out.ConsumedCapacity) == 0 {
		return 0, 0, false
	}
	type capacity struct {
		CapacityUnits, ReadCapacityUnits, WriteCapacityUnits float64
	}
	var list []capacity
	if out.ConsumedCapacity[0] == '[' {
		_ = json.Unmarshal(out.ConsumedCapacity, &list)
	} else {
		var one capacity
		_ = json.Unmarshal(out.ConsumedCapacity, &one)
		list = []capacity{one}
	}
	for _, c := range list {
		switch {
		case c.ReadCapacityUnits+c.WriteCapacityUnits > 0:
			read += c.ReadCapacityUnits
			write += c.WriteCapacityUnits
		case reads:
			read += c.CapacityUnits
		default:
			write += c.CapacityUnits
		}
	}
	return read, write, len(list) > 0
}

// teeWriter passes an answer on and keeps a copy.
type teeWriter struct {
	http.ResponseWriter
	body bytes.Buffer
}

func (t *teeWriter) Write(b []byte) (int, error) {
	t.body.Write(b)
	return t.ResponseWriter.Write(b)
}
