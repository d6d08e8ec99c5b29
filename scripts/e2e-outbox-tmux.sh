#!/usr/bin/env bash
# End-to-end test of the outbox (issue 19) in the real krav binary in tmux: open the outbox from
# the call list, filter it, read a letter (scrolling), send the e-mail through a mail command
# (sendmail interface: here one that appends the message to a file), make a print batch and
# confirm it was printed; then check the journal, the message and the batch from the CLI.
# Usage: scripts/e2e-outbox-tmux.sh [path/to/krav]   (default .build/debug/krav)
E2E_SESSION=outbox
set -euo pipefail
source "$(dirname "$0")/e2e-lib.sh" "$@"
export KRAV_TODAY=2026-11-30 KRAV_USER=kari

E2E_SETUP_ARGS="--now 2026-11-30T00:00"
setup init --creditor "Fjordkraft Bøker AS" --orgnr 923609016 --account 12345678903 \
  --email post@fjordbok.no --address "Strandgata 5, 5013 Bergen"
setup outbox settings --sendmail "cat >> '$work/outgoing.eml'"
setup customer add --id K1 --name "Kari Ødegård" --kind consumer --email kari@example.no \
  --address "Løvåsveien 12, 0763 Oslo" --email-consent 2026-09-01
setup customer add --id K2 --name "Per Ås" --kind consumer --address "Bøveien 3, 3800 Bø"
setup claim add --customer K1 --invoice 1001 --amount "12 345,50" --issued 2026-10-02 \
  --due 2026-10-16
setup claim add --customer K2 --invoice 2001 --amount 800 --issued 2026-10-02 --due 2026-10-16
setup step next --all-eligible

keep_server
tm new-session -d -s outbox -x 110 -y 30 "$KRAV --lang nb; echo EXITED:\$?; sleep 60"
wait_for "Ringeliste"
tm send-keys -t outbox o
wait_for "Utboks (2 venter)"
wait_for "til e-post"
wait_for "til utskrift"
pass "outbox opened from the call list: one letter to e-mail, one to print"

tm send-keys -t outbox F
wait_for "Filter: til e-post"
wait_gone "til utskrift"
tm send-keys -t outbox F
wait_for "Filter: til utskrift"
wait_for "2026-11-30-reminder-K2"
pass "the filter shows one state at a time"

tm send-keys -t outbox Enter
wait_for "Dokument 2026-11-30-reminder-K2"
wait_for "PURRING"
wait_for "Per Ås"
tm send-keys -t outbox NPage
wait_for "Med vennlig hilsen"
tm send-keys -t outbox Escape
wait_for "Filter: til utskrift"
pass "a letter read in the outbox, scrolled, and closed"

# Back to all documents, then send the e-mail.
for _ in 1 2 3 4 5 6; do tm send-keys -t outbox F; done
wait_for "Filter: alle"
tm send-keys -t outbox m
wait_for "1 sendt"
wait_for "K1    sendt"
pass "the e-mail sent through the mail command"

tm send-keys -t outbox P
wait_for "letters/print/print-2026-11-30-1.pdf: 1 brev"
wait_for "er den skrevet ut? (y/Esc)"
tm send-keys -t outbox y
wait_for "1 brev merket skrevet ut (print-2026-11-30-1)"
wait_for "Utboks (0 venter)"
pass "a print batch made and confirmed"

tm send-keys -t outbox Escape
wait_for "Ringeliste"
tm send-keys -t outbox q
wait_for "EXITED:0"
pass "quit cleanly"

states=$("$KRAV" outbox --json | python3 -c '
import json,sys
d=json.load(sys.stdin)["documents"]
print(" ".join(sorted(x["customer"]+":"+x["state"] for x in d)))')
[ "$states" = "K1:sent K2:printed" ] || { echo "FAIL: krav outbox says '$states'"; exit 1; }
grep -q "^Content-Type: application/pdf" "$work/outgoing.eml" || { echo "FAIL: no PDF in the message"; exit 1; }
grep -q "^To: .*<kari@example.no>" "$work/outgoing.eml" || { echo "FAIL: To"; exit 1; }
[ -f "$STORE/letters/print/print-2026-11-30-1.pdf" ] || { echo "FAIL: no batch file"; exit 1; }
[ "$(stat -c %a "$STORE/letters/print/print-2026-11-30-1.pdf")" = 600 ] || { echo "FAIL: batch not 0600"; exit 1; }
grep -q '"type":"document-sent"' "$STORE"/journal/*.jsonl || { echo "FAIL: no document-sent"; exit 1; }
grep -q '"type":"document-printed"' "$STORE"/journal/*.jsonl || { echo "FAIL: no document-printed"; exit 1; }
next=$("$KRAV" queue --json | python3 -c '
import json,sys
print(" ".join(sorted(r["invoice"]+":"+str(r["eligible_from"]) for r in json.load(sys.stdin))))')
[ "$next" = "1001:2026-12-15 2001:2026-12-15" ] || { echo "FAIL: queue says '$next'"; exit 1; }
"$KRAV" check >/dev/null || { echo "FAIL: krav check"; "$KRAV" check; exit 1; }
pass "journal, message, batch file (0600) and deadlines from the day they left; check passes"
echo "all outbox end-to-end checks passed"
