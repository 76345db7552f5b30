package doi

import (
	"encoding/json"
	"errors"
	"strings"

	"github.com/citekit/citekit/citation"
)

// decodeCSL maps the CSL-JSON item of a content-negotiation answer to a
// Citation. It is the one place where the answer is read, so that it can
// use the full CSL-JSON decoder of package parse (parse.NewCSLJSONDecoder)
// once that is available.
//
// Until then it reads the variables content negotiation returns for
// articles: type, title, container-title, volume, issue, page, publisher,
// DOI, URL, ISSN, ISBN, author and editor, issued.
func decodeCSL(body []byte) (*citation.Citation, error) {
	var item struct {
		Type           string     `json:"type"`
		Title          cslString  `json:"title"`
		ContainerTitle cslString  `json:"container-title"`
		Volume         cslString  `json:"volume"`
		Issue          cslString  `json:"issue"`
		Page           cslString  `json:"page"`
		Publisher      cslString  `json:"publisher"`
		DOI            cslString  `json:"DOI"`
		URL            cslString  `json:"URL"`
		ISSN           cslStrings `json:"ISSN"`
		ISBN           cslStrings `json:"ISBN"`
		Author         []cslName  `json:"author"`
		Editor         []cslName  `json:"editor"`
		Issued         *cslDate   `json:"issued"`
	}
	if err := json.Unmarshal(body, &item); err != nil {
		return nil, err
	}
	if item.Type == "" && item.Title == "" && item.DOI == "" {
		return nil, errors.New("not a CSL-JSON item")
	}
	c := &citation.Citation{
		Type:           citation.ItemType(item.Type),
		Title:          citation.NormalizeTitle(string(item.Title)),
		ContainerTitle: citation.NormalizeTitle(string(item.ContainerTitle)),
		Volume:         citation.NormalizeText(string(item.Volume)),
		Issue:          citation.NormalizeText(string(item.Issue)),
		Pages:          citation.NormalizeText(string(item.Page)),
		Publisher:      citation.NormalizeText(string(item.Publisher)),
		DOI:            strings.TrimSpace(string(item.DOI)),
		URL:            strings.TrimSpace(string(item.URL)),
		ISSN:           item.ISSN,
		ISBN:           item.ISBN,
	}
	for _, n := range item.Author {
		c.Authors = append(c.Authors, n.name())
	}
	for _, n := range item.Editor {
		c.Editors = append(c.Editors, n.name())
	}
	if item.Issued != nil {
		c.Issued = item.Issued.date()
	}
	return c, nil
}

// cslString is a CSL string or number variable.
type cslString string

func (s *cslString) UnmarshalJSON(b []byte) error {
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		return err
	}
	switch v := v.(type) {
	case string:
		*s = cslString(v)
	case float64:
		*s = cslString(json.Number(strings.TrimSpace(string(b))).String())
	case []any: // Crossref sometimes sends arrays of strings
		if len(v) > 0 {
			if t, ok := v[0].(string); ok {
				*s = cslString(t)
			}
		}
	}
	return nil
}

// cslStrings is a string or an array of strings.
type cslStrings []string

func (s *cslStrings) UnmarshalJSON(b []byte) error {
	var one string
	if json.Unmarshal(b, &one) == nil {
		*s = []string{one}
		return nil
	}
	var many []string
	if err := json.Unmarshal(b, &many); err != nil {
		return err
	}
	*s = many
	return nil
}

type cslName struct {
	Family              string `json:"family"`
	Given               string `json:"given"`
	Literal             string `json:"literal"`
	DroppingParticle    string `json:"dropping-particle"`
	NonDroppingParticle string `json:"non-dropping-particle"`
	Suffix              string `json:"suffix"`
	ORCID               string `json:"ORCID"`
}

func (n cslName) name() citation.Name {
	orcid := n.ORCID
	if i := strings.LastIndexByte(orcid, '/'); i >= 0 {
		orcid = orcid[i+1:]
	}
	return citation.Name{
		Family:              citation.NormalizeText(n.Family),
		Given:               citation.NormalizeText(n.Given),
		Literal:             citation.NormalizeText(n.Literal),
		DroppingParticle:    n.DroppingParticle,
		NonDroppingParticle: n.NonDroppingParticle,
		Suffix:              n.Suffix,
		ORCID:               orcid,
	}
}

type cslDate struct {
	DateParts [][]json.Number `json:"date-parts"`
	Literal   string          `json:"literal"`
	Raw       string          `json:"raw"`
}

func (d cslDate) date() citation.Date {
	var out citation.Date
	part := func(p []json.Number, i int) int {
		if i < len(p) {
			n, _ := p[i].Int64()
			return int(n)
		}
		return 0
	}
	if len(d.DateParts) > 0 {
		p := d.DateParts[0]
		out.Year, out.Month, out.Day = part(p, 0), part(p, 1), part(p, 2)
		if len(d.DateParts) > 1 {
			p := d.DateParts[1]
			out.EndYear, out.EndMonth, out.EndDay = part(p, 0), part(p, 1), part(p, 2)
		}
	}
	if out.Year == 0 {
		out = citation.Date{Literal: strings.TrimSpace(d.Literal + d.Raw)}
	}
	return out
}
