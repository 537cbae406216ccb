#!/usr/bin/env bash
# What one-shot connections look like on the wire, hey against restcost.
# Captures 300 one-shot connections of hey -disable-keepalive and of restcost one-shot on the JDK's
# TLS and on Conscrypt (one thread, 100/s) with tcpdump on loopback, against nginx, and prints per
# connection the packets and bytes each way and the resets; then the client's data packets, as the
# TLS records each carries, and the median gaps between them (each a wake-up of nginx's, if longer
# than nginx takes to go back to sleep). Needs nginx-light, hey, openssl and tcpdump (apt-get);
# binds 127.0.0.1 only; stops what it starts.
#
#   benchmarks/scripts/oneshot-wire-vs-hey.sh
#   JAVA_OPTS=-Djdk.tls.client.useCompatibilityMode=false ...   # JSSE without TLS 1.3's ChangeCipherSpec
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
# flights PCAP: the client's data packets per connection (after the first SKIP connections), each as
# the TLS records it carries (hs: handshake, ccs: ChangeCipherSpec, app: encrypted, which in TLS 1.3 is
# also the Finished), the commonest sequence, and the median gap between consecutive packets.
flights() {
  tcpdump -r "$1" -nn -tt -x 2>/dev/null | python3 -c '
import sys, re, collections, statistics
port, skip = sys.argv[1], int(sys.argv[2])
packets, cur = [], None
for line in sys.stdin:
    m = re.match(r"(\d+\.\d+) IP 127\.0\.0\.1\.(\d+) > 127\.0\.0\.1\.(\d+): .*length (\d+)", line)
    if m:
        cur = [float(m.group(1)), m.group(2), m.group(3), int(m.group(4)), ""]
        packets.append(cur)
    elif cur is not None and line.startswith("\t0x"):
        cur[4] += "".join(line.split(":", 1)[1].split())
conns, order = collections.defaultdict(list), []
for t, src, dst, length, hexdata in packets:
    if dst != port or length == 0: continue
    raw = bytes.fromhex(hexdata)
    ihl = (raw[0] & 15) * 4; thl = (raw[ihl + 12] >> 4) * 4
    payload, recs, i = raw[ihl + thl:], [], 0
    while i + 5 <= len(payload):
        kind = {0x16: "hs", 0x14: "ccs", 0x17: "app", 0x15: "alert"}.get(payload[i], "?")
        n = int.from_bytes(payload[i + 3:i + 5], "big"); recs.append("%s%d" % (kind, n)); i += 5 + n
    if src not in conns: order.append(src)
    conns[src].append((t, "+".join(recs) or "?%d" % length))
chosen = [conns[c] for c in order[skip:]]
shapes = collections.Counter(" | ".join(r for _, r in v) for v in chosen)
shape, count = shapes.most_common(1)[0]
same = [v for v in chosen if " | ".join(r for _, r in v) == shape]
gaps = ["%.0f" % statistics.median((v[k + 1][0] - v[k][0]) * 1e6 for v in same) for k in range(len(same[0]) - 1)]
print("  client data packets, %d of %d connections: %s" % (count, len(chosen), shape))
print("  median gaps between them (us): %s" % " | ".join(gaps))
' "$nginx_port" "${2:-0}"
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
# 300 connections each at 100/s; the first 100 (a JVM still compiling) are left out of the flights.
tcpdump -i lo -w "$work/hey.pcap" -s 300 "tcp port $nginx_port" 2>/dev/null & tp=$!; sleep 1
hey -c 1 -q 100 -n 300 -disable-keepalive "$url$path" >/dev/null; sleep 1; kill $tp; wait $tp 2>/dev/null || true
echo -n "hey:      "; summarize "$work/hey.pcap"; flights "$work/hey.pcap" 100
for prov in jdk conscrypt; do
  tcpdump -i lo -w "$work/r.pcap" -s 300 "tcp port $nginx_port" 2>/dev/null & tp=$!; sleep 1
  "${JAVA:-java}" ${JAVA_OPTS:-} -jar benchmarks/target/restcost.jar run --target "$url" --ca-cert "$work/ca.pem" --path "$path" \
    --policy one-shot --tls-provider $prov -c 1 --rate 100 -n 300 --warmup 0s -q --out "$work/r-$prov" >/dev/null
  sleep 1; kill $tp; wait $tp 2>/dev/null || true
  echo -n "restcost $prov: "; summarize "$work/r.pcap"; flights "$work/r.pcap" 100
done
