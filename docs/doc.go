// Package docs holds the documentation pages. Its test keeps the mutation
// table of checks.md true: every seeded bug of impls/ is run and must be
// caught by the check the table names, with the kind it names, while the
// correct version passes that check; and the table must list exactly
// those rows (go test ./docs -update rewrites it).
package docs
