#!/usr/bin/env bash
# Does restcost cost a real server what independent tools cost it? (issue: the server's bill.)
# On one 2-core machine a JVM client's TLS sets every one-shot throughput figure, so the
# criterion is the server's own bill: nginx on core 0, every client on core 1 (taskset),
# each load paced to the same rate (open model), nginx's CPU read by this script from /proc.
#   - one-shot: nginx's CPU per request under restcost one-shot is within 15% of its CPU under
#     hey -disable-keepalive at the same rate; per engine and TLS provider (jdk, conscrypt);
#   - keep-alive: under restcost pooled, within 15% of keep-alive hey at the same rate;
#   - restcost's own figure (--server-cpu pid:NGINX+children) equals this script's reading
#     over the same runs within 5%;
#   - counting: connections, requests and requests per connection equal nginx's access log,
#     the preflight request included (summary.json's sentToServer), for one-shot, rotating
#     and the drop-in engines;
#   - as a load generator (reported, judged): restcost one-shot on Conscrypt reaches at least
#     twice the rate of one-shot on the JDK's TLS, and pooled at least 0.5 of wrk's rate (wrk
#     run right before each engine's flat-out pooled runs; the median of the per-round ratios
#     is judged on the JDK's TLS, Conscrypt's reported beside it).
# Each paced restcost cell runs right after its own hey phase, and the median over the rounds of
# the two's ratio is judged: runs minutes apart differ by more than the clients do.
# Every paced client sends its requests evenly spaced: restcost from 4 threads on one schedule
# (request i at i / rate), hey from one worker at the whole rate. hey's -q is per worker and its
# workers' tickers start together, so hey -c 4 -q rate/4 sends bursts of 4 requests microseconds
# apart, which nginx serves in fewer wake-ups: 15-37% less CPU per request than the same rate
# evenly spaced (benchmarks/scripts/oneshot-pairs-vs-hey.sh with HEY_CONC=4 shows it).
#
#   benchmarks/scripts/accuracy-vs-ab-wrk.sh [rounds, default 4] [seconds per run, default 10]
#       [one-shot rate/s, default 100] [keep-alive rate/s, default 500: hey with one worker keeps no more than about 900/s here]
#   COUNTS_ONLY=1 benchmarks/scripts/accuracy-vs-ab-wrk.sh     # only the counting (nginx alone, a minute)
#   SPINNER=1 benchmarks/scripts/accuracy-vs-ab-wrk.sh         # a nice-19 busy loop on core 0 during the paced
#       runs, so nginx's vCPU never idles: on this PVM guest a wake-up from idle is a hypercall whose cost
#       varies from run to run, and adjacent pairs still differ by up to 2.4x without it (see
#       oneshot-pairs-vs-hey.sh); stopped for the flat-out runs (restcost pooled flat out read 6,802/s
#       with it, 11,091/s without, in two runs the same day)
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java benchmarks/scripts/accuracy-vs-ab-wrk.sh
#
# Generates a CA and a server certificate (EC P-256, SAN 127.0.0.1) with openssl in a
# temporary folder; installs nginx, wrk and hey with apt-get when missing (as root).
# Binds 127.0.0.1 only; stops what it starts. Exit code 1 if a target is missed.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-4}
seconds=${2:-10}
os_rate=${3:-100}
ka_rate=${4:-500}
conc=4
work=$(mktemp -d /tmp/restcost-accuracy.XXXXXX)
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
if [ -n "${COUNTS_ONLY:-}" ]; then
  need_tools nginx-light openssl curl
else
  need_tools nginx-light wrk hey openssl curl
fi
[ -f benchmarks/target/restcost.jar ] || mvn -B -q -DskipTests package
# Clients run on core 1, nginx on core 0: a busy JVM beside nginx moves nginx's figure by half.
restcost() { taskset -c 1 "${JAVA:-java}" -jar benchmarks/target/restcost.jar "$@"; }

# --- certificates, made here and deleted on exit ---
make_certs "$work"

# --- nginx: a 200-byte JSON body, keep-alive unlimited, an access log of connection serials ---
path=/ibmmq/rest/v2/admin/qmgr
python3 -c 'import json; b=json.dumps({"qmgr":[{"name":"QM1","state":"running","pad":"x"*150}]}); print(b[:200].ljust(200), end="")' > "$work/qmgr.json"
nginx_start "$work" "$work/server.pem" "$work/server.key" "$path" "$work/qmgr.json" \
  "log_format conn '\$connection \$connection_requests \$status'; access_log $work/nginx/logs/access.log conn buffer=256k flush=1s;"
url=$nginx_url
log="$work/nginx/logs/access.log"
nginx_pin_core0
# The busy loop (spin, nginx-lib.sh) runs during the paced phases only; flat out, nginx's core is never
# idle anyway, and the loop would take its share from nginx.
# access-log lines so far (the log is flushed every second)
lines() { sleep 1.5; [ -f "$log" ] && wc -l < "$log" || echo 0; }
tick_us=$(nginx_tick_us)
fail=0
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.3f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
within() { awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN { d = (a - b) / b * 100; printf "%+.1f%%", d; exit (d <= t && d >= -t) ? 0 : 1 }'; }
field() { python3 -c 'import json,sys; v=json.load(open(sys.argv[1])); [v := v[k] for k in sys.argv[2].split(".")]; print(v)' "$1/summary.json" "$2"; }

echo "nginx $(nginx -v 2>&1 | sed 's/.*\///') on core 0, clients on core 1; restcost on $("${JAVA:-java}" -version 2>&1 | head -1)${SPINNER:+; a nice-19 spinner on core 0 during the paced runs}"

# Counting: restcost's own counts against nginx's log, on runs without warm-up. The log holds
# restcost's first request too, which checks the target on a client of its own (one
# connection, one request): summary.json's sentToServer counts it, and must equal the log.
count_check() {
  local name=$1; shift
  local before after
  before=$(lines)
  restcost run --target "$url" --ca-cert "$work/ca.pem" --path "$path" "$@" -c "$conc" -n 2000 --warmup 0s -q \
    --out "$work/$name" >/dev/null
  after=$(lines)
  sed -n "$((before + 1)),${after}p" "$log" > "$work/$name.log"
  python3 - "$work/$name" "$work/$name.log" <<'PY'
import json, sys, collections
s = json.load(open(sys.argv[1] + "/summary.json"))
per = collections.Counter()
for line in open(sys.argv[2]):
    conn, n, status = line.split()
    per[conn] += 1
counts = sorted(per.values())
checked = counts.copy(); checked.remove(1)      # the check request's own connection
rc = s["requestsPerConnection"]; sent = s["sentToServer"]
ok = (len(checked) == s["connectionsOpened"] and sum(checked) == s["requests"]
      and min(checked) == rc["min"] and max(checked) == rc["max"]
      and sent["requests"] == sum(counts) and sent["connections"] == len(counts))
print("%-30s restcost: %5d connections, %6d requests, per connection min %d max %d mean %.2f; sent to the server %d / %d"
      % (sys.argv[1].rsplit("/", 1)[1], s["connectionsOpened"], s["requests"], rc["min"], rc["max"], rc["mean"],
         sent["requests"], sent["connections"]))
print("%-30s nginx log: %5d connections, %6d requests, per connection min %d max %d mean %.2f; whole log  %d / %d  -> %s"
      % ("", len(checked), sum(checked), min(checked), max(checked), sum(checked) / len(checked), sum(counts), len(counts),
         "MATCH" if ok else "DIFFER"))
sys.exit(0 if ok else 1)
PY
}

if [ -z "${COUNTS_ONLY:-}" ]; then
  declare -A cpu all_cpu rate all_rate own all_own ratio all_ratio
  # One measured run: nginx's CPU per request from its own /proc and access log.
  measure() {
    local name=$1; shift
    local l0 t0 out
    l0=$(lines); t0=$(nginx_ticks)
    out=$("$@")
    cpu[$name]=$(awk -v dt="$(( $(nginx_ticks) - t0 ))" -v dn="$(( $(lines) - l0 ))" -v us="$tick_us" \
      'BEGIN { printf "%.1f", (dn > 0 ? dt * us / dn : 0) }')
    rate[$name]=$(echo "$out" | tail -1)
    all_cpu[$name]+="${cpu[$name]} "
    all_rate[$name]+="${rate[$name]} "
  }
  n_os=$(( os_rate * seconds )); n_ka=$(( ka_rate * seconds ))
  paced_restcost() { # POLICY ENGINE PROVIDER RATE N NAME
    restcost run --target "$url" --ca-cert "$work/ca.pem" --path "$path" --policy "$1" --engine "$2" --tls-provider "$3" \
      -c "$conc" --rate "$4" -n "$5" --warmup 0s -q --server-cpu "pid:$nginx_pid+children" --out "$work/$6-$round" >/dev/null || exit 1
    field "$work/$6-$round" throughputPerSecond
  }
  paced_hey() { # RATE N [-disable-keepalive]
    local start end
    start=$(date +%s.%N)
    taskset -c 1 hey -c 1 -q "$1" -n "$2" ${3:-} "$url$path" >/dev/null
    end=$(date +%s.%N)
    awk -v n="$2" -v a="$start" -v b="$end" 'BEGIN { printf "%.1f\n", n / (b - a) }'
  }
  flat_out() { # POLICY ENGINE PROVIDER NAME
    restcost run --target "$url" --ca-cert "$work/ca.pem" --path "$path" --policy "$1" --engine "$2" --tls-provider "$3" \
      -c "$conc" -d "${seconds}s" --warmup 3s -q --out "$work/$4-$round" >/dev/null || exit 1
    field "$work/$4-$round" throughputPerSecond
  }
  run_wrk() { taskset -c 1 wrk -t1 -c"$conc" -d"${seconds}s" "$url$path" | awk '/Requests\/sec/ {print $2}'; }

  # ratio KEY A B: adds A / B (restcost's cell over the hey phase right before it) to KEY's rounds.
  pair_ratio() { all_ratio[$1]+="$(awk -v a="$2" -v b="$3" 'BEGIN { printf "%.3f", (b > 0 ? a / b : 0) }') "; }
  for round in $(seq 1 "$rounds"); do
    for engine in apache okhttp; do
      for provider in jdk conscrypt; do
        # hey right before each paced cell: this machine's speed drifts by half within minutes, so
        # each cell is judged against its neighbour, and the median of the rounds' ratios is judged.
        spin on
        measure "hey-os-$engine-$provider" paced_hey "$os_rate" "$n_os" -disable-keepalive
        measure "os-$engine-$provider" paced_restcost one-shot "$engine" "$provider" "$os_rate" "$n_os" "os-$engine-$provider"
        pair_ratio "cpu-os-$engine-$provider" "${cpu[os-$engine-$provider]}" "${cpu[hey-os-$engine-$provider]}"
        spin off
        measure "max-os-$engine-$provider" flat_out one-shot "$engine" "$provider" "max-os-$engine-$provider"
      done
      spin on
      measure "hey-ka-$engine" paced_hey "$ka_rate" "$n_ka"
      measure "ka-$engine" paced_restcost pooled "$engine" jdk "$ka_rate" "$n_ka" "ka-$engine"
      pair_ratio "cpu-ka-$engine" "${cpu[ka-$engine]}" "${cpu[hey-ka-$engine]}"
      # wrk right before each flat-out pair, for the same reason.
      spin off
      measure "wrk-$engine" run_wrk
      for provider in jdk conscrypt; do
        measure "max-ka-$engine-$provider" flat_out pooled "$engine" "$provider" "max-ka-$engine-$provider"
        pair_ratio "ka-$engine-$provider" "${rate[max-ka-$engine-$provider]}" "${rate[wrk-$engine]}"
      done
    done
    echo "round $round: nginx us/request one-shot apache/jdk ${cpu[os-apache-jdk]} (hey ${cpu[hey-os-apache-jdk]})," \
      "okhttp/conscrypt ${cpu[os-okhttp-conscrypt]} (hey ${cpu[hey-os-okhttp-conscrypt]});" \
      "pooled apache ${cpu[ka-apache]} (hey keep-alive ${cpu[hey-ka-apache]})" >&2
  done
  for name in "${!all_cpu[@]}"; do cpu[$name]=$(echo "${all_cpu[$name]}" | median); rate[$name]=$(echo "${all_rate[$name]}" | median); done
  for name in "${!all_ratio[@]}"; do ratio[$name]=$(echo "${all_ratio[$name]}" | median); done
  # restcost's own server-CPU figure of each paced run (measure runs it in a subshell: read it back here).
  for name in os-apache-jdk os-apache-conscrypt os-okhttp-jdk os-okhttp-conscrypt ka-apache ka-okhttp; do
    for round in $(seq 1 "$rounds"); do all_own[$name]+="$(field "$work/$name-$round" serverCpuMicrosPerRequest) "; done
    own[$name]=$(echo "${all_own[$name]}" | median)
  done

  echo
  echo "medians over $rounds rounds, nginx pinned to core 0, clients to core 1, each restcost cell right after its hey phase"
  printf '%-34s %8s %13s %12s %14s %9s  %s\n' "client, paced evenly" "rate/s" "nginx us/req" "hey's rate" "hey's us/req" "ratio" "rounds"
  row() { # LABEL CELL HEY KEY
    printf '%-34s %8s %13s %12s %14s %9s  %s\n' "$1" "${rate[$2]}" "${cpu[$2]}" "${rate[$3]}" "${cpu[$3]}" "${ratio[$4]}" "${all_ratio[$4]% }"
  }
  for engine in apache okhttp; do
    for provider in jdk conscrypt; do
      row "restcost one-shot $engine/$provider" "os-$engine-$provider" "hey-os-$engine-$provider" "cpu-os-$engine-$provider"
    done
    row "restcost pooled $engine" "ka-$engine" "hey-ka-$engine" "cpu-ka-$engine"
  done
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
      "pooled ${rate[max-ka-$engine-jdk]}/s against wrk's ${rate[wrk-$engine]}/s, median ratio $f (rounds: ${all_ratio[ka-$engine-jdk]% }; target >= 0.5);" \
      "on Conscrypt ${rate[max-ka-$engine-conscrypt]}/s, median ratio ${ratio[ka-$engine-conscrypt]} (rounds: ${all_ratio[ka-$engine-conscrypt]% })"
    awk -v x="$x" 'BEGIN { exit (x >= 2) ? 0 : 1 }' || fail=1
    awk -v f="$f" 'BEGIN { exit (f >= 0.5) ? 0 : 1 }' || fail=1
  done
fi

echo
count_check one-shot-count --policy one-shot || fail=1
count_check rotating-count --policy rotating:requests=50,jitter=0.2 || fail=1
count_check one-shot-count-conscrypt --policy one-shot --tls-provider conscrypt || fail=1
for engine in apache-adapted okhttp-adapted; do
  count_check "rotating-count-$engine" --policy rotating:requests=50,jitter=0.2 --engine "$engine" || fail=1
done
exit $fail
