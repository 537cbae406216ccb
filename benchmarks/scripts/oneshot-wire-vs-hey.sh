#!/usr/bin/env bash
# What one-shot connections look like on the wire, hey against restcost (issue: the server's bill).
# Captures 20 one-shot connections of hey -disable-keepalive and of restcost one-shot on the JDK's
# TLS and on Conscrypt (one thread, no pacing) with tcpdump on loopback, against nginx, and prints
# per connection the packets and bytes each way, the resets, and the gap between the client's
# second and third data packets (its Finished and its request). Needs nginx-light, hey, openssl
# and tcpdump (apt-get); binds 127.0.0.1 only; stops what it starts.
#
#   benchmarks/scripts/oneshot-wire-vs-hey.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d /tmp/restcost-wire.XXXXXX)
nginx_pid=""
trap '[ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null; rm -rf "$work"' EXIT
# shellcheck source=nginx-lib.sh
. benchmarks/scripts/nginx-lib.sh
need_tools nginx-light hey openssl curl tcpdump
[ -f benchmarks/target/restcost.jar ] || mvn -B -q -DskipTests package
make_certs "$work"
path=/ibmmq/rest/v2/admin/qmgr
printf '%-200s' '{"qmgr":[]}' > "$work/qmgr.json"
nginx_start "$work" "$work/server.pem" "$work/server.key" "$path" "$work/qmgr.json" "access_log off;"
url=$nginx_url
gaps() {
  tcpdump -r "$1" -nn -tt 2>/dev/null | python3 -c '
import sys, re, collections, statistics
port = sys.argv[1]
data = collections.defaultdict(list)
for line in sys.stdin:
    m = re.match(r"(\d+\.\d+) IP 127\.0\.0\.1\.(\d+) > 127\.0\.0\.1\.(\d+): Flags \[P\.\].*length (\d+)", line)
    if m and m.group(3) == port:
        data[m.group(2)].append((float(m.group(1)), int(m.group(4))))
g = [ (v[2][0] - v[1][0]) * 1e6 for v in data.values() if len(v) >= 3 ]
sep = sum(1 for v in data.values() if len(v) >= 3)
print("client data packets per connection %.1f; gap between its 2nd and 3rd data packets: median %.0f us (n=%d)" % (statistics.mean(len(v) for v in data.values()), statistics.median(g) if g else -1, len(g)))
' "$nginx_port"
}
summarize() {
  tcpdump -r "$1" -nn -tt 2>/dev/null | python3 -c '
import sys, re, collections
port = sys.argv[1]
conns = collections.defaultdict(lambda: [0,0,0,0,0])  # c2s pkts, c2s bytes, s2c pkts, s2c bytes, flags
for line in sys.stdin:
    m = re.search(r"IP 127\.0\.0\.1\.(\d+) > 127\.0\.0\.1\.(\d+): Flags \[([^\]]*)\].*length (\d+)", line)
    if not m: continue
    a, b, fl, ln = m.group(1), m.group(2), m.group(3), int(m.group(4))
    if b == port: c = conns[a]; c[0] += 1; c[1] += ln
    elif a == port: c = conns[b]; c[2] += 1; c[3] += ln
    if "R" in fl: conns[a if b == port else b][4] += 1
n = len(conns)
tot = [sum(c[i] for c in conns.values()) for i in range(5)]
print("%d connections; per connection: client->server %.1f packets %.0f bytes; server->client %.1f packets %.0f bytes; RSTs %d" % (n, tot[0]/n, tot[1]/n, tot[2]/n, tot[3]/n, tot[4]))
' "$nginx_port"
}
tcpdump -i lo -w "$work/hey.pcap" -s 200 "tcp port $nginx_port" 2>/dev/null & tp=$!; sleep 1
hey -c 1 -n 20 -disable-keepalive "$url$path" >/dev/null; sleep 1; kill $tp; wait $tp 2>/dev/null || true
echo -n "hey:      "; summarize "$work/hey.pcap"; gaps "$work/hey.pcap"
for prov in jdk conscrypt; do
  tcpdump -i lo -w "$work/r.pcap" -s 200 "tcp port $nginx_port" 2>/dev/null & tp=$!; sleep 1
  java -jar benchmarks/target/restcost.jar run --target "$url" --ca-cert "$work/ca.pem" --path "$path" --policy one-shot --tls-provider $prov -c 1 -n 20 --warmup 0s -q --out "$work/r-$prov" >/dev/null
  sleep 1; kill $tp; wait $tp 2>/dev/null || true
  echo -n "restcost $prov: "; summarize "$work/r.pcap"; gaps "$work/r.pcap"
done

