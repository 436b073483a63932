#!/usr/bin/env bash
# Benchmark (not a test): the directory page (GET /api/v1/directory/units) straight to permit-sync, real code against
# embedded PostgreSQL (zonky), no broker, no sync, no gateway. Issue 21's goal: ≥ 1,000 req/s on 2 cores.
#
#   bench/directory-benchmark.sh [--units 100000] [-n 4000] [-c 32] [--path '/api/v1/directory/units?size=20']
#                                [--baseline REV] [--variant 'LABEL=-Dprop=value ...'] [--jfr] [--no-build]
#                                [--wrk SECONDS [--wrk-warmup SECONDS]] [--jvm local|k8s]
#
# A server JVM (DirectoryBenchmark serve, -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1 like run.sh's
# permit-sync) seeds UNITS units (4 outlets × 5 pollutant limits and 20 self-monitoring rows each, like a real permit)
# over 11 cities; a separate load JVM sends N requests at concurrency C (each worker its own CITY 140100 token) after a
# warm-up of N/4 and prints req/s, p50/p95 and the CPU time permit-sync and PostgreSQL spent per request (/proc): on a
# shared machine the CPU per request is the figure to compare. --baseline REV first serves with permit-sync's main
# code as of REV (compiled here with javac; the libraries, platform-support included, are the working tree's), then with
# the working tree's: before/after in one run. --variant (repeatable) serves the working tree's code once more with those
# JVM options (e.g. a property switched back): a configuration's before/after in the same run. --jfr prints where each
# server JVM's CPU samples went during the measured requests only (bench/jfr-top.py: top frames, owners): the server
# runs a JFR recording (profile settings) from its start and the measured window is dumped from it, because a
# recording started on a warm JVM first deoptimises all its compiled code (JDK 17, JDK-8324241).
# The default window (4,000 after 1,000) is not steady state: permit-sync measured 2.3-2.8 ms per page there (session 12;
# session 13 with --jfr) and 1.8-1.9 ms over -n 12000 (session 13): compare runs of one window length, and use
# -n 12000 or more for steady-state figures.
# --wrk SECONDS: wrk (Debian's package `wrk`) is the client instead of the load JVM's HttpClient, SECONDS / 2 of
# warm-up then SECONDS measured, tokens rotating per request (bench/wrk/bearer-tokens.lua). The JDK client spends
# ~0.6 ms of the two cores per request, wrk a few hundredths: the issue's figures were taken with wrk.
# --wrk-warmup SECONDS: a warm-up of its own length (C2 needs about a minute of load before its code is in place).
# --jvm k8s: the server JVM runs with the image's settings in permit-sync's pod instead of run.sh's (pom.xml's Jib
# jvmFlags, the pod's 768 MiB limit → a 538 MiB heap, the serial collector the JVM picks for a pod of one CPU, and the
# JVM's default tiered compilation with C2); --jvm local (the default) is run.sh's C1-only 256 MB.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

UNITS=100000 N=4000 C=32 PATH_Q='/api/v1/directory/units?size=20' BUILD=1 BASELINE="" JFR=0 VARIANTS=() WRK_SECONDS= WRK_WARMUP= JVM=local
while [ $# -gt 0 ]; do
  case "$1" in
    --units) UNITS=$2; shift 2 ;;
    -n) N=$2; shift 2 ;;
    -c) C=$2; shift 2 ;;
    --path) PATH_Q=$2; shift 2 ;;
    --baseline) BASELINE=$2; shift 2 ;;
    --variant) VARIANTS+=("$2"); shift 2 ;;
    --jfr) JFR=1; shift ;;
    --no-build) BUILD=0; shift ;;
    --wrk) WRK_SECONDS=$2; shift 2 ;;
    --wrk-warmup) WRK_WARMUP=$2; shift 2 ;;
    --jvm) JVM=$2; shift 2 ;;
    *) sed -n '2,28p' "$0" >&2; exit 2 ;;
  esac
done

case "$JVM" in
  local) SERVER_JVM="-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1" ;;
  # The pod: -XX:MaxRAMPercentage=70 -XX:InitialRAMPercentage=50 of 768 MiB (k8s/base/permit-sync/deployment.yaml).
  k8s) SERVER_JVM="-Xms384m -Xmx538m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError" ;;
  *) echo "--jvm local|k8s" >&2; exit 2 ;;
esac
[ -z "$WRK_SECONDS" ] || command -v wrk > /dev/null || { echo "--wrk needs wrk: apt-get install wrk" >&2; exit 2; }
WORK=$ROOT/.local/bench-directory
mkdir -p "$WORK/tmp"
if [ "$BUILD" = 1 ] || [ ! -f "$WORK/classpath.txt" ]; then
  ./mvnw -B -q -pl permit-sync -am test-compile dependency:build-classpath \
    -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/classpath.txt"
fi
rm -rf "$WORK/classes" "$WORK/test-classes"
cp -r permit-sync/target/classes "$WORK/classes"
cp -r permit-sync/target/test-classes "$WORK/test-classes"

if [ -n "$BASELINE" ]; then
  BASE=$WORK/baseline
  BASE_REV=$(git rev-parse --short "$BASELINE") # resolved once: HEAD may move while the benchmark runs
  rm -rf "$BASE" && mkdir -p "$BASE/src" "$BASE/classes"
  git archive "$BASE_REV" permit-sync/src/main | tar -x -C "$BASE/src"
  find "$BASE/src" -name '*.java' -path '*/src/main/java/*' > "$BASE/sources.txt"
  javac -nowarn -parameters -encoding UTF-8 -proc:none -d "$BASE/classes" -cp "$(cat "$WORK/classpath.txt")" \
    @"$BASE/sources.txt"
  cp -r "$BASE/src/permit-sync/src/main/resources/." "$BASE/classes/"
fi

SERVER=""
trap '[ -z "$SERVER" ] || kill "$SERVER" 2>/dev/null || true' EXIT

run() { # $1 label, $2 main classes (ahead of the working tree's), $3 the rest of the class path, $4 extra JVM options
  echo "== $1: GET $PATH_Q, $UNITS units, $N requests, concurrency $C, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -Is)"
  echo "   server JVM: $SERVER_JVM ${4:-}"
  rm -f "$WORK/port" "$WORK/postmaster" "$WORK/tokens" "$WORK/$1.jfr"
  # shellcheck disable=SC2086 # the variant's options are words
  # shellcheck disable=SC2086 # the JVM's options are words
  local recording=""
  [ "$JFR" = 0 ] || recording="-XX:StartFlightRecording=name=bench,settings=profile,maxage=30m"
  java $SERVER_JVM $recording -Djava.io.tmpdir="$WORK/tmp" ${4:-} \
    -cp "$WORK/test-classes:$2:$3" \
    org.permitwatch.permitsync.directory.DirectoryBenchmark serve "$UNITS" "$WORK" > "$WORK/$1.log" 2>&1 &
  SERVER=$!
  for _ in $(seq 1 600); do
    [ -s "$WORK/port" ] && break
    kill -0 "$SERVER" 2>/dev/null || { tail -30 "$WORK/$1.log"; exit 1; }
    sleep 1
  done
  local jfr=""
  [ "$JFR" = 0 ] || jfr="$WORK/$1.jfr"
  BENCH_JFR="$jfr" BENCH_WRK_SECONDS="$WRK_SECONDS" BENCH_WRK_WARMUP="$WRK_WARMUP" java -Xmx256m -cp "$WORK/test-classes:$(cat "$WORK/classpath.txt")" \
    org.permitwatch.permitsync.directory.DirectoryBenchmark load "http://127.0.0.1:$(cat "$WORK/port")$PATH_Q" \
    "$N" "$C" "$SERVER" "$(cat "$WORK/postmaster")" "$WORK/tokens"
  if [ -n "$jfr" ] && [ -s "$jfr" ]; then
    echo "-- $1: permit-sync's CPU samples during the measured requests"
    # shellcheck disable=SC2046 # the window is two words: begin and end
    python3 bench/jfr-top.py "$jfr" --between $(cat "$jfr.window") || true
  fi
  kill "$SERVER"; wait "$SERVER" 2>/dev/null || true; SERVER=""
}

if [ -n "$BASELINE" ]; then
  run "baseline-$BASE_REV" "$BASE/classes" "$(cat "$WORK/classpath.txt")"
fi
run current "$WORK/classes" "$(cat "$WORK/classpath.txt")"
for variant in "${VARIANTS[@]}"; do
  run "${variant%%=*}" "$WORK/classes" "$(cat "$WORK/classpath.txt")" "${variant#*=}"
done
