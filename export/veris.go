package export

import (
	"crypto/sha256"
	"fmt"
	"strconv"

	"casebook"
)

// naics maps casebook sectors to NAICS codes (two digits unless a finer
// code is plain).
var naics = map[string]string{
	"retail_ec": "454110", "education": "61", "healthcare": "62", "public": "92", "finance": "52",
	"it_telecom": "51", "manufacturing": "31", "logistics": "48", "services": "56", "nonprofit": "813",
	"other": "00",
}

// dataVariety maps data items to attribute.confidentiality.data varieties.
var dataVariety = map[string]string{
	"name": "Personal", "address": "Personal", "phone": "Personal", "fax": "Personal", "email": "Personal",
	"birthdate": "Personal", "age": "Personal", "gender": "Personal", "school": "Personal", "grades": "Personal",
	"employer": "Personal", "photo": "Personal", "customer_id": "Personal", "government_id": "Personal",
	"order_history": "Personal", "password": "Credentials", "card_holder": "Payment", "card_number": "Payment",
	"card_expiry": "Payment", "card_cvv": "Payment", "bank_account": "Bank", "health": "Medical",
}

// VERIS converts a case to a VERIS 1.4 incident document.
func VERIS(c *casebook.Case) map[string]any {
	h := sha256.Sum256([]byte("casebook:" + c.ID))
	b := h[:16]
	b[6] = b[6]&0x0f | 0x40 // a version-4-shaped UUID, stable for the case
	b[8] = b[8]&0x3f | 0x80
	id := fmt.Sprintf("%X-%X-%X-%X-%X", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
	actor := map[string]any{}
	action := map[string]any{}
	assets := []map[string]any{}
	addAsset := func(v string) {
		for _, a := range assets {
			if a["variety"] == v {
				return
			}
		}
		assets = append(assets, map[string]any{"variety": v})
	}
	external := func(motive string) {
		actor["external"] = map[string]any{"variety": []string{"Unknown"}, "motive": []string{motive}, "country": []string{"Unknown"}}
	}
	internal := func(motive string) {
		actor["internal"] = map[string]any{"variety": []string{"Unknown"}, "motive": []string{motive}}
	}
	integrity := []string{}
	availability := []string{}
	for _, cause := range c.Causes {
		switch cause {
		case "unauthorized_access":
			external("Unknown")
			action["hacking"] = map[string]any{"variety": []string{"Unknown"}, "vector": []string{"Unknown"}}
			addAsset("S - Unknown")
		case "web_skimming":
			external("Financial")
			action["hacking"] = map[string]any{"variety": []string{"Exploit vuln"}, "vector": []string{"Web application"}}
			action["malware"] = map[string]any{"variety": []string{"Capture app data"}, "vector": []string{"Web application"}}
			addAsset("S - Web application")
			integrity = append(integrity, "Software installation")
		case "ransomware":
			external("Financial")
			action["malware"] = map[string]any{"variety": []string{"Ransomware"}, "vector": []string{"Unknown"}}
			addAsset("S - Unknown")
			integrity = append(integrity, "Software installation")
			availability = append(availability, "Obscuration", "Interruption")
		case "malware":
			external("Unknown")
			action["malware"] = map[string]any{"variety": []string{"Unknown"}, "vector": []string{"Unknown"}}
			addAsset("U - Desktop or laptop")
			integrity = append(integrity, "Software installation")
		case "account_compromise":
			external("Unknown")
			action["hacking"] = map[string]any{"variety": []string{"Use of stolen creds"}, "vector": []string{"Web application"}}
			addAsset("S - Mail")
		case "social_engineering":
			external("Financial")
			action["social"] = map[string]any{"variety": []string{"Pretexting"}, "vector": []string{"Unknown"}, "target": []string{"End-user or employee"}}
			addAsset("P - End-user or employee")
		case "misconfiguration":
			internal("NA")
			action["error"] = map[string]any{"variety": []string{"Misconfiguration"}, "vector": []string{"Carelessness"}}
			addAsset("S - Unknown")
		case "misdelivery":
			internal("NA")
			action["error"] = map[string]any{"variety": []string{"Misdelivery"}, "vector": []string{"Carelessness"}}
			addAsset("S - Mail")
		case "publishing_error":
			internal("NA")
			action["error"] = map[string]any{"variety": []string{"Publishing error"}, "vector": []string{"Carelessness"}}
			addAsset("S - Web application")
		case "loss":
			internal("NA")
			action["error"] = map[string]any{"variety": []string{"Loss"}, "vector": []string{"Carelessness"}}
			addAsset("M - Unknown")
		case "improper_disposal":
			internal("NA")
			action["error"] = map[string]any{"variety": []string{"Disposal error"}, "vector": []string{"Carelessness"}}
			addAsset("M - Documents")
		case "theft":
			external("Financial")
			action["physical"] = map[string]any{"variety": []string{"Theft"}, "vector": []string{"Unknown"}}
			addAsset("U - Desktop or laptop")
		case "insider_misuse":
			internal("Unknown")
			action["misuse"] = map[string]any{"variety": []string{"Privilege abuse"}, "vector": []string{"Unknown"}}
			addAsset("S - Database")
		case "defacement":
			external("Unknown")
			action["hacking"] = map[string]any{"variety": []string{"Unknown"}, "vector": []string{"Web application"}}
			addAsset("S - Web application")
			integrity = append(integrity, "Defacement")
		}
	}
	if len(action) == 0 {
		action["unknown"] = map[string]any{}
		actor["unknown"] = map[string]any{}
		addAsset("Unknown")
	}
	// data varieties; the hierarchy implies Personal for payment, bank, medical
	seen := map[string]bool{}
	data := []map[string]any{}
	for _, it := range c.DataItems {
		v := dataVariety[it]
		if v == "" || seen[v] {
			continue
		}
		seen[v] = true
		data = append(data, map[string]any{"variety": v})
	}
	if (seen["Payment"] || seen["Bank"] || seen["Medical"]) && !seen["Personal"] {
		data = append(data, map[string]any{"variety": "Personal"})
	}
	disclosure := "Potentially"
	if c.Affected != nil && c.Affected.Confirmed {
		disclosure = "Yes"
	}
	conf := map[string]any{"data_disclosure": disclosure}
	if len(data) > 0 {
		conf["data"] = data
	}
	if c.Affected != nil && c.Affected.Count != nil {
		conf["data_total"] = *c.Affected.Count
	}
	attribute := map[string]any{"confidentiality": conf}
	if len(integrity) > 0 {
		attribute["integrity"] = map[string]any{"variety": casebook.Uniq(integrity)}
	}
	if len(availability) > 0 {
		attribute["availability"] = map[string]any{"variety": casebook.Uniq(availability)}
	}
	industry := naics[c.Sector]
	if industry == "" {
		industry = "00"
	}
	government := []string{"NA"}
	if c.Sector == "public" {
		government = []string{"Unknown"}
	}
	doc := map[string]any{
		"schema_version":    "1.4.0",
		"schema_name":       "verisc",
		"incident_id":       id,
		"source_id":         "casebook",
		"security_incident": "Confirmed",
		"confidence":        "Medium",
		"summary":           summary(c),
		"reference":         c.ID,
		"actor":             actor,
		"action":            action,
		"asset":             map[string]any{"assets": assets, "cloud": []string{"Unknown"}},
		"attribute":         attribute,
		"discovery_method":  map[string]any{"unknown": true},
		"timeline":          timeline(c),
		"victim": map[string]any{"victim_id": c.Organization, "industry": industry, "country": []string{"JP"},
			"employee_count": "Unknown", "government": government},
		"plus": map[string]any{"master_id": id},
	}
	return doc
}

// timeline.incident is when the incident began: the start of the leak,
// else the day it was discovered, else the case's date.
func timeline(c *casebook.Case) map[string]any {
	date := ""
	if c.Dates != nil {
		for _, p := range []*string{c.Dates.OccurredFrom, c.Dates.Discovered, c.Dates.OccurredTo} {
			if p != nil {
				date = *p
				break
			}
		}
	}
	if date == "" {
		date = c.Date()
	}
	inc := map[string]any{}
	if len(date) >= 4 {
		if y, err := strconv.Atoi(date[:4]); err == nil && y >= 1950 && y <= 2050 {
			inc["year"] = y
			if len(date) >= 7 {
				m, _ := strconv.Atoi(date[5:7])
				inc["month"] = m
			}
			if len(date) >= 10 {
				d, _ := strconv.Atoi(date[8:10])
				inc["day"] = d
			}
		}
	}
	if len(inc) == 0 {
		return map[string]any{"incident": map[string]any{"year": 2000}, "discovery": map[string]any{"unit": "Unknown"}}
	}
	return map[string]any{"incident": inc}
}

func summary(c *casebook.Case) string {
	s := c.Title
	if c.Organization != "" {
		s = c.Organization + ": " + s
	}
	if c.Affected != nil && c.Affected.Count != nil {
		s += fmt.Sprintf(" (%d人)", *c.Affected.Count)
	}
	if s == "" {
		s = "casebook case " + c.ID
	}
	return s
}
