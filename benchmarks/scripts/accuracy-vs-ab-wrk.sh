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
# Medians over the rounds are judged: runs minutes apart differ by more than the clients do.
#
#   benchmarks/scripts/accuracy-vs-ab-wrk.sh [rounds, default 4] [seconds per run, default 10]
#       [one-shot rate/s, default 150] [keep-alive rate/s, default 1500]
#   COUNTS_ONLY=1 benchmarks/scripts/accuracy-vs-ab-wrk.sh     # only the counting (nginx alone, a minute)
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java benchmarks/scripts/accuracy-vs-ab-wrk.sh
#
# Generates a CA and a server certificate (EC P-256, SAN 127.0.0.1) with openssl in a
# temporary folder; installs nginx, wrk and hey with apt-get when missing (as root).
# Binds 127.0.0.1 only; stops what it starts. Exit code 1 if a target is missed.
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-4}
seconds=${2:-10}
os_rate=${3:-150}
ka_rate=${4:-1500}
conc=4
work=$(mktemp -d /tmp/restcost-accuracy.XXXXXX)
nginx_pid=""
cleanup() {
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null || true
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
lines() { sleep 1.5; [ -f "$log" ] && wc -l < "$log" || echo 0; }
tick_us=$(awk -v t="$(getconf CLK_TCK)" 'BEGIN { print 1000000 / t }')
fail=0
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.3f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
within() { awk -v a="$1" -v b="$2" -v t="$3" 'BEGIN { d = (a - b) / b * 100; printf "%+.1f%%", d; exit (d <= t && d >= -t) ? 0 : 1 }'; }
field() { python3 -c 'import json,sys; v=json.load(open(sys.argv[1])); [v := v[k] for k in sys.argv[2].split(".")]; print(v)' "$1/summary.json" "$2"; }

echo "nginx $(nginx -v 2>&1 | sed 's/.*\///') on core 0, clients on core 1; restcost on $("${JAVA:-java}" -version 2>&1 | head -1)"

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
    taskset -c 1 hey -c "$conc" -q "$(awk -v r="$1" -v c="$conc" 'BEGIN { printf "%.2f", r / c }')" -n "$2" ${3:-} "$url$path" >/dev/null
    end=$(date +%s.%N)
    awk -v n="$2" -v a="$start" -v b="$end" 'BEGIN { printf "%.1f\n", n / (b - a) }'
  }
  flat_out() { # POLICY ENGINE PROVIDER NAME
    restcost run --target "$url" --ca-cert "$work/ca.pem" --path "$path" --policy "$1" --engine "$2" --tls-provider "$3" \
      -c "$conc" -d "${seconds}s" --warmup 3s -q --out "$work/$4-$round" >/dev/null || exit 1
    field "$work/$4-$round" throughputPerSecond
  }
  run_wrk() { taskset -c 1 wrk -t1 -c"$conc" -d"${seconds}s" "$url$path" | awk '/Requests\/sec/ {print $2}'; }

  for round in $(seq 1 "$rounds"); do
    measure hey-os paced_hey "$os_rate" "$n_os" -disable-keepalive
    measure hey-ka paced_hey "$ka_rate" "$n_ka"
    for engine in apache okhttp; do
      for provider in jdk conscrypt; do
        measure "os-$engine-$provider" paced_restcost one-shot "$engine" "$provider" "$os_rate" "$n_os" "os-$engine-$provider"
        measure "max-os-$engine-$provider" flat_out one-shot "$engine" "$provider" "max-os-$engine-$provider"
      done
      measure "ka-$engine" paced_restcost pooled "$engine" jdk "$ka_rate" "$n_ka" "ka-$engine"
      # wrk right before each flat-out pair: this machine's speed drifts by half within minutes,
      # so each round's ratio is against its neighbour, and the median of the ratios is judged.
      measure "wrk-$engine" run_wrk
      for provider in jdk conscrypt; do
        measure "max-ka-$engine-$provider" flat_out pooled "$engine" "$provider" "max-ka-$engine-$provider"
        all_ratio[ka-$engine-$provider]+="$(awk -v a="${rate[max-ka-$engine-$provider]}" -v b="${rate[wrk-$engine]}" \
          'BEGIN { printf "%.3f", a / b }') "
      done
    done
    echo "round $round: nginx us/request one-shot hey ${cpu[hey-os]}, apache/jdk ${cpu[os-apache-jdk]}, okhttp/conscrypt" \
      "${cpu[os-okhttp-conscrypt]}; keep-alive hey ${cpu[hey-ka]}, apache ${cpu[ka-apache]}" >&2
  done
  for name in "${!all_cpu[@]}"; do cpu[$name]=$(echo "${all_cpu[$name]}" | median); rate[$name]=$(echo "${all_rate[$name]}" | median); done
  for name in "${!all_ratio[@]}"; do ratio[$name]=$(echo "${all_ratio[$name]}" | median); done
  # restcost's own server-CPU figure of each paced run (measure runs it in a subshell: read it back here).
  for name in os-apache-jdk os-apache-conscrypt os-okhttp-jdk os-okhttp-conscrypt ka-apache ka-okhttp; do
    for round in $(seq 1 "$rounds"); do all_own[$name]+="$(field "$work/$name-$round" serverCpuMicrosPerRequest) "; done
    own[$name]=$(echo "${all_own[$name]}" | median)
  done

  echo
  echo "medians over $rounds rounds, nginx pinned to core 0, clients to core 1"
  printf '%-34s %12s %14s %16s\n' "client, paced" "rate/s" "nginx us/req" "restcost's own"
  printf '%-34s %12s %14s %16s\n' "hey -disable-keepalive" "${rate[hey-os]}" "${cpu[hey-os]}" ""
  for engine in apache okhttp; do
    for provider in jdk conscrypt; do
      n="os-$engine-$provider"
      printf '%-34s %12s %14s %16s\n' "restcost one-shot $engine/$provider" "${rate[$n]}" "${cpu[$n]}" "${own[$n]}"
    done
  done
  printf '%-34s %12s %14s %16s\n' "hey keep-alive" "${rate[hey-ka]}" "${cpu[hey-ka]}" ""
  for engine in apache okhttp; do
    printf '%-34s %12s %14s %16s\n' "restcost pooled $engine" "${rate[ka-$engine]}" "${cpu[ka-$engine]}" "${own[ka-$engine]}"
  done
  echo
  for engine in apache okhttp; do
    for provider in jdk conscrypt; do
      n="os-$engine-$provider"
      d=$(within "${cpu[$n]}" "${cpu[hey-os]}" 15) || fail=1
      o=$(within "${own[$n]}" "${cpu[$n]}" 5) || fail=1
      echo "one-shot $engine/$provider: nginx's CPU per request $d against hey's (target within 15%); restcost's own figure $o against this script's (target within 5%)"
    done
    d=$(within "${cpu[ka-$engine]}" "${cpu[hey-ka]}" 15) || fail=1
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
