// Package cslvars describes the variables of CSL-JSON items: which ones the
// CSL 1.0.2 input schema (csl-data.json) allows, and of what kind each is. The
// CSL-JSON encoder and decoder share it.
package cslvars

import "sync"

// A Kind is the JSON shape of a CSL variable's value.
type Kind uint8

// The kinds of variables.
const (
	String  Kind = iota // a string
	Number              // a string or a number
	Name                // an array of name objects
	Date                // a date object
	Strings             // an array of strings (categories)
)

// A Var is one CSL variable.
type Var struct {
	Name   string
	Kind   Kind
	Schema bool // the JSON schema allows it as an item property
}

// specOnly lists the variables of the CSL 1.0.2 specification that the JSON
// schema lacks. Strictly valid CSL-JSON cannot hold them at the top level.
var specOnly = [...]Var{
	{"editor-translator", Name, false},
	{"license", String, false},
	{"part-number", Number, false},
	{"printing-number", Number, false},
	{"supplement-number", Number, false},
}

// Schema returns the item properties of the JSON schema other than id, type
// and custom, in case-insensitive alphabetical order.
func Schema() []Var { return schemaVars[:] }

var index = sync.OnceValue(func() map[string]Var {
	m := make(map[string]Var, len(schemaVars)+len(specOnly))
	for _, v := range schemaVars {
		m[v.Name] = v
	}
	for _, v := range specOnly {
		m[v.Name] = v
	}
	return m
})

// Lookup returns the variable called name, from the schema or from the
// specification.
func Lookup(name string) (Var, bool) {
	v, ok := index()[name]
	return v, ok
}
