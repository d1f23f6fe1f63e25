package domain

import "time"

// Settings are a tenant's settings (API.md /admin/settings).
type Settings struct {
	PersonaDelegationEnabled bool      `json:"persona_delegation_enabled"`
	MaxDelegationDays        int       `json:"max_delegation_days"`
	MagicLinkTTLHours        int       `json:"magic_link_ttl_hours"`
	RequestTTLHours          int       `json:"request_ttl_hours"`
	HistoryDays              int       `json:"history_days"`
	StepUpMaxAgeSeconds      int       `json:"step_up_max_age_seconds"`
	AutoProvisionUsers       bool      `json:"auto_provision_users"`
	PortalBaseURL            string    `json:"portal_base_url"`
	UpdatedAt                time.Time `json:"updated_at"`
}

// DefaultSettings are the settings of a tenant that never saved any.
func DefaultSettings() Settings {
	return Settings{
		MaxDelegationDays:   90,
		MagicLinkTTLHours:   168,
		RequestTTLHours:     336,
		HistoryDays:         30,
		StepUpMaxAgeSeconds: 300,
		AutoProvisionUsers:  true,
	}
}
