#!/usr/bin/env bash
# Does restcost on HTTP/2 cost a real server what h2load costs it, and how fast does it go? nginx's
# CPU per request under restcost pooled over one HTTP/2 connection and under h2load with the same
# connection and streams, side by side at one rate; then each flat out on one core.
# It runs the clients and writes down nginx's bill; `restcost judge h2load` judges it (why: docs/scripts.md).
#   benchmarks/scripts/h2-vs-h2load.sh [rounds, default 3] [seconds per run, default 10] [rate/s, default 100]
#       (h2load --rps sends once per 1/rate but at most every 10 ms: above 100/s it sends in bursts,
#       which wake nginx less often than restcost's evenly spaced requests, and cost it less)
#   OUT=DIR ...       keep the measurements in DIR (judge them again: restcost judge h2load DIR)
#   JAVA=/path/to/java JAVA_OPTS=... ...   the JVM restcost runs on, and its options
#   ENGINE=apache ...   restcost's Apache engine (HttpClient 5's async HTTP/2 client) instead of OkHttp
#
# Makes its certificates with openssl; installs nginx and h2load when missing (apt-get, as root).
# Binds 127.0.0.1 only; stops what it starts. Exit code 1 if a target is missed.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-3}; seconds=${2:-10}; rate=${3:-100}; streams=4; flat_streams=8
work=$(mktemp -d /tmp/restcost-h2.XXXXXX)
out=${OUT:-$work/measurements}; mkdir -p "$out"
url=(); pid=(); log=()   # per nginx: its URL, master's pid, access log
cleanup() {
  for p in "${pid[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# shellcheck source=nginx-lib.sh
. benchmarks/scripts/nginx-lib.sh
need_tools nginx-light nghttp2-client openssl curl
[ -f benchmarks/target/restcost.jar ] || mvn -B -q -DskipTests package
# Clients run on core 1, nginx on core 0.
# shellcheck disable=SC2086
restcost() { taskset -c 1 "${JAVA:-java}" ${JAVA_OPTS:-} -jar benchmarks/target/restcost.jar "$@"; }
h2load_rate() { sed -n 's/^finished in [^,]*, \([0-9.]*\) req\/s.*/\1/p'; }

# Two identical nginx on core 0, HTTP/2 on their TLS listener, each logging its connection serials.
make_certs "$work"
path=/ibmmq/rest/v2/admin/qmgr
printf '%-200s' '{"qmgr":[{"name":"QM1","state":"running"}]}' > "$work/qmgr.json"
chmod 755 "$work"
nginx_http2=1
nginx_cpu=nginx_nanos   # the bill's "ticks" are nanoseconds (clkTck below): a paced run costs nginx a few ticks only
nginx_start_two "$work" "$path" "$work/qmgr.json"
printf 'clkTck=%s\nrounds=%s\nseconds=%s\nrate=%s\nstreams=%s\nflatStreams=%s\n' 1000000000 "$rounds" "$seconds" \
  "$rate" "$streams" "$flat_streams" > "$out/settings.properties"
printf '# round name peer asked ticks served wakeups client\n' > "$out/measurements.tsv"
echo "nginx $(nginx -v 2>&1 | sed 's/.*\///') with HTTP/2 on core 0 (a second one beside it for the paced runs)," \
  "clients on core 1; $(h2load --version | head -1); restcost on $("${JAVA:-java}" -version 2>&1 | head -1)"

# paced: restcost pooled, $streams threads over one HTTP/2 connection, against one nginx, and h2load
# with one connection and $streams streams against the other, in the same window; they swap each round.
paced() {
  local x=$(( round % 2 )) y=$(( (round + 1) % 2 )) n=$(( rate * seconds )) wx wy jc jo
  sleep 1.5
  wx=$(window $x); wy=$(window $y)
  restcost run --target "${url[$x]}" --ca-cert "$work/ca.pem" --path "$path" --policy pooled --engine "${ENGINE:-okhttp}" --http 2 \
    -c "$streams" --rate "$rate" -n "$n" --warmup 0s -q --out "$out/h2-pooled-$round" >/dev/null & jc=$!
  (sleep 1; taskset -c 1 h2load -c 1 -m "$streams" --rps "$rate" -n "$n" "${url[$y]}$path" > "$work/h2load-paced") & jo=$!
  wait "$jc" || { echo "restcost failed in round $round" >&2; exit 1; }
  wait "$jo" || { echo "h2load failed in round $round" >&2; exit 1; }
  sleep 1.5
  record $x "$wx" "$round" h2-pooled h2load-pooled "$rate" "run:h2-pooled-$round"
  record $y "$wy" "$round" h2load-pooled h2-pooled "$rate" "rate:$(h2load_rate < "$work/h2load-paced")"
}
# flat_out restcost|h2load|h2load-after: against the first nginx alone, one connection, $flat_streams streams
flat_out() {
  local w client; sleep 1.5; w=$(window 0)
  if [[ $1 == h2load* ]]; then
    client="rate:$(taskset -c 1 h2load -c 1 -m "$flat_streams" -D "$seconds" --warm-up-time 2 "${url[0]}$path" | h2load_rate)"
  else
    restcost run --target "${url[0]}" --ca-cert "$work/ca.pem" --path "$path" --policy pooled --engine "${ENGINE:-okhttp}" --http 2 \
      -c "$flat_streams" -d "${seconds}s" --warmup auto -q --out "$out/max-h2-pooled-$round" >/dev/null
    client="run:max-h2-pooled-$round"
  fi
  sleep 1.5
  record 0 "$w" "$round" "max-$1" - - "$client"
}

for round in $(seq 1 "$rounds"); do
  paced
  # h2load before and after restcost: this machine's speed drifts within minutes
  flat_out h2load; flat_out restcost; flat_out h2load-after
  echo "round $round of $rounds measured" >&2
done
restcost judge h2load "$out"
