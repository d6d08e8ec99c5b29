#!/usr/bin/env bash
# End-to-end test of corrections in the case (issue 20) in the real krav binary in tmux, at
# 80×24: reverse a payment registered by mistake (back to the unmatched list, with a reason and
# y), change the customer's address with æøå in the edit form, read the change in full in the
# reader; take the next step from the case (T) and read its letter from the store; then check
# the journal from the CLI.
# Usage: scripts/e2e-case-tmux.sh [path/to/krav]   (default .build/debug/krav)
E2E_SESSION=case
set -euo pipefail
source "$(dirname "$0")/e2e-lib.sh" "$@"
export KRAV_TODAY=2026-11-30 KRAV_USER=kari

E2E_SETUP_ARGS="--now 2026-11-30T00:00"
setup init --creditor "Fjordkraft Bøker AS" --orgnr 923609016 --account 12345678903 \
  --address "Strandgata 5, 5013 Bergen"
setup customer add --id K1 --name "Kari Ødegård" --kind consumer \
  --address "Løvåsveien 12, 0763 Oslo"
setup claim add --customer K1 --invoice 1001 --amount "12 345,50" --issued 2026-10-02 \
  --due 2026-10-16
setup pay --invoice 1001 --amount 400

keep_server
tm new-session -d -s case -x 80 -y 24 "$KRAV --lang nb; echo EXITED:\$?; sleep 60"
to_customers
tm send-keys -t case Enter
wait_for "Sak: Kari Ødegård"
wait_for "Innbetaling – 400,00 kr"
pass "the case opened at 80x24 with the payment in the timeline"

tm send-keys -t case U
wait_for "Rett en feil – Kari Ødegård"
wait_for "Hva: ‹ innbetaling ›"
tm send-keys -t case Tab Right Tab
wait_for "[tilbake til uplasserte]"
tm send-keys -t case -l "Feil faktura – betalt av Åse"
tm send-keys -t case F2
wait_for "Følge: 400,00 kr tas av kravene"
tm send-keys -t case y
wait_for "Rettelsen er lagret"
wait_for "Innbetaling rettet: til uplasserte"
pass "the payment reversed with a reason after y; the timeline shows the correction"

tm send-keys -t case E
wait_for "Endre kundeopplysninger – K1"
tm send-keys -t case Tab Tab
for _ in $(seq 1 30); do tm send-keys -t case BSpace; done
tm send-keys -t case -l "Ærøveien 5, 9011 Tromsø"
wait_for "Adresse: Ærøveien 5, 9011 Tromsø"
tm send-keys -t case F2
wait_for "Kundeopplysningene er lagret"
wait_for "Adresse Ærøveien 5, 9011 Tromsø"
pass "the address changed with æøå in the edit form"

tm send-keys -t case Home Enter
wait_for "Les: "
wait_for "adresse endret fra Løvåsveien 12, 0763 Oslo til"
wait_for "(slutt)"
tm send-keys -t case Escape
wait_for "Sak: Kari Ødegård"
pass "the change read in full in the reader; Esc back to the case"

tm send-keys -t case T
wait_for "Bekreft neste steg – 1 brev"
wait_for "PURRING"
tm send-keys -t case y
wait_for "Brev lagt i utboksen: 2026-11-30-reminder-K1"
wait_for "Brev skrevet – purring"
tm send-keys -t case Home Enter
wait_for "── letters/2026-11-30-reminder-K1.txt ──"
tm send-keys -t case End
wait_for "(slutt)"
wait_for "Med vennlig hilsen"
tm send-keys -t case Escape
wait_for "Sak: Kari Ødegård"
pass "T took the next step from the case; the letter read from the store in the reader"

tm send-keys -t case Escape
wait_for "Kunder med forfalte krav"
tm send-keys -t case Escape
wait_for "Ringeliste"
tm send-keys -t case q
wait_for "EXITED:0"
pass "quit cleanly"

check=$("$KRAV" show K1 --json | python3 -c '
import json,sys
d=json.load(sys.stdin)
rev=[e for e in d["events"] if e["type"]=="payment-reversed"]
upd=[e for e in d["events"] if e["type"]=="customer-updated"]
print(d["customer"]["address"], "|", rev[0]["reason"], rev[0]["text"], rev[0]["by"], "|", upd[0]["old_address"])')
want="Ærøveien 5, 9011 Tromsø | correction Feil faktura – betalt av Åse kari | Løvåsveien 12, 0763 Oslo"
[ "$check" = "$want" ] || { echo "FAIL: krav show says '$check'"; exit 1; }
unmatched=$("$KRAV" payments unmatched --json | python3 -c 'import json,sys; print(" ".join(p["amount"] for p in json.load(sys.stdin)))')
[ "$unmatched" = "400.00" ] || { echo "FAIL: unmatched '$unmatched'"; exit 1; }
"$KRAV" check >/dev/null || { echo "FAIL: krav check"; "$KRAV" check; exit 1; }
pass "journal: the reversal (correction, reason, by kari), the old address kept; 400 unmatched; check passes"
echo "all case end-to-end checks passed"
