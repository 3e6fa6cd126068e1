#!/usr/bin/env bash
# Starts a local AWS emulator (moto_server) bound to 127.0.0.1 and prints its endpoint URL.
#   deploy/local/start-emulator.sh [PORT]     PORT defaults to a free one
# State lives in $STRONGROOM_EMULATOR_DIR (default ./data/emulator): moto.pid, moto.log, endpoint.
# The emulator keeps everything in memory: stopping it loses every bucket. moto has no state
# persistence (its request recorder replays requests into objects with new version ids), so
# with-emulator.sh says so at every start and the vault's backup spot-check re-uploads what it finds gone.
set -euo pipefail

dir="${STRONGROOM_EMULATOR_DIR:-./data/emulator}"
mkdir -p "$dir"

if ! command -v moto_server >/dev/null 2>&1; then
  echo "start-emulator: moto_server is not installed (pip install \"moto[server]\")" >&2
  exit 3
fi

if [[ -f "$dir/moto.pid" ]] && kill -0 "$(cat "$dir/moto.pid")" 2>/dev/null; then
  cat "$dir/endpoint"
  exit 0
fi

port="${1:-}"
if [[ -z "$port" ]]; then
  # Ask the kernel for a free port; the tiny race until moto binds it is retried below.
  port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()')"
fi

nohup moto_server -H 127.0.0.1 -p "$port" >"$dir/moto.log" 2>&1 &
echo $! >"$dir/moto.pid"
endpoint="http://127.0.0.1:$port"

for _ in $(seq 1 100); do
  if python3 -c "import urllib.request,sys; urllib.request.urlopen('$endpoint/moto-api/', timeout=1)" 2>/dev/null; then
    echo "$endpoint" >"$dir/endpoint"
    echo "$endpoint"
    exit 0
  fi
  if ! kill -0 "$(cat "$dir/moto.pid")" 2>/dev/null; then
    echo "start-emulator: moto_server exited; see $dir/moto.log" >&2
    tail -5 "$dir/moto.log" >&2 || true
    rm -f "$dir/moto.pid"
    exit 1
  fi
  sleep 0.2
done
echo "start-emulator: moto_server did not answer on $endpoint within 20 s; see $dir/moto.log" >&2
exit 1
