package httpapi

import (
	"net/http"

	"github.com/personaportal/portal/internal/portal"
)

// Healthz answers that the process serves. It touches no dependency, so a
// DynamoDB outage shows as 503s on real routes, not as a dead service.
func (a *API) Healthz(w http.ResponseWriter, _ *http.Request, _ portal.Caller) error {
	writeJSON(w, http.StatusOK, healthBody{Status: "ok"})
	return nil
}

type healthBody struct {
	Status string `json:"status"`
}
