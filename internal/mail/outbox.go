// Package mail holds the portal's e-mail messages and the local outbox the
// dev server "sends" them to (GET /dev/outbox).
package mail

import (
	"context"
	"slices"
	"strings"
	"sync"
	"time"
)

// Message is one e-mail.
type Message struct {
	ID      string    `json:"id"`
	To      []string  `json:"to"`
	Subject string    `json:"subject"`
	Text    string    `json:"text"`
	HTML    string    `json:"html"`
	SentAt  time.Time `json:"sent_at"`
}

// Outbox keeps every message sent locally, newest last.
type Outbox struct {
	mu   sync.Mutex
	msgs []Message
}

// Add records a sent message.
func (o *Outbox) Add(m Message) {
	o.mu.Lock()
	defer o.mu.Unlock()
	o.msgs = append(o.msgs, m)
}

// Send records a message as sent (the local server's mailer).
func (o *Outbox) Send(_ context.Context, m Message) error {
	o.Add(m)
	return nil
}

// List returns the messages to an address (all when to is empty), newest first.
func (o *Outbox) List(to string) []Message {
	o.mu.Lock()
	defer o.mu.Unlock()
	out := []Message{}
	for i := len(o.msgs) - 1; i >= 0; i-- {
		m := o.msgs[i]
		if to == "" || slices.ContainsFunc(m.To, func(a string) bool { return strings.EqualFold(a, to) }) {
			out = append(out, m)
		}
	}
	return out
}
