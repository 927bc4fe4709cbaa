package forms

import "sync"

// Reusing parsed labels, and the lowercase buffer of one.

// labelPool keeps parsed labels for reuse: one check parses several texts
// (the label, its rewrite, parts of it), each needed only until the step
// that parsed it returns, which frees it.
var labelPool = sync.Pool{New: func() any { return new(labelText) }}

// free gives l back to labelPool; l must not be used after.
func (l *labelText) free() {
	l.str, l.lower = "", ""
	labelPool.Put(l)
}

// lowered is s, an ASCII text, lowercased by way of l's lowBuf. The
// result is a copy: a string that shared the pooled buffer (unsafe.String)
// saved a little time but would be silently rewritten if any part of it
// outlived the parse, in a memo key or a suggestion, and that is not a
// risk worth a tenth of a millisecond.
func (l *labelText) lowered(s string) string {
	if cap(l.lowBuf) < len(s) {
		l.lowBuf = make([]byte, 0, len(s)+32)
	}
	b := l.lowBuf[:len(s)]
	lowerASCII(b, s)
	return string(b)
}

// reset empties l's tokens and items, keeping their room.
func (l *labelText) reset() {
	if l.toks == nil {
		l.toks, l.items = l.tokBuf[:0], l.itemBuf[:0]
	}
	l.toks, l.items = l.toks[:0], l.items[:0]
}
