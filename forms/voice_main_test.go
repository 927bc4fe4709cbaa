package forms

import (
	"flag"
	"os"
	"testing"
)

// TestMain runs the package's tests with freed labels poisoned (see
// labelText): an answer that kept a slice of a label's reused lowercase
// buffer then shows '#'s and fails its test. Benchmarks run as in use.
func TestMain(m *testing.M) {
	flag.Parse()
	poisonFreedLabels = flag.Lookup("test.bench").Value.String() == ""
	os.Exit(m.Run())
}
