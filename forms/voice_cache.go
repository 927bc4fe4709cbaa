package forms

import "sync"

// The voice check is pure: the same text always gets the same answer. The
// designer checks every label twice per page (the count and the findings)
// and again on every save, so answers are remembered, up to a bound.

const (
	voiceFieldLabelKey = 'L' // CheckLabel
	voiceFieldPartKey  = 'P' // checkPart
	voiceCacheMax      = 20000
)

type voiceAnswer struct {
	problem, suggestion string
	flagged             bool
}

// voiceCache holds one map per kind of check, keyed by the text alone, so
// a lookup hashes only the string (the map's fast path for string keys).
var voiceCache = struct {
	sync.Mutex
	labels, parts map[string]voiceAnswer
}{labels: map[string]voiceAnswer{}, parts: map[string]voiceAnswer{}}

// voiceCached answers from the cache or runs check and remembers its
// answer; when the cache is full it starts again empty.
func voiceCached(kind byte, text string, check func(string) (string, string, bool)) (string, string, bool) {
	voiceCache.Lock()
	m := voiceCache.labels
	if kind == voiceFieldPartKey {
		m = voiceCache.parts
	}
	a, ok := m[text]
	voiceCache.Unlock()
	if ok {
		return a.problem, a.suggestion, a.flagged
	}
	p, s, f := check(text)
	voiceCache.Lock()
	if len(voiceCache.labels)+len(voiceCache.parts) >= voiceCacheMax {
		voiceCache.labels, voiceCache.parts = map[string]voiceAnswer{}, map[string]voiceAnswer{}
	}
	m = voiceCache.labels
	if kind == voiceFieldPartKey {
		m = voiceCache.parts
	}
	m[text] = voiceAnswer{p, s, f}
	voiceCache.Unlock()
	return p, s, f
}

// resetVoiceCache empties the cache (benchmarks of the cold check).
func resetVoiceCache() {
	voiceCache.Lock()
	voiceCache.labels, voiceCache.parts = map[string]voiceAnswer{}, map[string]voiceAnswer{}
	voiceCache.Unlock()
}
