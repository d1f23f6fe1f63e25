package httpapi

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"

	"github.com/personaportal/portal/internal/apierr"
	"github.com/personaportal/portal/internal/portal"
	"github.com/personaportal/portal/internal/store"
	"github.com/personaportal/portal/internal/userfile"
)

// Export pages are larger than list pages (a file, not a screen) but keep
// the answer well under Lambda's 6 MB response payload.
const (
	exportDefaultLimit = 500
	exportMaxLimit     = 1000
)

// ImportUsers serves POST /admin/import: NDJSON or CSV, ?dry_run=true.
func (a *API) ImportUsers(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	format, ok := userfile.FormatOf(r.Header.Get("Content-Type"))
	if !ok {
		return apierr.UnsupportedMediaType(userfile.MediaTypes)
	}
	dryRun := false
	if v := r.URL.Query().Get("dry_run"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			return invalid("dry_run", "must be true or false")
		}
		dryRun = b
	}
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, userfile.MaxBytes))
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return apierr.TooLarge(userfile.MaxBytes)
		}
		return apierr.Malformed("the body could not be read")
	}
	lines, err := userfile.Read(body, format)
	if err != nil {
		return err
	}
	rep, err := a.Service.Import(r.Context(), c, lines, portal.ImportOptions{DryRun: dryRun, FieldName: format.FieldName})
	return respond(w, http.StatusOK, rep, err)
}

// ExportUsers serves GET /admin/export: one page of users as NDJSON; a
// Link header (rel="next") gives the next page while there is one.
func (a *API) ExportUsers(w http.ResponseWriter, r *http.Request, c portal.Caller) error {
	page := store.Page{Limit: exportDefaultLimit}
	if v := r.URL.Query().Get("limit"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > exportMaxLimit {
			return invalid("limit", fmt.Sprintf("must be a whole number from 1 to %d", exportMaxLimit))
		}
		page.Limit = int32(n)
	}
	if v := r.URL.Query().Get("cursor"); v != "" {
		pos, err := openCursor(c, r, v)
		if err != nil {
			return err
		}
		page.Start = pos
	}
	pg, err := a.Service.Export(r.Context(), c, page)
	if err != nil {
		return err
	}
	// Encoded before the status is sent, so a failure is still an error answer.
	var buf bytes.Buffer
	if err := userfile.Write(&buf, pg.Items); err != nil {
		return apierr.Internal(err)
	}
	if next := sealCursor(c, r, pg.Next); next != nil {
		q := url.Values{"cursor": {*next}, "limit": {strconv.Itoa(int(page.Limit))}}
		w.Header().Set("Link", fmt.Sprintf(`<%s?%s>; rel="next"`, r.URL.Path, q.Encode()))
	}
	w.Header().Set("Content-Type", "application/x-ndjson; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(buf.Bytes())
	return nil
}
