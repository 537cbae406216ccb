#!/usr/bin/env bash
# Is restcost one-shot's cost to nginx hey's, pair by pair? nginx's CPU per request under each.
#
# What it measures and why it is built so: docs/scripts.md.
#
#   benchmarks/scripts/oneshot-pairs-vs-hey.sh [pairs, default 8] [requests, default 500] [rate/s, default 100]
#   ENGINE=okhttp PROVIDER=conscrypt ...           # restcost's engine and TLS provider (default apache, jdk)
#   NGINX_EXTRA='ssl_session_tickets off;' ...     # more nginx directives (http block)
#   SPINNER=1 ...                                  # a nice-19 busy loop on core 0, so its vCPU never idles
#   HEY_CONC=4 ...                                 # hey's workers, each at RATE/HEY_CONC (default 1)
#   JAVA_OPTS=-Djdk.tls.client.useCompatibilityMode=false ...   # JSSE without TLS 1.3's ChangeCipherSpec record
#
# Needs nginx-light, hey and openssl (apt-get); binds 127.0.0.1 only; stops what it starts.
set -euo pipefail
cd "$(dirname "$0")/../.."
pairs=${1:-8}; n=${2:-500}; rate=${3:-100}; conc=4
work=$(mktemp -d /tmp/restcost-pairs.XXXXXX)
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
# nginx_wakeups: how often nginx's processes went to sleep and were woken; each wake-up costs CPU of its own.
tick_us=$(nginx_tick_us)
hey_conc=${HEY_CONC:-1}
q=$(awk -v r="$rate" -v c="$hey_conc" 'BEGIN { printf "%.2f", r / c }')
echo "nginx $(nginx -v 2>&1 | sed 's/.*\///') on core 0, clients on core 1; restcost one-shot ${ENGINE:-apache}/${PROVIDER:-jdk};" \
  "$n requests at $rate/s per phase; hey -c $hey_conc -q $q${JAVA_OPTS:+; java $JAVA_OPTS}${NGINX_EXTRA:+; nginx: $NGINX_EXTRA}${SPINNER:+; a nice-19 spinner on core 0}"
ratios=""
for i in $(seq 1 "$pairs"); do
  t0=$(nginx_ticks); w0=$(nginx_wakeups)
  taskset -c 1 hey -c "$hey_conc" -q "$q" -n "$n" -disable-keepalive "$url$path" >/dev/null
  t1=$(nginx_ticks); w1=$(nginx_wakeups)
  taskset -c 1 "${JAVA:-java}" ${JAVA_OPTS:-} -jar benchmarks/target/restcost.jar run --target "$url" --ca-cert "$work/ca.pem" --path "$path" \
    --policy one-shot --engine "${ENGINE:-apache}" --tls-provider "${PROVIDER:-jdk}" -c "$conc" --rate "$rate" -n "$n" \
    --warmup 0s -q --out "$work/r$i" >/dev/null
  t2=$(nginx_ticks); w2=$(nginx_wakeups)
  # restcost's phase carries one more request: the check of the target before the run.
  line=$(awk -v a="$((t1 - t0))" -v b="$((t2 - t1))" -v wa="$((w1 - w0))" -v wb="$((w2 - w1))" -v n="$n" -v us="$tick_us" -v i="$i" \
    'BEGIN { h = a * us / n; r = b * us / (n + 1); printf "pair %d: nginx wake-ups/request hey %.2f, restcost %.2f; nginx us/request hey %.0f, restcost %.0f, ratio %.3f", i, wa / n, wb / (n + 1), h, r, r / h }')
  echo "$line"
  ratios+="${line##* } "
done
echo "$ratios" | tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ a[NR] = $1 } END { m = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2;
  printf "ratio restcost / hey over %d pairs: min %.3f median %.3f max %.3f\n", NR, a[1], m, a[NR] }'
