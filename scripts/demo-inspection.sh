#!/usr/bin/env bash
# End to end through the gateway, as issue 3's "done" describes it: a Taiyuan (140100) city user registers
# inspectors, publishes a plan, runs a double-random draw and re-verifies it; an assigned inspector submits a
# record with an exceedance; the findings appear. Needs a platform started with ./run.sh (and curl, jq).
#
#   scripts/demo-inspection.sh [GATEWAY_URL]
#
# TRACEPARENT=00-<32 hex>-<16 hex>-01 sends the inspector's submission in that W3C trace, as a traced field app would,
# and prints the gateway's X-Trace-Id (docs/observability.md follows it to the summary table).
set -euo pipefail
cd "$(dirname "$0")/.."
GW=${1:-http://localhost:8080}
CITY=$(./run.sh token CITY 140100)
fail() { echo "FAILED: $*" >&2; exit 1; }
call() { # method path [json] -> body; fails on a non-2xx status, printing the problem
  local method=$1 path=$2 data=${3:-} out head status
  out=$(mktemp); head=$(mktemp)
  status=$(curl -sS -o "$out" -D "$head" -w '%{http_code}' -X "$method" -H "Authorization: Bearer ${TOKEN:-$CITY}" \
    -H 'Content-Type: application/json' ${IDEMPOTENCY_KEY:+-H "Idempotency-Key: $IDEMPOTENCY_KEY"} \
    ${TRACE_HEADER:+-H "traceparent: $TRACE_HEADER"} ${data:+--data "$data"} "$GW$path")
  if [ -n "${TRACE_HEADER:-}" ]; then
    echo "   $method $path: $(grep -i '^x-trace-id:' "$head" | tr -d '\r')" >&2
  fi
  rm -f "$head"
  if [ "${status:0:1}" != 2 ]; then cat "$out" >&2; echo >&2; rm -f "$out"; fail "$method $path -> $status"; fi
  cat "$out"; rm -f "$out"
}

run=$RANDOM
echo "1. Taiyuan registers four on-post inspectors"
for i in 1 2 3 4; do
  call POST /api/v1/inspectors "{\"certificateNo\":\"TY-$run-$i\",\"name\":\"执法员$i\",\"divisionCode\":\"140100\",
    \"specialties\":[\"AIR\"],\"onPost\":true,\"phone\":\"1380000000$i\"}" | jq -r '"   \(.id) \(.name)"'
done

echo "2. Taiyuan publishes its annual plan (coking row, double random, 20%)"
plan=$(call POST /api/v1/plans '{"year":2026,"title":"太原市2026年排污许可清单式执法检查计划","startMonth":12,"rows":[
  {"rowNo":1,"keyIndustry":"COKING","category":"DOUBLE_RANDOM","method":"SAMPLING","doubleRandom":true,"ratio":0.2,
   "frequencyPeriod":"MONTH","frequencyTimes":1,"contentDaily":"按清单逐项检查","operatingMethod":"现场核查+资料核对",
   "cooperatingAgencies":["太原市行政审批服务管理局"]}]}')
plan_id=$(jq -r .id <<<"$plan")
call POST "/api/v1/plans/$plan_id/publish" > /dev/null
echo "   plan $plan_id: $(jq -c '[.rows[] | {keyIndustry, denominator}]' <<<"$plan" 2>/dev/null || echo published)"

echo "3. Taiyuan draws units and inspectors for 2026-12"
draw=$(call POST /api/v1/draws "{\"planId\":\"$plan_id\",\"rowNo\":1,\"month\":\"2026-12\"}")
draw_id=$(jq -r .id <<<"$draw")
echo "   draw $draw_id: $(jq -r '.units | length' <<<"$draw") units from $(jq -r .eligibleCount <<<"$draw") eligible, seed hash $(jq -r .seedHash <<<"$draw" | cut -c1-16)…"
[ "$(jq -r '.units | length' <<<"$draw")" -gt 0 ] || fail "the draw picked no unit"

echo "4. Taiyuan re-verifies the draw from its recorded inputs"
verification=$(call GET "/api/v1/draws/$draw_id/verification")
echo "   $(jq -c '{identical, seedMatchesHash, eligibleFingerprintMatches, inspectorsFingerprintMatches}' <<<"$verification")"
[ "$(jq -r .identical <<<"$verification")" = true ] || fail "verification is not identical"

permit=$(jq -r '.units[0].permitNumber' <<<"$draw")
inspector=$(jq -r '.units[0].inspectorIds[0]' <<<"$draw")
task=$(call GET "/api/v1/tasks?drawId=$draw_id&size=200" | jq -r --arg p "$permit" '.items[] | select(.permitNumber == $p) | .id')
echo "5. Inspector $inspector inspects $permit (task $task)"
TOKEN=$(./run.sh token INSPECTOR 140100 --sub "$inspector")
visible=$(call GET /api/v1/tasks | jq -r '.total')
echo "   the inspector sees $visible task(s) of their own"

unit=$(TOKEN=$CITY call GET "/api/v1/directory/units/$permit")
read -r outlet pollutant limit unit_of standard < <(jq -r '[.outlets[] | .outletCode as $o | .pollutants[]
   | select(.hourlyLimit != null) | "\($o) \(.pollutantCode) \(.hourlyLimit) \(.unit) \(.standard | gsub(" "; "_"))"][0]' <<<"$unit")
[ -n "$outlet" ] || fail "unit $permit has no outlet with an hourly limit"
value=$(awk "BEGIN { print $limit * 1.5 }")
versions=$(TOKEN=$CITY call GET /api/v1/checklists | jq -r '.items[] | select(.divisionCode == "140000" and .status == "PUBLISHED") | .id' | head -1)
items=$(TOKEN=$CITY call GET "/api/v1/checklists/$versions?keyIndustry=COKING")
item1=$(jq -r '[.items[] | select(.itemNo == 1 and .keyIndustry == "COKING")][0].id' <<<"$items")
now=$(date -u +%Y-%m-%dT%H:%M:%SZ)
sha=$(printf 'photo-%s' "$run" | sha256sum | cut -d' ' -f1)
record=$(TRACE_HEADER=${TRACEPARENT:-} IDEMPOTENCY_KEY="demo-$run" call POST /api/v1/inspections "{\"taskId\":\"$task\",\"submit\":true,\"inspectedAt\":\"$now\",
  \"position\":{\"lat\":37.87,\"lon\":112.55},\"notes\":\"现场检查\",
  \"items\":[{\"itemId\":\"$item1\",\"result\":\"COMPLIANT\"}],
  \"measurements\":[{\"outletCode\":\"$outlet\",\"pollutantCode\":\"$pollutant\",\"value\":$value,\"unit\":\"$unit_of\",
     \"averaging\":\"HOURLY\",\"measuredAt\":\"$now\"}],
  \"evidence\":[{\"fileName\":\"stack.jpg\",\"sha256\":\"$sha\",\"size\":204800,\"takenAt\":\"$now\"}]}")
record_id=$(jq -r .id <<<"$record")
echo "   record $record_id submitted: $outlet $pollutant = $value $unit_of (limit $limit, ${standard//_/ })"
again=$(TRACE_HEADER=${TRACEPARENT:-} IDEMPOTENCY_KEY="demo-$run" call POST /api/v1/inspections "{\"taskId\":\"$task\",\"submit\":true,\"inspectedAt\":\"$now\",
  \"position\":{\"lat\":37.87,\"lon\":112.55},\"notes\":\"现场检查\",
  \"items\":[{\"itemId\":\"$item1\",\"result\":\"COMPLIANT\"}],
  \"measurements\":[{\"outletCode\":\"$outlet\",\"pollutantCode\":\"$pollutant\",\"value\":$value,\"unit\":\"$unit_of\",
     \"averaging\":\"HOURLY\",\"measuredAt\":\"$now\"}],
  \"evidence\":[{\"fileName\":\"stack.jpg\",\"sha256\":\"$sha\",\"size\":204800,\"takenAt\":\"$now\"}]}")
[ "$(jq -r .id <<<"$again")" = "$record_id" ] || fail "a retried submission created another record"
echo "   a retried submission (same Idempotency-Key) returned the same record"

echo "6. The findings appear"
findings=$(TOKEN=$CITY call GET "/api/v1/findings?permitNumber=$permit")
jq -r '.items[] | "   finding \(.id): \(.violationType) (article \(.article // "-"))"' <<<"$findings"
[ "$(jq -r '[.items[] | select(.violationType == "EXCEEDING_LIMITS")] | length' <<<"$findings")" -ge 1 ] \
  || fail "no EXCEEDING_LIMITS finding for $permit"
echo "OK: plan, draw, verification, inspection with exceedance and findings all work through the gateway"
