//go:build !race

package main

// raceEnabled is true when the tests are built with the race detector,
// which makes them many times slower.
const raceEnabled = false
