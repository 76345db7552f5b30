package parse_test

import (
	"fmt"
	"strings"

	"github.com/citekit/citekit/parse"
)

func ExampleDigitalCommonsDecoder() {
	page := `Motor neuron survival in aging mice.

Authors

Robert W. Burgess, The Jackson Laboratory

Document Type

Article

Publication Date

11-12-2025

Keywords

aging; motor neurons, mice

JAX Source

J Neurosci. 2025;45(46):e1353252025.

Share

COinS
`
	d := parse.NewDigitalCommonsDecoder(strings.NewReader(page))
	c, err := d.Decode()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.Type, "|", c.Title)
	fmt.Println(c.Authors[0].Family, c.Authors[0].Affiliations)
	fmt.Println(c.Issued, c.Keywords)
	fmt.Println(c.ContainerTitleShort, c.Volume, c.Issue, c.Pages)
	// Output:
	// article-journal | Motor neuron survival in aging mice
	// Burgess [The Jackson Laboratory]
	// 2025-11-12 [aging motor neurons mice]
	// J Neurosci 45 46 e1353252025
}

func ExampleMarkdownDecoder() {
	page := `---
title: "How do Schwann cells support the neuromuscular junction?"
date: 2025-03-14
author: QuickTakes
seo:
  page_keywords: Schwann cells, neuromuscular junction
url: /learn/biology/questions/schwann-cells
related_article1:
  id: 60002
  title: What is a motor end plate?
  url: /learn/biology/questions/motor-end-plate
---
Body text.
`
	d := parse.NewMarkdownDecoder(strings.NewReader(page))
	d.BaseURL = "https://example.org"
	c, err := d.Decode()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.Type, "|", c.Title)
	fmt.Println(c.Issued, c.Authors[0].Literal, c.Keywords)
	fmt.Println(c.URL)
	fmt.Println(c.Related[0].Title, c.Related[0].URL)
	// Output:
	// webpage | How do Schwann cells support the neuromuscular junction?
	// 2025-03-14 QuickTakes [Schwann cells neuromuscular junction]
	// https://example.org/learn/biology/questions/schwann-cells
	// What is a motor end plate? https://example.org/learn/biology/questions/motor-end-plate
}

func ExampleHTMLDecoder() {
	page := `<html><head>
<meta name="citation_title" content="The Neuromuscular Junction">
<meta name="citation_author" content="Burgess, Robert W.">
<meta name="citation_journal_title" content="Journal of Neuroscience">
<meta name="citation_publication_date" content="2025/11/12">
<meta name="citation_doi" content="https://doi.org/10.1523/JNEUROSCI.1353-25.2025">
<meta name="dc.title" content="A less trusted title">
</head></html>`
	c, err := parse.NewHTMLDecoder(strings.NewReader(page)).Decode()
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(c.Type, "|", c.Title, "|", c.ContainerTitle)
	fmt.Println(c.Authors[0].Given, c.Authors[0].Family, c.Issued, c.DOI)
	// Output:
	// article-journal | The Neuromuscular Junction | Journal of Neuroscience
	// Robert W. Burgess 2025-11-12 10.1523/JNEUROSCI.1353-25.2025
}

func ExampleRegistry_Detect_pages() {
	reg := parse.Default()
	for _, in := range []string{
		"---\ntitle: A page\n---\n",
		"<!DOCTYPE html><html><head><title>A page</title></head></html>",
		"A record\n\nDocument Type\n\nArticle\n",
	} {
		f, _, err := reg.Detect(strings.NewReader(in))
		if err != nil {
			fmt.Println(err)
			continue
		}
		fmt.Println(f.Name)
	}
	// Output:
	// markdown
	// html
	// digitalcommons
}
