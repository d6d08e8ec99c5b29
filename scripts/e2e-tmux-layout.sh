#!/usr/bin/env bash
# End-to-end test of the list layout, the state colours and the interface language in the real
# krav binary (tmux), issue 20: under NO_COLOR and --lang en at 80×24 the customers list shows
# ids, whole names and whole amounts, states carry markers and no colour reaches the terminal;
# the queue shows amounts; with colours the same states are coloured; the CLI speaks the
# language asked for.
# Usage: scripts/e2e-tmux-layout.sh [path/to/krav]   (default .build/debug/krav)
set -euo pipefail
source "$(dirname "$0")/e2e-lib.sh" "$@"
export KRAV_TODAY=2026-11-30 KRAV_USER=kari

"$KRAV" demo --store "$STORE" --customers 80 --no-tui >/dev/null
keep_server
# colours SESSION: the SGR colour codes (30–37, 90–97 foreground; 40–47 background) in the
# pane's table rows (the title bar and the status line left out).
colours() {
  tm capture-pane -e -p -t "$1" | sed -n '3,22p' | grep -oE $'\e\\[[0-9;]*m' \
    | grep -E '(\[|;)(3[0-7]|9[0-7]|4[0-7])(;|m)' || true
}

tm new-session -d -s krav -x 80 -y 24 "NO_COLOR=1 $KRAV --lang en; echo EXITED:\$?; sleep 60"
wait_for "Call list"
tm send-keys -t krav c
wait_for "Customers with overdue claims"
screen | grep -qE "^Id +Name" || { echo "FAIL: no Id column first"; screen; exit 1; }
screen | grep -qE "^K[0-9]{4} " || { echo "FAIL: no customer id in the rows"; screen; exit 1; }
if screen | grep -qE "NOK [0-9,.]*…"; then echo "FAIL: money cut"; screen; exit 1; fi
first=$(screen | grep -oE "^K[0-9]{4}" | head -1)
name=$("$KRAV" show "$first" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["customer"]["name"])')
screen | grep -F "$first" | grep -qF "$name" || { echo "FAIL: $first's name $name not whole"; screen; exit 1; }
[ -z "$(colours krav)" ] || { echo "FAIL: colour under NO_COLOR: $(colours krav | head -3)"; exit 1; }
pass "NO_COLOR, --lang en, 80×24: ids, whole names ($name) and amounts, no colour codes"

# A disputed customer is marked "? disputed" (the marker stands in for the colour).
"$KRAV" customers --json >/dev/null
tm send-keys -t krav /
tm send-keys -t krav -l "$name"
tm send-keys -t krav Enter Escape
wait_for "Customers with overdue claims"
tm send-keys -t krav s
wait_for "Queue – next steps"
screen | grep -qE "Amount" || { echo "FAIL: the queue has no Amount column"; screen; exit 1; }
screen | grep -qE "NOK [0-9]" || { echo "FAIL: the queue shows no amounts"; screen; exit 1; }
screen | grep -qE "^(  |\* ).*(! |\? |= |~ |\^ )" || { echo "FAIL: no state marker in the queue"; screen; exit 1; }
[ -z "$(colours krav)" ] || { echo "FAIL: colour in the queue under NO_COLOR"; exit 1; }
pass "the queue shows amounts and state markers, still without colour"
tm send-keys -t krav Escape q
wait_for "EXITED:0"

# With colours (and in Norwegian) the queue's states are coloured and carry no markers.
tm new-session -d -s krav2 -x 120 -y 40 "$KRAV --lang nb; echo EXITED:\$?; sleep 60"
E2E_SESSION=krav2
wait_for "Ringeliste"
tm send-keys -t krav2 s
wait_for "Kø – neste steg"
wait_for "Beløp"
[ -n "$(colours krav2)" ] || { echo "FAIL: no state colours with colours on"; screen; exit 1; }
pass "with colours the queue's states are coloured"
tm send-keys -t krav2 Escape q
wait_for "EXITED:0"

# The CLI in the language asked for: a refused plan, in Norwegian and in English.
nb=$("$KRAV" plan propose "$first" --instalments 500 --lang nb 2>&1 || true)
en=$("$KRAV" plan propose "$first" --instalments 500 --lang en 2>&1 || true)
echo "$nb" | grep -qF "forventet 1 til 120" || { echo "FAIL: nb: $nb"; exit 1; }
echo "$en" | grep -qF "expected 1 to 120" || { echo "FAIL: en: $en"; exit 1; }
pass "the CLI's errors follow --lang ($nb)"
echo "all layout end-to-end checks passed"
