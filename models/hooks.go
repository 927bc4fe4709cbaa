package models

// Hooks let the server count what happens inside the store (metrics)
// without the store knowing about Prometheus. Any may be nil.
type Hooks struct {
	// BatchCommitted is called after a group commit with the number of
	// saves it made durable.
	BatchCommitted func(saves int)
}

// WithHooks sets the store's hooks.
func WithHooks(h Hooks) Option { return func(s *Store) { s.hooks = h } }

// WithoutGroupCommit makes every autosave its own transaction (the
// benchmark's baseline).
func WithoutGroupCommit() Option { return func(s *Store) { s.noGroupCommit = true } }
