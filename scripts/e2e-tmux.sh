#!/usr/bin/env bash
# End-to-end test of the real krav binary in a real terminal (tmux): demo store, æøå drawn and
# typed, search, open a case, a note from the command line appearing live, help, resize, quit
# with the terminal restored, Ctrl-C, SIGTERM, and the refusals for TERM=dumb and non-terminals.
# Usage: scripts/e2e-tmux.sh [path/to/krav]   (default .build/debug/krav)
set -euo pipefail
source "$(dirname "$0")/e2e-lib.sh" "$@"
TODAY=2026-11-30
export KRAV_TODAY=$TODAY

start() {  # start krav in a fresh 100x30 session; the shell prints its exit status after it ends
  tm kill-session -t krav 2>/dev/null || true
  tm new-session -d -s krav -x 100 -y 30 \
    "printf 'BEFORE-KRAV\n'; env ${START_ENV:-} $KRAV --as kari --lang nb $*; echo EXITED:\$?; $TTYCHECK; sleep 60"
}
# After krav exits, the shell reports whether the terminal is back in its normal mode.
TTYCHECK="if stty -a | grep -q -- '-echo '; then echo TTY-RAW; else echo TTY-SANE; fi"

keep_server
"$KRAV" demo --no-tui --seed 7 --customers 150 >/dev/null 2>&1
[ "$(stat -c %a "$STORE")" = 700 ] || { echo "FAIL: store folder is not 0700"; exit 1; }
bad=$(find "$STORE" -type f ! -perm 600 | head -1)
[ -z "$bad" ] || { echo "FAIL: $bad is not 0600"; exit 1; }
pass "demo store created with 0700/0600 permissions"

# A customer whose name has ø in it, to search for and open.
name=$("$KRAV" customers --overdue --json | python3 -c '
import json,sys
rows=json.load(sys.stdin)
print(next(r["name"] for r in rows if "ø" in r["name"].lower()))')
id=$("$KRAV" customers --overdue --json | python3 -c "
import json,sys
print(next(r['id'] for r in json.load(sys.stdin) if r['name']=='''$name'''))")

start
wait_for "Ringeliste"
pass "the call list is the start screen"
tm send-keys -t krav c
wait_for "Kunder med forfalte krav"
# The hints are on the last row: once they are drawn the rows above are too (a capture taken
# earlier could catch the frame half written).
wait_for "Enter åpne"
screen | grep -q '[æøåÆØÅ]' || { echo "FAIL: no æøå drawn"; screen; exit 1; }
pass "customers view drawn with æøå and the key hints"

needle=$(python3 -c "import sys; n=sys.argv[1]; i=n.lower().index('ø'); print(n[max(0,i-2):i+2].lower())" "$name")
tm send-keys -t krav /
tm send-keys -t krav -l "$needle"
wait_for "Søk: $needle"
wait_for "$name"
tm send-keys -t krav Enter
wait_for "/$needle"
pass "incremental search typed with æøå ('$needle')"

# Move to the wanted row if the search matched several customers.
for _ in $(seq 1 30); do
  tm send-keys -t krav Enter
  if wait_for "Hendelser" 3 && screen | head -1 | grep -qF "$name"; then break; fi
  tm send-keys -t krav Escape; tm send-keys -t krav Down
done
screen | head -1 | grep -qF "$name" || { echo "FAIL: did not open $name"; screen; exit 1; }
wait_for "Hendelser (nyeste først)"
wait_for "Hovedstol"
pass "case view opened for $name"

"$KRAV" note add "$id" "Notat fra kommandolinjen – blåbærsyltetøy" --as ola >/dev/null
start_ms=$(date +%s%N)
wait_for "blåbærsyltetøy" 2
echo "   (note from the CLI shown after $(( ($(date +%s%N) - start_ms) / 1000000 )) ms)"
pass "a note added from the command line appears in the open case within 2 s"

tm send-keys -t krav n
wait_for "Notat:"
tm send-keys -t krav -l "Ringte – lovet å betale på fredag, æøå ÆØÅ"
tm send-keys -t krav Enter
wait_for "Notat lagret"
wait_for "lovet å betale på fredag, æøå ÆØÅ"
grep -qF "lovet å betale på fredag, æøå ÆØÅ" "$STORE"/journal/kari@*.jsonl \
  || { echo "FAIL: typed note not in kari's journal"; exit 1; }
pass "a note typed with æøå is saved to the journal and shown"

tm send-keys -t krav Escape
wait_for "Kunder med forfalte krav"
tm send-keys -t krav '?'
wait_for "Hjelp – taster"
wait_for "søk"
tm send-keys -t krav Escape
wait_gone "Hjelp – taster"
pass "help opens from the keymap and closes"

tm resize-window -t krav -x 80 -y 24
wait_for "Kunder med forfalte krav"
wide=$(screen | python3 -c 'import sys; print("".join(l for l in sys.stdin if len(l.rstrip("\n")) > 80))')
[ -z "$wide" ] || { echo "FAIL: line wider than 80 after resize: $wide"; exit 1; }
tm resize-window -t krav -x 120 -y 40
wait_for "Eldste forfall"
pass "reflows on resize (80x24 and 120x40)"

tm send-keys -t krav q
wait_for "EXITED:0"
wait_for "BEFORE-KRAV"
wait_gone "Kunder med forfalte krav"
wait_for "TTY-SANE"
pass "q quits with status 0 and the terminal is restored"

start
wait_for "Ringeliste"
tm send-keys -t krav C-c
wait_for "EXITED:0"
wait_gone "Ringeliste"
wait_for "TTY-SANE"
pass "Ctrl-C quits and restores the terminal"

start
wait_for "Ringeliste"
# Only this session's krav (the pane's shell's child): a bare `pkill -x krav` also killed krav
# commands that other tests were running at the same time.
pkill -TERM -P "$(tm display-message -p -t krav '#{pane_pid}')" -x krav || true
wait_for "EXITED:143"
wait_gone "Ringeliste"
wait_for "TTY-SANE"
pass "SIGTERM restores the terminal and exits 143"

START_ENV="KRAV_TEST_CRASH=1 SWIFT_BACKTRACE=enable=no" start
wait_for "EXITED:" 40
screen | grep -q "EXITED:0" && { echo "FAIL: a crash exited 0"; screen; exit 1; }
wait_gone "Ringeliste"
wait_for "TTY-SANE"
wait_for "deliberate crash" 5
pass "a crash restores the terminal and shows the crash message"

tm kill-session -t krav
tm new-session -d -s krav -x 100 -y 30 "TERM=dumb $KRAV --as kari 2>$work/dumb.txt; cat $work/dumb.txt; sleep 60"
wait_for "TERM"
[ "$(wc -l < "$work/dumb.txt")" -eq 1 ] || { echo "FAIL: TERM=dumb message is not one line:"; cat "$work/dumb.txt"; exit 1; }
out=$("$KRAV" </dev/null 2>&1 | cat || true)
echo "$out" | grep -q "terminal" || { echo "FAIL: no clear message without a terminal: $out"; exit 1; }
pass "refuses TERM=dumb and a non-terminal with one clear line"

start
wait_for "Ringeliste"
tm capture-pane -e -p -t krav | head -1 | grep -q '44m' \
  || { echo "FAIL: the title bar is not blue with colors on"; tm capture-pane -e -p -t krav | head -1 | od -c | head; exit 1; }
tm send-keys -t krav q
wait_for "EXITED:0"
START_ENV="NO_COLOR=1" start
wait_for "Ringeliste"
title=$(tm capture-pane -e -p -t krav | head -1)
if echo "$title" | grep -qE '\[(3|4|9|10)[0-7]m|38;5|48;5'; then
  echo "FAIL: colors drawn although NO_COLOR is set"; echo "$title" | od -c | head; exit 1
fi
echo "$title" | grep -q '7m' || { echo "FAIL: no reverse video for the title under NO_COLOR"; exit 1; }
tm send-keys -t krav q
wait_for "EXITED:0"
pass "colors by default, none under NO_COLOR (title in reverse video instead)"
echo "all end-to-end checks passed"
