#!/usr/bin/env bash
# Does restcost cost a real server what hey and wrk cost it? nginx's CPU per request under restcost
# and under hey, side by side at the same rate, and restcost's rate flat out against wrk's.
#
# What it measures and why it is built so: docs/scripts.md.
#
#   benchmarks/scripts/accuracy-vs-ab-wrk.sh [rounds, default 4] [seconds per run, default 10]
#       [one-shot rate/s, default 50] [keep-alive rate/s, default 300]
#       (side by side, both clients share core 1: beside a JVM, hey's one worker reached 81/s of 100 one-shot
#       and 426-469/s of 500 keep-alive, but 50/s and 283-296/s of 300; restcost kept its rates)
#   SPINNER=1 benchmarks/scripts/accuracy-vs-ab-wrk.sh         # a nice-19 busy loop on core 0 during the paced
#       runs, so nginx's vCPU never idles: on this PVM guest a wake-up from idle is a hypercall whose cost
#       varies from run to run, and adjacent pairs still differ by up to 2.4x without it (see
#       oneshot-pairs-vs-hey.sh); stopped for the flat-out runs (restcost pooled flat out read 6,802/s
#       with it, 11,091/s without, in two runs the same day)
#   FLAT_WARMUP=3s benchmarks/scripts/accuracy-vs-ab-wrk.sh   # the flat-out runs' warm-up (default auto)
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java benchmarks/scripts/accuracy-vs-ab-wrk.sh
#   JAVA_OPTS=-Djdk.tls.client.useCompatibilityMode=false benchmarks/scripts/accuracy-vs-ab-wrk.sh
#       # JSSE without TLS 1.3's lone ChangeCipherSpec record (see oneshot-wire-vs-hey.sh)
#
# Generates a CA and a server certificate (EC P-256, SAN 127.0.0.1) with openssl in a
# temporary folder; installs nginx, wrk and hey with apt-get when missing (as root).
# Binds 127.0.0.1 only; stops what it starts. Exit code 1 if a target is missed.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-4}
seconds=${2:-10}
os_rate=${3:-50}
ka_rate=${4:-300}
conc=4
work=$(mktemp -d /tmp/restcost-accuracy.XXXXXX)
nginx_pid=""; pid_a=""; pid_b=""
cleanup() {
  local p
  for p in "$pid_a" "$pid_b"; do [ -n "$p" ] && kill "$p" 2>/dev/null || true; done
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
restcost() { taskset -c 1 "${JAVA:-java}" ${JAVA_OPTS:-} -jar benchmarks/target/restcost.jar "$@"; }

# --- certificates, made here and deleted on exit ---
make_certs "$work"

# --- nginx: a 200-byte JSON body, keep-alive unlimited, an access log of connection serials ---
path=/ibmmq/rest/v2/admin/qmgr
python3 -c 'import json; b=json.dumps({"qmgr":[{"name":"QM1","state":"running","pad":"x"*150}]}); print(b[:200].ljust(200), end="")' > "$work/qmgr.json"
nginx_start "$work" "$work/server.pem" "$work/server.key" "$path" "$work/qmgr.json" \
  "log_format conn '\$connection \$connection_requests \$status'; access_log $work/nginx/logs/access.log conn buffer=256k flush=1s;"
url=$nginx_url
log="$work/nginx/logs/access.log"
pid_a=$nginx_pid
nginx_pin_core0
# The busy loop (spin, nginx-lib.sh) runs during the paced phases only; flat out, nginx's core is never
# idle anyway, and the loop would take its share from nginx.
# access-log lines so far (the log is flushed every second)
lines_of() { [ -f "$1" ] && wc -l < "$1" || echo 0; }
lines() { sleep 1.5; lines_of "$log"; }
# us_per_request TICKS REQUESTS: nginx's CPU per request in microseconds
us_per_request() { awk -v dt="$1" -v dn="$2" -v us="$tick_us" 'BEGIN { printf "%.1f", (dn > 0 ? dt * us / dn : 0) }'; }
tick_us=$(nginx_tick_us)
fail=0
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.3f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
within() { awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN { d = (a - b) / b * 100; printf "%+.1f%%", d; exit (d <= t && d >= -t) ? 0 : 1 }'; }
field() { python3 -c 'import json,sys; v=json.load(open(sys.argv[1])); [v := v[k] for k in sys.argv[2].split(".")]; print(v)' "$1/summary.json" "$2"; }

echo "nginx $(nginx -v 2>&1 | sed 's/.*\///') on core 0 (a second one beside it for the paced runs), clients on core 1; restcost on $("${JAVA:-java}" -version 2>&1 | head -1)${JAVA_OPTS:+ $JAVA_OPTS}${SPINNER:+; a nice-19 spinner on core 0 during the paced runs}"


{
  # A second nginx, the same as the first, for the paced runs side by side.
  mkdir -p "$work/b"
  nginx_start "$work/b" "$work/server.pem" "$work/server.key" "$path" "$work/qmgr.json" \
    "log_format conn '\$connection \$connection_requests \$status'; access_log $work/b/nginx/logs/access.log conn buffer=256k flush=1s;"
  pid_b=$nginx_pid
  nginx_pin_core0
  nginx_pid=$pid_a
  srv_url=("$url" "$nginx_url"); srv_pid=("$pid_a" "$pid_b"); srv_log=("$log" "$work/b/nginx/logs/access.log")
  declare -A cpu all_cpu rate all_rate own all_own ratio all_ratio all_wrk
  short=""   # paced runs that fell more than 10% short of their rate
  # One measured run against the first nginx: its CPU per request from its own /proc and access log.
  measure() {
    local name=$1; shift
    local l0 t0 out
    l0=$(lines); t0=$(nginx_ticks)
    out=$("$@")
    cpu[$name]=$(us_per_request "$(( $(nginx_ticks) - t0 ))" "$(( $(lines) - l0 ))")
    rate[$name]=$(echo "$out" | tail -1)
    all_cpu[$name]+="${cpu[$name]} "
    all_rate[$name]+="${rate[$name]} "
  }
  n_os=$(( os_rate * seconds )); n_ka=$(( ka_rate * seconds ))
  paced_hey() { # URL RATE N [-disable-keepalive]; prints its rate
    local start end
    start=$(date +%s.%N)
    taskset -c 1 hey -c 1 -q "$2" -n "$3" ${4:-} "$1$path" >/dev/null
    end=$(date +%s.%N)
    awk -v n="$3" -v a="$start" -v b="$end" 'BEGIN { printf "%.1f\n", n / (b - a) }'
  }
  # side_by_side CELL OTHER RATE N HEYFLAG POLICY ENGINE PROVIDER: restcost (CELL) against one nginx and
  # hey (OTHER) against the other, at the same time; POLICY "hey" runs hey in CELL's place too. hey
  # starts a second late, when restcost's JVM is up and sending. Adds CELL / OTHER to CELL's rounds.
  side_by_side() {
    local cell=$1 other=$2 r=$3 n=$4 hflag=$5 policy=$6 engine=${7:-} provider=${8:-}
    local x=$(( round % 2 )) y=$(( (round + 1) % 2 )) lx ly tx ty jc jo
    sleep 1.5
    lx=$(lines_of "${srv_log[$x]}"); ly=$(lines_of "${srv_log[$y]}")
    tx=$(nginx_ticks "${srv_pid[$x]}"); ty=$(nginx_ticks "${srv_pid[$y]}")
    if [ "$policy" = hey ]; then
      # half a period after the other hey: two hey started together send in step, and nginx's
      # two servers then take turns in the same order at every tick (hey beside hey one-shot
      # read 0.828 to 1.167 in step, 1.000 to 1.159 half a period apart, 6 rounds each)
      (sleep "$(awk -v r="$r" 'BEGIN { print 1 + 0.5 / r }')"; paced_hey "${srv_url[$x]}" "$r" "$n" $hflag > "$work/rate-$cell") & jc=$!
    else
      restcost run --target "${srv_url[$x]}" --ca-cert "$work/ca.pem" --path "$path" --policy "$policy" --engine "$engine" \
        --tls-provider "$provider" -c "$conc" --rate "$r" -n "$n" --warmup 0s -q --server-cpu "pid:${srv_pid[$x]}+children" \
        --out "$work/$cell-$round" >/dev/null & jc=$!
    fi
    (sleep 1; paced_hey "${srv_url[$y]}" "$r" "$n" $hflag > "$work/rate-$other") & jo=$!
    wait "$jc" || { echo "restcost failed in $cell, round $round" >&2; exit 1; }
    wait "$jo" || { echo "hey failed beside $cell, round $round" >&2; exit 1; }
    sleep 1.5
    cpu[$cell]=$(us_per_request "$(( $(nginx_ticks "${srv_pid[$x]}") - tx ))" "$(( $(lines_of "${srv_log[$x]}") - lx ))")
    cpu[$other]=$(us_per_request "$(( $(nginx_ticks "${srv_pid[$y]}") - ty ))" "$(( $(lines_of "${srv_log[$y]}") - ly ))")
    if [ "$policy" = hey ]; then rate[$cell]=$(cat "$work/rate-$cell"); else rate[$cell]=$(field "$work/$cell-$round" throughputPerSecond); fi
    rate[$other]=$(cat "$work/rate-$other")
    for k in "$cell" "$other"; do
      all_cpu[$k]+="${cpu[$k]} "; all_rate[$k]+="${rate[$k]} "
      awk -v a="${rate[$k]}" -v r="$r" 'BEGIN { exit (a >= 0.9 * r) ? 0 : 1 }' || short+="$k (round $round: ${rate[$k]}/s of $r) "
    done
    pair_ratio "cpu-$cell" "${cpu[$cell]}" "${cpu[$other]}"
  }
  flat_out() { # POLICY ENGINE PROVIDER NAME
    restcost run --target "$url" --ca-cert "$work/ca.pem" --path "$path" --policy "$1" --engine "$2" --tls-provider "$3" \
      -c "$conc" -d "${seconds}s" --warmup "${FLAT_WARMUP:-auto}" -q --out "$work/$4-$round" >/dev/null || exit 1
    field "$work/$4-$round" throughputPerSecond
  }
  run_wrk() { taskset -c 1 wrk -t1 -c"$conc" -d"${seconds}s" "$url$path" | awk '/Requests\/sec/ {print $2}'; }

  # ratio KEY A B: adds A / B to KEY's rounds.
  pair_ratio() { all_ratio[$1]+="$(awk -v a="$2" -v b="$3" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }') "; }
  for round in $(seq 1 "$rounds"); do
    spin on
    side_by_side aa-os hey-aa-os "$os_rate" "$n_os" -disable-keepalive hey
    side_by_side aa-ka hey-aa-ka "$ka_rate" "$n_ka" "" hey
    for engine in apache okhttp; do
      for provider in jdk conscrypt; do
        side_by_side "os-$engine-$provider" "hey-os-$engine-$provider" "$os_rate" "$n_os" -disable-keepalive one-shot "$engine" "$provider"
      done
      side_by_side "ka-$engine" "hey-ka-$engine" "$ka_rate" "$n_ka" "" pooled "$engine" jdk
    done
    # flat out, against the first nginx alone: the busy loop would take its share from nginx
    spin off
    for engine in apache okhttp; do
      for provider in jdk conscrypt; do
        measure "max-os-$engine-$provider" flat_out one-shot "$engine" "$provider" "max-os-$engine-$provider"
      done
      # wrk before, between and after the flat-out pooled runs, each judged against the mean of its
      # neighbours: this machine's speed drifts by half within minutes
      measure "wrk-$engine" run_wrk
      prev=${rate[wrk-$engine]}
      for provider in jdk conscrypt; do
        measure "max-ka-$engine-$provider" flat_out pooled "$engine" "$provider" "max-ka-$engine-$provider"
        measure "wrk-$engine-after-$provider" run_wrk
        next=${rate[wrk-$engine-after-$provider]}
        wrk_near=$(awk -v a="$prev" -v b="$next" 'BEGIN { printf "%.1f", (a + b) / 2 }')
        all_wrk[$engine-$provider]+="$wrk_near "
        pair_ratio "ka-$engine-$provider" "${rate[max-ka-$engine-$provider]}" "$wrk_near"
        prev=$next
      done
    done
    echo "round $round: nginx us/request side by side: one-shot apache/jdk ${cpu[os-apache-jdk]} (hey ${cpu[hey-os-apache-jdk]})," \
      "okhttp/conscrypt ${cpu[os-okhttp-conscrypt]} (hey ${cpu[hey-os-okhttp-conscrypt]});" \
      "pooled apache ${cpu[ka-apache]} (hey keep-alive ${cpu[hey-ka-apache]}); hey beside hey ${cpu[aa-os]} / ${cpu[hey-aa-os]}," \
      "keep-alive ${cpu[aa-ka]} / ${cpu[hey-aa-ka]}" >&2
  done
  for name in "${!all_cpu[@]}"; do cpu[$name]=$(echo "${all_cpu[$name]}" | median); rate[$name]=$(echo "${all_rate[$name]}" | median); done
  for name in "${!all_ratio[@]}"; do ratio[$name]=$(echo "${all_ratio[$name]}" | median); done
  # restcost's own server-CPU figure of each paced run, from its summary.json
  for name in os-apache-jdk os-apache-conscrypt os-okhttp-jdk os-okhttp-conscrypt ka-apache ka-okhttp; do
    for round in $(seq 1 "$rounds"); do all_own[$name]+="$(field "$work/$name-$round" serverCpuMicrosPerRequest) "; done
    own[$name]=$(echo "${all_own[$name]}" | median)
  done

  echo
  row() { # LABEL CELL HEY KEY
    printf '%-34s %8s %13s %12s %14s %9s  %s\n' "$1" "${rate[$2]}" "${cpu[$2]}" "${rate[$3]}" "${cpu[$3]}" "${ratio[$4]}" "${all_ratio[$4]% }"
  }
  echo "medians over $rounds rounds; two nginx on core 0, the clients on core 1; each cell side by side with hey, each against its own nginx"
  printf '%-34s %8s %13s %12s %14s %9s  %s\n' "client, paced evenly" "rate/s" "nginx us/req" "hey's rate" "hey's us/req" "ratio" "rounds"
  row "hey beside hey, one-shot" aa-os hey-aa-os cpu-aa-os
  row "hey beside hey, keep-alive" aa-ka hey-aa-ka cpu-aa-ka
  for engine in apache okhttp; do
    for provider in jdk conscrypt; do
      row "restcost one-shot $engine/$provider" "os-$engine-$provider" "hey-os-$engine-$provider" "cpu-os-$engine-$provider"
    done
    row "restcost pooled $engine" "ka-$engine" "hey-ka-$engine" "cpu-ka-$engine"
  done
  # the flat-out runs' warm-ups and their JIT's share of the measured windows
  python3 - "$work"/max-*/summary.json <<'PY'
import json, sys
s = [json.load(open(f)) for f in sys.argv[1:]]
w = sorted(x["warmup"]["seconds"] for x in s); j = sorted(x["clientJit"]["shareOfWindow"] * 100 for x in s)
c = sorted(x["warmup"]["clients"] for x in s)
print("flat out, restcost warmed up for %.0f-%.0f s on %d-%d clients (--warmup %s); its JIT compiled for %.1f-%.1f%% of the windows"
      % (w[0], w[-1], c[0], c[-1], s[0]["warmup"]["asked"], j[0], j[-1]))
PY
  if [ -n "$short" ]; then
    echo "fell more than 10% short of the asked rate (bunched requests cost nginx less each; judge these cells with care): $short"
  else
    echo "every paced client, restcost and hey, kept within 10% of its asked rate"
  fi
  echo
  # judged: the median of the rounds' ratios, within PERCENT of 1
  judged() { awk -v r="$1" -v t="$2" 'BEGIN { d = (r - 1) * 100; printf "%+.1f%%", d; exit (d <= t && d >= -t) ? 0 : 1 }'; }
  for engine in apache okhttp; do
    for provider in jdk conscrypt; do
      n="os-$engine-$provider"
      d=$(judged "${ratio[cpu-$n]}" 15) || fail=1
      o=$(within "${own[$n]}" "${cpu[$n]}" 5) || fail=1
      echo "one-shot $engine/$provider: nginx's CPU per request $d against hey -disable-keepalive's (median of the rounds' ratios; target within 15%); restcost's own figure $o against this script's (target within 5%)"
    done
    d=$(judged "${ratio[cpu-ka-$engine]}" 15) || fail=1
    o=$(within "${own[ka-$engine]}" "${cpu[ka-$engine]}" 5) || fail=1
    echo "pooled $engine: nginx's CPU per request $d against keep-alive hey's (target within 15%); restcost's own figure $o (target within 5%)"
    x=$(awk -v a="${rate[max-os-$engine-conscrypt]}" -v b="${rate[max-os-$engine-jdk]}" 'BEGIN { printf "%.2f", a / b }')
    f=${ratio[ka-$engine-jdk]}
    echo "load generator $engine: one-shot Conscrypt ${rate[max-os-$engine-conscrypt]}/s against JDK ${rate[max-os-$engine-jdk]}/s = ${x}x (target >= 2);" \
      "pooled ${rate[max-ka-$engine-jdk]}/s against wrk's $(echo "${all_wrk[$engine-jdk]}" | median)/s, median ratio $f (rounds: ${all_ratio[ka-$engine-jdk]% }; target >= 0.5);" \
      "on Conscrypt ${rate[max-ka-$engine-conscrypt]}/s against wrk's $(echo "${all_wrk[$engine-conscrypt]}" | median)/s, median ratio ${ratio[ka-$engine-conscrypt]} (rounds: ${all_ratio[ka-$engine-conscrypt]% })"
    awk -v x="$x" 'BEGIN { exit (x >= 2) ? 0 : 1 }' || fail=1
    awk -v f="$f" 'BEGIN { exit (f >= 0.5) ? 0 : 1 }' || fail=1
  done
}

# The counting (restcost's connections and requests against nginx's log) is a test of its own:
# NginxCountTest, which mvn -B verify runs where nginx is installed.
exit $fail
