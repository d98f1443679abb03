package orgkind

import (
	"encoding/csv"
	"os"
	"slices"
	"sort"
	"strings"
	"testing"

	"casebook/internal/shareddata"
)

func TestOf(t *testing.T) {
	tests := []struct{ name, sector, want string }{
		{"豊島区教委", "public", SchoolBoard},
		{"長野県教育委員会", "public", SchoolBoard},
		{"ひなた市立あおば小学校", "education", SchoolBoard},
		{"都立高等学校", "public", SchoolBoard},
		{"東京都教育庁", "public", SchoolBoard},
		{"学校法人さざなみ学園", "education", School},
		{"大台町立協和中学校", "public", SchoolBoard},
		{"国立大学法人岡山大学", "education", University},
		{"横浜市立大学", "education", University},
		{"兵庫医科大学篠山病院", "healthcare", Hospital},
		{"医療法人社団しらかば会", "healthcare", Hospital},
		{"大阪市病院局", "public", Municipality},
		{"横須賀市", "public", Municipality},
		{"阿倍野区役所", "public", Municipality},
		{"大阪市北区", "public", Municipality},
		{"東京都青梅市", "public", Municipality},
		{"群馬県", "public", Prefecture},
		{"神奈川県警察本部", "public", Prefecture},
		{"厚生労働省", "public", National},
		{"みずなみ労働局", "public", National},
		{"独立行政法人ことり機構", "nonprofit", National},
		{"株式会社あさひ", "retail_ec", Company},
		{"Facebook,Inc.", "it_telecom", Company},
		{"JTB", "services", Company},
		{"こもれび銀行", "finance", Company},
		{"一般社団法人日本エニアグラム学会", "nonprofit", Nonprofit},
		{"全国共済農業協同組合連合会", "finance", Nonprofit},
		{"", "", Other},
		{"某コンサル会社", "", Other},
	}
	for _, tt := range tests {
		if got := Of(tt.name, tt.sector); got != tt.want {
			t.Errorf("Of(%q, %q) = %s, want %s", tt.name, tt.sector, got, tt.want)
		}
	}
}

// The embedded list is what the gazetteer gives: every municipality and
// ward as "市 区" joined, and each ward of a designated city alone.
func TestListMatchesGazetteer(t *testing.T) {
	f, err := os.Open(shareddata.Path(t, "data/gazetteer/local-governments.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	col := slices.Index(rows[0], "city")
	seen := map[string]bool{}
	for _, row := range rows[1:] {
		parts := strings.Fields(strings.ReplaceAll(row[col], "　", " "))
		if len(parts) == 0 {
			continue
		}
		seen[strings.Join(parts, "")] = true
		if len(parts) == 2 {
			seen[parts[1]] = true
		}
	}
	var want []string
	for n := range seen {
		want = append(want, n)
	}
	sort.Strings(want)
	if got := strings.Fields(municipalityList); !slices.Equal(got, want) {
		t.Errorf("municipalities.txt holds %d names, the gazetteer gives %d: rebuild it", len(got), len(want))
	}
}
