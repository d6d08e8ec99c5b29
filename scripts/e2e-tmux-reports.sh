#!/usr/bin/env bash
# End-to-end test of the reports screen in the real krav binary (tmux): open it with R from the
# call list on a demo store, see the ageing chart, switch reports and periods, drill down from a
# bar to the claims behind it and open a customer's case; then the same under NO_COLOR.
# Usage: scripts/e2e-tmux-reports.sh [path/to/krav]   (default .build/debug/krav)
set -euo pipefail
source "$(dirname "$0")/e2e-lib.sh" "$@"
export KRAV_TODAY=2026-11-30 KRAV_USER=kari

"$KRAV" demo --store "$STORE" --customers 80 --no-tui >/dev/null
keep_server
tm new-session -d -s krav -x 120 -y 50 "$KRAV --lang nb; echo EXITED:\$?; sleep 60"
wait_for "Ringeliste"
tm send-keys -t krav R
wait_for "Rapporter: Aldersfordeling"
wait_for "ikke forfalt"
screen | grep -F "1–30 dager" | grep -qF "█" || { echo "FAIL: no bar for 1–30 days"; screen; exit 1; }
total=$("$KRAV" report ageing --json | python3 -c '
import json,sys; t=json.load(sys.stdin)["total"]; w,f=t.split(".")
print("{:,}".format(int(w)).replace(","," ")+","+f+" kr")')
screen | grep -F "Sum" | grep -qF "$total" || { echo "FAIL: ageing total $total not on screen"; screen; exit 1; }
pass "r opens the ageing report: bars in block characters, the table's total = krav report's ($total)"

tm send-keys -t krav Tab
wait_for "Rapporter: Innbetalt"
wait_for "per måned"
wait_for "Hovedstol"
tm send-keys -t krav w
wait_for "per uke"
wait_for "uke 48 2026"
tm send-keys -t krav Left
wait_for "– 29.11.2026, per uke"
pass "Tab switches to collected; w groups by week; ← moves one week back"

tm send-keys -t krav Tab Tab
wait_for "Rapporter: Trappen"
wait_for "Innsigelser åpnet"
tm send-keys -t krav BTab BTab BTab
wait_for "Rapporter: Aldersfordeling"
pass "Tab and Shift-Tab move between the reports"

tm send-keys -t krav Down Enter
wait_for "Bak stolpen: 1–30 dager"
first=$("$KRAV" report ageing --json >/dev/null; screen | grep -oE "^K[0-9]{4}" | head -1)
[ -n "$first" ] || { echo "FAIL: no customer listed under the bar"; screen; exit 1; }
name=$("$KRAV" show "$first" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["customer"]["name"])')
tm send-keys -t krav Enter
wait_for "Sak: $name"
tm send-keys -t krav Escape
wait_for "Bak stolpen"
tm send-keys -t krav Escape Escape
wait_for "Ringeliste"
pass "Enter on a bar lists its claims; Enter opens the case; Esc goes back step by step"

tm send-keys -t krav q
wait_for "EXITED:0"

# Under NO_COLOR the bars are still drawn (characters, not colours).
tm new-session -d -s krav2 -x 120 -y 50 "NO_COLOR=1 $KRAV --lang en; echo EXITED:\$?; sleep 60"
E2E_SESSION=krav2
wait_for "Call list"
tm send-keys -t krav2 R
wait_for "Reports: Ageing"
screen | grep -F "1–30 days" | grep -qF "█" || { echo "FAIL: no bar under NO_COLOR"; screen; exit 1; }
tm send-keys -t krav2 q q
wait_for "EXITED:0"
pass "under NO_COLOR the chart is drawn with block characters"
echo "all reports end-to-end checks passed"
