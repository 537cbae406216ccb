#!/usr/bin/env bash
# Does restcost cost a real server what hey and wrk cost it? nginx's CPU per request under restcost
# and under hey, side by side at the same rate, and restcost's rate flat out against wrk's.
# It runs the clients and writes down nginx's bill; `restcost judge accuracy` judges it (why: docs/scripts.md).
#   benchmarks/scripts/accuracy-vs-ab-wrk.sh [rounds, default 4] [seconds per run, default 10]
#       [one-shot rate/s, default 50] [keep-alive rate/s, default 300]
#   SPINNER=1 ...     a nice-19 busy loop on nginx's core during the paced runs, so it never idles
#   OUT=DIR ...       keep the measurements in DIR (judge them again: restcost judge accuracy DIR)
#   FLAT_WARMUP=3s ...  the flat-out runs' warm-up (default auto)
#   JAVA=/path/to/java JAVA_OPTS=... ...   the JVM restcost runs on, and its options
#
# Makes its certificates with openssl; installs nginx, wrk and hey when missing (apt-get, as root).
# Binds 127.0.0.1 only; stops what it starts. Exit code 1 if a target is missed.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-4}; seconds=${2:-10}; os_rate=${3:-50}; ka_rate=${4:-300}; conc=4
work=$(mktemp -d /tmp/restcost-accuracy.XXXXXX)
out=${OUT:-$work/measurements}; mkdir -p "$out"
url=(); pid=(); log=()   # per nginx: its URL, master's pid, access log
cleanup() {
  for p in "${pid[@]}"; do kill "$p" 2>/dev/null || true; done
  spin off 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# shellcheck source=nginx-lib.sh
. benchmarks/scripts/nginx-lib.sh
need_tools nginx-light wrk hey openssl curl
[ -f benchmarks/target/restcost.jar ] || mvn -B -q -DskipTests package
# Clients run on core 1, nginx on core 0: a busy JVM beside nginx moves nginx's figure by half.
# shellcheck disable=SC2086
restcost() { taskset -c 1 "${JAVA:-java}" ${JAVA_OPTS:-} -jar benchmarks/target/restcost.jar "$@"; }

# Two identical nginx on core 0, each with an access log of connection serials; the paced runs
# use both side by side, the flat-out runs the first alone.
make_certs "$work"
path=/ibmmq/rest/v2/admin/qmgr
printf '%-200s' '{"qmgr":[{"name":"QM1","state":"running"}]}' > "$work/qmgr.json"
chmod 755 "$work"   # nginx's workers (www-data) read the body from here
nginx_start_two "$work" "$path" "$work/qmgr.json"
printf 'clkTck=%s\nrounds=%s\nseconds=%s\nosRate=%s\nkaRate=%s\nconcurrency=%s\n' "$(getconf CLK_TCK)" "$rounds" "$seconds" \
  "$os_rate" "$ka_rate" "$conc" > "$out/settings.properties"
printf '# round name peer asked ticks served wakeups client\n' > "$out/measurements.tsv"
echo "nginx $(nginx -v 2>&1 | sed 's/.*\///') on core 0 (a second one beside it for the paced runs), clients on core 1;" \
  "restcost on $("${JAVA:-java}" -version 2>&1 | head -1)${JAVA_OPTS:+ $JAVA_OPTS}${SPINNER:+; a nice-19 spinner on core 0 during the paced runs}"

# hey_paced URL RATE N [-disable-keepalive] > FILE: one worker, evenly spaced; FILE gets sent:N:NANOS
hey_paced() {
  local t0; t0=$(date +%s%N)
  taskset -c 1 hey -c 1 -q "$2" -n "$3" ${4:-} "$1$path" >/dev/null
  echo "sent:$3:$(( $(date +%s%N) - t0 ))"
}
# side_by_side CELL RATE HEYFLAG POLICY [ENGINE PROVIDER]: CELL against one nginx, hey ("hey-CELL")
# against the other, in the same window; which gets which alternates with the round. POLICY "hey" runs
# hey in CELL's place too, half a period after the other (two hey in step read 0.83-1.17, not 1.00-1.16).
side_by_side() {
  local cell=$1 r=$2 hflag=$3 policy=$4 x=$(( round % 2 )) y=$(( (round + 1) % 2 )) n=$(( $2 * seconds )) wx wy jc jo
  sleep 1.5
  wx=$(window $x); wy=$(window $y)
  if [ "$policy" = hey ]; then
    (sleep "$(printf '1.%06d' $(( 500000 / r )))"; hey_paced "${url[$x]}" "$r" "$n" "$hflag" > "$work/client-$cell") & jc=$!
  else
    echo "run:$cell-$round" > "$work/client-$cell"
    restcost run --target "${url[$x]}" --ca-cert "$work/ca.pem" --path "$path" --policy "$policy" --engine "$5" \
      --tls-provider "$6" -c "$conc" --rate "$r" -n "$n" --warmup 0s -q --server-cpu "pid:${pid[$x]}+children" \
      --out "$out/$cell-$round" >/dev/null & jc=$!
  fi
  (sleep 1; hey_paced "${url[$y]}" "$r" "$n" "$hflag" > "$work/client-hey-$cell") & jo=$!
  wait "$jc" || { echo "the client of $cell failed in round $round" >&2; exit 1; }
  wait "$jo" || { echo "hey beside $cell failed in round $round" >&2; exit 1; }
  sleep 1.5
  record $x "$wx" "$round" "$cell" "hey-$cell" "$r" "$(cat "$work/client-$cell")"
  record $y "$wy" "$round" "hey-$cell" "$cell" "$r" "$(cat "$work/client-hey-$cell")"
}
# flat_out NAME POLICY ENGINE PROVIDER, or flat_out NAME wrk: against the first nginx alone
flat_out() {
  local w client; sleep 1.5; w=$(window 0)
  if [ "$2" = wrk ]; then
    client="rate:$(taskset -c 1 wrk -t1 -c"$conc" -d"${seconds}s" "${url[0]}$path" | sed -n 's/^Requests\/sec: *//p')"
  else
    restcost run --target "${url[0]}" --ca-cert "$work/ca.pem" --path "$path" --policy "$2" --engine "$3" --tls-provider "$4" \
      -c "$conc" -d "${seconds}s" --warmup "${FLAT_WARMUP:-auto}" -q --out "$out/$1-$round" >/dev/null
    client="run:$1-$round"
  fi
  sleep 1.5
  record 0 "$w" "$round" "$1" - - "$client"
}

for round in $(seq 1 "$rounds"); do
  spin on
  side_by_side aa-os "$os_rate" -disable-keepalive hey
  side_by_side aa-ka "$ka_rate" "" hey
  for engine in apache okhttp; do
    for provider in jdk conscrypt; do
      side_by_side "os-$engine-$provider" "$os_rate" -disable-keepalive one-shot "$engine" "$provider"
    done
    side_by_side "ka-$engine" "$ka_rate" "" pooled "$engine" jdk
  done
  # flat out: the busy loop would take its share from nginx. wrk runs before, between and after the
  # pooled runs: this machine's speed drifts by half within minutes.
  spin off
  for engine in apache okhttp; do
    for provider in jdk conscrypt; do flat_out "max-os-$engine-$provider" one-shot "$engine" "$provider"; done
    flat_out "wrk-$engine" wrk
    for provider in jdk conscrypt; do
      flat_out "max-ka-$engine-$provider" pooled "$engine" "$provider"
      flat_out "wrk-$engine-after-$provider" wrk
    done
  done
  echo "round $round of $rounds measured" >&2
done
restcost judge accuracy "$out"
