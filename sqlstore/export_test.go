package sqlstore

// SetPostingPart makes posting lists split into parts of n bytes, so a
// small test corpus exercises lists stored in many rows.
func SetPostingPart(s *DB, n int) { s.d.PostingPart = n }
