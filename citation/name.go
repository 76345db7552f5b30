package citation

// A Name is a person's or an organization's name, split into the parts CSL
// uses. A person has Family and usually Given; an organization, or any name
// that must not be split, has Literal only. The zero value is an empty name.
type Name struct {
	Family              string // "Gogh", "Burgess"
	Given               string // "Vincent", "Robert W."
	DroppingParticle    string // dropped when only the family name is shown: "von" in Alexander von Humboldt
	NonDroppingParticle string // kept with the family name: "van" in Vincent van Gogh
	Suffix              string // "Jr.", "III"
	CommaSuffix         bool   // the suffix is set off by a comma: "Smith, John, Jr."
	Literal             string // an organization or a name given as one string: "World Health Organization"

	// Others marks the end of a truncated list, such as BibTeX's "and
	// others"; a Name with Others set has no other part.
	Others bool

	ORCID        string   // the person's ORCID iD, "0000-0002-1825-0097"
	Affiliations []string // as given by the source
}

// IsZero reports whether n has no parts.
func (n Name) IsZero() bool {
	return n.Family == "" && n.Given == "" && n.DroppingParticle == "" &&
		n.NonDroppingParticle == "" && n.Suffix == "" && n.Literal == "" &&
		!n.Others && n.ORCID == "" && len(n.Affiliations) == 0
}
