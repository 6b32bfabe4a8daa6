package main

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"
)

// Row is one figure: its value, and the ceiling it is a share of (measured in the same
// run, or a fixed target where a figure has no measurable bound: bytes per channel, RSS).
// Ratio is value/ceiling; Params say how it was measured and what it must reach.
type Row struct {
	Metric  string         `json:"metric"`
	Value   float64        `json:"value"`
	Unit    string         `json:"unit"`
	Ceiling *float64       `json:"ceiling"`
	Ratio   *float64       `json:"ratio"`
	Params  map[string]any `json:"params"`
}

// row builds a Row; ceiling 0 means none.
func row(metric string, value float64, unit string, ceiling float64, params map[string]any) Row {
	r := Row{Metric: metric, Value: value, Unit: unit, Params: params}
	if r.Params == nil {
		r.Params = map[string]any{}
	}
	if ceiling > 0 {
		c, q := ceiling, value/ceiling
		r.Ceiling, r.Ratio = &c, &q
	}
	return r
}

// reporter prints rows as they come: a Markdown table, or JSON lines.
type reporter struct {
	w      io.Writer
	json   bool
	header bool
	rows   []Row
	figure string // the command the rows come from, in each row's params
}

func (p *reporter) add(r Row) error {
	r.Params["figure"] = p.figure
	p.rows = append(p.rows, r)
	if p.json {
		b, err := json.Marshal(r)
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(p.w, "%s\n", b)
		return err
	}
	if !p.header {
		p.header = true
		if _, err := io.WriteString(p.w, tableHeader); err != nil {
			return err
		}
	}
	_, err := io.WriteString(p.w, tableRow(r))
	return err
}

// tableHeader heads the Markdown table of rows.
const tableHeader = "| metric | value | unit | ceiling | ratio | target | params |\n| --- | ---: | --- | ---: | ---: | --- | --- |\n"

// tableRow is one row of the Markdown table.
func tableRow(r Row) string {
	ceiling, ratio := "", ""
	if r.Ceiling != nil {
		ceiling, ratio = num(*r.Ceiling), fmt.Sprintf("%.2f", *r.Ratio)
	}
	target, _ := r.Params["target"].(string)
	return fmt.Sprintf("| %s | %s | %s | %s | %s | %s | %s |\n", r.Metric, num(r.Value), r.Unit, ceiling, ratio, target, params(r.Params))
}

// num prints a figure with three significant digits, thousands separated.
func num(v float64) string {
	switch {
	case v == 0:
		return "0"
	case math.Abs(v) >= 1000:
		s := fmt.Sprintf("%.0f", v)
		var b strings.Builder
		for i, c := range s {
			if i > 0 && (len(s)-i)%3 == 0 && s[i-1] != '-' {
				b.WriteByte(',')
			}
			b.WriteRune(c)
		}
		return b.String()
	case math.Abs(v) >= 100:
		return fmt.Sprintf("%.0f", v)
	case math.Abs(v) >= 10:
		return fmt.Sprintf("%.1f", v)
	default:
		return fmt.Sprintf("%.2f", v)
	}
}

func params(p map[string]any) string {
	var keys []string
	for k := range p {
		if k != "target" && k != "figure" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var parts []string
	for _, k := range keys {
		parts = append(parts, fmt.Sprintf("%s=%v", k, p[k]))
	}
	return strings.Join(parts, ", ")
}
