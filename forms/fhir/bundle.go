package fhir

import "time"

// Bundle is a FHIR R4 Bundle; Firstperson writes collections of
// QuestionnaireResponses (a version's export).
type Bundle struct {
	ResourceType string        `json:"resourceType"`
	Type         string        `json:"type"`
	Timestamp    string        `json:"timestamp,omitempty"`
	Entry        []BundleEntry `json:"entry,omitempty"`
}

// BundleEntry is one resource of a Bundle with its absolute URL.
type BundleEntry struct {
	FullURL  string `json:"fullUrl,omitempty"`
	Resource any    `json:"resource"`
}

// ToCollection wraps resources in a Bundle of type collection; fullURLs[i]
// (an absolute URL, unique in the bundle) names resources[i].
func ToCollection(at time.Time, fullURLs []string, resources []any) *Bundle {
	b := &Bundle{ResourceType: "Bundle", Type: "collection"}
	if !at.IsZero() {
		b.Timestamp = at.UTC().Format(time.RFC3339)
	}
	for i, r := range resources {
		e := BundleEntry{Resource: r}
		if i < len(fullURLs) {
			e.FullURL = fullURLs[i]
		}
		b.Entry = append(b.Entry, e)
	}
	return b
}
