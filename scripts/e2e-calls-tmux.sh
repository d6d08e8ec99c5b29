#!/usr/bin/env bash
# End-to-end test of the collector's day in the real krav binary in tmux: the call list as the
# start screen, the call log form with a Norwegian multi-line summary typed in (æøå), a promise,
# Esc asking before the typed form is discarded (answered n: all still there), the follow-up
# e-mail as its own text (never the summary) edited and written to letters/, the summary found
# in the journal, n on to the next customer; then a call after office hours that asks for a reason.
# Usage: scripts/e2e-calls-tmux.sh [path/to/krav]   (default .build/debug/krav)
set -euo pipefail
source "$(dirname "$0")/e2e-lib.sh" "$@"
unset KRAV_TODAY KRAV_NOW

start() {  # start krav at a pinned moment in a fresh 100x30 session
  tm kill-session -t krav 2>/dev/null || true
  tm new-session -d -s krav -x 100 -y 30 \
    "env KRAV_NOW=$1 $KRAV --as kari --lang nb; echo EXITED:\$?; sleep 60"
}

keep_server
KRAV_NOW=2026-11-30T10:15 "$KRAV" demo --no-tui --seed 7 --customers 150 >/dev/null 2>&1
first=$(KRAV_NOW=2026-11-30T10:15 "$KRAV" calls --json | python3 -c '
import json,sys
rows=[r for r in json.load(sys.stdin) if r["callable_now"]]
print(rows[0]["customer"]); print(rows[0]["name"]); print(rows[1]["name"])')
id=$(echo "$first" | sed -n 1p); name=$(echo "$first" | sed -n 2p); next=$(echo "$first" | sed -n 3p)

start 2026-11-30T10:15
wait_for "Ringeliste"
wait_for "Hvorfor:"
wait_for "l logg samtale"
pass "the call list opens first, with the reasons explained"

# The first row is the first callable one on the demo's list; log a call to it.
tm send-keys -t krav l
wait_for "Logg samtale – $name"
tm send-keys -t krav Tab
tm send-keys -t krav -l "Snakket med kunden – økonomien er stram, lønn kommer på fredag."
tm send-keys -t krav Enter
tm send-keys -t krav -l "Lovet å betale; blåbærsyltetøy-fabrikken på Ås har permittert."
tm send-keys -t krav Tab
tm send-keys -t krav -l "1 500,00"
tm send-keys -t krav Tab
tm send-keys -t krav -l "04.12.2026"
wait_for "04.12.2026"
wait_for "permittert."
# Issue 20: Esc on a form with changes asks first; n goes back with everything kept.
tm send-keys -t krav Escape
wait_for "Forkaste endringene?"
wait_for "n/Esc tilbake til skjemaet"
tm send-keys -t krav n
for _ in $(seq 1 250); do screen | grep -qF "Forkaste endringene?" || break; sleep 0.02; done
screen | grep -qF "Forkaste endringene?" && { echo "FAIL: the question stayed"; screen; exit 1; }
wait_for "Logg samtale – $name"
wait_for "permittert."
pass "Esc on the typed form asks before discarding; n goes back with the summary kept"
tm send-keys -t krav F2
wait_for "Oppfølgings-e-post – rediger før lagring"
wait_for "Du betaler 1 500,00 kr innen 04.12.2026"
screen | grep -qF "økonomien er stram" && { echo "FAIL: the summary is in the e-mail"; screen; exit 1; }
tm send-keys -t krav -l "Takk for praten i dag, Åse. "
tm send-keys -t krav F2
wait_for "Oppfølgings-e-post (utkast)"
wait_for "Takk for praten i dag, Åse."
wait_for "n neste kunde"
pass "the call with a promise is saved; its e-mail is its own text, edited, shown for review"

# (grep the files, not a pipe: with pipefail, grep -q closing the pipe early fails the line)
journals=("$STORE"/journal/kari@*.jsonl)
grep -qF 'Snakket med kunden – økonomien er stram, lønn kommer på fredag.\nLovet å betale; blåbærsyltetøy-fabrikken på Ås har permittert.' "${journals[@]}" \
  || { echo "FAIL: the typed summary is not in kari's journal"; tail -n 3 "${journals[@]}"; exit 1; }
grep -q "\"amount\":150000,.*\"customer\":\"$id\",\"date\":\"2026-12-04\".*\"type\":\"promise-made\"" "${journals[@]}" \
  || { echo "FAIL: no promise in the journal"; exit 1; }
eml=$(ls "$STORE"/letters/*-samtale-"$id".eml)
grep -q "Content-Type: text/plain; charset=UTF-8" "$eml" || { echo "FAIL: no MIME header in $eml"; exit 1; }
grep -qF "\"ref\":\"letters/$(basename "$eml")\"" "${journals[@]}" || { echo "FAIL: the call does not name its e-mail"; exit 1; }
python3 - "$eml" <<'PY' || { echo "FAIL: the e-mail repeats the internal summary"; exit 1; }
import email, sys
body = email.message_from_binary_file(open(sys.argv[1], "rb")).get_payload(decode=True).decode()
sys.exit(0 if "Takk for praten i dag, Åse." in body and "økonomien er stram" not in body else 1)
PY
pass "summary with æøå and line break in the journal; the .eml in letters/ named by the call"

tm send-keys -t krav n
# The explanation panel (the line under the rule) names the selected customer.
selected() { screen | grep -A1 -m1 '^──────────' | tail -n 1; }
for _ in $(seq 1 100); do selected | grep -qF -- "$next" && break; sleep 0.05; done
selected | grep -qF -- "$next" || { echo "FAIL: not on the next customer:"; screen; exit 1; }
pass "n goes on to the next customer ($next), named in the footer"
tm send-keys -t krav q
wait_for "EXITED:0"

# After office hours: the form says so and asks for a reason before it saves.
start 2026-11-30T17:30
wait_for "Ringeliste"
wait_for "fra 01.12.2026 08:00"
tm send-keys -t krav l 2
wait_for "Utenfor ringereglene: etter kontortid"
tm send-keys -t krav F2
wait_for "Grunn til å ringe nå: samtalen er utenfor ringereglene"
tm send-keys -t krav -l "Kunden ba om å bli ringt etter arbeidstid"
tm send-keys -t krav C-s
wait_for "Samtale lagret"
grep -qF "Kunden ba om å bli ringt etter arbeidstid" "$STORE"/journal/kari@*.jsonl \
  || { echo "FAIL: the reason is not in the journal"; exit 1; }
pass "a call after office hours needs a reason, which is saved with it"
tm send-keys -t krav q
wait_for "EXITED:0"
echo "all call-list end-to-end checks passed"
