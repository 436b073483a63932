#!/usr/bin/env bash
# Benchmark (not a test): double-random draws over a large directory through inspection-service's real draw code
# (commit, eligible query, HMAC-SHA256 Fisher-Yates, inspector assignment, tasks + outbox rows, verification)
# against embedded PostgreSQL (zonky). The outbox relay is off: Kafka publishing is not part of the draw latency.
#
#   bench/draw-benchmark.sh [--units 100000] [--inspectors 500] [--ratio 0.02] [--rounds 3] [--no-build]
#
# Prints, per draw: eligible units, drawn units (= tasks), draw latency, verification latency, heap peak; then the
# process peak RSS (VmHWM). The JVM runs with -Xmx512m -XX:+UseSerialGC like ./run.sh's services.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

UNITS=100000 INSPECTORS=500 RATIO=0.02 ROUNDS=3 BUILD=1
while [ $# -gt 0 ]; do
  case "$1" in
    --units) UNITS=$2; shift 2 ;;
    --inspectors) INSPECTORS=$2; shift 2 ;;
    --ratio) RATIO=$2; shift 2 ;;
    --rounds) ROUNDS=$2; shift 2 ;;
    --no-build) BUILD=0; shift ;;
    *) echo "usage: $0 [--units N] [--inspectors N] [--ratio R] [--rounds N] [--no-build]" >&2; exit 2 ;;
  esac
done

WORK=$ROOT/.local/bench-draw
mkdir -p "$WORK/tmp"
if [ "$BUILD" = 1 ] || [ ! -f "$WORK/classpath.txt" ]; then
  ./mvnw -B -q -pl inspection-service -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/classpath.txt"
fi
# a private copy of the classes: other builds in the checkout may recompile target/ while the benchmark runs
rm -rf "$WORK/classes" "$WORK/test-classes"
cp -r inspection-service/target/classes "$WORK/classes"
cp -r inspection-service/target/test-classes "$WORK/test-classes"

exec java -Xmx512m -XX:+UseSerialGC -Djava.io.tmpdir="$WORK/tmp" \
  -cp "$WORK/test-classes:$WORK/classes:$(cat "$WORK/classpath.txt")" \
  org.permitwatch.inspection.draw.DrawBenchmark "$UNITS" "$INSPECTORS" "$RATIO" "$ROUNDS"
