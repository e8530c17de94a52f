package registry

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/interleave/concurrency/harness"
	"github.com/interleave/concurrency/harness/trace"
)

// Param is an integer parameter of a registered model, e.g. the number of
// philosophers.
type Param struct {
	Name     string
	Doc      string
	Default  int
	Min, Max int
}

// Variant is one version of a registered model, e.g. the philosophers who
// take the lower-numbered fork first.
type Variant struct {
	Name string
	Doc  string
}

// Definition is what a model package registers so that the CLI and tests
// can find it by name and build it from a variant and parameters.
type Definition struct {
	Name     string
	Doc      string // one line: the concept and the claim it demonstrates
	Params   []Param
	Variants []Variant // the first is the default
	// Build makes the model and the checks it must satisfy. The variant
	// and every parameter have been validated and defaulted.
	Build func(variant string, params map[string]int) (harness.Model, []harness.Check)
}

var registry = map[string]Definition{}

// Register makes a model available by name; model packages call it from
// init. Registering a name twice is a programming error and panics.
func Register(d Definition) {
	if _, dup := registry[d.Name]; dup {
		panic("registry: model " + d.Name + " registered twice")
	}
	if len(d.Variants) == 0 || d.Build == nil {
		panic("registry: model " + d.Name + " needs a variant and a Build function")
	}
	registry[d.Name] = d
}

// Definitions returns the registered models sorted by name.
func Definitions() []Definition {
	defs := make([]Definition, 0, len(registry))
	for _, d := range registry {
		defs = append(defs, d)
	}
	sort.Slice(defs, func(i, j int) bool { return defs[i].Name < defs[j].Name })
	return defs
}

// Lookup finds a registered model; the error names the models there are.
func Lookup(name string) (Definition, error) {
	if d, ok := registry[name]; ok {
		return d, nil
	}
	var names []string
	for _, d := range Definitions() {
		names = append(names, d.Name)
	}
	return Definition{}, fmt.Errorf("unknown model %s (allowed: %s)", trace.Quote(name), strings.Join(names, ", "))
}

// Instance is a model built from a definition, with the variant and the
// full parameter set it was built with (defaults filled in).
type Instance struct {
	Def     Definition
	Variant string
	Params  map[string]int
	Model   harness.Model
	Checks  []harness.Check
}

// Instantiate validates variant and params ("" means the default variant;
// missing parameters take their defaults) and builds the model.
func (d Definition) Instantiate(variant string, params map[string]int) (Instance, error) {
	if variant == "" {
		variant = d.Variants[0].Name
	}
	if !d.hasVariant(variant) {
		return Instance{}, fmt.Errorf("unknown variant %s for model %s (allowed: %s)", trace.Quote(variant), d.Name, strings.Join(d.variantNames(), ", "))
	}
	full := map[string]int{}
	for _, p := range d.Params {
		full[p.Name] = p.Default
	}
	for name, v := range params {
		p, ok := d.param(name)
		if !ok {
			return Instance{}, fmt.Errorf("unknown parameter %s for model %s (allowed: %s)", trace.Quote(name), d.Name, d.paramList())
		}
		if v < p.Min || v > p.Max {
			return Instance{}, fmt.Errorf("parameter %s=%d out of range for model %s (allowed: %d..%d)", name, v, d.Name, p.Min, p.Max)
		}
		full[name] = v
	}
	m, checks := d.Build(variant, full)
	return Instance{Def: d, Variant: variant, Params: full, Model: m, Checks: checks}, nil
}

// ParseParam reads one "name=value" parameter as the CLI takes it.
func ParseParam(text string) (string, int, error) {
	name, value, ok := strings.Cut(text, "=")
	if !ok || name == "" {
		return "", 0, fmt.Errorf("malformed parameter %s (allowed: name=value, e.g. n=5)", trace.Quote(text))
	}
	v, err := strconv.Atoi(value)
	if err != nil {
		return "", 0, fmt.Errorf("parameter %s is not an integer (allowed: whole numbers, e.g. %s=3)", trace.Clip(text), trace.Clip(name))
	}
	return name, v, nil
}

// ParamString renders the parameters of i in the order the definition
// declares them, as "n=5 k=2".
func (i Instance) ParamString(sep string) string {
	var parts []string
	for _, p := range i.Def.Params {
		parts = append(parts, fmt.Sprintf("%s=%d", p.Name, i.Params[p.Name]))
	}
	return strings.Join(parts, sep)
}

func (d Definition) hasVariant(name string) bool {
	for _, v := range d.Variants {
		if v.Name == name {
			return true
		}
	}
	return false
}

func (d Definition) variantNames() []string {
	names := make([]string, len(d.Variants))
	for i, v := range d.Variants {
		names[i] = v.Name
	}
	return names
}

func (d Definition) param(name string) (Param, bool) {
	for _, p := range d.Params {
		if p.Name == name {
			return p, true
		}
	}
	return Param{}, false
}

func (d Definition) paramList() string {
	if len(d.Params) == 0 {
		return "none"
	}
	var parts []string
	for _, p := range d.Params {
		parts = append(parts, fmt.Sprintf("%s (%d..%d)", p.Name, p.Min, p.Max))
	}
	return strings.Join(parts, ", ")
}
