package offscreen

import (
	"slices"
	"sync"

	"fyne.io/fyne/v2"
)

// Preferences are fyne.Preferences kept in memory: what a snapshot changes
// is forgotten when the process ends.
type Preferences struct {
	mu        sync.Mutex
	values    map[string]any
	listeners []func()
}

var _ fyne.Preferences = (*Preferences)(nil)

// NewPreferences returns an empty set of preferences.
func NewPreferences() *Preferences { return &Preferences{values: map[string]any{}} }

func get[T any](p *Preferences, key string, fallback T) T {
	p.mu.Lock()
	defer p.mu.Unlock()
	if v, ok := p.values[key].(T); ok {
		return v
	}
	return fallback
}

func getList[T any](p *Preferences, key string, fallback []T) []T {
	p.mu.Lock()
	defer p.mu.Unlock()
	if v, ok := p.values[key].([]T); ok {
		return slices.Clone(v)
	}
	return fallback
}

func set(p *Preferences, key string, value any) {
	p.mu.Lock()
	p.values[key] = value
	listeners := slices.Clone(p.listeners)
	p.mu.Unlock()
	for _, l := range listeners {
		l()
	}
}

func (p *Preferences) Bool(key string) bool { return get(p, key, false) }
func (p *Preferences) BoolWithFallback(key string, fallback bool) bool {
	return get(p, key, fallback)
}
func (p *Preferences) SetBool(key string, value bool) { set(p, key, value) }
func (p *Preferences) BoolList(key string) []bool     { return getList[bool](p, key, nil) }
func (p *Preferences) BoolListWithFallback(key string, fallback []bool) []bool {
	return getList(p, key, fallback)
}
func (p *Preferences) SetBoolList(key string, value []bool) { set(p, key, slices.Clone(value)) }

func (p *Preferences) Float(key string) float64 { return get(p, key, 0.0) }
func (p *Preferences) FloatWithFallback(key string, fallback float64) float64 {
	return get(p, key, fallback)
}
func (p *Preferences) SetFloat(key string, value float64) { set(p, key, value) }
func (p *Preferences) FloatList(key string) []float64     { return getList[float64](p, key, nil) }
func (p *Preferences) FloatListWithFallback(key string, fallback []float64) []float64 {
	return getList(p, key, fallback)
}
func (p *Preferences) SetFloatList(key string, value []float64) { set(p, key, slices.Clone(value)) }

func (p *Preferences) Int(key string) int { return get(p, key, 0) }
func (p *Preferences) IntWithFallback(key string, fallback int) int {
	return get(p, key, fallback)
}
func (p *Preferences) SetInt(key string, value int) { set(p, key, value) }
func (p *Preferences) IntList(key string) []int     { return getList[int](p, key, nil) }
func (p *Preferences) IntListWithFallback(key string, fallback []int) []int {
	return getList(p, key, fallback)
}
func (p *Preferences) SetIntList(key string, value []int) { set(p, key, slices.Clone(value)) }

func (p *Preferences) String(key string) string { return get(p, key, "") }
func (p *Preferences) StringWithFallback(key, fallback string) string {
	return get(p, key, fallback)
}
func (p *Preferences) SetString(key string, value string) { set(p, key, value) }
func (p *Preferences) StringList(key string) []string     { return getList[string](p, key, nil) }
func (p *Preferences) StringListWithFallback(key string, fallback []string) []string {
	return getList(p, key, fallback)
}
func (p *Preferences) SetStringList(key string, value []string) { set(p, key, slices.Clone(value)) }

// RemoveValue forgets key.
func (p *Preferences) RemoveValue(key string) {
	p.mu.Lock()
	delete(p.values, key)
	listeners := slices.Clone(p.listeners)
	p.mu.Unlock()
	for _, l := range listeners {
		l()
	}
}

// AddChangeListener calls l after every change.
func (p *Preferences) AddChangeListener(l func()) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.listeners = append(p.listeners, l)
}

// ChangeListeners returns the listeners added.
func (p *Preferences) ChangeListeners() []func() {
	p.mu.Lock()
	defer p.mu.Unlock()
	return slices.Clone(p.listeners)
}
