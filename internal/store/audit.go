package store

import (
	"context"
	"strings"
	"time"

	"github.com/personaportal/portal/internal/apierr"
	"github.com/personaportal/portal/internal/domain"
)

// AuditFilter narrows the audit trail: a time window, a user (the records
// about them), an actor and an action (both exact).
type AuditFilter struct {
	From, To      time.Time
	UserID        string
	Actor, Action string
}

// ListAudit lists audit records newest first within [From, To], through the
// per-user index when a user is given.
func (s *Store) ListAudit(ctx context.Context, tenant string, f AuditFilter, page Page) ([]domain.AuditRecord, []byte, error) {
	lo := f.From.UTC().Format(time.RFC3339)
	hi := f.To.UTC().Format(time.RFC3339) + "#~"
	q := query{partAttr: "pk", partValue: auditPK(tenant), skBetween: [2]string{lo, hi}, page: page, consistent: true}
	if f.UserID != "" {
		q = query{index: "gsi1", partAttr: "gsi1pk", partValue: auditUserGSI(tenant, f.UserID), skBetween: [2]string{lo, hi}, page: page}
	}
	// Actor and action filter the page the key condition reads, so a page
	// may hold fewer records than its limit.
	var conds []string
	q.names, q.vals = map[string]string{}, values()
	if f.Actor != "" {
		conds = append(conds, "#actor = :actor")
		q.names["#actor"], q.vals[":actor"] = "actor", values(":actor", f.Actor)[":actor"]
	}
	if f.Action != "" {
		conds = append(conds, "#action = :action")
		q.names["#action"], q.vals[":action"] = "action", values(":action", f.Action)[":action"]
	}
	q.filter = strings.Join(conds, " AND ")
	raw, next, err := s.query(ctx, q)
	if err != nil {
		return nil, nil, err
	}
	items, err := unmarshalAll[auditItem](raw)
	if err != nil {
		return nil, nil, apierr.Internal(err)
	}
	out := make([]domain.AuditRecord, len(items))
	for i, it := range items {
		out[i] = it.domain()
	}
	return out, next, nil
}
