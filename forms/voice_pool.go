package forms

import (
	"sync"
	"unsafe"
)

// Reusing parsed labels, and the lowercase buffer of one.

// labelPool keeps parsed labels for reuse: one check parses several texts
// (the label, its rewrite, parts of it), each needed only until the step
// that parsed it returns, which frees it.
var labelPool = sync.Pool{New: func() any { return new(labelText) }}

// free gives l back to labelPool; l must not be used after, nor any
// string read from its lower (see labelText).
func (l *labelText) free() {
	if poisonFreedLabels {
		b := l.lowBuf[:cap(l.lowBuf)]
		for i := range b {
			b[i] = '#'
		}
	}
	l.str, l.lower = "", ""
	labelPool.Put(l)
}

// poisonFreedLabels is set by the package's tests (not its benchmarks).
var poisonFreedLabels bool

// lowered is s, an ASCII text, lowercased in l's lowBuf (see labelText).
func (l *labelText) lowered(s string) string {
	if cap(l.lowBuf) < len(s) {
		l.lowBuf = make([]byte, 0, len(s)+32)
	}
	b := l.lowBuf[:len(s)]
	lowerASCII(b, s)
	return unsafe.String(unsafe.SliceData(b), len(b))
}

// reset empties l's tokens and items, keeping their room.
func (l *labelText) reset() {
	if l.toks == nil {
		l.toks, l.items = l.tokBuf[:0], l.itemBuf[:0]
	}
	l.toks, l.items = l.toks[:0], l.items[:0]
}
