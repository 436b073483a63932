#!/usr/bin/env bash
# Measurement (not a test): where the memory of a running local platform goes, per part (ADR 0046,
# docs/benchmarks.md "Session 11: memory"). Reads the platform that ./run.sh started under PERMITWATCH_LOCAL (default
# .local) and prints, per part: RSS and PSS of its process tree (for postgres its JVM and the server's processes),
# threads, the heap's committed and used size, metaspace committed, classes loaded and the code cache's use; then the
# totals (the platform's memory is the PSS total). Runs jcmd twice per JVM (each jcmd is a short JVM of its own).
#
#   bench/memory-snapshot.sh [--trim]   (--trim: ask each JVM to give freed malloc memory back first,
#                                        jcmd System.trim_native_heap, and show RSS before and after)
set -euo pipefail
cd "$(dirname "$0")/.."
LOCAL="${PERMITWATCH_LOCAL:-$PWD/.local}"
RUN="$LOCAL/run"
TRIM=0
[[ "${1:-}" == --trim ]] && TRIM=1

PARTS=(postgres kafka mock mail s3 registry identity-service permit-sync inspection-service liaison-service
  reporting-service monitoring-service gateway)

tree_kb() { # FIELD PID: the sum of FIELD (VmRSS from status, Pss from smaps_rollup) over the process and descendants
  local field="$1" pid="$2" total child
  if [[ "$field" == Pss ]]; then
    total="$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)"
  else
    total="$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)"
  fi
  for child in $(ps -o pid= --ppid "$pid" 2>/dev/null); do
    total=$(( total + $(tree_kb "$field" "$child") ))
  done
  echo "${total:-0}"
}

counter() { # NAME: a value from the PerfCounter.print output in $counters
  awk -F= -v name="$1" '$1 == name {gsub(/"/, "", $2); print $2; exit}' <<<"$counters"
}

mb() { echo $(( ${1:-0} / 1048576 )); }

printf '%-19s %6s %6s %6s %5s %8s %8s %8s %7s %8s\n' PART RSS_MB PSS_MB TRIMMED THR HEAP_COM HEAP_USE META_COM CLASSES CODE_USE
total_rss=0 total_pss=0
for part in "${PARTS[@]}"; do
  pidfile="$RUN/$part.pid"
  [[ -f "$pidfile" ]] || continue
  pid="$(cat "$pidfile")"
  [[ -d "/proc/$pid" ]] || continue
  rss=$(tree_kb VmRSS "$pid"); pss=$(tree_kb Pss "$pid")
  # PostgreSQL's server is not the JVM's child (pg_ctl detaches it): add the postmaster's tree, as run.sh status does.
  pm="$(head -1 "$LOCAL/data/postgres/postmaster.pid" 2>/dev/null || true)"
  if [[ "$part" == postgres && -n "$pm" && -d "/proc/$pm" ]]; then
    rss=$(( rss + $(tree_kb VmRSS "$pm") )); pss=$(( pss + $(tree_kb Pss "$pm") ))
  fi
  trimmed=-
  if [[ $TRIM -eq 1 ]]; then
    jcmd "$pid" System.trim_native_heap >/dev/null 2>&1 || true
    trimmed=$(( $(tree_kb VmRSS "$pid") / 1024 ))
  fi
  total_rss=$(( total_rss + rss )); total_pss=$(( total_pss + pss ))
  threads="$(awk '/^Threads:/ {print $2}' "/proc/$pid/status")"
  counters="$(jcmd "$pid" PerfCounter.print 2>/dev/null || true)"
  heap_com=$(( $(counter sun.gc.generation.0.capacity) + $(counter sun.gc.generation.1.capacity) ))
  heap_use=0
  for space in sun.gc.generation.0.space.0.used sun.gc.generation.0.space.1.used sun.gc.generation.0.space.2.used \
      sun.gc.generation.1.space.0.used; do
    heap_use=$(( heap_use + $(counter "$space") ))
  done
  code="$(jcmd "$pid" Compiler.codecache 2>/dev/null | sed -n 's/.*used=\([0-9]*\)Kb.*/\1/p' | awk '{s += $1} END {print s + 0}')"
  printf '%-19s %6d %6d %6s %5s %8d %8d %8d %7s %8d\n' "$part" $(( rss / 1024 )) $(( pss / 1024 )) "$trimmed" \
    "$threads" "$(mb "$heap_com")" "$(mb "$heap_use")" "$(mb "$(counter sun.gc.metaspace.capacity)")" \
    "$(counter java.cls.loadedClasses)" $(( code / 1024 ))
done
printf 'total RSS %d MB, PSS %d MB\n' $(( total_rss / 1024 )) $(( total_pss / 1024 ))
