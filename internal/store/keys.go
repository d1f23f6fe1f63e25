package store

import (
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"time"
)

// Key builders. Every partition key starts with the tenant, so no key of
// one tenant can ever address another's item.

func tenantPK(t string) string       { return "T#" + t }
func userPK(t, uid string) string    { return "T#" + t + "#U#" + uid }
func emailPK(t, email string) string { return "T#" + t + "#EMAIL#" + email }
func subPK(t, sub string) string     { return "T#" + t + "#SUB#" + hashHex(sub) }
func sessionPK(t, key string) string { return "T#" + t + "#SESSION#" + hashHex(key) }
func usersGSI(t string) string       { return "T#" + t + "#USERS" }
func typeGSI(t, typ string) string   { return "T#" + t + "#PTYPE#" + typ }
func personasGSI(t string) string    { return "T#" + t + "#PERSONAS" }

// scopedGSI is the partition of accepted personas of a type whose sorted
// scope starts with first ("~" for an empty scope): a delegated admin reads
// one such partition per (managed type, own scope value), so listing the
// users in scope never reads the rest of the tenant.
func scopedGSI(t, typ, first string) string { return "T#" + t + "#SCOPED#" + typ + "#" + first }
func requestPK(t, id string) string         { return "T#" + t + "#REQ#" + id }
func workPK(t, uid string) string           { return "T#" + t + "#WORK#" + uid }
func auditPK(t string) string               { return "T#" + t + "#AUDIT" }
func auditUserGSI(t, u string) string       { return "T#" + t + "#AUDIT#U#" + u }

const (
	skProfile   = "PROFILE"
	skTenant    = "TENANT"
	skEmail     = "EMAIL"
	skSub       = "SUB"
	skSession   = "SESSION"
	skRequest   = "REQUEST"
	prePersona  = "PERSONA#"
	preDef      = "DEF#"
	preApp      = "APP#"
	preUniq     = "UNIQ#"
	preGranted  = "DLG#G#"     // a delegation, in its owner's partition
	preReceived = "DLG#R#"     // a delegation, in its recipient's partition (sorts before PERSONA#)
	preArchive  = "X#ARCHIVE#" // sorts after SETTINGS, outside the catalogue range
)

// uniqSK is the guard item that keeps type+scope unique per user among live
// personas: the scope set is hashed to keep the key short whatever its size.
func uniqSK(typ string, scope []string) string {
	return preUniq + typ + "#" + hashHex(strings.Join(scope, "\x00"))
}

// hashHex hashes values that are long or carry characters we do not want in
// keys (subjects, session IDs).
func hashHex(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:16])
}

// The expiry job index (gsi4): every request, delegation and persona sits
// in JOB#EXPIRE under the time it falls due while it can still expire, and
// in JOB#EXPIRE#DONE otherwise (kept rather than dropped: the embedded
// emulator mishandles items that lose their index keys).
const (
	jobExpire     = "JOB#EXPIRE"
	jobExpireDone = "JOB#EXPIRE#DONE"
)

// Expiry kinds in the job index sort key.
const (
	ExpireRequest    = "REQ"
	ExpireDelegation = "DLG"
	ExpirePersona    = "PERSONA"
)

// expiryKeys are the gsi4 keys of an item: due (and at) when it can still
// expire. ref names the item: request ID, owner#delegation ID, or
// user#persona ID.
func expiryKeys(due bool, at time.Time, kind, tenant, ref string) (string, string) {
	sk := at.UTC().Format(time.RFC3339) + "#" + kind + "#" + tenant + "#" + ref
	if due {
		return jobExpire, sk
	}
	return jobExpireDone, sk
}
