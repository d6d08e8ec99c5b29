#!/usr/bin/env bash
# End-to-end test of the one search (/) in a real terminal (tmux, issue 20): on
# the customers and the queue screens (the call list: KravAppTests/SearchAppTests), typed with æøå and without (o finds ø, a finds å, ae
# finds æ), by customer id in lower case, by KID, phone and organisation number; and the CLI's
# `--search` giving the same customers.
# Usage: scripts/e2e-tmux-search.sh [path/to/krav]   (default .build/debug/krav)
set -euo pipefail
source "$(dirname "$0")/e2e-lib.sh" "$@"
export KRAV_TODAY=2026-11-30

setup init --creditor "Fjord Rør AS" --orgnr 923609016 --account 86011117947
cat >"$work/c.csv" <<'CSV'
customer_id;name;kind;orgnr;phone
K1;Bjørn Løvås;person;;+47 912 34 567
K2;Ærlig Økonomi AS;business;123456785;
K3;Åse Kjærstad;person;;
CSV
cat >"$work/i.csv" <<'CSV'
invoice_no;customer_id;issue_date;due_date;amount;kid
1001;K1;01.09.2026;15.09.2026;10 000,00;55501002004
2001;K2;01.10.2026;15.10.2026;2 500,50;55502003001
3001;K3;01.10.2026;15.10.2026;900,00;
CSV
setup import invoices "$work/i.csv" --customers "$work/c.csv"

# The CLI first: the same search, the same customers.
ids() { "$KRAV" customers --search "$1" --json | python3 -c 'import json,sys; print(" ".join(r["id"] for r in json.load(sys.stdin)))'; }
[ "$(ids lovas)" = "K1" ] || { echo "FAIL: customers --search lovas gave '$(ids lovas)'"; exit 1; }
[ "$(ids 'LØVÅS')" = "K1" ] || { echo "FAIL: --search LØVÅS"; exit 1; }
[ "$(ids aerlig)" = "K2" ] || { echo "FAIL: --search aerlig gave '$(ids aerlig)'"; exit 1; }
[ "$(ids k3)" = "K3" ] || { echo "FAIL: --search k3"; exit 1; }
[ "$(ids 55502003001)" = "K2" ] || { echo "FAIL: --search by KID"; exit 1; }
[ "$(ids 91234567)" = "K1" ] || { echo "FAIL: --search by phone"; exit 1; }
[ "$(ids 123456785)" = "K2" ] || { echo "FAIL: --search by orgnr"; exit 1; }
"$KRAV" queue --search okonomi --json | python3 -c '
import json,sys
rows=json.load(sys.stdin); assert [r["invoice"] for r in rows]==["2001"], rows' \
  || { echo "FAIL: queue --search okonomi"; exit 1; }
pass "krav customers/queue --search: folded names, lower-case id, KID, phone, orgnr"

tm new-session -d -s krav -x 120 -y 40 "$KRAV --as ola --lang nb; echo EXITED:\$?; sleep 60"
# The call list has the same search (KravAppTests/SearchAppTests); these customers have no
# reason to be called yet, so the customers screen is where they are searched here.
to_customers
wait_for "Bjørn Løvås"
wait_for "Åse Kjærstad"
# Without æøå.
tm send-keys -t krav /
wait_for "Søk:"
tm send-keys -t krav -l "lovas"
wait_for "Søk: lovas"
wait_gone "Åse Kjærstad"
wait_gone "Ærlig Økonomi AS"
wait_for "Bjørn Løvås"
pass "customers: 'lovas' finds Bjørn Løvås only"
# Esc clears; then with æøå typed.
tm send-keys -t krav Escape
wait_for "Åse Kjærstad"
tm send-keys -t krav /
wait_for "Søk:"
tm send-keys -t krav -l "ØKONOMI"
wait_for "Søk: ØKONOMI"
wait_gone "Bjørn Løvås"
wait_for "Ærlig Økonomi AS"
tm send-keys -t krav Enter
wait_for "/ØKONOMI"
pass "customers: 'ØKONOMI' typed with Ø finds Ærlig Økonomi AS; Enter keeps it"
tm send-keys -t krav Enter
wait_for "Sak: Ærlig Økonomi AS"
tm send-keys -t krav Escape
wait_for "Kunder med forfalte krav"
# A lower-case id, then a KID.
tm send-keys -t krav /
for _ in 1 2 3 4 5 6 7; do tm send-keys -t krav BSpace; done
tm send-keys -t krav -l "k3"
wait_for "Søk: k3"
wait_gone "Bjørn Løvås"
wait_for "Åse Kjærstad"
for _ in 1 2; do tm send-keys -t krav BSpace; done
tm send-keys -t krav -l "55501002004"
wait_for "Søk: 55501002004"
wait_gone "Åse Kjærstad"
wait_for "Bjørn Løvås"
pass "customers: 'k3' finds K3, a KID finds its customer"
tm send-keys -t krav Escape
wait_for "Ærlig Økonomi AS"
tm send-keys -t krav Escape
wait_for "Ringeliste"

# The queue: 'ase' finds Åse's claim only.
tm send-keys -t krav s
wait_for "3001"
wait_for "1001"
tm send-keys -t krav /
tm send-keys -t krav -l "ase"
wait_for "Søk: ase"
wait_gone "1001"
wait_for "3001"
pass "queue: 'ase' shows Åse Kjærstad's claim only"
tm send-keys -t krav Escape
wait_for "1001"
tm send-keys -t krav Escape
wait_for "Ringeliste"
tm send-keys -t krav q
wait_for "EXITED:0"
pass "quit"
echo "all search end-to-end checks passed"
