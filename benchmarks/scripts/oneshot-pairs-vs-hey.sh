#!/usr/bin/env bash
# Is restcost one-shot's cost to nginx hey's, pair by pair? nginx's CPU per request under each.
# This script runs the pairs and writes down nginx's bill; `restcost judge pairs` reports it.
#
# What it measures and why it is built so: docs/scripts.md.
#
#   benchmarks/scripts/oneshot-pairs-vs-hey.sh [pairs, default 8] [requests, default 500] [rate/s, default 100]
#   ENGINE=okhttp PROVIDER=conscrypt ...           # restcost's engine and TLS provider (default apache, jdk)
#   NGINX_EXTRA='ssl_session_tickets off;' ...     # more nginx directives (http block)
#   SPINNER=1 ...                                  # a nice-19 busy loop on core 0, so its vCPU never idles
#   HEY_CONC=4 ...                                 # hey's workers, each at RATE/HEY_CONC (default 1)
#   JAVA_OPTS=-Djdk.tls.client.useCompatibilityMode=false ...   # JSSE without TLS 1.3's ChangeCipherSpec record
#   OUT=DIR ...                                    # keep the measurements (restcost judge pairs DIR)
#
# Needs nginx-light, hey and openssl (apt-get); binds 127.0.0.1 only; stops what it starts.
set -euo pipefail
cd "$(dirname "$0")/../.."
pairs=${1:-8}; n=${2:-500}; rate=${3:-100}; conc=4
work=$(mktemp -d /tmp/restcost-pairs.XXXXXX)
out=${OUT:-$work/measurements}
mkdir -p "$out"
nginx_pid=""
cleanup() {
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null || true
  spin off 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT
# shellcheck source=nginx-lib.sh
. benchmarks/scripts/nginx-lib.sh
need_tools nginx-light hey openssl curl
[ -f benchmarks/target/restcost.jar ] || mvn -B -q -DskipTests package
make_certs "$work"
path=/ibmmq/rest/v2/admin/qmgr
printf '%-200s' '{"qmgr":[]}' > "$work/qmgr.json"
nginx_start "$work" "$work/server.pem" "$work/server.key" "$path" "$work/qmgr.json" "access_log off; ${NGINX_EXTRA:-}"
url=$nginx_url
nginx_pin_core0
spin on
hey_conc=${HEY_CONC:-1}
q="$(( rate / hey_conc )).$(printf '%02d' $(( rate * 100 / hey_conc % 100 )))"   # hey's -q is per worker
echo "nginx $(nginx -v 2>&1 | sed 's/.*\///') on core 0, clients on core 1; restcost one-shot ${ENGINE:-apache}/${PROVIDER:-jdk};" \
  "$n requests at $rate/s per phase; hey -c $hey_conc -q $q${JAVA_OPTS:+; java $JAVA_OPTS}${NGINX_EXTRA:+; nginx: $NGINX_EXTRA}${SPINNER:+; a nice-19 spinner on core 0}"
printf 'clkTck=%s\npairs=%s\nrequests=%s\nrate=%s\n' "$(getconf CLK_TCK)" "$pairs" "$n" "$rate" > "$out/settings.properties"
printf '# round name peer asked ticks served wakeups client\n' > "$out/measurements.tsv"
# record_pair PAIR NAME PEER TICKS SERVED WAKEUPS CLIENT: one phase's bill
record_pair() { printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$1" "$2" "$3" "$rate" "$4" "$5" "$6" "$7" >> "$out/measurements.tsv"; }
for i in $(seq 1 "$pairs"); do
  t0=$(nginx_ticks); w0=$(nginx_wakeups); s0=$(date +%s%N)
  taskset -c 1 hey -c "$hey_conc" -q "$q" -n "$n" -disable-keepalive "$url$path" >/dev/null
  t1=$(nginx_ticks); w1=$(nginx_wakeups); s1=$(date +%s%N)
  # shellcheck disable=SC2086
  taskset -c 1 "${JAVA:-java}" ${JAVA_OPTS:-} -jar benchmarks/target/restcost.jar run --target "$url" --ca-cert "$work/ca.pem" --path "$path" \
    --policy one-shot --engine "${ENGINE:-apache}" --tls-provider "${PROVIDER:-jdk}" -c "$conc" --rate "$rate" -n "$n" \
    --warmup 0s -q --out "$out/restcost-$i" >/dev/null
  t2=$(nginx_ticks); w2=$(nginx_wakeups)
  record_pair "$i" hey restcost "$(( t1 - t0 ))" "$n" "$(( w1 - w0 ))" "sent:$n:$(( s1 - s0 ))"
  # restcost's phase carries one more request: the check of the target before the run.
  record_pair "$i" restcost hey "$(( t2 - t1 ))" "$(( n + 1 ))" "$(( w2 - w1 ))" "run:restcost-$i"
done
"${JAVA:-java}" -jar benchmarks/target/restcost.jar judge pairs "$out"
