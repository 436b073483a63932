#!/usr/bin/env bash
# Benchmark (not a test): the same GET through the gateway and directly against the service, in one run, against a
# running platform (./run.sh). N requests per side at concurrency C (after a warm-up of N/10), each worker with its
# own token (own subject), so the gateway's per-client rate limit (GATEWAY_RATE_LIMIT_*: 60 burst, 20/s per
# subject) does not cap the figures; 429 answers are counted and reported, never hidden.
#
#   bench/gateway-benchmark.sh [-n 2000] [-c 16] [--warmup N] [--path '/api/v1/directory/units?size=20'] \
#       [--post '{"json":"body"}'] [--gateway http://127.0.0.1:8080] [--direct http://127.0.0.1:8081] [--jfr 'gateway ...']
#       [--wrk SECONDS [--wrk-warmup SECONDS]]
#
# --warmup N: requests per side before the measured ones (default N/10, at least C). A JVM running C2 (tiered
# compilation up to level 4) needs tens of thousands to reach its steady state; its compiler's CPU is otherwise
# counted in the measured requests.
# --post sends that body as a POST (application/json) instead of a GET: e.g. an invalid submission, whose 422 is the
# answer expected, measures the write path up to validation.
# Prints, per side: throughput (req/s), p50/p95/p99/max latency, the answers by status (-1: none within 30 s); then the gateway's added
# latency (gateway p50/p95 minus direct p50/p95). Needs the platform's local keys (PERMITWATCH_LOCAL is honoured).
# Per side it also prints the CPU time each platform JVM spent per request (from /proc, user + system): unlike
# req/s, that figure holds on a busy machine, so a before/after compares it. Which JVMs: every run.sh part found by
# its -Dpermitwatch.part (BENCH_PARTS, default "gateway permit-sync inspection-service identity-service").
# --jfr PARTS prints where those parts' CPU samples went during each side's measured requests only (JFR, profile
# settings; bench/jfr-top.py); the recordings stay in $PERMITWATCH_LOCAL/bench-gateway (or .local/). Start the
# platform with JAVA_OPTS_EXTRA=-XX:StartFlightRecording=name=bench,settings=profile,maxage=30m so the window is dumped
# from a recording that runs from each part's start: a recording started on a warm JVM first deoptimises all its
# compiled code (JDK 17, JDK-8324241), and then one is started anyway, with a warning.
# --wrk SECONDS: wrk (Debian's package `wrk`, bench/wrk/bearer-tokens.lua) is the client instead of the JDK's
# HttpClient, which spends ~0.6 ms of the same cores per request: each side is measured for SECONDS after a warm-up of
# --wrk-warmup SECONDS (default SECONDS / 2); -n and --warmup are then unused, the CPU per request is per wrk's count.
set -euo pipefail
cd "$(dirname "$0")/.."

N=2000 C=16 WARMUP='' PATH_Q='/api/v1/directory/units?size=20' BODY='' JFR_PARTS='' WRK_SECONDS='' WRK_WARMUP=''
GATEWAY="http://127.0.0.1:${GATEWAY_PORT:-8080}" DIRECT="http://127.0.0.1:${PERMIT_SYNC_PORT:-8081}"
while [ $# -gt 0 ]; do
  case "$1" in
    -n) N=$2; shift 2 ;;
    -c) C=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --path) PATH_Q=$2; shift 2 ;;
    --post) BODY=$2; shift 2 ;;
    --gateway) GATEWAY=$2; shift 2 ;;
    --direct) DIRECT=$2; shift 2 ;;
    --jfr) JFR_PARTS=$2; shift 2 ;;
    --wrk) WRK_SECONDS=$2; shift 2 ;;
    --wrk-warmup) WRK_WARMUP=$2; shift 2 ;;
    *) sed -n '2,25p' "$0" >&2; exit 2 ;;
  esac
done

[ -z "$WRK_SECONDS" ] || command -v wrk > /dev/null || { echo "--wrk needs wrk: apt-get install wrk" >&2; exit 2; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# BENCH_TOKENS=FILE: reuse the tokens of an earlier run (written there when the file does not exist yet), so that runs
# back to back measure without first asking the identity provider for C tokens again.
if [[ -n "${BENCH_TOKENS:-}" && -s "$BENCH_TOKENS" && $(wc -l < "$BENCH_TOKENS") -ge "$C" ]]; then
  cp "$BENCH_TOKENS" "$work/tokens"
else
  seq 1 "$C" | xargs -P 8 -I{} ./run.sh token CITY 140100 --sub "bench-{}" --ttl 1h > "$work/tokens"
  [[ -z "${BENCH_TOKENS:-}" ]] || cp "$work/tokens" "$BENCH_TOKENS"
fi

# The JFR window and the CPU readings are platform-test-support's JfrWindow and ProcStat (plain JDK code), compiled
# here so no Maven build is needed.
javac -d "$work/classes" platform-test-support/src/main/java/org/permitwatch/testsupport/bench/{Jcmd,JfrWindow,ProcStat}.java

cat > "$work/GatewayBenchmark.java" <<'JAVA'
import java.net.URI;
import java.net.http.*;
import java.nio.file.*;
import java.time.Duration;
import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;

/** Closed-loop load: C workers, each sending its share of N GETs back to back with its own token. */
public class GatewayBenchmark {
  record Result(String side, long requests, double rps, long p50, long p95, long p99, long max,
      Map<Integer, Integer> statuses) {}
  static String body = "";

  public static void main(String[] a) throws Exception {
    String gateway = a[0], direct = a[1], path = a[2];
    int n = Integer.parseInt(a[3]), c = Integer.parseInt(a[4]);
    List<String> tokens = Files.readAllLines(Path.of(a[5]));
    body = a.length > 6 ? a[6] : "";
    int warmup = a.length > 7 && !a[7].isEmpty() ? Integer.parseInt(a[7]) : Math.max(c, n / 10);
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .executor(Executors.newFixedThreadPool(c)).connectTimeout(Duration.ofSeconds(5)).build();
    run(http, "warm-up gateway", gateway + path, warmup, c, tokens);
    run(http, "warm-up direct", direct + path, warmup, c, tokens);
    Result g = run(http, "gateway", gateway + path, n, c, tokens);
    Result d = run(http, "direct", direct + path, n, c, tokens);
    for (Result r : List.of(g, d)) {
      System.out.printf("%-8s %8.1f req/s  p50 %4d ms  p95 %4d ms  p99 %4d ms  max %5d ms  statuses %s%n",
          r.side, r.rps, r.p50, r.p95, r.p99, r.max, r.statuses);
    }
    System.out.printf("gateway added latency: p50 +%d ms, p95 +%d ms; throughput %.0f %% of direct%n",
        g.p50 - d.p50, g.p95 - d.p95, 100.0 * g.rps / d.rps);
    System.exit(0);
  }

  /** CPU ticks (user + system, 1/100 s) of each watched JVM (ProcStat, from platform-test-support). */
  static Map<String, Long> cpuTicks() {
    Map<String, Long> ticks = new LinkedHashMap<>();
    for (String entry : System.getenv().getOrDefault("BENCH_PIDS", "").split(" ")) {
      if (entry.isBlank()) continue;
      String[] kv = entry.split("=");
      ticks.put(kv[0], org.permitwatch.testsupport.bench.ProcStat.cpuTicks(Long.parseLong(kv[1])));
    }
    return ticks;
  }

  /** The open JFR windows of a side's measured requests, by part (JfrWindow, from platform-test-support). */
  static final Map<String, org.permitwatch.testsupport.bench.JfrWindow> JFR = new LinkedHashMap<>();

  /** BENCH_JFR_PARTS: these parts' samples during a side's measured requests (into BENCH_JFR_DIR/SIDE-PART.jfr). */
  static void jfr(String side, boolean start) {
    List<String> parts = List.of(System.getenv().getOrDefault("BENCH_JFR_PARTS", "").trim().split("\\s+"));
    for (String entry : System.getenv().getOrDefault("BENCH_PIDS", "").split(" ")) {
      String[] kv = entry.split("=");
      if (kv.length != 2 || !parts.contains(kv[0])) continue;
      if (start) {
        JFR.put(kv[0], org.permitwatch.testsupport.bench.JfrWindow.open(kv[0], Long.parseLong(kv[1]), "bench"));
      } else {
        JFR.remove(kv[0]).close(Path.of(System.getenv("BENCH_JFR_DIR"), side + "-" + kv[0] + ".jfr"));
      }
    }
  }

  /** One side's phase with either client; for a measured one, the CPU each watched JVM spent per answered request. */
  static Result run(HttpClient http, String side, String url, int n, int c, List<String> tokens) throws Exception {
    boolean measured = !side.startsWith("warm-up");
    if (measured) jfr(side, true);
    Map<String, Long> cpuBefore = cpuTicks();
    String wrkSeconds = System.getenv().getOrDefault("BENCH_WRK_SECONDS", "");
    Result result;
    if (wrkSeconds.isEmpty()) {
      result = httpClient(http, side, url, n, c, tokens);
    } else {
      String warmup = System.getenv().getOrDefault("BENCH_WRK_WARMUP", "");
      int seconds = measured ? Integer.parseInt(wrkSeconds)
          : warmup.isEmpty() ? Math.max(5, Integer.parseInt(wrkSeconds) / 2) : Integer.parseInt(warmup);
      result = wrk(side, url, seconds, c);
    }
    if (measured) {
      StringBuilder cpu = new StringBuilder();
      cpuTicks().forEach((part, after) ->
          cpu.append(String.format("  %s %.2f", part, (after - cpuBefore.get(part))
              * org.permitwatch.testsupport.bench.ProcStat.MILLIS_PER_TICK / result.requests())));
      System.out.printf("%-8s CPU ms per request (%,d requests):%s%n", side, result.requests(), cpu);
      jfr(side, false);
    }
    return result;
  }

  /** N requests with the JDK's HttpClient, C workers each with its own token. */
  static Result httpClient(HttpClient http, String side, String url, int n, int c, List<String> tokens)
      throws Exception {
    long[] micros = new long[n];
    AtomicInteger next = new AtomicInteger();
    Map<Integer, Integer> statuses = new ConcurrentSkipListMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(c);
    long start = System.nanoTime();
    List<Future<?>> workers = new ArrayList<>();
    for (int w = 0; w < c; w++) {
      String token = tokens.get(w % tokens.size());
      workers.add(pool.submit(() -> {
        for (int i; (i = next.getAndIncrement()) < n; ) {
          HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30))
              .header("Authorization", "Bearer " + token);
          HttpRequest req = body.isEmpty() ? b.GET().build()
              : b.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
          long t0 = System.nanoTime();
          int status;
          try {
            status = http.send(req, HttpResponse.BodyHandlers.ofByteArray()).statusCode();
          } catch (HttpTimeoutException e) {
            status = -1; // no answer within 30 s: counted as status -1, not a failed run
          }
          micros[i] = (System.nanoTime() - t0) / 1000;
          statuses.merge(status, 1, Integer::sum);
        }
        return null;
      }));
    }
    for (Future<?> f : workers) f.get();
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    long[] s = micros.clone();
    Arrays.sort(s);
    return new Result(side, n, n / seconds, pct(s, 50), pct(s, 95), pct(s, 99), s[n - 1] / 1000, statuses);
  }

  /** The same with wrk as the client (closed loop, C connections on two threads, SECONDS long; ADR 0064). */
  static Result wrk(String side, String url, int seconds, int c) throws Exception {
    ProcessBuilder b = new ProcessBuilder("wrk", "-t2", "-c" + c, "-d" + seconds + "s", "--timeout", "30s",
        "-s", Path.of("bench/wrk/bearer-tokens.lua").toAbsolutePath().toString(), url).redirectErrorStream(true);
    b.environment().put("BENCH_TOKENS", System.getenv("BENCH_TOKEN_FILE"));
    b.environment().put("BENCH_METHOD", body.isEmpty() ? "GET" : "POST");
    b.environment().put("BENCH_BODY", body);
    Process p = b.start();
    String out = new String(p.getInputStream().readAllBytes());
    if (p.waitFor() != 0) throw new IllegalStateException("wrk failed:\n" + out);
    // The script's two lines: "WRK requests=… socket=… p50=… (µs) … duration=… (µs)", "WRKSTATUS 400=… 200=…".
    Map<String, Long> f = new HashMap<>();
    Map<Integer, Integer> statuses = new TreeMap<>();
    for (String line : out.lines().toList()) {
      boolean figures = line.startsWith("WRK "), byStatus = line.startsWith("WRKSTATUS ");
      if (!figures && !byStatus) continue;
      for (String pair : line.substring(line.indexOf(' ') + 1).split(" ")) {
        String[] kv = pair.split("=", 2);
        if (figures) f.put(kv[0], Long.parseLong(kv[1]));
        else statuses.put(Integer.parseInt(kv[0]), Integer.parseInt(kv[1]));
      }
    }
    if (f.get("socket") > 0) statuses.put(-1, f.get("socket").intValue()); // timeouts and socket errors
    long n = f.get("requests");
    return new Result(side, n, n / (f.get("duration") / 1e6), f.get("p50") / 1000, f.get("p95") / 1000,
        f.get("p99") / 1000, f.get("max") / 1000, statuses);
  }

  static long pct(long[] sorted, int p) {
    return sorted[Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1)] / 1000;
  }
}
JAVA

parts=()
for part in ${BENCH_PARTS:-gateway permit-sync inspection-service identity-service}; do
  # This platform's pid file first: another platform's part of the same name may run on the machine.
  pid="$(cat "${PERMITWATCH_LOCAL:-.local}/run/$part.pid" 2>/dev/null || true)"
  [[ -n "$pid" && -d "/proc/$pid" ]] || pid="$(pgrep -f -- "-Dpermitwatch.part=$part " | head -1 || true)"
  [[ -n "$pid" ]] && parts+=("$part=$pid")
done
export BENCH_PIDS="${parts[*]}"
method=GET; [[ -z "$BODY" ]] || method="POST $BODY to"
echo "$method $PATH_Q, $N requests per side, concurrency $C, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -Is)"
JFR_DIR="${PERMITWATCH_LOCAL:-.local}/bench-gateway"
mkdir -p "$JFR_DIR" && JFR_DIR=$(cd "$JFR_DIR" && pwd)
rm -f "$JFR_DIR"/*.jfr "$JFR_DIR"/*.jfr.window
BENCH_JFR_PARTS="$JFR_PARTS" BENCH_JFR_DIR="$JFR_DIR" BENCH_WRK_SECONDS="$WRK_SECONDS" BENCH_WRK_WARMUP="$WRK_WARMUP" \
  BENCH_TOKEN_FILE="$work/tokens" \
  java -Xmx256m -cp "$work/classes" "$work/GatewayBenchmark.java" "$GATEWAY" "$DIRECT" "$PATH_Q" "$N" "$C" "$work/tokens" "$BODY" "$WARMUP"
for f in "$JFR_DIR"/*.jfr; do
  [ -s "$f" ] || continue
  echo "-- $(basename "$f" .jfr): CPU samples during the measured requests"
  # shellcheck disable=SC2046 # the window is two words: begin and end
  python3 bench/jfr-top.py "$f" $([ -s "$f.window" ] && echo --between $(cat "$f.window")) || true
done
