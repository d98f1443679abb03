// Package samples holds the sample notices bundled with casebook: written
// by the casebook team, modelled on real notices (web skimming, ransomware,
// misdelivery, a lost USB stick, an insider, a regulator's action, a
// digest page). `casebook serve` ingests them into an empty database.
package samples

import (
	"embed"
	"io/fs"
)

//go:embed notices
var files embed.FS

// Notices returns the sample notices as a file system rooted at their folder.
func Notices() fs.FS {
	sub, err := fs.Sub(files, "notices")
	if err != nil {
		panic(err)
	}
	return sub
}
