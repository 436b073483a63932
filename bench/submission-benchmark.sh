#!/usr/bin/env bash
# Benchmark (not a test): issue 21's 200 concurrent mobile submissions through the gateway, as the system test plays
# them (SystemIT's LoadRun, after the campaign steps it needs: sync, inspectors, plan, draw), on a platform of its own.
# Prints the load report: latency p50/p95/max, shed answers, and the CPU time each platform JVM (gateway, the
# services, identity, Kafka, PostgreSQL with its server processes) spent per request and per submission, read from
# /proc with the idle rate taken off (system-test's PartCpu/CpuWindow). CPU per request is the figure to compare: it
# holds on a shared machine where latency does not.
#
#   bench/submission-benchmark.sh [--jfr 'gateway inspection-service'] [--profile PARTS] \
#       [--variant 'NAME=VALUE ...'] [--variant-jvm 'FLAGS'] [--port-base 31000] [--submissions 200] \
#       [--warmup 0] [--bursts 1] [--mock-size 2000] [--jvm local|k8s]
#
# --jfr PARTS   prints where those Spring parts' CPU samples went from the first request until the platform settled
#               (JFR, profile settings; bench/jfr-top.py); recordings stay in system-test/target/. Every Spring part
#               then runs a recording from its start and the window is dumped from it: a recording started on a
#               warm JVM would deoptimise all its compiled code first (JDK 17, JDK-8324241).
# --profile PARTS  the same with async-profiler (bench/async-profiler.sh fetches it from Maven Central): every thread's
#               CPU, GC, JIT, native and kernel frames included, which JFR does not see; folded stacks stay in
#               system-test/target/ (LABEL-load-PART.collapsed, for flame graph tools). Every Spring part loads the
#               library at its start and samples only in the window.
# --variant ENV runs the load twice in this one invocation: first with these environment variables set for every
#               part of the platform (e.g. 'INSPECTION_REFERENCE_CACHE=false', the before of a switchable change),
#               then without; both reports are printed one after the other.
# --variant-jvm FLAGS  the same for JVM flags: the first run adds FLAGS to every Spring part's (JAVA_OPTS_EXTRA, after
#               --jvm's), e.g. '-XX:Tier4InvocationThreshold=1250 -XX:Tier4CompileThreshold=3750'.
# --warmup N    plays N submissions first, in bursts of --submissions (checked the same way, not timed): the measured
#               burst then meets a platform that has served traffic, JIT-compiled, as in production; 0 (CI's case)
#               measures it cold. Each submission takes a unit of its own: past ~1,000 raise --mock-size too.
# --bursts N    measures N bursts one after the other once the warm-up is done, each reported on its own, then a
#               line with every burst's p95: the spread of one warm platform without a start and a warm-up per figure.
#               Each burst waits until the platform has settled from the one before. They take units too: --mock-size
#               must cover the warm-up and N bursts. --jfr and --profile windows are the last burst's.
# --mock-size N permits in the national-platform mock (run.sh's MOCK_SIZE; the first sync takes longer).
# --jvm k8s     every Spring part runs the pods' JIT, code cache and heap (C2, 240 MB, -Xms384m -Xmx538m: 70 % / 50 % of
#               a 768 MiB limit) on top of run.sh's flags, the rule for throughput goals (ADR 0064). C2 takes a method
#               after 5,000 calls: code run once per request is compiled after ~5,000 requests, once per submission
#               after 5,000 submissions, so a warm platform needs --warmup 8000 --mock-size 20000 (session 20); the
#               JIT's share is in the report. --jvm local (the default) is run.sh's C1-only 256 MB.
# --port-base   first port of the platform's block (SystemIT's systemtest.portBase; the default 28000 is CI's).
# Takes 5-8 minutes a run on 2 cores (the platform's start and first sync included), about 16 with --warmup 8000 and
# about 20 with --warmup 8000 --mock-size 22000 --bursts 3 (session 23).
set -euo pipefail
cd "$(dirname "$0")/.."

JFR_PARTS='' PROFILE_PARTS='' ASYNC_PROFILER='' VARIANT='' VARIANT_JVM=''
PORT_BASE=31000 SUBMISSIONS=200 WARMUP=0 BURSTS=1 MOCK_SIZE=2000 JVM=local
while [ $# -gt 0 ]; do
  case "$1" in
    --jfr) JFR_PARTS=$2; shift 2 ;;
    --profile) PROFILE_PARTS=$2; shift 2 ;;
    --variant) VARIANT=$2; shift 2 ;;
    --variant-jvm) VARIANT_JVM=$2; shift 2 ;;
    --port-base) PORT_BASE=$2; shift 2 ;;
    --submissions) SUBMISSIONS=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --bursts) BURSTS=$2; shift 2 ;;
    --mock-size) MOCK_SIZE=$2; shift 2 ;;
    --jvm) JVM=$2; shift 2 ;;
    *) sed -n '2,41p' "$0" >&2; exit 2 ;;
  esac
done

case "$JVM" in
  local) ;;
  # run.sh appends JAVA_OPTS_EXTRA to its own flags, so these win; a --variant naming JAVA_OPTS_EXTRA replaces them.
  # The pods' code cache is the JDK's 240 MB; run.sh's 64 MB is sized for C1 (it did not hold C2 back, session 20).
  k8s) export JAVA_OPTS_EXTRA="-XX:TieredStopAtLevel=4 -XX:ReservedCodeCacheSize=240m -Xms384m -Xmx538m \
${JAVA_OPTS_EXTRA:-}" ;;
  *) echo "--jvm local|k8s" >&2; exit 2 ;;
esac
if [ -n "$JFR_PARTS" ]; then
  export JAVA_OPTS_EXTRA="${JAVA_OPTS_EXTRA:-} -XX:StartFlightRecording=name=load,settings=profile,maxage=30m"
fi
if [ -n "$PROFILE_PARTS" ]; then
  ASYNC_PROFILER=$(bench/async-profiler.sh)
  export JAVA_OPTS_EXTRA="${JAVA_OPTS_EXTRA:-} -agentpath:$ASYNC_PROFILER"
fi

TESTS='SystemIT#syncFromTheNationalPlatform+registerInspectors+publishPlan+drawUnitsAndInspectors+concurrentMobileSubmissions'
OUT=system-test/target

run_once() {
  local label="$1"; shift
  rm -f "$OUT"/load-report.txt "$OUT"/load-*.jfr "$OUT"/load-*.jfr.window "$OUT"/load-*.collapsed
  echo "== $label: $BURSTS × $SUBMISSIONS submissions after a warm-up of $WARMUP, JVM $JVM, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -Is)"
  if ! env "$@" ./mvnw -B -o -q verify -Psystem-test -pl system-test -am -Dit.test="$TESTS" -Dtest=none \
      -Dsurefire.failIfNoSpecifiedTests=false -Dfailsafe.failIfNoSpecifiedTests=false -Djacoco.skip=true \
      -Dsystemtest.portBase="$PORT_BASE" -Dsystemtest.loadSubmissions="$SUBMISSIONS" -Dsystemtest.loadWarmup="$WARMUP" \
      -Dsystemtest.loadBursts="$BURSTS" -Dsystemtest.mockSize="$MOCK_SIZE" -Dsystemtest.forkTimeout=5400 \
      -Dsystemtest.jfrParts="$JFR_PARTS" -Dsystemtest.profileParts="$PROFILE_PARTS" \
      -Dsystemtest.asyncProfiler="$ASYNC_PROFILER" >"$OUT/submission-benchmark-$label.log" 2>&1; then
    echo "the system test failed: $OUT/submission-benchmark-$label.log and $OUT/failsafe-reports/" >&2
  fi
  cat "$OUT/load-report.txt" 2>/dev/null || echo "(no load report)"
  if [ "$BURSTS" -gt 1 ] && [ -s "$OUT/load-report.txt" ]; then
    echo "-- $label: p95 of each burst (ms): $(sed -n 's/^load run .* p95 \([0-9]*\) ms.*/\1/p' "$OUT/load-report.txt" \
      | paste -sd ' ')"
  fi
  # JFR recordings (--jfr, each with its window's times beside it) and async-profiler's folded stacks (--profile).
  for f in "$OUT"/load-*.jfr "$OUT"/load-*.collapsed; do
    [ -s "$f" ] || continue
    local kept="$OUT/$label-$(basename "$f")"
    mv "$f" "$kept"; mv "$f.window" "$kept.window" 2>/dev/null || true
    echo "-- $label $(basename "$f"): CPU samples from the first request until settled"
    # shellcheck disable=SC2046 # the window is two words: begin and end
    python3 bench/jfr-top.py "$kept" $([ -s "$kept.window" ] && echo --between $(cat "$kept.window")) || true
  done
}

mkdir -p "$OUT"
if [ -n "$VARIANT" ] || [ -n "$VARIANT_JVM" ]; then
  # shellcheck disable=SC2086 # the variant is a list of NAME=VALUE words
  run_once variant $VARIANT "JAVA_OPTS_EXTRA=${JAVA_OPTS_EXTRA:-} $VARIANT_JVM"
fi
run_once default
