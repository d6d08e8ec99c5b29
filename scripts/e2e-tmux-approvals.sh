#!/usr/bin/env bash
# End-to-end test of four-eyes approval in the real krav binary (tmux), issue 18: on a team
# store Kari asks for an instalment plan over 12 months and a write-off through the CLI; Ola
# opens the approvals screen (v), approves the plan (O, the y/n confirmation naming what
# happens; Enter cancels), then rejects the write-off (X, a required reason with æøå, y/n).
# Usage: scripts/e2e-tmux-approvals.sh [path/to/krav]   (default .build/debug/krav)
set -euo pipefail
source "$(dirname "$0")/e2e-lib.sh" "$@"
export KRAV_TODAY=2026-11-30
# The set-up a day before the plan's request (events fold in time order).
E2E_SETUP_ARGS="--today 2026-11-28"

setup init --creditor "Fjord Rør AS" --orgnr 123456785 --account 8601.11.17947 --sync syncthing
setup customer add --id K1 --name "Bjørn Løvås" --kind consumer --phone "+47 912 34 567" \
  --address "Løkkeveien 3, 9008 Tromsø"
setup claim add --customer K1 --invoice 1001 --amount 24000 --issued 2026-09-01 --due 2026-10-01
setup customer add --id K2 --name "Åse Bø" --kind consumer --phone "+47 913 00 000" \
  --address "Bøveien 3, 3800 Bø"
setup claim add --customer K2 --invoice 2001 --amount 800 --issued 2026-09-01 --due 2026-10-01
KRAV_USER=kari "$KRAV" plan propose K1 --instalments 18 --today 2026-11-29 | grep -qF "godkjenning bedt om" \
  || { echo "FAIL: the long plan was not a request"; exit 1; }
KRAV_USER=kari "$KRAV" claim write-off 2001 --reason "Liten sum" | grep -qF "requested" \
  || { echo "FAIL: the write-off was not a request"; exit 1; }
[ "$("$KRAV" plans --json)" = "[]" ] || { echo "FAIL: a plan exists before approval"; exit 1; }
pass "Kari's plan over 12 months and write-off are requests"

keep_server
tm new-session -d -s krav -x 100 -y 30 "KRAV_USER=ola $KRAV --lang nb; echo EXITED:\$?; sleep 60"
wait_for "Ringeliste"
tm send-keys -t krav v
wait_for "Til godkjenning (2)"
wait_for "plan-over-12-months"
tm send-keys -t krav O
wait_for "Godkjenne avdragsplan over 12 måneder (1001) for Bjørn Løvås"
wait_for "planen (18 avdrag) regnes ut per i dag"
tm send-keys -t krav Enter
wait_for "Avbrutt; ingenting lagret"
[ "$("$KRAV" plans --json)" = "[]" ] || { echo "FAIL: Enter confirmed"; exit 1; }
pass "O asks y/n naming what happens; Enter does not confirm"

tm send-keys -t krav O
wait_for "Godkjenne avdragsplan"
tm send-keys -t krav j
wait_for "Til godkjenning (1)"
"$KRAV" plans --json | python3 -c '
import json,sys; p=json.load(sys.stdin)
assert len(p)==1 and p[0]["customer"]=="K1" and len(p[0]["instalments"])==18, p' \
  || { echo "FAIL: no 18-instalment plan after approval"; exit 1; }
pass "j approves: the plan is made with its 18 instalments"

tm send-keys -t krav X
wait_for "Avvise avskrivning av 2001 for Åse Bø – grunn:"
tm send-keys -t krav Enter
wait_for "Skriv en grunn for avvisningen"
tm send-keys -t krav -l "Ring først, søk avtale"
tm send-keys -t krav Enter
wait_for "Ingenting blir gjort"
tm send-keys -t krav y
wait_for "Til godkjenning (0)"
grep -hF '"approval-rejected"' "$STORE"/journal/*.jsonl | grep -qF "Ring først, søk avtale" \
  || { echo "FAIL: no approval-rejected with the reason in the journal"; exit 1; }
[ "$("$KRAV" approvals --json)" = "[]" ] || { echo "FAIL: requests still pending"; exit 1; }
pass "X asks for a reason (required, æøå), then y/n; the rejection is recorded with it"

tm send-keys -t krav Escape q
wait_for "EXITED:0"
echo "all approvals end-to-end checks passed"
