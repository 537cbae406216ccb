#!/usr/bin/env bash
# What restcost adds on top of the engine it drives.
#
# Runs restcost's pooled policy and the raw engine (pooled HttpClient 5 / OkHttp, on HTTP/1.1 and
# HTTP/2), 4 threads,
# against one bare Jetty HTTPS server in its own JVM, with JMH's GC profiler, then prints per
# engine the throughput ratio restcost/raw (medians and means of every measured iteration)
# and the extra bytes allocated per request. Exit code 1 if a target is missed.
#
#   benchmarks/scripts/client-overhead.sh [RESULT.json] [extra JMH options, e.g. -f 1 -i 3]
#
# Takes about 11 minutes with the defaults (2 forks x (4 x 5 s warm-up + 6 x 5 s) x 4 cells).
set -euo pipefail
cd "$(dirname "$0")/../.."
result=${1:-benchmarks/target/client-overhead.json}
shift || true
if [ ! -f benchmarks/target/restcost.jar ]; then
  mvn -B -q -DskipTests package
fi
# HttpClient 5's async HTTP/2 client has no drop-in: its cells are restcost's and the raw client's only.
java -cp benchmarks/target/restcost.jar org.openjdk.jmh.Main ClientOverheadBenchmark -p engine=apache,okhttp,okhttp-h2 -prof gc \
  -rf json -rff "$result" "$@"
java -cp benchmarks/target/restcost.jar org.openjdk.jmh.Main ClientOverheadBenchmark -p engine=apache-h2 -p client=restcost,raw \
  -prof gc -rf json -rff "${result%.json}-apache-h2.json" "$@"
echo
java -cp benchmarks/target/restcost.jar io.restcost.bench.jmh.OverheadReport "$result" "${result%.json}-apache-h2.json"
