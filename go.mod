module github.com/reelboard/reelboard

go 1.26

require (
	fyne.io/fyne/v2 v2.7.1 // indirect
	github.com/go-pdf/fpdf v0.9.0 // indirect
	github.com/google/uuid v1.6.0 // indirect
	github.com/gopxl/beep/v2 v2.1.1 // indirect
	github.com/pkg/errors v0.9.1 // indirect
)
