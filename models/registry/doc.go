// Package registry is the catalogue of models the CLI, the fuzz targets
// and the tests find by name. A model package describes itself with a
// Definition (its parameters, variants and a Build function) and calls
// Register from init; importing models/all registers every model.
// Lookup and Definitions find them, and Definition.Instantiate validates
// a variant and parameters and builds the model and its checks.
//
// The registry is not part of the engine: package harness explores any
// harness.Model and knows nothing of names, variants or parameters.
package registry
