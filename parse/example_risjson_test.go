package parse_test

import (
	"fmt"
	"os"
	"strings"

	"github.com/citekit/citekit/export"
	"github.com/citekit/citekit/parse"
)

func ExampleRISDecoder() {
	in := "TY  - JOUR\r\nAU  - Burgess, Robert W.\r\nTI  - Synaptic maintenance\r\nT2  - J Neurosci\r\n" +
		"PY  - 2025\r\nDA  - 2025/11/12/\r\nSP  - 812\r\nEP  - 824\r\nSN  - 1529-2401\r\nC1  - kept as Extra\r\nER  - \r\n"
	d := parse.NewRISDecoder(strings.NewReader(in))
	cs, err := parse.ReadAll(d)
	if err != nil {
		fmt.Println(err)
	}
	c := cs[0]
	fmt.Println(c.Type, c.Authors[0].Family, c.Title, c.ContainerTitle)
	fmt.Println(c.Issued.Year, c.Issued.Month, c.Issued.Day, c.Pages, c.ISSN, c.Extra)
	// Output:
	// article-journal Burgess Synaptic maintenance J Neurosci
	// 2025 11 12 812-824 [1529-2401] [{ris:C1 kept as Extra}]
}

// Example_risToCSLJSON converts RIS to CSL-JSON.
func Example_risToCSLJSON() {
	d := parse.NewRISDecoder(strings.NewReader("TY  - BOOK\nAU  - Marx, Karl\nTI  - Das Kapital\nPY  - 1867\nER  - \n"))
	enc := export.NewCSLJSONEncoder(os.Stdout)
	for {
		c, err := d.Decode()
		if err != nil {
			break // io.EOF; a *parse.ParseError would be reported and skipped
		}
		enc.Encode(c)
	}
	enc.Close()
	// Output:
	// [
	//   {
	//     "id": "item-1",
	//     "type": "book",
	//     "author": [
	//       {"family": "Marx", "given": "Karl"}
	//     ],
	//     "issued": {"date-parts": [[1867]]},
	//     "title": "Das Kapital"
	//   }
	// ]
}

func ExampleCSLYAMLDecoder() {
	in := `---
references:
- id: adams2001
  type: article-journal
  author:
  - family: Adams
    given: Nancy K
  issued:
  - year: 2001
    month: 12
  title: The physical volcanology of the 1600 eruption
...
`
	cs, err := parse.ReadAll(parse.NewCSLYAMLDecoder(strings.NewReader(in)))
	if err != nil {
		fmt.Println(err)
	}
	fmt.Println(cs[0].ID, cs[0].Authors[0].Family, cs[0].Issued.Year, cs[0].Issued.Month)
	// Output:
	// adams2001 Adams 2001 12
}
