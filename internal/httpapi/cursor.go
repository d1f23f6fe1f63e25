package httpapi

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/personaportal/portal/internal/apierr"
	"github.com/personaportal/portal/internal/portal"
	"github.com/personaportal/portal/internal/store"
)

// Cursors are opaque: base64url(tag || position), where tag binds the
// position to the caller (tenant, subject), the route and the query's
// filters. A cursor replayed by someone else, on another list or with other
// filters, or altered, fails the tag and is a 400. The store re-checks that
// a position lies in the partition being queried, so even a forged tag could
// only move within data the caller may read.

const tagLen = 16

func cursorTag(c portal.Caller, r *http.Request, pos []byte) []byte {
	h := sha256.New()
	h.Write([]byte("persona-portal cursor v1\n" + c.Tenant + "\n" + c.Sub + "\n" + r.Pattern + "\n"))
	for _, k := range filterKeys(r.URL.Query()) {
		h.Write([]byte(k + "=" + strings.Join(r.URL.Query()[k], ",") + "\n"))
	}
	h.Write([]byte(r.PathValue("user_id") + "\n"))
	h.Write(pos)
	return h.Sum(nil)[:tagLen]
}

// filterKeys are the query keys that shape a list (all but paging).
func filterKeys(q url.Values) []string {
	var ks []string
	for k := range q {
		if k != "cursor" && k != "limit" {
			ks = append(ks, k)
		}
	}
	slices.Sort(ks)
	return ks
}

func sealCursor(c portal.Caller, r *http.Request, pos []byte) *string {
	if pos == nil {
		return nil
	}
	s := base64.RawURLEncoding.EncodeToString(append(cursorTag(c, r, pos), pos...))
	return &s
}

func openCursor(c portal.Caller, r *http.Request, s string) ([]byte, error) {
	raw, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil || len(raw) <= tagLen {
		return nil, apierr.InvalidField("cursor", "is not a cursor of this list")
	}
	tag, pos := raw[:tagLen], raw[tagLen:]
	if subtle.ConstantTimeCompare(tag, cursorTag(c, r, pos)) != 1 {
		return nil, apierr.InvalidField("cursor", "is not a cursor of this list")
	}
	return pos, nil
}

// pageOf reads limit (default 50, 1-100) and cursor from the query.
func pageOf(c portal.Caller, r *http.Request) (store.Page, error) {
	p := store.Page{Limit: 50}
	q := r.URL.Query()
	if v := q.Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 100 {
			return p, apierr.InvalidField("limit", "must be a whole number from 1 to 100")
		}
		p.Limit = int32(n)
	}
	if v := q.Get("cursor"); v != "" {
		pos, err := openCursor(c, r, v)
		if err != nil {
			return p, err
		}
		p.Start = pos
	}
	return p, nil
}

// respondList writes one page of a list, or returns err.
func respondList[T any](w http.ResponseWriter, r *http.Request, c portal.Caller, pg portal.Page[T], err error) error {
	if err != nil {
		return err
	}
	items := pg.Items
	if items == nil {
		items = []T{}
	}
	writeJSON(w, http.StatusOK, list[T]{Items: items, NextCursor: sealCursor(c, r, pg.Next)})
	return nil
}
