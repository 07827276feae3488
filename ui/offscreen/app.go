package offscreen

import (
	"errors"
	"net/url"
	"slices"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// App is a fyne.App without a display. Its windows live in memory and are
// drawn by Canvas.Capture.
type App struct {
	id        string
	driver    *Driver
	settings  *settings
	prefs     *Preferences
	storage   storage
	lifecycle Lifecycle
	clip      Clipboard

	mu    sync.Mutex
	icon  fyne.Resource
	cloud fyne.CloudProvider
}

var _ fyne.App = (*App)(nil)

// NewApp returns a windowless app with the unique ID id, in-memory
// preferences and fyne's default theme, and makes it fyne's current app.
func NewApp(id string) *App {
	a := &App{id: id, prefs: NewPreferences()}
	a.driver = newDriver()
	a.settings = &settings{app: a, theme: theme.DefaultTheme()}
	fyne.SetCurrentApp(a)
	return a
}

// NewWindow returns a new window; it is shown only when captured.
func (a *App) NewWindow(title string) fyne.Window { return a.driver.CreateWindow(title) }

// OpenURL does nothing: there is no browser offscreen.
func (a *App) OpenURL(*url.URL) error { return errNoDisplay }

// Icon returns the icon set with SetIcon.
func (a *App) Icon() fyne.Resource {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.icon
}

// SetIcon sets the app's icon.
func (a *App) SetIcon(r fyne.Resource) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.icon = r
}

// Run returns at once: there is no event loop offscreen.
func (a *App) Run() {}

// Quit closes every window.
func (a *App) Quit() { a.driver.Quit() }

// Driver returns the offscreen driver.
func (a *App) Driver() fyne.Driver { return a.driver }

// UniqueID returns the ID given to NewApp.
func (a *App) UniqueID() string { return a.id }

// SendNotification drops the notification: there is no desktop to show it.
func (a *App) SendNotification(*fyne.Notification) {}

// Settings returns the app's settings (theme, scale 1, dark variant).
func (a *App) Settings() fyne.Settings { return a.settings }

// Preferences returns the app's in-memory preferences.
func (a *App) Preferences() fyne.Preferences { return a.prefs }

// Storage returns a storage without a root folder: nothing is written.
func (a *App) Storage() fyne.Storage { return a.storage }

// Lifecycle returns the hooks; an offscreen app never calls them.
func (a *App) Lifecycle() fyne.Lifecycle { return &a.lifecycle }

// Metadata returns the app's ID as its only metadata.
func (a *App) Metadata() fyne.AppMetadata { return fyne.AppMetadata{ID: a.id, Name: a.id} }

// CloudProvider returns the provider set with SetCloudProvider.
func (a *App) CloudProvider() fyne.CloudProvider {
	a.mu.Lock()
	defer a.mu.Unlock()
	return a.cloud
}

// SetCloudProvider records p without setting it up: an offscreen app keeps
// its preferences and storage in memory.
func (a *App) SetCloudProvider(p fyne.CloudProvider) {
	a.mu.Lock()
	defer a.mu.Unlock()
	a.cloud = p
}

// Clipboard returns the app's in-memory clipboard.
func (a *App) Clipboard() fyne.Clipboard { return &a.clip }

// errNoDisplay is what the actions that need a desktop return.
var errNoDisplay = errors.New("offscreen: no display")

// settings holds the theme; the scale is 1 and the variant dark, so that a
// capture does not depend on the desktop it runs on.
type settings struct {
	app *App

	mu        sync.Mutex
	theme     fyne.Theme
	listeners []func(fyne.Settings)
	channels  []chan fyne.Settings
}

var _ fyne.Settings = (*settings)(nil)

func (s *settings) Theme() fyne.Theme {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.theme
}

// SetTheme sets the theme, refreshes the windows and tells the listeners.
func (s *settings) SetTheme(t fyne.Theme) {
	if t == nil {
		t = theme.DefaultTheme()
	}
	s.mu.Lock()
	s.theme = t
	listeners := slices.Clone(s.listeners)
	channels := slices.Clone(s.channels)
	s.mu.Unlock()
	for _, c := range channels {
		select {
		case c <- s:
		default: // nobody reads it now: a settings change is not worth a hang
		}
	}
	s.app.driver.DoFromGoroutine(func() {
		for _, w := range s.app.driver.AllWindows() {
			if c := w.Canvas().Content(); c != nil {
				refreshTree(c)
			}
			for _, o := range w.Canvas().Overlays().List() {
				refreshTree(o)
			}
		}
		for _, l := range listeners {
			l(s)
		}
	}, true)
}

func (s *settings) ThemeVariant() fyne.ThemeVariant { return theme.VariantDark }
func (s *settings) Scale() float32                  { return 1 }
func (s *settings) PrimaryColor() string            { return theme.ColorBlue }
func (s *settings) BuildType() fyne.BuildType       { return fyne.BuildStandard }

// ShowAnimations is false: widgets then move straight to where they end.
func (s *settings) ShowAnimations() bool { return false }

func (s *settings) AddChangeListener(c chan fyne.Settings) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.channels = append(s.channels, c)
}

func (s *settings) AddListener(l func(fyne.Settings)) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.listeners = append(s.listeners, l)
}

// refreshTree refreshes o and, through containers, everything it holds
// (a widget refreshes what its own renderer holds).
func refreshTree(o fyne.CanvasObject) {
	if c, ok := o.(*fyne.Container); ok {
		for _, child := range c.Objects {
			refreshTree(child)
		}
	}
	o.Refresh()
}

// Lifecycle stores the app's lifecycle hooks; an offscreen app has no
// foreground, so none is ever called.
type Lifecycle struct {
	mu                                  sync.Mutex
	enteredForeground, exitedForeground func()
	started, stopped                    func()
}

var _ fyne.Lifecycle = (*Lifecycle)(nil)

func (l *Lifecycle) SetOnEnteredForeground(f func()) { l.set(&l.enteredForeground, f) }
func (l *Lifecycle) SetOnExitedForeground(f func())  { l.set(&l.exitedForeground, f) }
func (l *Lifecycle) SetOnStarted(f func())           { l.set(&l.started, f) }
func (l *Lifecycle) SetOnStopped(f func())           { l.set(&l.stopped, f) }

func (l *Lifecycle) set(hook *func(), f func()) {
	l.mu.Lock()
	defer l.mu.Unlock()
	*hook = f
}

// Clipboard is an in-memory clipboard.
type Clipboard struct {
	mu      sync.Mutex
	content string
}

var _ fyne.Clipboard = (*Clipboard)(nil)

func (c *Clipboard) Content() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.content
}

func (c *Clipboard) SetContent(s string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.content = s
}

// storage has no root folder: an offscreen app writes no files of its own.
type storage struct{}

var errNoStorage = errors.New("offscreen: the app has no storage")

func (storage) RootURI() fyne.URI                          { return nil }
func (storage) Create(string) (fyne.URIWriteCloser, error) { return nil, errNoStorage }
func (storage) Open(string) (fyne.URIReadCloser, error)    { return nil, errNoStorage }
func (storage) Save(string) (fyne.URIWriteCloser, error)   { return nil, errNoStorage }
func (storage) Remove(string) error                        { return errNoStorage }
func (storage) List() []string                             { return nil }
