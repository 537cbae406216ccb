#!/usr/bin/env bash
# How fast is the mock mqweb next to nginx, serving the same body with the same certificate?
# Prints, in one run, on loopback:
#   - keep-alive HTTPS throughput, wrk -t1 -c8 (the mock authenticated by LtpaToken2 cookie,
#     the cheap path: one AES-GCM token check per request), and the ratio mock/nginx;
#   - one-shot throughput with a full TLS handshake per request, ab -c 4 without keep-alive,
#     and the ratio; the mock's own counters confirm the handshakes were full;
#   - the mock's server CPU per request from its stats endpoint;
#   - for reference, the same mock serving through WireMock's stub pipeline (--wiremock-stubs)
#     instead of its connection filter, and bare Jetty (no WireMock; the benchmarks' static
#     server, 200-byte body) with the same certificate: the ceiling of a JVM server here.
# This script runs the servers and clients and writes down their rates; `restcost judge mock-vs-nginx`
# prints the table.
#
#   benchmarks/scripts/mock-vs-nginx.sh [ec-p256|rsa-2048] [seconds per wrk run]
#   MOCK_JAVA_OPTS="-XX:+UseParallelGC" MOCK_OPTS="--threads 8" benchmarks/scripts/mock-vs-nginx.sh
#   OUT=DIR benchmarks/scripts/mock-vs-nginx.sh     # keep the rates (restcost judge mock-vs-nginx DIR)
#
# Installs nginx, wrk and ab with apt-get when missing (as root); binds 127.0.0.1; stops what it starts.
set -euo pipefail
cd "$(dirname "$0")/../.."
cert_type=${1:-ec-p256}
seconds=${2:-10}
work=$(mktemp -d /tmp/restcost-mock-vs-nginx.XXXXXX)
out=${OUT:-$work/measurements}
mkdir -p "$out"
mock_pid=""
stubs_pid=""
nginx_pid=""
jetty_pid=""
cleanup() {
  exec 7>&- 2>/dev/null || true
  [ -n "$mock_pid" ] && kill "$mock_pid" 2>/dev/null || true
  [ -n "$stubs_pid" ] && kill "$stubs_pid" 2>/dev/null || true
  [ -n "$jetty_pid" ] && kill "$jetty_pid" 2>/dev/null || true
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null || true
  pkill -P $$ 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# shellcheck source=nginx-lib.sh
. benchmarks/scripts/nginx-lib.sh
need_tools nginx-light wrk apache2-utils openssl curl
[ -f mock-server/target/restcost-mock-server.jar ] || mvn -B -q -DskipTests -pl mock-server -am package

# --- the mock ---
# shellcheck disable=SC2086
java ${MOCK_JAVA_OPTS:-} -jar mock-server/target/restcost-mock-server.jar --port 0 --cert-type "$cert_type" \
  --state-dir "$work/mock" ${MOCK_OPTS:-} > "$work/mock.out" 2>&1 &
mock_pid=$!
for _ in $(seq 1 150); do grep -q "ready in" "$work/mock.out" 2>/dev/null && break; sleep 0.2; done
grep -q "ready in" "$work/mock.out" || { echo "mock did not start:"; cat "$work/mock.out"; exit 1; }
mock_url=$(sed -n 's/.*url: *\(https:[^ ]*\)\/ibmmq.*/\1/p' "$work/mock.out")
ca="$work/mock/tls/ca.pem"
pw=$(sed -n 's/^keystore.password=//p' "$work/mock/credentials.properties")
admin_pw=$(sed -n 's/^user.mqadmin.password=//p' "$work/mock/credentials.properties")
path=/ibmmq/rest/v2/admin/qmgr
cookie=$(curl -s --cacert "$ca" -o /dev/null -D - -H 'Content-Type: application/json' \
  -d "{\"username\":\"mqadmin\",\"password\":\"$admin_pw\"}" "$mock_url/ibmmq/rest/v2/login" \
  | sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\);.*/\1/p')
body=$(curl -s --cacert "$ca" -H "Cookie: $cookie" "$mock_url$path")

# --- the same mock through WireMock's stub pipeline, same certificate and token key ---
# shellcheck disable=SC2086
(umask 077; printf '%s' "$pw" > "$work/keystore.pw"
 printf '{"users":[{"name":"mqadmin","password":"%s","roles":["MQWebAdmin"]}]}' "$admin_pw" > "$work/users.json")
java ${MOCK_JAVA_OPTS:-} -jar mock-server/target/restcost-mock-server.jar --port 0 --keystore "$work/mock/tls/server.p12" \
  --keystore-password-file "$work/keystore.pw" --users "$work/users.json" \
  --state-dir "$work/stubs" --wiremock-stubs ${MOCK_OPTS:-} > "$work/stubs.out" 2>&1 &
stubs_pid=$!
for _ in $(seq 1 150); do grep -q "ready in" "$work/stubs.out" 2>/dev/null && break; sleep 0.2; done
grep -q "ready in" "$work/stubs.out" || { echo "mock (--wiremock-stubs) did not start:"; cat "$work/stubs.out"; exit 1; }
stubs_url=$(sed -n 's/.*url: *\(https:[^ ]*\)\/ibmmq.*/\1/p' "$work/stubs.out")
stubs_cookie=$(curl -s --cacert "$ca" -o /dev/null -D - -H 'Content-Type: application/json' \
  -d "{\"username\":\"mqadmin\",\"password\":\"$admin_pw\"}" "$stubs_url/ibmmq/rest/v2/login" \
  | sed -n 's/^[Ss]et-[Cc]ookie: \([^;]*\);.*/\1/p')

# --- nginx, with the mock's own certificate and body ---
openssl pkcs12 -in "$work/mock/tls/server.p12" -passin "pass:$pw" -nokeys -out "$work/cert.pem" 2>/dev/null
openssl pkcs12 -in "$work/mock/tls/server.p12" -passin "pass:$pw" -nocerts -nodes -out "$work/key.pem" 2>/dev/null
printf '%s' "$body" > "$work/qmgr.json"
nginx_start "$work" "$work/cert.pem" "$work/key.pem" "$path" "$work/qmgr.json"

# --- bare Jetty (no WireMock), same certificate: how much of the gap is the JVM's TLS and HTTP stack ---
[ -f benchmarks/target/restcost.jar ] || mvn -B -q -DskipTests package
# The server runs until its standard input closes: a FIFO this script holds open on fd 7.
mkfifo "$work/jetty.in"
java -cp benchmarks/target/restcost.jar io.restcost.bench.server.StaticHttpsServer 127.0.0.1 0 \
  "$work/mock/tls/server.p12" "$work/mock/tls/passwords.properties" < "$work/jetty.in" > "$work/jetty.out" 2>&1 &
jetty_pid=$!
exec 7> "$work/jetty.in"
for _ in $(seq 1 100); do grep -q READY "$work/jetty.out" 2>/dev/null && break; sleep 0.1; done
jetty_url="https://127.0.0.1:$(sed -n 's/^READY //p' "$work/jetty.out")"

rate_wrk() { wrk -t1 -c8 -d"${seconds}s" -H "Cookie: ${2:-$cookie}" "$1$path" | sed -n 's/^Requests\/sec: *//p'; }
rate_ab() { ab -q -n "$2" -c 4 -H "Cookie: $cookie" "$1$path" 2>/dev/null | sed -n 's/^Requests per second: *\([0-9.]*\).*/\1/p'; }
stats() { curl -s --cacert "$ca" "$mock_url/__restcost/stats" > "$out/$1-stats.json"; }
reset() { curl -s -o /dev/null --cacert "$ca" -X POST "$mock_url/__restcost/stats/reset"; }
# record_rate NAME RATE: a rate the tool printed
record_rate() { printf '1\t%s\t-\t-\t-\t-\t-\trate:%s\n' "$1" "$2" >> "$out/measurements.tsv"; }
printf 'certificate=%s\nseconds=%s\n' "$cert_type" "$seconds" > "$out/settings.properties"
printf '# round name peer asked ticks served wakeups client\n' > "$out/measurements.tsv"

echo "certificate: $cert_type; body: ${#body} bytes; wrk -t1 -c8 -d${seconds}s; ab -c 4 (no keep-alive)"
echo "warming up the mock's JIT (wrk, ${seconds}s)..."
rate_wrk "$mock_url" >/dev/null
reset
record_rate mock-ka "$(rate_wrk "$mock_url")"
stats ka
record_rate nginx-ka "$(rate_wrk "$nginx_url")"
rate_wrk "$jetty_url" >/dev/null
record_rate jetty-ka "$(rate_wrk "$jetty_url")"
rate_wrk "$stubs_url" "$stubs_cookie" >/dev/null
record_rate stubs-ka "$(rate_wrk "$stubs_url" "$stubs_cookie")"
reset
record_rate mock-os "$(rate_ab "$mock_url" 2000)"
stats os
record_rate nginx-os "$(rate_ab "$nginx_url" 2000)"
echo
java -jar benchmarks/target/restcost.jar judge mock-vs-nginx "$out"
