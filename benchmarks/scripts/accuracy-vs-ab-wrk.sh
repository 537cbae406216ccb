#!/usr/bin/env bash
# Is restcost an accurate load generator? (issue: benchmarks, accuracy). Against one nginx
# HTTPS endpoint on loopback, at the same concurrency, in one run:
#   - one-shot : pooled throughput ratio by restcost, against the same ratio from ab (no
#     keep-alive: a full TLS handshake per request, like restcost's one-shot) and wrk
#     (keep-alive); the two ratios must agree within 20%;
#   - restcost pooled throughput as a fraction of wrk's (target >= 0.5), per engine;
#   - connections and requests per connection restcost counted, against nginx's own access
#     log ($connection, $connection_requests) for a one-shot and a rotating run;
#   - for information, nginx's own CPU per request under each client. A server's CPU per
#     one-shot request depends on how busy it is (fewer, lonelier handshakes cost more each),
#     so restcost's one-shot is also compared with hey -disable-keepalive (Go's TLS, full
#     handshakes) paced to the same rate: half of restcost's one-shot maximum, where neither
#     client is saturated.
#
#   - the same counting for the stock clients with restcost's drop-in rotation
#     (--engine apache-adapted and okhttp-adapted).
#
#   benchmarks/scripts/accuracy-vs-ab-wrk.sh [concurrency, default 4] [seconds per run, default 10] [rounds, default 3]
#   COUNTS_ONLY=1 benchmarks/scripts/accuracy-vs-ab-wrk.sh     # only the counting (nginx alone, a minute)
#
# Each round measures every client once, in the same order; ratios are taken within a round
# (runs minutes apart on a shared machine differ by more than the clients do) and the
# medians over the rounds are judged.
#   JAVA=/usr/lib/jvm/temurin-25-jdk-amd64/bin/java benchmarks/scripts/accuracy-vs-ab-wrk.sh
#
# Generates a CA and a server certificate (EC P-256, SAN 127.0.0.1) with openssl in a
# temporary folder; installs nginx, wrk, apache2-utils and hey with apt-get when missing (as root).
# Binds 127.0.0.1 only; stops what it starts. Exit code 1 if a target is missed.
set -euo pipefail
cd "$(dirname "$0")/../.."
conc=${1:-4}
seconds=${2:-10}
rounds=${3:-3}
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
  need_tools nginx-light wrk apache2-utils hey openssl curl
fi
[ -f benchmarks/target/restcost.jar ] || mvn -B -q -DskipTests package
# JAVA picks the JVM restcost runs on (the JDK your application uses, e.g. a newer one).
restcost() { "${JAVA:-java}" -jar benchmarks/target/restcost.jar "$@"; }

# --- certificates, made here and deleted on exit ---
openssl ecparam -name prime256v1 -genkey -noout -out "$work/ca.key" 2>/dev/null
openssl req -x509 -new -key "$work/ca.key" -subj "/CN=restcost accuracy CA" -days 1 -out "$work/ca.pem" 2>/dev/null
openssl ecparam -name prime256v1 -genkey -noout -out "$work/server.key" 2>/dev/null
openssl req -new -key "$work/server.key" -subj "/CN=127.0.0.1" -out "$work/server.csr" 2>/dev/null
printf 'subjectAltName=IP:127.0.0.1,DNS:localhost\n' > "$work/san.ext"
openssl x509 -req -in "$work/server.csr" -CA "$work/ca.pem" -CAkey "$work/ca.key" -CAcreateserial -days 1 \
  -extfile "$work/san.ext" -out "$work/server.pem" 2>/dev/null

# --- nginx: a 200-byte JSON body, keep-alive unlimited, an access log of connection serials ---
path=/ibmmq/rest/v2/admin/qmgr
python3 -c 'import json; b=json.dumps({"qmgr":[{"name":"QM1","state":"running","pad":"x"*150}]}); print(b[:200].ljust(200), end="")' > "$work/qmgr.json"
nginx_start "$work" "$work/server.pem" "$work/server.key" "$path" "$work/qmgr.json" \
  "log_format conn '\$connection \$connection_requests \$status'; access_log $work/nginx/logs/access.log conn buffer=256k flush=1s;"
url=$nginx_url
log="$work/nginx/logs/access.log"
lines() { sleep 1.5; [ -f "$log" ] && wc -l < "$log" || echo 0; }

rc_rate() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["throughputPerSecond"])' "$1/summary.json"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a / b }'; }

[ -n "${COUNTS_ONLY:-}" ] && rounds=0
echo "nginx $(nginx -v 2>&1 | sed 's/.*\///'), $([ -n "${COUNTS_ONLY:-}" ] || wrk -v 2>&1 | head -1 | awk '{print $1, $2}'), ab, hey; restcost on $("${JAVA:-java}" -version 2>&1 | head -1); concurrency $conc; ${seconds}s per run; TLS 1.3, EC P-256, 200-byte body"
# nginx's own CPU (master and workers) and the requests in its log, around each measured run:
# the server's cost per request, whichever tool drove it.
nginx_ticks() { for p in $nginx_pid $(pgrep -P "$nginx_pid"); do awk '{print $14 + $15}' "/proc/$p/stat"; done | awk '{s += $1} END {print s}'; }
tick_us=$(awk -v t="$(getconf CLK_TCK)" 'BEGIN { print 1000000 / t }')
fail=0
declare -A rate cpu all_rate all_cpu all_ratio
measure() {
  local name=$1; shift
  local l0 t0 out
  l0=$(lines); t0=$(nginx_ticks)
  out=$("$@")
  rate[$name]=$(echo "$out" | tail -1)
  cpu[$name]=$(awk -v dt="$(( $(nginx_ticks) - t0 ))" -v dn="$(( $(lines) - l0 ))" -v us="$tick_us" \
    'BEGIN { printf "%.1f", (dn > 0 ? dt * us / dn : 0) }')
  all_rate[$name]+="${rate[$name]} "
  all_cpu[$name]+="${cpu[$name]} "
}
median() { tr ' ' '\n' | grep -v '^$' | sort -g | awk '{ a[NR] = $1 } END { if (NR % 2) print a[(NR + 1) / 2]; else printf "%.3f\n", (a[NR / 2] + a[NR / 2 + 1]) / 2 }'; }
run_wrk() { wrk -t1 -c"$conc" -d"${seconds}s" "$url$path" | awk '/Requests\/sec/ {print $2}'; }
run_ab() { ab -q -t "$seconds" -n 10000000 -c "$conc" "$url$path" 2>/dev/null | awk '/Requests per second/ {print $4}'; }
run_restcost() {
  restcost run --target "$url" --ca-cert "$work/ca.pem" --path "$path" --policy "$1" --engine "$2" \
    -c "$conc" -d "${seconds}s" --warmup 3s -q --out "$work/$1-$2-$round" >/dev/null || exit 1
  rc_rate "$work/$1-$2-$round"
}

# Paced one-shot runs, N requests at R/s: prints the rate achieved.
run_hey_paced() {
  local start end
  start=$(date +%s.%N)
  hey -disable-keepalive -c "$conc" -q "$(awk -v r="$2" -v c="$conc" 'BEGIN { printf "%.2f", r / c }')" -n "$1" "$url$path" >/dev/null
  end=$(date +%s.%N)
  awk -v n="$1" -v a="$start" -v b="$end" 'BEGIN { printf "%.1f\n", n / (b - a) }'
}
run_restcost_paced() {
  restcost run --target "$url" --ca-cert "$work/ca.pem" --path "$path" --policy one-shot --engine "$3" \
    -c "$conc" -n "$1" --rate "$2" --warmup 0s -q --out "$work/paced-$3-$round" >/dev/null || exit 1
  rc_rate "$work/paced-$3-$round"
}

[ -n "${COUNTS_ONLY:-}" ] || wrk -t1 -c"$conc" -d3s "$url$path" >/dev/null
declare -A paced
for round in $(seq 1 "$rounds"); do
  measure wrk run_wrk
  measure ab run_ab
  all_ratio[tools]+="$(ratio "${rate[wrk]}" "${rate[ab]}") "
  line="round $round: ab/wrk ${rate[ab]} / ${rate[wrk]} = $(ratio "${rate[wrk]}" "${rate[ab]}")"
  for engine in apache okhttp; do
    measure "pooled-$engine" run_restcost pooled "$engine"
    measure "one-shot-$engine" run_restcost one-shot "$engine"
    all_ratio[$engine]+="$(ratio "${rate[pooled-$engine]}" "${rate[one-shot-$engine]}") "
    all_ratio[frac-$engine]+="$(ratio "${rate[pooled-$engine]}" "${rate[wrk]}") "
    line+="; $engine ${rate[one-shot-$engine]} / ${rate[pooled-$engine]} = $(ratio "${rate[pooled-$engine]}" "${rate[one-shot-$engine]}")"
    paced[$engine]=$(awk -v r="${rate[one-shot-$engine]}" 'BEGIN { printf "%d", r / 2 }')
    n=$(( paced[$engine] * seconds ))
    measure "paced-$engine" run_restcost_paced "$n" "${paced[$engine]}" "$engine"
    measure "paced-hey-$engine" run_hey_paced "$n" "${paced[$engine]}"
  done
  echo "$line" >&2
done
# Medians over the rounds.
for name in "${!all_rate[@]}"; do
  rate[$name]=$(echo "${all_rate[$name]}" | median)
  cpu[$name]=$(echo "${all_cpu[$name]}" | median)
done

# Counting: restcost's own counts against nginx's log, on runs without warm-up. The log also
# holds restcost's first request, which checks the target on a client of its own (one
# connection, one request) before the measured client starts, and its look for the mock's
# stats endpoint (a 404 here).
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
    if status == "200":        # restcost also asks for /__restcost/stats, which nginx answers 404
        per[conn] += 1
counts = sorted(per.values())
checked = counts.copy(); checked.remove(1)      # the check request's own connection
rc = s["requestsPerConnection"]
ok = (len(checked) == s["connectionsOpened"] and sum(checked) == s["requests"]
      and min(checked) == rc["min"] and max(checked) == rc["max"])
print("%-26s restcost: %5d connections, %6d requests, per connection min %d max %d mean %.2f"
      % (sys.argv[1].rsplit("/", 1)[1], s["connectionsOpened"], s["requests"], rc["min"], rc["max"], rc["mean"]))
print("%-26s nginx log: %5d connections, %6d requests, per connection min %d max %d mean %.2f  -> %s"
      % ("", len(checked), sum(checked), min(checked), max(checked), sum(checked) / len(checked), "MATCH" if ok else "DIFFER"))
sys.exit(0 if ok else 1)
PY
}

if [ -z "${COUNTS_ONLY:-}" ]; then
echo
echo "medians over $rounds rounds (ratio: the median of each round's own ratio)"
printf '%-34s %11s %11s %9s %18s\n' "client" "one-shot/s" "pooled/s" "ratio" "nginx us/req os|ka"
tools=$(echo "${all_ratio[tools]}" | median)
printf '%-34s %11s %11s %9s %18s\n' "ab (no keep-alive) / wrk" "${rate[ab]}" "${rate[wrk]}" "$tools" "${cpu[ab]} | ${cpu[wrk]}"
for engine in apache okhttp; do
  printf '%-34s %11s %11s %9s %18s\n' "restcost $engine one-shot / pooled" "${rate[one-shot-$engine]}" "${rate[pooled-$engine]}" \
    "$(echo "${all_ratio[$engine]}" | median)" "${cpu[one-shot-$engine]} | ${cpu[pooled-$engine]}"
done
echo
within() { awk -v a="$1" -v b="$2" 'BEGIN { d = a / b - 1; printf "%+.1f%%", d * 100; exit (d > 0.2 || d < -0.2) }'; }
for engine in apache okhttp; do
  r=$(echo "${all_ratio[$engine]}" | median)
  d=$(within "$r" "$tools") || fail=1
  frac=$(echo "${all_ratio[frac-$engine]}" | median)
  awk -v f="$frac" 'BEGIN { exit (f < 0.5) }' || fail=1
  echo "restcost $engine: pooled:one-shot throughput ratio differs from ab/wrk's by $d (target within 20%);" \
    "pooled reaches $frac of wrk's rate (target >= 0.5)"
  d1=$(within "${cpu[one-shot-$engine]}" "${cpu[ab]}") || true
  d2=$(within "${cpu[pooled-$engine]}" "${cpu[wrk]}") || true
  d3=$(within "${cpu[paced-$engine]}" "${cpu[paced-hey-$engine]}") || true
  echo "  nginx's CPU per request (information): pooled ${cpu[pooled-$engine]} us, $d2 against wrk's;" \
    "one-shot at full speed ${cpu[one-shot-$engine]} us, $d1 against ab's at its own, faster, rate;"
  echo "  one-shot paced to half of restcost's one-shot rate (last round ${paced[$engine]}/s): restcost ${cpu[paced-$engine]} us (${rate[paced-$engine]}/s)," \
    "hey ${cpu[paced-hey-$engine]} us (${rate[paced-hey-$engine]}/s): $d3"
done
echo
fi
count_check one-shot-count --policy one-shot || fail=1
count_check rotating-count --policy rotating:requests=50,jitter=0.2 || fail=1
for engine in apache-adapted okhttp-adapted; do
  count_check "rotating-count-$engine" --policy rotating:requests=50,jitter=0.2 --engine "$engine" || fail=1
done
exit $fail
