#!/usr/bin/env bash
# End-to-end test of instalment plans in the real krav binary in tmux: propose a plan from a
# case (typing the search with æøå), confirm it, open the plan view, record the signature, and
# check the journal, the plan document and `krav plans --json` afterwards.
# Usage: scripts/e2e-plan-tmux.sh [path/to/krav]   (default .build/debug/krav)
E2E_SESSION=plan
set -euo pipefail
source "$(dirname "$0")/e2e-lib.sh" "$@"
export KRAV_TODAY=2026-11-30 KRAV_USER=kari

# The set-up is stamped at midnight so the TUI's events (stamped with the clock's time of day)
# always sort after it across the two journals, even within the same second.
E2E_SETUP_ARGS="--now 2026-11-30T00:00"
setup init --creditor "Fjord Rør AS" --orgnr 123456785 --account 8601.11.17947 \
  --email post@fjordror.example
setup customer add --id K1 --name "Bjørn Løvås" --kind consumer --email bjorn@example.no
setup claim add --customer K1 --invoice 1001 --amount "10 000,00" --issued 2026-09-17 \
  --due 2026-10-01 --kid 12344
setup claim add --customer K1 --invoice 1002 --amount 2500.50 --issued 2026-10-01 \
  --due 2026-10-15

keep_server
tm new-session -d -s plan -x 100 -y 30 "$KRAV --lang nb; echo EXITED:\$?; sleep 60"
to_customers
tm send-keys -t plan /
tm send-keys -t plan -l "løvås"
wait_for "Søk: løvås"
tm send-keys -t plan Enter
tm send-keys -t plan Enter
wait_for "Sak: Bjørn Løvås"
pass "case opened after typing a search with æøå"

tm send-keys -t plan p
wait_for "Ny nedbetalingsavtale – Bjørn Løvås"
wait_for "Totalt å betale"
tm send-keys -t plan C-u
tm send-keys -t plan -l "4"
wait_for "4    07.03.2027"
tm send-keys -t plan Enter
wait_for "Foreslå nedbetalingsavtale?"
wait_for "4 avdrag, hver måned"
tm send-keys -t plan y
wait_for "Avtale lagret og dokument skrevet"
wait_for "Avtale K1#1: sendt til signering"
pass "plan proposed from the case with its schedule previewed and confirmed"

tm send-keys -t plan a
wait_for "Nedbetalingsavtale K1#1  (1/1)  –  sendt til signering"
wait_for "07.03.2027"
tm send-keys -t plan r
wait_for "Registrer kundens signatur"
tm send-keys -t plan Tab
tm send-keys -t plan Right
tm send-keys -t plan Right
wait_for "◀ personlig ▶"
tm send-keys -t plan Enter
wait_for "Registrere signatur?"
tm send-keys -t plan y
wait_for "signert, venter første avdrag"
wait_for "Signert – personlig (kari"
pass "signature recorded in the plan view"

tm send-keys -t plan q
tm send-keys -t plan q
tm send-keys -t plan q
wait_for "EXITED:0"
pass "quit cleanly"

state=$("$KRAV" plans --json | python3 -c '
import json,sys
p=json.load(sys.stdin)[0]
print(p["state"], p["sign_channel"], len(p["instalments"]), p["label"])')
[ "$state" = "signed in-person 4 K1#1" ] || { echo "FAIL: krav plans says '$state'"; exit 1; }
pass "krav plans --json shows the signed plan"

grep -q '"type":"plan-proposed"' "$STORE"/journal/*.jsonl || { echo "FAIL: no plan-proposed"; exit 1; }
grep -q '"type":"plan-signed"' "$STORE"/journal/*.jsonl || { echo "FAIL: no plan-signed"; exit 1; }
doc="$STORE/letters/2026/plan-K1-1.txt"
[ -f "$doc" ] && [ -f "${doc%.txt}.eml" ] || { echo "FAIL: plan document missing"; ls -R "$STORE/letters"; exit 1; }
[ "$(stat -c %a "$doc")" = 600 ] || { echo "FAIL: plan document is not 0600"; exit 1; }
grep -q "NEDBETALINGSAVTALE nr. 1 – Bjørn Løvås" "$doc" || { echo "FAIL: document text"; exit 1; }
grep -q "8601.11.17947" "$doc" && grep -q "KID 12344" "$doc" || { echo "FAIL: account/KID"; exit 1; }
grep -q "^Date: Mon, 30 Nov 2026 " "${doc%.txt}.eml" || { echo "FAIL: .eml Date not stamped"; exit 1; }
pass "journal has both events; the document (0600) names account, KID and the date"
echo "all plan end-to-end checks passed"
