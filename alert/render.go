package alert

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/ethereum/go-ethereum/common"
	"github.com/slack-go/slack"

	"github.com/vigil-hub/vigil/internal/utc"
)

// Slack's limits on a message's blocks.
const (
	maxFields      = 10   // fields per section
	maxSectionText = 2900 // characters per section text (Slack allows 3000)
	maxHeaderText  = 150
)

// renderer turns alerts into Slack Block Kit messages: channel, nonces, deadline in UTC
// with the time left, amounts in ether and token units, the transaction and explorer
// links.
type renderer struct {
	explorer string // e.g. https://etherscan.io, no trailing slash; "" for no links
	units    TokenUnits
	now      func() time.Time
}

// esc escapes text for Slack's mrkdwn.
func esc(s string) string {
	return strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;").Replace(s)
}

func short(hex string) string {
	if len(hex) <= 14 {
		return hex
	}
	return hex[:8] + "…" + hex[len(hex)-6:]
}

// addr is an address as a link to the explorer (or in full as code without one).
func (r renderer) addr(a common.Address) string {
	if r.explorer == "" {
		return "`" + a.Hex() + "`"
	}
	return "<" + r.explorer + "/address/" + a.Hex() + "|" + short(a.Hex()) + ">"
}

// tx is a transaction hash as a link to the explorer (or in full as code without one).
func (r renderer) tx(h common.Hash) string {
	if r.explorer == "" {
		return "`" + h.Hex() + "`"
	}
	return "<" + r.explorer + "/tx/" + h.Hex() + "|" + short(h.Hex()) + ">"
}

// when is a deadline in UTC; left says how long until it, or since it passed.
func (r renderer) when(unix uint64) (at, left string) {
	t := time.Unix(int64(unix), 0).UTC()
	d := t.Sub(r.now()).Round(time.Second)
	if d >= 0 {
		left = "in " + d.String()
	} else {
		left = "passed " + (-d).String() + " ago"
	}
	return utc.Format(unix), left
}

func (r renderer) nonces(a Alert) string {
	switch {
	case a.Nonce != nil && a.OnchainNonce != nil:
		return fmt.Sprintf("on-chain %s, held %s", a.OnchainNonce, a.Nonce)
	case a.Nonce != nil:
		return a.Nonce.String()
	case a.OnchainNonce != nil:
		return "on-chain " + a.OnchainNonce.String()
	}
	return ""
}

func headerText(s string) string {
	if r := []rune(s); len(r) > maxHeaderText {
		s = string(r[:maxHeaderText-1]) + "…"
	}
	return s
}

func mrkdwn(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.MarkdownType, s, false, false)
}

func (a Alert) emoji() string {
	if a.Resolves != "" {
		return ":white_check_mark:"
	}
	if k, ok := kinds[a.Kind]; ok {
		return k.emoji
	}
	return map[Severity]string{Info: ":information_source:", Warning: ":warning:", Critical: ":rotating_light:"}[a.Severity]
}

func (a Alert) title() string {
	if a.Resolves != "" {
		return "Resolved: " + Title(a.Kind)
	}
	return Title(a.Kind)
}

// fields are an alert's facts as "*Label*\nvalue" pairs, in reading order.
func (r renderer) fields(a Alert) []string {
	var f []string
	add := func(label, value string) { f = append(f, "*"+label+"*\n"+value) }
	if a.HasChannel() {
		add("Channel", r.addr(a.User))
	}
	if a.Contract != (common.Address{}) {
		add("Contract", r.addr(a.Contract))
	}
	if n := r.nonces(a); n != "" {
		add("Nonces", n)
	}
	if a.Deadline != 0 {
		utc, left := r.when(a.Deadline)
		add("Deadline", utc+"\n"+left)
	}
	if !a.AtStake.Empty() {
		add("At stake", r.units.funds(a.AtStake))
	}
	userLabel, hubLabel := "User balance", "Hub balance"
	if a.Kind == SettleDone {
		userLabel, hubLabel = "Paid to the user", "Returned to the hub"
	}
	if a.UserFunds.Wei != nil || a.UserFunds.Token != nil {
		add(userLabel, r.units.funds(a.UserFunds))
	}
	if a.HubFunds.Wei != nil || a.HubFunds.Token != nil {
		add(hubLabel, r.units.funds(a.HubFunds))
	}
	if a.TxHash != (common.Hash{}) {
		add("Transaction", r.tx(a.TxHash))
	}
	if a.Block != 0 {
		add("Block", fmt.Sprint(a.Block))
	}
	if a.Account != (common.Address{}) {
		add("Account", r.addr(a.Account))
	}
	if a.Balance != nil {
		add("Balance", ether(a.Balance))
	}
	if a.Job != "" {
		add("Job", "`"+esc(a.Job)+"`")
	}
	return f
}

func sections(fields []string) []slack.Block {
	var out []slack.Block
	for len(fields) > 0 {
		n := min(len(fields), maxFields)
		objs := make([]*slack.TextBlockObject, n)
		for i, s := range fields[:n] {
			objs[i] = mrkdwn(s)
		}
		out = append(out, slack.NewSectionBlock(nil, objs, nil))
		fields = fields[n:]
	}
	return out
}

func (r renderer) context(a Alert) slack.Block {
	parts := []string{"`" + a.Kind + "`", a.Severity.String()}
	if a.Resolves != "" {
		parts = append(parts, "resolves `"+esc(a.Resolves)+"`")
	}
	if !a.At.IsZero() {
		parts = append(parts, "raised "+a.At.UTC().Format("2006-01-02 15:04:05 UTC"))
	}
	return slack.NewContextBlock("", mrkdwn(strings.Join(parts, " · ")))
}

// fallback is the plain text Slack shows in notifications and where blocks cannot be.
func (r renderer) fallback(a Alert) string {
	s := a.title()
	if a.HasChannel() {
		s += ": channel " + a.User.Hex()
	}
	if a.Text != "" {
		s += " — " + a.Text
	}
	return s
}

// single renders one alert in full.
func (r renderer) single(a Alert) (string, []slack.Block) {
	blocks := []slack.Block{slack.NewHeaderBlock(slack.NewTextBlockObject(slack.PlainTextType, headerText(a.emoji()+" "+a.title()), true, false))}
	blocks = append(blocks, sections(r.fields(a))...)
	if a.Text != "" {
		blocks = append(blocks, slack.NewSectionBlock(mrkdwn(truncate(esc(a.Text), maxSectionText)), nil, nil))
	}
	blocks = append(blocks, r.context(a))
	return r.fallback(a), blocks
}

// summary renders a group of alerts of one kind: how many, on how many channels, the
// nearest deadline and the total at stake; where says where the detail is.
func (r renderer) summary(alerts []Alert, where string) (string, []slack.Block) {
	a0 := alerts[0]
	channels := map[[2]common.Address]bool{}
	contracts := map[common.Address]bool{}
	var nearest uint64
	var stake Funds
	resolved := 0
	for _, a := range alerts {
		if a.HasChannel() {
			channels[[2]common.Address{a.Contract, a.User}] = true
			contracts[a.Contract] = true
		}
		if a.Deadline != 0 && (nearest == 0 || a.Deadline < nearest) {
			nearest = a.Deadline
		}
		stake = stake.add(a.AtStake)
		if a.Resolves != "" {
			resolved++
		}
	}
	title := fmt.Sprintf("%s %d × %s", a0.emoji(), len(alerts), Title(a0.Kind))
	fields := []string{fmt.Sprintf("*Alerts*\n%d", len(alerts))}
	if len(channels) > 0 {
		fields = append(fields, fmt.Sprintf("*Channels*\n%d on %d %s", len(channels), len(contracts), plural(len(contracts), "contract")))
	}
	if nearest != 0 {
		utc, left := r.when(nearest)
		fields = append(fields, "*Nearest deadline*\n"+utc+"\n"+left)
	}
	if !stake.Empty() {
		fields = append(fields, "*At stake (total)*\n"+r.units.funds(stake))
	}
	if resolved > 0 {
		fields = append(fields, fmt.Sprintf("*Resolving*\n%d earlier %s", resolved, plural(resolved, "alert")))
	}
	if len(contracts) == 1 {
		for c := range contracts {
			fields = append(fields, "*Contract*\n"+r.addr(c))
		}
	}
	blocks := []slack.Block{slack.NewHeaderBlock(slack.NewTextBlockObject(slack.PlainTextType, headerText(title), true, false))}
	blocks = append(blocks, sections(fields)...)
	blocks = append(blocks, slack.NewContextBlock("", mrkdwn(fmt.Sprintf("`%s` · %s · %s", a0.Kind, a0.Severity, where))))
	text := fmt.Sprintf("%d × %s on %d %s", len(alerts), Title(a0.Kind), len(channels), plural(len(channels), "channel"))
	if nearest != 0 {
		utc, left := r.when(nearest)
		text += fmt.Sprintf(", nearest deadline %s (%s)", utc, left)
	}
	return text, blocks
}

// line is one alert of a group in one line.
func (r renderer) line(a Alert, sameContract bool) string {
	var parts []string
	switch {
	case a.HasChannel() && sameContract:
		parts = append(parts, r.addr(a.User))
	case a.HasChannel():
		parts = append(parts, r.addr(a.User)+" on "+r.addr(a.Contract))
	case a.Account != (common.Address{}):
		parts = append(parts, r.addr(a.Account))
	case a.Job != "":
		parts = append(parts, "`"+esc(a.Job)+"`")
	}
	if n := r.nonces(a); n != "" {
		parts = append(parts, "nonces "+n)
	}
	if a.Deadline != 0 {
		utc, left := r.when(a.Deadline)
		parts = append(parts, "deadline "+utc+" ("+left+")")
	}
	if !a.AtStake.Empty() {
		parts = append(parts, "at stake "+r.units.funds(a.AtStake))
	}
	if a.Kind == SettleDone && (a.UserFunds.Wei != nil || a.UserFunds.Token != nil) {
		parts = append(parts, "paid to the user "+r.units.funds(a.UserFunds))
	}
	if a.TxHash != (common.Hash{}) {
		parts = append(parts, "tx "+r.tx(a.TxHash))
	}
	if a.Balance != nil {
		parts = append(parts, "balance "+ether(a.Balance))
	}
	if len(parts) == 0 || (!a.HasChannel() && a.Text != "") {
		parts = append(parts, truncate(esc(a.Text), 300))
	}
	return "• " + strings.Join(parts, " · ")
}

// details renders alerts first+1 … first+len(alerts) of a group of total, one line each.
func (r renderer) details(alerts []Alert, first, total int) (string, []slack.Block) {
	same := true
	for _, a := range alerts {
		same = same && a.Contract == alerts[0].Contract
	}
	head := fmt.Sprintf("%s %s — %d–%d of %d", alerts[0].emoji(), Title(alerts[0].Kind), first+1, first+len(alerts), total)
	if same && alerts[0].HasChannel() {
		head += " on " + r.addr(alerts[0].Contract)
	}
	blocks := []slack.Block{slack.NewContextBlock("", mrkdwn(head))}
	var b strings.Builder
	flush := func() {
		if b.Len() > 0 {
			blocks = append(blocks, slack.NewSectionBlock(mrkdwn(b.String()), nil, nil))
			b.Reset()
		}
	}
	for _, a := range alerts {
		l := truncate(r.line(a, same), maxSectionText)
		if b.Len()+len(l)+1 > maxSectionText {
			flush()
		}
		if b.Len() > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(l)
	}
	flush()
	return fmt.Sprintf("%s: %d–%d of %d", Title(alerts[0].Kind), first+1, first+len(alerts), total), blocks
}

func plural(n int, s string) string {
	if n == 1 {
		return s
	}
	return s + "s"
}

// truncate cuts s to at most n bytes, on a rune boundary, marking the cut.
func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	cut := n - len("…")
	for cut > 0 && !utf8.RuneStart(s[cut]) {
		cut--
	}
	return s[:cut] + "…"
}
