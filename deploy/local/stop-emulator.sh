#!/usr/bin/env bash
# Stops the emulator started by start-emulator.sh (by its pid file only).
set -euo pipefail
dir="${STRONGROOM_EMULATOR_DIR:-./data/emulator}"
if [[ -f "$dir/moto.pid" ]]; then
  pid="$(cat "$dir/moto.pid")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -f "$dir/moto.pid" "$dir/endpoint"
  echo "stop-emulator: stopped moto_server (pid $pid)"
fi
