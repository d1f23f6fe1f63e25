package main

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
)

// The embedded DynamoDB lives in memory. The local server keeps it across
// restarts by writing a snapshot of the table's items (DynamoDB JSON) to
// the data directory after writes and on shutdown, and loading it on start.
// It talks to the embedded server's HTTP handler directly, so the snapshot
// is exactly what DynamoDB's wire format says. This is a dev tool: it
// reads the whole table, which no request path of the portal ever does.

// writeOps are the DynamoDB operations that change data.
var writeOps = map[string]bool{"PutItem": true, "UpdateItem": true, "DeleteItem": true,
	"BatchWriteItem": true, "TransactWriteItems": true}

// tracker marks the table dirty whenever a write reaches it, for the
// snapshot and for the jobs.
type tracker struct {
	dirty, wrote atomic.Bool
	next         http.Handler
}

func (t *tracker) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	target := r.Header.Get("X-Amz-Target")
	if writeOps[target[strings.LastIndex(target, ".")+1:]] {
		t.dirty.Store(true)
		t.wrote.Store(true)
	}
	t.next.ServeHTTP(w, r)
}

type snapshotFile struct {
	Table string            `json:"table"`
	Items []json.RawMessage `json:"items"`
}

// call sends one DynamoDB JSON request straight to the embedded handler.
func call(h http.Handler, op string, body any) (json.RawMessage, error) {
	b, err := json.Marshal(body)
	if err != nil {
		return nil, err
	}
	req := httptest.NewRequest(http.MethodPost, "/", bytes.NewReader(b))
	req.Header.Set("X-Amz-Target", "DynamoDB_20120810."+op)
	req.Header.Set("Content-Type", "application/x-amz-json-1.0")
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != http.StatusOK {
		return nil, fmt.Errorf("%s: %d %s", op, rec.Code, rec.Body.String())
	}
	return rec.Body.Bytes(), nil
}

// saveSnapshot writes every item of the table to path atomically.
func saveSnapshot(h http.Handler, table, path string) error {
	snap := snapshotFile{Table: table, Items: []json.RawMessage{}}
	var start json.RawMessage
	for {
		req := map[string]any{"TableName": table}
		if start != nil {
			req["ExclusiveStartKey"] = start
		}
		raw, err := call(h, "Scan", req)
		if err != nil {
			return err
		}
		var page struct {
			Items            []json.RawMessage `json:"Items"`
			LastEvaluatedKey json.RawMessage   `json:"LastEvaluatedKey"`
		}
		if err := json.Unmarshal(raw, &page); err != nil {
			return err
		}
		snap.Items = append(snap.Items, page.Items...)
		if len(page.LastEvaluatedKey) == 0 || string(page.LastEvaluatedKey) == "null" || string(page.LastEvaluatedKey) == "{}" {
			break
		}
		start = page.LastEvaluatedKey
	}
	b, err := json.Marshal(snap)
	if err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, b, 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// loadSnapshot puts the snapshot's items back; a missing file is an empty
// store. It returns how many items it loaded.
func loadSnapshot(h http.Handler, table, path string) (int, error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	var snap snapshotFile
	if err := json.Unmarshal(b, &snap); err != nil {
		return 0, fmt.Errorf("snapshot %s is damaged (%v); move it away to start empty", filepath.Base(path), err)
	}
	for _, it := range snap.Items {
		if _, err := call(h, "PutItem", map[string]any{"TableName": table, "Item": it}); err != nil {
			return 0, err
		}
	}
	return len(snap.Items), nil
}
