#!/usr/bin/env bash
# make demo: the whole system on this machine, against the simulated sign.
#
# A temporary hall is set up: configuration, spool with the sample playlists and their approval
# sheets, the demo people's keys and roster (playlists/demo-keys) as the only trusted ones, and
# lobby-sim on a pseudo-terminal in place of the sign.
# lobbyd starts with its wall clock at a workday's 08:19:50 (--clock-start, demo only), so ten
# seconds later the opening window begins and the panel lights up with the playlists.
#
# CONTROLLER=onbon-bx runs the same demo against a simulated Onbon BX-6E1 card instead of an
# Alpha sign; LINK=tcp (Onbon only) reaches it over TCP on loopback, as an Ethernet card.
set -euo pipefail
bin=${1:-.build/debug}
seconds=${DEMO_SECONDS:-60}
controller=${CONTROLLER:-alpha}
link=${LINK:-serial}
case "$controller/$link" in
    alpha/serial | onbon-bx/serial | onbon-bx/tcp) ;;
    *) echo "demo: CONTROLLER is alpha or onbon-bx, LINK serial (or tcp for onbon-bx), not $controller/$link" >&2; exit 2 ;;
esac
repo=$(cd "$(dirname "$0")/.." && pwd)
hall=$(mktemp -d /tmp/lobbyd-demo.XXXXXX)
mkdir -p "$hall/spool/incoming"
cp "$repo"/playlists/*.toml "$repo"/playlists/*.toml.sig "$hall/spool/incoming/"
if [ "$controller" = onbon-bx ]; then
    card='driver = "onbon-bx"
model = "6E1"
# The five samples make 19 pages, 14.6 KB in the card'"'"'s dynamic area (300 KB).'
    simulator=(--protocol onbon-bx)
else
    card='# The five samples make 19 pages; 20 pictures of 192x32 fit the simulated sign'"'"'s 128 KiB.'
    simulator=(--protocol alpha)
fi
if [ "$link" = tcp ]; then
    simulator+=(--listen 0)
else
    simulator+=(--link "$hall/sign")
fi
# A TCP card's port is known once the simulator listens: the configuration is written then.
write_configuration() {
cat > "$hall/lobbyd.toml" <<CONF
log_level = "notice"
[calendar]
directories = ["$repo/calendar"]
[paths]
spool = "$hall/spool"
database = "$hall/state/lobbyd.sqlite"
control_socket = "$hall/control.sock"
trusted_keys = "$repo/playlists/demo-keys"
people = "$repo/playlists/demo-keys/people.toml"
[link]
endpoint = "$1"
[serial]
# The simulated sign receives at full pseudo-terminal speed so the demo lights up at once;
# a real hall at 9600 baud takes 1-4 s a page (see: lobbyctl plan playlists/hall-news.toml).
baud = 115200
[controller]
$card
picture_slots = 20
[control]
# Whoever runs the demo may steer it (in a hall: root and the lobbyops group).
operators_group = "$(id -gn)"
CONF
}

cleanup() {
    # lobbyd first, and wait for it, so that its log does not end with the sign going away.
    if [ -n "${daemon:-}" ]; then kill "$daemon" 2>/dev/null || true; wait "$daemon" 2>/dev/null || true; fi
    kill "${sim:-}" 2>/dev/null || true
    wait 2>/dev/null || true
    echo
    echo "== demo over (演示结束). The hall is in $hall:"
    echo "   lobbyd.log (the daemon's log), lobby-sim.log (the simulated sign's), pictures/ (what the sign showed),"
    echo "   spool/accepted/ (archived playlists), state/lobbyd.sqlite (the event log). This month's report:"
    echo "     $bin/lobbyctl report --config $hall/lobbyd.toml --month 2026-11 --format md"
    echo "     $bin/lobbyctl events --config $hall/lobbyd.toml --limit 20"
}
trap cleanup EXIT INT TERM

info() {
cat <<INFO
== lobbyd is running against the simulated sign ($controller, $link) for $seconds s (DEMO_SECONDS=N to change; Ctrl-C stops).
   Hall time starts at 08:19:50 on a workday; at 08:20:00 the screen lights up.
   In another terminal, try:
     tail -f $hall/lobbyd.log                         # the daemon's events
     echo "unplug 5" > $hall/sign-control            # pull the cable for 5 s; lobbyd recovers alone
     echo "power-cycle" > $hall/sign-control         # the sign forgets everything
     $bin/lobbyctl submit --config $hall/lobbyd.toml FILE.toml
     $bin/lobbyctl status --socket $hall/control.sock     # screen, why, next change, link
     $bin/lobbyctl watch --socket $hall/control.sock      # events as they happen
     $bin/lobbyctl override off --until 08:30 --reason "消防演练" --socket $hall/control.sock
     $bin/lobbyctl test-pattern checkerboard --minutes 1 --socket $hall/control.sock
INFO
}
# On a terminal the instructions stay at the top and the panel is drawn below them, in place;
# the simulator's own lines go to its log.
if [ -t 1 ]; then printf '\033[H\033[2J'; fi
info
# Rows the instructions take on this terminal, long lines wrapped (fold counts bytes, so a line
# with Chinese counts long: the panel then starts a row lower, never over the text).
lines=$(info | fold -w "$(tput cols 2>/dev/null || echo 80)" | wc -l)
"$bin/lobby-sim" "${simulator[@]}" --baud 0 --png "$hall/pictures" --control "$hall/sign-control" \
    --log "$hall/lobby-sim.log" --draw-row $((lines + 2)) &
sim=$!
while ! grep -q "ready on" "$hall/lobby-sim.log" 2>/dev/null; do
    kill -0 "$sim" 2>/dev/null || { echo "demo: lobby-sim did not start; see $hall/lobby-sim.log" >&2; exit 1; }
    sleep 0.1
done
if [ "$link" = tcp ]; then
    write_configuration "$(sed -n 's/^lobby-sim: ready on \(tcp:[^ ]*\).*/\1/p' "$hall/lobby-sim.log" | head -1)"
else
    write_configuration "$hall/sign"
fi
"$bin/lobbyd" --config "$hall/lobbyd.toml" --clock-start "2026-11-25T08:19:50" > "$hall/lobbyd.log" 2>&1 &
daemon=$!
sleep "$seconds"
# Below the panel, so that the closing message does not overwrite it.
if [ -t 1 ]; then printf '\033[%d;1H' $((lines + 2 + 20)); fi
