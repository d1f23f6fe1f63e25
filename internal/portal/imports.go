package portal

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/personaportal/portal/internal/apierr"
	"github.com/personaportal/portal/internal/domain"
	"github.com/personaportal/portal/internal/store"
)

// Bulk import: a file states users by e-mail, each with personas keyed by
// type + scope. Each line is planned against the user as stored and written
// in one transaction of its own, so a line lands whole or not at all, and
// importing the same file again finds nothing to change.

// Import limits (docs/api.md, Import and export).
const (
	// MaxImportPersonas is how many personas one line may carry: with its
	// guards, counters and audit record a line stays one transaction.
	MaxImportPersonas = 25
	// importWorkers is how many users are imported at once (lines about the
	// same user always run in order, on one worker).
	importWorkers = 8
	// importReserve is the time left before the deadline at which no new
	// line is started (the answer still has to be written).
	importReserve = 2 * time.Second
)

// ImportLine is one line of an import file as read: the user it states,
// or why it could not be read.
type ImportLine struct {
	Line int
	User ImportUser
	Err  error
}

// ImportUser is a user as a line states it: the e-mail is the key; a field
// left out (nil) keeps its value, or takes its default on a new user.
// Attributes are merged as in PATCH (a null removes a key).
type ImportUser struct {
	Email    string
	Profile  ProfilePatch // Email is never set here
	Personas []ImportPersona
}

// ImportPersona is a persona as a line states it, keyed by type + scope.
type ImportPersona struct {
	Type         string
	Scope        []string
	Preferred    *bool
	Entitlements *[]string
	Email        *string
	ValidFrom    *time.Time
	ValidUntil   OptionalTime
	Status       *ImportStatus
	Attributes   map[string]any
}

// ImportStatus is an imported persona status; when and by whom default to
// now and the importing admin.
type ImportStatus struct {
	Value     string
	ChangedAt *time.Time
	ChangedBy *string
}

// ImportReport is the answer to an import (or a dry run of it): how many
// lines created, updated or left unchanged a user, and why the others
// failed.
type ImportReport struct {
	Created   int         `json:"created"`
	Updated   int         `json:"updated"`
	Unchanged int         `json:"unchanged"`
	Errors    []LineError `json:"errors"`
}

// LineError says why a line was not imported; nothing of it was written.
type LineError struct {
	Line    int    `json:"line"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

type outcome int

const (
	failed outcome = iota
	created
	updated
	unchanged
)

// ImportOptions tune an import.
type ImportOptions struct {
	// DryRun checks and plans every line but writes nothing.
	DryRun bool
	// FieldName renames a field path in error messages to the file's own
	// name for it (a CSV column); nil keeps the path.
	FieldName func(path string) string
}

// Import checks every line, then plans and writes (unless dry run) each
// valid one. Only a failure to read before anything is written fails the
// whole import; everything else is reported against its line.
func (s *Service) Import(ctx context.Context, c Caller, lines []ImportLine, opt ImportOptions) (ImportReport, error) {
	results := make([]outcome, len(lines))
	errs := make([]error, len(lines))
	defs, err := s.importDefinitions(ctx, c, lines)
	if err != nil {
		return ImportReport{}, err
	}
	var order []string
	groups := map[string][]int{}
	for i := range lines {
		if lines[i].Err == nil {
			lines[i].Err = checkImportUser(defs, &lines[i].User)
		}
		if lines[i].Err != nil {
			errs[i] = lines[i].Err
			continue
		}
		email := lines[i].User.Email
		if _, ok := groups[email]; !ok {
			order = append(order, email)
		}
		groups[email] = append(groups[email], i)
	}
	owners, err := s.store.EmailOwners(ctx, c.Tenant, order)
	if err != nil {
		return ImportReport{}, err
	}
	parallel(len(order), importWorkers, func(g int) {
		email := order[g]
		imp := userImport{s: s, c: c, defs: defs, dryRun: opt.DryRun, uid: owners[email], email: email}
		for _, i := range groups[email] {
			results[i], errs[i] = imp.line(ctx, lines[i].User)
		}
	})
	rep := ImportReport{Errors: []LineError{}}
	for i, r := range results {
		switch r {
		case created:
			rep.Created++
		case updated:
			rep.Updated++
		case unchanged:
			rep.Unchanged++
		default:
			rep.Errors = append(rep.Errors, lineError(lines[i].Line, errs[i], opt.FieldName))
		}
	}
	return rep, nil
}

// importDefinitions reads, in full (with their scope catalogues), the
// definitions of the persona types the file names.
func (s *Service) importDefinitions(ctx context.Context, c Caller, lines []ImportLine) (domain.Definitions, error) {
	var typs []string
	for _, l := range lines {
		for _, p := range l.User.Personas {
			if _, ok := c.Config.Definitions[p.Type]; ok && domain.ValidSlug(p.Type) {
				typs = append(typs, p.Type)
			}
		}
	}
	defs, err := s.store.DefinitionsByType(ctx, c.Tenant, typs)
	return domain.Index(defs), err
}

// userImport carries one user through the lines about them, in order.
type userImport struct {
	s      *Service
	c      Caller
	defs   domain.Definitions
	dryRun bool
	uid    string // "" while the user does not exist
	email  string
	state  *store.UserState
	stale  bool // state must be read again (a write failed)
}

var errOutOfTime = apierr.NotAttempted("the import ran out of time; import the same file again to finish it")

func (u *userImport) line(ctx context.Context, in ImportUser) (outcome, error) {
	if dl, ok := ctx.Deadline(); ok && time.Until(dl) < importReserve {
		return failed, errOutOfTime
	}
	if u.stale || (u.state == nil && u.uid != "") {
		if err := u.load(ctx); err != nil {
			return failed, err
		}
	}
	w, changed, err := u.s.planImport(u.c, u.defs, u.state, in)
	if err != nil {
		return failed, err
	}
	if !changed {
		return unchanged, nil
	}
	if !u.dryRun {
		if err := u.s.store.ImportUser(ctx, w); err != nil {
			u.stale = true
			return failed, err
		}
	}
	st := store.Applied(w)
	u.state, u.uid = &st, st.Profile.ID
	if w.Before == nil {
		return created, nil
	}
	return updated, nil
}

// load reads the user afresh, finding them by e-mail when a failed write
// left it unknown whether they exist.
func (u *userImport) load(ctx context.Context) error {
	u.state, u.stale = nil, false
	if u.uid == "" {
		id, found, err := u.s.store.UserIDByEmail(ctx, u.c.Tenant, u.email)
		if err != nil || !found {
			return err
		}
		u.uid = id
	}
	st, err := u.s.store.LoadUser(ctx, u.c.Tenant, u.uid)
	if err != nil {
		return err
	}
	u.state = &st
	return nil
}

// parallel runs fn(0..n-1) on at most workers goroutines.
func parallel(n, workers int, fn func(i int)) {
	next := make(chan int)
	var wg sync.WaitGroup
	for range min(n, workers) {
		wg.Go(func() {
			for i := range next {
				fn(i)
			}
		})
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}

// lineError turns a line's error into its report entry.
func lineError(line int, err error, rename func(string) string) LineError {
	if rename == nil {
		rename = func(s string) string { return s }
	}
	var ae *apierr.Error
	if !errors.As(err, &ae) {
		return LineError{Line: line, Code: "internal", Message: "the line could not be imported"}
	}
	msg := ae.Message
	if fields, ok := ae.Details["fields"].(map[string]string); ok && len(fields) > 0 {
		parts := make([]string, 0, len(fields))
		for _, k := range slices.Sorted(maps.Keys(fields)) {
			parts = append(parts, rename(k)+": "+fields[k])
		}
		msg = strings.Join(parts, "; ")
	}
	if ae.Code == "internal" {
		msg = "the line could not be imported"
	}
	return LineError{Line: line, Code: ae.Code, Message: msg}
}

// checkImportUser validates a line on its own (no reads) and normalises
// it: e-mails lower-cased, scopes sorted.
func checkImportUser(defs domain.Definitions, u *ImportUser) error {
	f := apierr.FieldErrors{}
	u.Email = domain.NormalizeEmail(u.Email)
	if u.Email == "" {
		f.Add("email", "is required")
	} else {
		domain.CheckEmail(f, "email", u.Email)
	}
	u.Profile.Email = nil
	if err := u.Profile.apply(&domain.Profile{}); err != nil {
		addFields(f, "", err)
	}
	if len(u.Personas) > MaxImportPersonas {
		f.Add("personas", fmt.Sprintf("must hold at most %d personas; put the others on another line with the same email", MaxImportPersonas))
		return f.Err()
	}
	live, preferred := map[string]string{}, ""
	for i := range u.Personas {
		p := &u.Personas[i]
		field := fmt.Sprintf("personas[%d]", i)
		pf := checkImportPersona(defs, p)
		for k, v := range pf {
			f.Add(field+"."+k, v)
		}
		if len(pf) > 0 {
			continue
		}
		ended := p.Status != nil && domain.TerminalStatus(p.Status.Value)
		if !ended {
			k := p.Type + "\x00" + strings.Join(p.Scope, "\x00")
			if first, ok := live[k]; ok {
				f.Add(field, "states the same type and scope as "+first)
			}
			live[k] = field
		}
		if p.Preferred != nil && *p.Preferred {
			switch {
			case ended:
				f.Add(field+".preferred", "an ended persona cannot be preferred")
			case preferred != "":
				f.Add(field+".preferred", "only one persona can be preferred; "+preferred+" is too")
			}
			preferred = field
		}
	}
	return f.Err()
}

func checkImportPersona(defs domain.Definitions, p *ImportPersona) apierr.FieldErrors {
	f := apierr.FieldErrors{}
	def, ok := defs[p.Type]
	ended := p.Status != nil && domain.TerminalStatus(p.Status.Value)
	switch {
	case !domain.ValidSlug(p.Type) || !ok && !ended:
		f.Add("type", "no persona definition of this type exists")
		return f
	case ok:
		p.Scope = domain.CheckScope(f, "scope", p.Scope, def)
	default:
		// An ended persona is history: it may outlive its (archived)
		// definition, and grants nothing, so only its shape is checked.
		p.Scope = checkScopeSet(f, p.Scope)
	}
	if p.Entitlements != nil {
		domain.CheckTokens(f, "entitlements", *p.Entitlements, domain.MaxEntitlements)
	}
	if p.Email != nil && *p.Email != "" {
		domain.CheckEmail(f, "email", domain.NormalizeEmail(*p.Email))
	}
	if p.ValidFrom != nil {
		domain.CheckValidity(f, *p.ValidFrom, p.ValidUntil.Time)
	}
	if st := p.Status; st != nil {
		switch st.Value {
		case domain.StatusPending, domain.StatusAccepted, domain.StatusRejected, domain.StatusRevoked, domain.StatusExpired:
		default:
			f.Add("status", "must be pending, accepted, rejected, revoked or expired")
		}
		if st.ChangedBy != nil {
			domain.CheckText(f, "status.changed_by", *st.ChangedBy, domain.MaxNameLen)
		}
	}
	domain.CheckAttributes(f, "attributes", p.Attributes)
	return f
}

// addFields copies the field reasons of a validation error under prefix.
func addFields(f apierr.FieldErrors, prefix string, err error) {
	var ae *apierr.Error
	if !errors.As(err, &ae) {
		f.Add(strings.TrimSuffix(prefix, "."), err.Error())
		return
	}
	fields, _ := ae.Details["fields"].(map[string]string)
	for k, v := range fields {
		f.Add(prefix+k, v)
	}
	if len(fields) == 0 {
		f.Add(strings.TrimSuffix(prefix, "."), ae.Message)
	}
}
