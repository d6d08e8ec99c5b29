#!/usr/bin/env bash
# End-to-end test of the payment screens in a real terminal (tmux): a camt.054 file imported
# from the command line, the unmatched payments screen (u), assigning one by typing an invoice
# number, and registering a payment with the form on the case screen (b), æøå on screen.
# Usage: scripts/e2e-tmux-payments.sh [path/to/krav]   (default .build/debug/krav)
set -euo pipefail
source "$(dirname "$0")/e2e-lib.sh" "$@"
export KRAV_TODAY=2026-11-30

setup init --creditor "Fjord Rør AS" --orgnr 123456785 --account 86011117947
cat >"$work/c.csv" <<'CSV'
customer_id;name;kind
K1;Bjørn Løvås;person
CSV
cat >"$work/i.csv" <<'CSV'
invoice_no;customer_id;issue_date;due_date;amount
1001;K1;01.09.2026;15.09.2026;10 000,00
1002;K1;01.10.2026;15.10.2026;2 500,50
CSV
setup import invoices "$work/i.csv" --customers "$work/c.csv"
cat >"$work/bank.xml" <<'XML'
<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.054.001.02"><BkToCstmrDbtCdtNtfctn><Ntfctn>
<Acct><Id><Othr><Id>86011117947</Id></Othr></Id><Ccy>NOK</Ccy></Acct>
<Ntry><Amt Ccy="NOK">1500.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><BookgDt><Dt>2026-11-27</Dt></BookgDt>
<AcctSvcrRef>TMUX-1</AcctSvcrRef><NtryDtls><TxDtls><RltdPties><Dbtr><Nm>Søren Ærlighet</Nm></Dbtr></RltdPties>
<RmtInf><Ustrd>Betaling for rør</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
</Ntfctn></BkToCstmrDbtCdtNtfctn></Document>
XML
"$KRAV" import payments "$work/bank.xml" | grep -q "1 uplassert" || { echo "FAIL: camt import"; exit 1; }
pass "camt.054 imported from the command line; one payment unmatched"

# The whole store is written within a second or two; journals merge by (time, writer), so the
# collector in the terminal is "ola", whose events sort after the command line's ("krav") in a
# tie, as they would by time in real use.
keep_server
tm new-session -d -s krav -x 100 -y 30 "$KRAV --as ola --lang nb; echo EXITED:\$?; sleep 60"
to_customers
tm send-keys -t krav u
wait_for "Uplasserte innbetalinger (1)"
wait_for "Søren Ærlighet"
wait_for "Betaling for rør"
pass "u opens the unmatched payments with æøå"

tm send-keys -t krav Enter
wait_for "Faktura eller kunde-id:"
tm send-keys -t krav -l "1002"
tm send-keys -t krav Enter
wait_for "Innbetaling plassert"
wait_for "Ingen uplasserte innbetalinger"
"$KRAV" payments unmatched --json > "$work/u.json"; python3 -c "import json,sys; assert json.load(open(sys.argv[1]))==[], open(sys.argv[1]).read()" "$work/u.json" \
  || { echo "FAIL: still unmatched after assigning"; exit 1; }
grep -qF '"type":"payment-assigned"' "$STORE"/journal/ola@*.jsonl || { echo "FAIL: no payment-assigned in ola's journal"; exit 1; }
pass "the payment is assigned to invoice 1002 and saved"

tm send-keys -t krav Escape
wait_for "Kunder med forfalte krav"
tm send-keys -t krav Down Enter
wait_for "Hendelser (nyeste først)"
tm send-keys -t krav b
wait_for "Beløp:"
tm send-keys -t krav -l "2 000,00"
tm send-keys -t krav Enter
wait_for "Betalt dato: 30.11.2026"
tm send-keys -t krav Enter
wait_for "Faktura (tom = eldste krav først):"
tm send-keys -t krav Enter
wait_for "Innbetaling registrert"
paid=$("$KRAV" show K1 --json | python3 -c '
import json,sys
c={x["invoice"]:x for x in json.load(sys.stdin)["claims"]}
print(c["1001"]["paid"], c["1002"]["paid"])')
[ "$paid" = "2000.00 1500.00" ] || { echo "FAIL: paid is '$paid'"; exit 1; }
pass "the payment form on the case screen registers 2 000,00 on the oldest claim"

# Issue 15: a write-off from the case (w), its reason typed with æøå, confirmed with j.
tm send-keys -t krav w
wait_for "Skriv av faktura: 1001"
tm send-keys -t krav Enter
wait_for "Grunn (lagres i loggen):"
tm send-keys -t krav -l "Tapt – skyldner flyttet til Ålesund, ærlig talt"
tm send-keys -t krav Enter
wait_for "Skrive av 1001 for Bjørn Løvås?"
tm send-keys -t krav j
wait_for "Kravet er skrevet av"
wait_for "Avskrevet – faktura 1001 – Tapt – skyldner flyttet til Ålesund, ærlig talt"
status=$("$KRAV" show K1 --json | python3 -c '
import json,sys
c={x["invoice"]:x for x in json.load(sys.stdin)["claims"]}
print(c["1001"]["status"])')
[ "$status" = "written-off" ] || { echo "FAIL: 1001 is '$status'"; exit 1; }
pass "w writes a claim off with a reason typed in æøå, shown in the timeline"

tm send-keys -t krav q
tm send-keys -t krav q
wait_for "EXITED:0"
pass "quit"
echo "all payment end-to-end checks passed"
