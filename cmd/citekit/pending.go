package main

import "fmt"

func notYet(e *env, name string) int {
	fmt.Fprintf(e.stderr, "citekit %s: not implemented yet\n", name)
	return exitUsage
}

func runValidate(e *env, args []string) int { return notYet(e, "validate") }
func runFormat(e *env, args []string) int   { return notYet(e, "format") }

func runDOIExtract(e *env, args []string) int { return notYet(e, "doi extract") }
