#!/usr/bin/env bash
# Does the mock cost what a real Open Liberty mqweb costs? Each cell on both servers side by side,
# judged by restcost judge calibration (exit code 1 if a target is missed).
#
# What it measures and why it is built so: docs/scripts.md.
#
#   benchmarks/scripts/calibrate-mock-vs-liberty.sh [rounds, default 3] [seconds per cell, default 15]
#   CELL_WARMUP=3s ...    the unmeasured run of each cell's policy before it is measured (default 10s)
#   MOCK_ARGS="--request-work 0" benchmarks/scripts/calibrate-mock-vs-liberty.sh   # the mock uncalibrated
#   SPINNER=1 ...         a nice-19 busy loop on core 0, so the servers' vCPU never idles: on this PVM
#                         guest every wake-up from idle is dear (see oneshot-pairs-vs-hey.sh)
#   SEQUENTIAL=1 ...      each cell on the mock, then on Liberty, instead of side by side
#   OUT=results/reference/calibration ...   keep every run folder there (round-N/{mock,liberty}/<cell>/,
#                                           named as a matrix names its cells); default: a temporary folder
#
# Needs the Open Liberty runtime that `mvn -B verify -Pliberty` fetches (or WLP_DIR=...).
# Binds 127.0.0.1 only; stops what it starts. Exit code 1 if a target is missed.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-3}
seconds=${2:-15}
engine=${ENGINE:-apache}
# Rates both servers and a JVM client on one core sustain (docs/scripts.md); KEPT_RATE=1000 for another.
declare -A rate=([one-shot]=60 [rotating:requests=50]=${KEPT_RATE:-500} [pooled]=${KEPT_RATE:-500})
policies=(one-shot rotating:requests=50 pooled)
work=$(mktemp -d /tmp/restcost-calibrate.XXXXXX)
out=${OUT:-$work/runs}
if [ -e "$out" ] && [ -n "$(ls -A "$out" 2>/dev/null)" ]; then
  echo "calibrate-mock-vs-liberty.sh: OUT=$out is not empty: give a new folder" >&2
  exit 2
fi
mkdir -p "$out"
declare -A server_pid url ca creds cpu_pid password
spinner=""
cleanup() {
  local p
  [ -n "$spinner" ] && kill "$spinner" 2>/dev/null || true
  for p in "${server_pid[@]}"; do kill -TERM "$p" 2>/dev/null || true; done
  for p in "${server_pid[@]}"; do
    for _ in $(seq 1 100); do kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
  done
  rm -rf "$work"
}
trap cleanup EXIT

[ -f benchmarks/target/restcost.jar ] || mvn -B -q -DskipTests package
restcost() { taskset -c 1 "${JAVA:-java}" -jar benchmarks/target/restcost.jar "$@"; }

# start_server mock|liberty: on core 0; fills url, ca, creds, cpu_pid, password for it
start_server() {
  local kind=$1 out="$work/$1.out" p
  if [ "$kind" = mock ]; then
    # shellcheck disable=SC2086
    taskset -c 0 "${JAVA:-java}" -jar benchmarks/target/restcost.jar mock --port 0 ${MOCK_ARGS:-} > "$out" 2>&1 &
  else
    taskset -c 0 "${JAVA:-java}" -jar benchmarks/target/restcost.jar liberty --port 0 --state-dir "$work/liberty" \
      ${WLP_DIR:+--wlp-dir "$WLP_DIR"} > "$out" 2>&1 &
  fi
  p=$!
  server_pid[$kind]=$p
  for _ in $(seq 1 600); do grep -q "stop with Ctrl-C" "$out" 2>/dev/null && break; kill -0 "$p" 2>/dev/null || break; sleep 0.2; done
  grep -q "stop with Ctrl-C" "$out" || { echo "the $kind server did not start:"; cat "$out"; exit 1; } >&2
  url[$kind]=$(sed -n 's#.*url: *\([^ ]*\)/ibmmq/rest/v2/.*#\1#p' "$out")
  ca[$kind]=$(sed -n 's/.*CA file: *\([^ ]*\).*/\1/p' "$out")
  creds[$kind]=$(sed -n 's/.*credentials: *\([^ ]*\).*/\1/p' "$out")
  # The mock serves from the restcost JVM itself; Liberty names its own JVM.
  cpu_pid[$kind]=$(sed -n 's/.*--server-cpu pid:\([0-9]*\).*/\1/p' "$out")
  cpu_pid[$kind]=${cpu_pid[$kind]:-$p}
  password[$kind]=$(sed -n 's/^user\.mqadmin\.password=//p' "${creds[$kind]}")
}
cell() { # SERVER NAME POLICY AUTH RATE DURATION WARMUP
  RESTCOST_CAL_PASSWORD=${password[$1]} restcost run --target "${url[$1]}" --ca-cert "${ca[$1]}" --user mqadmin \
    --password-env RESTCOST_CAL_PASSWORD --policy "$3" --auth "$4" --engine "$engine" -c 4 --rate "$5" -d "$6" \
    --warmup "$7" -q --server-cpu "pid:${cpu_pid[$1]}" --out "$2" >/dev/null
}

# Each cell first runs its own policy unmeasured for a while: a server is still paying for the
# cell before (a one-shot cell's garbage and TLS sessions) for seconds after it, and with 3 s
# that bill landed on the rotating cell after it (Liberty rotating every 50 cost it 100-135 us
# per request more than pooled in that order, the same as pooled in another).
cell_warmup=${CELL_WARMUP:-10s}
declare -A short=([one-shot]=one-shot [rotating:requests=50]=rotating-50 [pooled]=pooled)
# on_both NAME POLICY AUTH RATE DURATION WARMUP: the cell on the mock and on Liberty, side by side
# (or one after the other with SEQUENTIAL=1); NAME is a path with SERVER where the server's name goes
on_both() {
  local jobs=() server j
  for server in mock liberty; do
    if [ -n "${SEQUENTIAL:-}" ]; then
      cell "$server" "${1//SERVER/$server}" "${@:2}"
    else
      cell "$server" "${1//SERVER/$server}" "${@:2}" & jobs+=($!)
    fi
  done
  for j in "${jobs[@]}"; do wait "$j" || { echo "a cell failed: $1 $2 $3" >&2; exit 1; }; done
}
mode=${SEQUENTIAL:+one server after the other}; mode=${mode:-both servers side by side}
echo "both servers on core 0, restcost ($engine) on core 1, $mode;" \
  "${WARM:-120} s warm-up each, then $rounds rounds of ${seconds} s paced cells" >&2
start_server mock
start_server liberty
if [ -n "${SPINNER:-}" ]; then
  nice -n 19 taskset -c 0 bash -c 'while :; do :; done' &
  spinner=$!
  echo "a nice-19 busy loop on core 0" >&2
fi
warm=${WARM:-120}
for auth in basic ltpa; do
  on_both "$work/warm-SERVER-$auth-a" pooled "$auth" 800 "$(( warm / 4 ))s" 0s
  on_both "$work/warm-SERVER-$auth-b" one-shot "$auth" 60 "$(( warm / 4 ))s" 0s
done
for round in $(seq 1 "$rounds"); do
  for auth in basic ltpa; do
    for policy in "${policies[@]}"; do
      on_both "$out/round-$round/SERVER/${short[$policy]}_${engine}_${auth}" "$policy" "$auth" "${rate[$policy]}" \
        "${seconds}s" "$cell_warmup"
    done
  done
  echo "round $round of $rounds done" >&2
done

echo
echo "engine $engine, 4 threads, paced; both servers on core 0, restcost on core 1, $mode; run folders in $out"
restcost judge calibration "$out"
