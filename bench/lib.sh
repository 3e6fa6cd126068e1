# Shared by every bench/ command: install what is missing, package the vault, start the vault,
# nginx and moto on 127.0.0.1, stop them again (by their own pids), and record figures in
# docs/performance.md. Sourced, not run.
set -euo pipefail

BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/.." && pwd)"
WORK="${STRONGROOM_BENCH_WORK:-$ROOT/target/bench}"
ADMIN_PW="bench-admin-password-$$"
mkdir -p "$WORK"
cd "$ROOT"

PIDS=()
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -9 "$pid" 2>/dev/null || true
    fi
  done
  PIDS=()
  if [[ -n "${MOTO_DIR:-}" ]]; then STRONGROOM_EMULATOR_DIR="$MOTO_DIR" deploy/local/stop-emulator.sh >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT INT TERM

say() { echo "bench: $*" >&2; }

# apt packages, installed only when their command is missing (root on our machines, sudo elsewhere).
need_apt() { # need_apt COMMAND PACKAGE...
  local cmd="$1"; shift
  command -v "$cmd" >/dev/null 2>&1 && return 0
  say "installing $* (for $cmd)"
  local sudo=""; [[ "$(id -u)" == 0 ]] || sudo="sudo"
  $sudo apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "$@" >/dev/null
}

# The packaged vault and the test classpath the Java side of the benchmarks runs on.
prepare_java() {
  if [[ ! -f target/quarkus-app/quarkus-run.jar || -n "${STRONGROOM_BENCH_REPACKAGE:-}" ]]; then
    say "packaging the vault (./mvnw package -DskipTests)"
    ./mvnw -q -B -ntp package -DskipTests
  fi
  if [[ ! -f "$WORK/classpath.txt" || ! -d target/test-classes/dev/strongroom/bench \
      || -n "$(find src/test/java/dev/strongroom/bench -newer "$WORK/classpath.txt" -name '*.java' 2>/dev/null)" ]]; then
    say "compiling the load generator (test classes) and resolving its classpath"
    ./mvnw -q -B -ntp test-compile dependency:build-classpath -Dmdep.includeScope=test \
      -Dmdep.outputFile="$WORK/classpath.txt" >/dev/null
    touch "$WORK/classpath.txt" # the plugin leaves an unchanged file as it was
  fi
  BENCH_CP="$ROOT/target/test-classes:$ROOT/target/classes:$(cat "$WORK/classpath.txt")"
}

bench_java() { # bench_java CLASS --key=value...
  local cls="$1"; shift
  java -Djava.util.logging.manager=org.jboss.logmanager.LogManager -Dbench.clk_tck="$CLK_TCK" ${BENCH_JAVA_OPTS:-} \
    -cp "$BENCH_CP" "dev.strongroom.bench.$cls" "$@"
}

# CPU time (user + system), the figure every row reports next to its rate: on a machine shared with other
# work the rate moves with the neighbours' load, the CPU a server spends per document barely does.
CLK_TCK="$(getconf CLK_TCK)"
proc_cpu() { # proc_cpu PID : seconds of CPU the process has used so far (every thread; see proc(5), fields 14-15)
  awk -v tck="$CLK_TCK" '{ sub(/^.*\) /, ""); printf "%.3f", ($12 + $13) / tck }' "/proc/$1/stat"
}
children_cpu() { # sets CHILDREN_CPU: seconds of CPU used by this shell's finished children so far (bash's times)
  times >"$WORK/.times"  # a builtin with a redirection runs in this shell; in $(...) it would see a subshell's
  CHILDREN_CPU=$(awk 'NR==2 { split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%.3f", u[1]*60 + u[2] + s[1]*60 + s[2] }' "$WORK/.times")
}

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1]); s.close()'; }
now_ms() { date +%s%3N; }

# Starts moto like production (deploy/local), exports the vault's AWS settings.
start_moto() {
  need_apt aws awscli
  command -v moto_server >/dev/null 2>&1 || { say "installing moto[server] with pip"; pip install -q "moto[server]"; }
  MOTO_DIR="$WORK/moto-$$"
  export STRONGROOM_EMULATOR_DIR="$MOTO_DIR"
  export AWS_ACCESS_KEY_ID=emulator AWS_SECRET_ACCESS_KEY=emulator
  export STRONGROOM_AWS_REGION=eu-central-1 AWS_DEFAULT_REGION=eu-central-1
  export STRONGROOM_BACKUP_BUCKET=strongroom-backup STRONGROOM_BACKUP_REPLICA_BUCKET=strongroom-backup-replica
  export STRONGROOM_BACKUP_REPLICA_REGION=eu-west-1
  MOTO_URL="$(deploy/local/start-emulator.sh)"
  PIDS+=("$(cat "$MOTO_DIR/moto.pid")")
  deploy/local/provision.sh "$MOTO_URL" >/dev/null
  export STRONGROOM_AWS_ENDPOINT="$MOTO_URL"
  # The KMS key provision.sh made: without it a backup run fails ("signing key not backed up"), as under ./run.
  export STRONGROOM_KEYS_KMS_KEY_ID="${STRONGROOM_KEYS_KMS_KEY_ID:-alias/strongroom-signing-key}"
  say "moto on $MOTO_URL"
}

# Starts the packaged vault on a fresh data dir; sets VAULT_PID, VAULT_URL, VAULT_READY_MS (start to
# the first 200 from /q/health/ready, waited for at most BENCH_READY_SECONDS, default 30) and
# VAULT_READY_CPU_S (the CPU the JVM had used by then).
# The JVM options ./run uses unless STRONGROOM_JAVA_OPTS is set (set it, even empty, to measure others).
STRONGROOM_JAVA_OPTS="${STRONGROOM_JAVA_OPTS--XX:+UseSerialGC -Xms64m}"
export STRONGROOM_JAVA_OPTS

start_vault() { # start_vault DATA_DIR [keep]   (keep: restart on the existing data instead of a fresh dir)
  local data="$1" port started
  [[ "${2:-}" == keep ]] || rm -rf "$data" "$data.log"
  mkdir -p "$data"
  port="$(free_port)"
  started="$(now_ms)"
  STRONGROOM_DATA_DIR="$data" QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_HTTP_PORT="$port" \
    STRONGROOM_ADMIN_PASSWORD="$ADMIN_PW" STRONGROOM_BACKUP_CRON="${STRONGROOM_BACKUP_CRON:-off}" \
    java $STRONGROOM_JAVA_OPTS -jar target/quarkus-app/quarkus-run.jar >>"$data.log" 2>&1 &
  VAULT_PID=$!
  PIDS+=("$VAULT_PID")
  VAULT_URL="http://127.0.0.1:$port"
  for _ in $(seq 1 $(( ${BENCH_READY_SECONDS:-30} * 40 ))); do
    if curl -fs -o /dev/null "$VAULT_URL/q/health/ready" 2>/dev/null; then
      VAULT_READY_MS=$(( $(now_ms) - started ))
      VAULT_READY_CPU_S=$(proc_cpu "$VAULT_PID")
      say "vault ready on $VAULT_URL in ${VAULT_READY_MS} ms, ${VAULT_READY_CPU_S} s of CPU (log $data.log)"
      return 0
    fi
    kill -0 "$VAULT_PID" 2>/dev/null || { tail -30 "$data.log" >&2; say "the vault exited"; return 1; }
    sleep 0.025
  done
  say "the vault was not ready within ${BENCH_READY_SECONDS:-30} s"; tail -30 "$data.log" >&2; return 1
}

stop_vault() {
  kill "$VAULT_PID" 2>/dev/null || true
  for _ in $(seq 1 300); do kill -0 "$VAULT_PID" 2>/dev/null || return 0; sleep 0.1; done
  kill -9 "$VAULT_PID" 2>/dev/null || true
}

rss_mb() { awk '/VmRSS/ {printf "%.1f", $2/1024}' "/proc/$1/status"; }

# nginx from Debian with its built-in WebDAV module (PUT), serving DAV_ROOT under /dav/, on 127.0.0.1.
start_nginx() { # start_nginx DAV_ROOT
  need_apt nginx nginx-core
  local root="$1" dir="$WORK/nginx-$$" port
  port="$(free_port)"
  mkdir -p "$dir/tmp" "$root"
  cat >"$dir/nginx.conf" <<CONF
worker_processes auto;
daemon off;
user root;
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  client_body_temp_path $root/.tmp;
  client_max_body_size 4g;
  server {
    listen 127.0.0.1:$port;
    location /dav/ {
      alias $root/;
      dav_methods PUT;
      create_full_put_path on;
      dav_access user:rw;
    }
  }
}
CONF
  mkdir -p "$root/.tmp"
  nginx -c "$dir/nginx.conf" -e "$dir/error.log" &
  PIDS+=("$!")
  NGINX_PID=$!
  NGINX_URL="http://127.0.0.1:$port"
  for _ in $(seq 1 100); do
    curl -s -o /dev/null "$NGINX_URL/" && { say "nginx on $NGINX_URL (WebDAV root $root)"; return 0; }
    sleep 0.05
  done
  say "nginx did not start"; cat "$dir/error.log" >&2; return 1
}

# The machine, for the table: cores, memory, the disk under the work dir, the JDK, the load.
machine() {
  local disk
  disk="$(df -hT "$WORK" | awk 'NR==2 {print $2" "$1", "$3" ("$5" used)"}')"
  echo "$(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GiB RAM, disk $disk, $(java -version 2>&1 | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)"
}

# record ROW_ID "| cells |" : writes or replaces that row of the results table in docs/performance.md.
record() {
  python3 "$BENCH_DIR/record.py" "$ROOT/docs/performance.md" "$1" "$2" "$(machine)" "$3"
}

# fig FILE KEY : one figure from a results file written by the Java side (key=value lines).
fig() { awk -F= -v k="$2" '$1==k {v=$2} END {if (v=="") exit 1; print v}' "$1"; }
ratio() { python3 -c "import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); print(f'{100*a/b:.0f} %' if b else 'n/a')" "$1" "$2"; }
times_of() { python3 -c "import sys; a,b=float(sys.argv[1]),float(sys.argv[2]); print(f'{a/b:.1f}x' if b else 'n/a')" "$1" "$2"; }
num() { python3 -c "import sys; print(f'{float(sys.argv[1]):.{int(sys.argv[2])}f}')" "$1" "${2:-2}"; }
met() { python3 -c "import sys; print('met' if eval(sys.argv[1]) else 'MISSED')" "$1"; }
