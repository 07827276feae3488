package export

import "io"

func writeCSV(pl *plan, w io.Writer) error       { return errNotYet }
func writeMarkdown(pl *plan, w io.Writer) error  { return errNotYet }
func writePDF(pl *plan, w io.Writer) error       { return errNotYet }
func writeHTML(pl *plan, w io.Writer) error      { return errNotYet }
func writeChecklist(pl *plan, w io.Writer) error { return errNotYet }
func writeBundle(pl *plan, w io.Writer) error    { return errNotYet }
