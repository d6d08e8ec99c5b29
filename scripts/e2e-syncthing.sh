#!/usr/bin/env bash
# End-to-end test of a team on two machines through a real Syncthing (issue 18): two Syncthing
# instances bound to 127.0.0.1 only (no discovery, relays, NAT or usage reporting), each
# syncing its own copy of one store; a collector on each side writes through the CLI while a
# TUI runs in tmux on each side. Checks: both copies converge to byte-identical journals, each
# TUI shows the other side's customer live, a step taken on both sides at once shows as a
# conflict on both sides, and `krav check` is clean on both.
# Usage: scripts/e2e-syncthing.sh [path/to/krav]   (default .build/debug/krav)
set -euo pipefail
KRAV=$(realpath "${1:-.build/debug/krav}")
command -v syncthing >/dev/null || { echo "SKIP: syncthing is not installed"; exit 0; }
command -v tmux >/dev/null || { echo "SKIP: tmux is not installed"; exit 0; }
command -v curl >/dev/null || { echo "SKIP: curl is not installed"; exit 0; }
[ -x "$KRAV" ] || { echo "FAIL: no krav binary at $KRAV (run swift build)"; exit 1; }
PY=/usr/bin/python3; [ -x "$PY" ] || PY=python3
START=$SECONDS
LIMIT=${E2E_LIMIT:-90}

work=$(mktemp -d)
sock="$work/tmux.sock"
tm() { tmux -S "$sock" -f /dev/null "$@"; }
pids=()
cleanup() {
  tm kill-server 2>/dev/null || true
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  if [ -n "${KEEP:-}" ]; then echo "kept $work"; else rm -rf "$work"; fi
}
trap cleanup EXIT
export LANG=C.UTF-8 TERM=xterm-256color KRAV_TODAY=2025-07-01
unset NO_COLOR LC_ALL KRAV_STORE KRAV_NOW KRAV_USER KRAV_MACHINE
A="$work/a/store"; B="$work/b/store"
pass() { echo "ok - $1 ($((SECONDS - START)) s)"; }
fail() { echo "FAIL: $1"; for s in a b; do echo "--- syncthing $s log (tail)"; tail -n 15 "$work/$s/home/log.txt" 2>/dev/null || true; done; exit 1; }
budget() { [ $((SECONDS - START)) -le "$LIMIT" ] || fail "over the time limit of $LIMIT s"; }
# krav on side a (kari on machine pcA) or side b (ola on machine pcB)
ka() { KRAV_MACHINE=pcA KRAV_STORE="$A" KRAV_USER=kari "$KRAV" "$@"; }
kb() { KRAV_MACHINE=pcB KRAV_STORE="$B" KRAV_USER=ola "$KRAV" "$@"; }

free_port() { "$PY" -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
GUI_A=$(free_port); GUI_B=$(free_port); LISTEN_A=$(free_port); LISTEN_B=$(free_port)
KEY_A="krav-test-a-$RANDOM$RANDOM"; KEY_B="krav-test-b-$RANDOM$RANDOM"

# --- the stores: created on a with the ignore file; b starts as an empty Syncthing folder.
mkdir -p "$work/a" "$work/b"
ka init --sync syncthing --creditor "Fjord Rør AS" --orgnr 123456785 --account 8601.11.17947 \
  --address "Kaigata 1, 5003 Bergen" >/dev/null
[ -f "$A/.stignore" ] && grep -qx '/cache' "$A/.stignore" || fail "krav init --sync syncthing wrote no .stignore"
mkdir -m 700 "$B"
cp "$A/.stignore" "$B/.stignore"   # .stignore is per device: Syncthing never syncs it
mkdir "$A/.stfolder" "$B/.stfolder"
ka customer add --id K1 --name "Bjørn Løvås" --kind consumer --address "Løkkeveien 3, 9008 Tromsø" >/dev/null
ka claim add --customer K1 --invoice 1001 --amount "10 000,00" --issued 2025-05-19 --due 2025-06-02 >/dev/null

# --- two Syncthing instances on loopback only
for s in a b; do
  syncthing generate --home="$work/$s/home" --no-default-folder >/dev/null 2>&1
done
ID_A=$(sed -n 's/.*<device id="\([^"]*\)".*/\1/p' "$work/a/home/config.xml" | head -n 1)
ID_B=$(sed -n 's/.*<device id="\([^"]*\)".*/\1/p' "$work/b/home/config.xml" | head -n 1)
configure() {  # home gui listen key folder-path self-id peer-id peer-port
  "$PY" - "$@" <<'PYEOF'
import sys, xml.etree.ElementTree as ET
home, gui, listen, key, path, me, peer, peer_port = sys.argv[1:]
f = home + "/config.xml"
t = ET.parse(f); r = t.getroot()
o = r.find("options")
def opt(name, value):
    e = o.find(name)
    if e is None: e = ET.SubElement(o, name)
    e.text = value
opt("listenAddress", "tcp://127.0.0.1:" + listen)
for k in ["globalAnnounceEnabled", "localAnnounceEnabled", "relaysEnabled", "natEnabled",
          "crashReportingEnabled", "startBrowser"]:
    opt(k, "false")
opt("urAccepted", "-1"); opt("autoUpgradeIntervalH", "0"); opt("reconnectionIntervalS", "2")
g = r.find("gui"); g.find("address").text = "127.0.0.1:" + gui; g.find("apikey").text = key
d = ET.SubElement(r, "device", id=peer, name="peer", compression="metadata", introducer="false")
ET.SubElement(d, "address").text = "tcp://127.0.0.1:" + peer_port
fo = ET.SubElement(r, "folder", id="krav", label="krav", path=path, type="sendreceive",
                   rescanIntervalS="5", fsWatcherEnabled="true", fsWatcherDelayS="1")
ET.SubElement(fo, "device", id=me); ET.SubElement(fo, "device", id=peer)
t.write(f)
PYEOF
}
configure "$work/a/home" "$GUI_A" "$LISTEN_A" "$KEY_A" "$A" "$ID_A" "$ID_B" "$LISTEN_B"
configure "$work/b/home" "$GUI_B" "$LISTEN_B" "$KEY_B" "$B" "$ID_B" "$ID_A" "$LISTEN_A"
for s in a b; do
  STNODEFAULTFOLDER=1 syncthing serve --home="$work/$s/home" --no-browser --no-restart \
    --no-upgrade --logfile="$work/$s/home/log.txt" >/dev/null 2>&1 &
  pids+=($!)
done
api() {  # side path [method]
  local port key
  if [ "$1" = a ]; then port=$GUI_A key=$KEY_A; else port=$GUI_B key=$KEY_B; fi
  curl -s -m 2 -X "${3:-GET}" -H "X-API-Key: $key" "http://127.0.0.1:$port$2"
}
# Wait for both REST APIs and the connection between them.
deadline=$((SECONDS + 30))
until api a /rest/system/connections 2>/dev/null | "$PY" -c "import json,sys; c=json.load(sys.stdin)['connections']; sys.exit(0 if c.get('$ID_B',{}).get('connected') else 1)" 2>/dev/null; do
  [ $SECONDS -lt $deadline ] || fail "the two Syncthing instances did not connect"
  sleep 0.2
done
api a /rest/system/status | grep -q '"myID"' || fail "no REST status from a"
pass "two Syncthing instances on 127.0.0.1 connected (REST API with key)"

# synced: both sides report the folder complete for the peer and the journals are identical.
synced() {
  local deadline=$((SECONDS + ${1:-20}))
  while [ $SECONDS -lt $deadline ]; do
    if [ "$(api a "/rest/db/completion?folder=krav&device=$ID_B" | "$PY" -c 'import json,sys; d=json.load(sys.stdin); print(int(d["completion"]==100 and d["needItems"]==0))' 2>/dev/null)" = 1 ] \
      && [ "$(api b "/rest/db/completion?folder=krav&device=$ID_A" | "$PY" -c 'import json,sys; d=json.load(sys.stdin); print(int(d["completion"]==100 and d["needItems"]==0))' 2>/dev/null)" = 1 ] \
      && diff -r "$A/journal" "$B/journal" >/dev/null 2>&1 \
      && diff -r "$A/letters" "$B/letters" >/dev/null 2>&1; then
      return 0
    fi
    sleep 0.2
  done
  diff -r "$A/journal" "$B/journal" || true
  fail "the two copies did not converge"
}
synced 30
[ -f "$B/krav-store.json" ] || fail "b did not receive krav-store.json"
[ ! -e "$B/cache" ] || [ -z "$(ls -A "$B/cache")" ] || fail "cache/ was synced despite .stignore"
pass "b received the store from a"

# --- a TUI on each side, on the customers screen
screen() { tm capture-pane -p -t "$1" 2>/dev/null; }
wait_for() {  # session text seconds
  local deadline=$((SECONDS + ${3:-10}))
  while [ $SECONDS -lt $deadline ]; do
    screen "$1" | grep -qF -- "$2" && return 0
    sleep 0.05
  done
  echo "screen $1:"; screen "$1"; fail "'$2' did not appear on $1's screen"
}
tm new-session -d -s keep -x 80 -y 24 "sleep 600"
tm new-session -d -s a -x 110 -y 30 "env KRAV_MACHINE=pcA $KRAV --store $A --as kari --lang nb; echo EXITED:\$?; sleep 60"
tm new-session -d -s b -x 110 -y 30 "env KRAV_MACHINE=pcB $KRAV --store $B --as ola --lang nb; echo EXITED:\$?; sleep 60"
for s in a b; do wait_for $s "Ringeliste"; tm send-keys -t $s c; wait_for $s "Kunder med forfalte krav"; done
wait_for b "Bjørn Løvås"
pass "a TUI on each side, b's shows a's customer"

# --- each side adds a customer: the other side's open screen shows it live
t0=$SECONDS
kb customer add --id K2 --name "Åse Kjærstad" --kind consumer --address "Storgata 9, 0155 Oslo" >/dev/null
kb claim add --customer K2 --invoice 2001 --amount "2 500,00" --issued 2025-05-19 --due 2025-06-02 >/dev/null
ka customer add --id K3 --name "Ærlig Økonomi AS" --kind business --orgnr 923609016 --address "Kaia 2, 9008 Tromsø" >/dev/null
ka claim add --customer K3 --invoice 3001 --amount "800" --issued 2025-05-19 --due 2025-06-02 >/dev/null
wait_for a "Åse Kjærstad" 15
wait_for b "Ærlig Økonomi AS" 15
pass "each TUI shows the other side's new customer live ($((SECONDS - t0)) s after the write)"
budget

# --- two collectors write 20 notes each through the CLI, at the same time
( for i in $(seq 1 20); do ka note add K1 "Kari ringte – forsøk $i, blåbær" >/dev/null; done ) &
wa=$!
( for i in $(seq 1 20); do kb note add K1 "Ola sendte e-post $i, øl og ål" >/dev/null; done ) &
wb=$!
wait $wa; wait $wb
synced 30
for s in A B; do
  d=$([ $s = A ] && echo "$A" || echo "$B")
  n=$(cat "$d"/journal/*.jsonl | grep -c '"type":"note-added"' || true)
  [ "$n" = 40 ] || fail "side $s holds $n notes, not 40"
done
pass "40 notes from both sides: journals byte-identical on both machines"
budget

# --- journals a TUI already reads are replaced by Syncthing (a new file renamed over the old
# one): the new lines still reach the open screens
t0=$SECONDS
kb customer add --id K4 --name "Kåre Ødegård" --kind consumer --address "Bryggen 1, 5003 Bergen" >/dev/null
kb claim add --customer K4 --invoice 4001 --amount "900" --issued 2025-05-19 --due 2025-06-02 >/dev/null
ka customer add --id K5 --name "Pål Sørensen" --kind consumer --address "Torget 2, 7010 Trondheim" >/dev/null
ka claim add --customer K5 --invoice 5001 --amount "700" --issued 2025-05-19 --due 2025-06-02 >/dev/null
wait_for a "Kåre Ødegård" 15
wait_for b "Pål Sørensen" 15
pass "lines added to journals already open show live on the other side ($((SECONDS - t0)) s)"

# --- a step taken on both sides at once: a conflict on both sides
api a "/rest/system/pause?device=$ID_B" POST >/dev/null
sleep 0.5
ka step next K1 >/dev/null &
sa=$!
kb step next K1 >/dev/null &
sb=$!
wait $sa || fail "step next on a failed"
wait $sb || fail "step next on b failed"
api a "/rest/system/resume?device=$ID_B" POST >/dev/null
synced 40
for s in a b; do
  out=$(if [ $s = a ]; then ka show K1 --json; else kb show K1 --json; fi)
  echo "$out" | "$PY" -c '
import json,sys
d=json.load(sys.stdin)
c=[x for cl in d["claims"] for x in cl.get("conflicts",[])]
sys.exit(0 if c else 1)' || { echo "$out" | head -c 1500; fail "no conflict on K1 on side $s"; }
done
letters=$(ls "$A/letters" | grep -c 'K1' || true)
[ "$letters" -ge 2 ] || fail "expected the two sides' letters under two names, found $letters"
ls "$A/letters" | grep -q 'kari@pcA' && ls "$A/letters" | grep -q 'ola@pcB' \
  || fail "letter names do not carry their writers: $(ls "$A/letters")"
pass "the step taken on both sides at once is a conflict on both; the letters have two names"
wait_for a "Åse Kjærstad" 2

# --- krav check is clean on both sides (the TUIs still open)
ka check >/dev/null || { ka check; fail "krav check on a"; }
kb check >/dev/null || { kb check; fail "krav check on b"; }
ls "$A"/journal | grep -q sync-conflict && fail "a Syncthing conflict copy appeared"
pass "krav check is clean on both sides"
for s in a b; do tm send-keys -t $s q; done
budget
echo "all Syncthing end-to-end checks passed in $((SECONDS - START)) s"
