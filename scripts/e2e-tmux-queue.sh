#!/usr/bin/env bash
# End-to-end test of the queue in the real krav binary (tmux): open the queue from the customers
# screen, filter to eligible claims, mark one and take its next step through the preview and
# confirmation, then take every remaining eligible step; check letters/ and the journal.
# Usage: scripts/e2e-tmux-queue.sh [path/to/krav]   (default .build/debug/krav)
set -euo pipefail
source "$(dirname "$0")/e2e-lib.sh" "$@"
export KRAV_TODAY=2026-11-30 KRAV_USER=kari

setup init --creditor "Fjord Rør AS" --orgnr 123456785 --account 86011117947 \
  --email post@fjordror.no --address "Kaigata 1, 5003 Bergen"
setup customer add --id K1 --name "Bjørn Løvås" --kind consumer --email bjorn@example.no \
  --address "Løkkeveien 3, 9008 Tromsø"
setup claim add --customer K1 --invoice 1001 --amount 1200 --issued 2026-09-17 \
  --due 2026-10-01 --kid 10017
setup claim add --customer K1 --invoice 1002 --amount 800 --issued 2026-09-21 \
  --due 2026-10-05
setup customer add --id K2 --name "Åse Ærø" --kind consumer --address "Bøgata 2, 3800 Bø"
setup claim add --customer K2 --invoice 2001 --amount 300 --issued 2026-11-01 \
  --due 2026-11-20

# Journals merge by (time to the second, writer, seq): let the clock move past the set-up
# commands so the TUI's events sort after them (same user, same second would tie on seq).
sleep 1.1
keep_server
tm new-session -d -s krav -x 120 -y 40 "$KRAV --lang nb; echo EXITED:\$?; sleep 60"
to_customers
wait_for "s kø"
tm send-keys -t krav s
wait_for "Kø – neste steg"
wait_for "Hindring"
screen | grep -F "2001" | grep -qF "frist løper" || { echo "FAIL: 2001 not shown as deadline running"; screen; exit 1; }
pass "queue opened from the customers screen; 2001 shows its deadline running"

tm send-keys -t krav e
wait_for "klare i dag"
screen | grep -qF "2001" && { echo "FAIL: 2001 shown under 'eligible today'"; screen; exit 1; }
pass "filter 'eligible today' hides the blocked claim"

tm send-keys -t krav Home
tm send-keys -t krav Space
wait_for "1 merket"
tm send-keys -t krav t
wait_for "Bekreft neste steg – 1 brev"
wait_for "Kunde: Bjørn Løvås (K1)"
wait_for "Steg: purring"
wait_for "Frist: 14.12.2026"
wait_for "PURRING"
[ -z "$(ls "$STORE/letters")" ] || { echo "FAIL: a letter was written before confirming"; exit 1; }
pass "t shows the preview and the confirmation (customer, claim, step, fee, deadline) with æøå"

tm send-keys -t krav y
wait_for "Brev lagt i utboksen: 2026-11-30-reminder-K1"
[ -f "$STORE/letters/2026-11-30-reminder-K1.txt" ] || { echo "FAIL: no letter file"; ls -la "$STORE/letters"; exit 1; }
[ "$(stat -c %a "$STORE/letters/2026-11-30-reminder-K1.eml")" = 600 ] || { echo "FAIL: .eml not 0600"; exit 1; }
grep -qF "Bjørn Løvås" "$STORE/letters/2026-11-30-reminder-K1.txt" || { echo "FAIL: name not in letter"; exit 1; }
grep -F '"step-triggered"' "$STORE"/journal/kari@*.jsonl | grep -qF '"ref":"2026-11-30-reminder-K1"' \
  || { echo "FAIL: step-triggered with the letter's ref not in the journal"; exit 1; }
pass "y writes the letter (.txt and .eml, 0600) and the step-triggered event refers to it"

tm send-keys -t krav A
wait_for "Bekreft neste steg – 1 brev"
tm send-keys -t krav y
wait_for "Brev lagt i utboksen: 2026-11-30-reminder-K1-2"
wait_for "Ingen åpne krav her"
steps=$(cat "$STORE"/journal/*.jsonl | grep -cF '"step-triggered"')
[ "$steps" = 2 ] || { echo "FAIL: expected 2 step-triggered events, got $steps"; exit 1; }
pass "A takes every remaining eligible step; the second letter gets its own id"

out=$("$KRAV" queue --json | python3 -c '
import json,sys
print(",".join(r["invoice"]+":"+r["step"] for r in json.load(sys.stdin)))')
case "$out" in *"1001:reminder"*"1002:reminder"*|*"1002:reminder"*"1001:reminder"*) ;;
  *) echo "FAIL: queue after the steps: $out"; exit 1;; esac
pass "krav queue shows both claims at the reminder"

tm send-keys -t krav Escape
wait_for "Kunder med forfalte krav"
tm send-keys -t krav q
wait_for "EXITED:0"
echo "all queue end-to-end checks passed"
