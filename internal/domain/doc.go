// Package domain holds the portal's objects (profiles, persona definitions,
// personas, applications, tenant settings, audit records) and the pure rules
// about them: validation, scope sets, when a persona is active. It does no
// I/O. Its types carry the JSON shape of the public API (API.md); the store
// keeps its own item types, so the table layout never leaks into responses.
package domain
