#!/usr/bin/env bash
# End to end through the gateway, as issue 4's "done" describes it, played as a Taiyuan (140100) city system would:
# inspectors, a plan and a double-random draw for the current month; an inspector finds an exceedance and an
# incomplete ledger; two cases: one gets an explained lawful fine, the other a justified no-penalty (首违不罚); both
# are rectified, verified by a follow-up inspection and closed (销号). Then a remote check: a Taiyuan permit expires
# on the national platform (mock), an incremental sync carries it into the directory, the city's remote check raises
# an alert with its evidence, and the alert is reviewed into a targeted task. Every step asserts what it got.
# Needs a platform started with ./run.sh (and curl, jq). The figures of each run are written to
# $PERMITWATCH_LOCAL/data/demo-enforcement/ (wiped by ./run.sh --clean) for scripts/demo-reporting.sh.
#
#   scripts/demo-enforcement.sh [GATEWAY_URL]        (MOCK_URL, default http://127.0.0.1:8090)
set -euo pipefail
cd "$(dirname "$0")/.."
GW=${1:-http://localhost:8080}
MOCK=${MOCK_URL:-http://127.0.0.1:${MOCK_PORT:-8090}}
STATE_DIR=${PERMITWATCH_LOCAL:-.local}/data/demo-enforcement
CITY=$(./run.sh token CITY 140100)
PROVINCE=$(./run.sh token PROVINCE 140000)
fail() { echo "FAILED: $*" >&2; exit 1; }
call() { # method path [json] -> body; fails on a non-2xx status, printing the problem
  local method=$1 path=$2 data=${3:-} out status
  out=$(mktemp)
  status=$(curl -sS -o "$out" -w '%{http_code}' -X "$method" -H "Authorization: Bearer ${TOKEN:-$CITY}" \
    -H 'Content-Type: application/json' ${IDEMPOTENCY_KEY:+-H "Idempotency-Key: $IDEMPOTENCY_KEY"} \
    ${data:+--data "$data"} "$GW$path")
  if [ "${status:0:1}" != 2 ]; then cat "$out" >&2; echo >&2; rm -f "$out"; fail "$method $path -> $status"; fi
  cat "$out"; rm -f "$out"
}
expect_problem() { # status method path json -> problem body; fails unless the call answers exactly that status
  local want=$1 method=$2 path=$3 data=$4 out status
  out=$(mktemp)
  status=$(curl -sS -o "$out" -w '%{http_code}' -X "$method" -H "Authorization: Bearer ${TOKEN:-$CITY}" \
    -H 'Content-Type: application/json' --data "$data" "$GW$path")
  [ "$status" = "$want" ] || { cat "$out" >&2; rm -f "$out"; fail "$method $path -> $status, expected $want"; }
  cat "$out"; rm -f "$out"
}
check() { # description jq-filter json: jq -e or fail loudly
  jq -e "$2" <<<"$3" > /dev/null || { jq . <<<"$3" >&2 || echo "$3" >&2; fail "$1"; }
}

run=$RANDOM$RANDOM
today=$(TZ=Asia/Shanghai date +%F)                 # days, months and deadlines are Beijing time
month=${today:0:7}
year=${today:0:4}
sha() { printf '%s-%s' "$1" "$run" | sha256sum | cut -d' ' -f1; }
# The procedure a fine needs before its decision (issue 20, ADR 0041): the 告知书 announcing the amount served today,
# the party waiving 陈述申辩 (and its hearing, where the amount gives one), and 法制审核 (with 集体讨论 for a major decision) where the amount needs
# them. Without the notice the decision is 409 notice-required.
procedure_before_fine() { # case-id proposal-id amount-yuan (TOKEN as for call)
  call POST "/api/v1/cases/$1/procedure/notice" \
    "{\"proposalId\":\"$2\",\"servedOn\":\"$today\",\"method\":\"DIRECT\",\"amountYuan\":$3}" > /dev/null
  local hearing blocker  # the hearing is waived only where the amount gives the party a right to one
  hearing=$(call GET "/api/v1/cases/$1/procedure" | jq -r '.state.hearingEligible == true')
  call POST "/api/v1/cases/$1/procedure/statement" "{\"on\":\"$today\",\"waived\":true,\"hearingWaived\":$hearing}" > /dev/null
  blocker=$(call GET "/api/v1/cases/$1/procedure" | jq -r '.fineDecisionBlocker // empty')
  if [ "$blocker" = legal-review-required ] || [ "$blocker" = collective-discussion-required ]; then
    call POST "/api/v1/cases/$1/procedure/review" "{\"reviewedOn\":\"$today\",\"reviewer\":\"法制科\",
      \"opinion\":\"事实清楚，证据确凿，程序合法\",\"discussedOn\":\"$today\",\"discussionNote\":\"局务会集体讨论\"}" > /dev/null
    blocker=$(call GET "/api/v1/cases/$1/procedure" | jq -r '.fineDecisionBlocker // empty')
  fi
  [ -z "$blocker" ] || fail "case $1: the fine is still blocked by $blocker"
}

echo "1. Taiyuan registers four on-post inspectors"
inspectors=()
for i in 1 2 3 4; do
  id=$(call POST /api/v1/inspectors "{\"certificateNo\":\"TYE-$run-$i\",\"name\":\"执法员E$i\",\"divisionCode\":\"140100\",
    \"specialties\":[\"AIR\"],\"onPost\":true,\"phone\":\"1390000000$i\",\"email\":\"inspector$i-$run@taiyuan.example.cn\"}" | jq -r .id)
  inspectors+=("$id")
done
echo "   ${inspectors[*]}"

echo "2. Taiyuan publishes a plan for $year (coking, double random, 10%, monthly from ${month:5:2}) and draws $month"
plan_id=$(call POST /api/v1/plans "{\"year\":$year,\"title\":\"太原市${year}年排污许可清单式执法检查计划（执法演示$run）\",
  \"startMonth\":$((10#${month:5:2})),\"rows\":[{\"rowNo\":1,\"keyIndustry\":\"COKING\",\"category\":\"DOUBLE_RANDOM\",
  \"method\":\"SAMPLING\",\"doubleRandom\":true,\"ratio\":0.1,\"frequencyPeriod\":\"MONTH\",\"frequencyTimes\":1,
  \"contentDaily\":\"按清单逐项检查\",\"operatingMethod\":\"现场核查+资料核对\",\"cooperatingAgencies\":[\"太原市行政审批服务管理局\"]}]}" | jq -r .id)
call POST "/api/v1/plans/$plan_id/publish" > /dev/null
draw=$(call POST /api/v1/draws "{\"planId\":\"$plan_id\",\"rowNo\":1,\"month\":\"$month\"}")
draw_id=$(jq -r .id <<<"$draw")
ndrawn=$(jq '.units | length' <<<"$draw")
[ "$ndrawn" -gt 0 ] || fail "the draw picked no unit"
echo "   draw $draw_id: $ndrawn unit(s) from $(jq -r .eligibleCount <<<"$draw") eligible"

checklist=$(call GET /api/v1/checklists | jq -r '.items[] | select(.divisionCode == "140000" and .status == "PUBLISHED") | .id' | head -1)
items=$(call GET "/api/v1/checklists/$checklist?keyIndustry=COKING")
item_of() { jq -r --arg t "$1" '[.items[] | select(.keyIndustry == "COKING" and .violationType == $t)][0].id' <<<"$items"; }
item_permit=$(item_of UNPERMITTED_DISCHARGE); item_exceed=$(item_of EXCEEDING_LIMITS); item_ledger=$(item_of LEDGER_INCOMPLETE)
now() { date -u +%Y-%m-%dT%H:%M:%SZ; }
record_json() { # task items-json measurements-json evidence-name
  local t; t=$(now)
  echo "{\"taskId\":\"$1\",\"submit\":true,\"inspectedAt\":\"$t\",\"position\":{\"lat\":37.87,\"lon\":112.55},
    \"notes\":\"现场检查\",\"items\":$2,\"measurements\":$3,
    \"evidence\":[{\"fileName\":\"$4.jpg\",\"sha256\":\"$(sha "$4")\",\"size\":204800,\"takenAt\":\"$t\"}]}"
}

# The scenario unit: the first drawn unit with an air outlet that has an hourly limit.
permit=""
for p in $(jq -r '.units[].permitNumber' <<<"$draw"); do
  unit=$(call GET "/api/v1/directory/units/$p")
  read -r outlet pollutant limit unit_of < <(jq -r '[.outlets[] | .outletCode as $o | .pollutants[]
     | select(.hourlyLimit != null) | "\($o) \(.pollutantCode) \(.hourlyLimit) \(.unit)"][0] // ""' <<<"$unit") || true
  if [ -n "${outlet:-}" ]; then permit=$p; break; fi
done
[ -n "$permit" ] || fail "no drawn unit has an outlet with an hourly limit"
county=$(jq -r .countyCode <<<"$unit")
tasks=$(call GET "/api/v1/tasks?drawId=$draw_id&size=200")
task_of() { jq -r --arg p "$1" '.items[] | select(.permitNumber == $p) | .id' <<<"$tasks"; }
inspector_of() { jq -r --arg p "$1" '.units[] | select(.permitNumber == $p) | .inspectorIds[0]' <<<"$draw"; }

echo "3. Inspectors inspect every drawn unit; $permit (county $county) has an exceedance and an incomplete ledger"
high=$(awk "BEGIN { print $limit * 1.5 }")
insp=$(./run.sh token INSPECTOR 140100 --sub "$(inspector_of "$permit")")
record=$(TOKEN=$insp IDEMPOTENCY_KEY="enf-$run" call POST /api/v1/inspections "$(record_json "$(task_of "$permit")" \
  "[{\"itemId\":\"$item_permit\",\"result\":\"COMPLIANT\"},
    {\"itemId\":\"$item_exceed\",\"result\":\"NON_COMPLIANT\",\"notes\":\"$outlet $pollutant 超过小时浓度限值\"},
    {\"itemId\":\"$item_ledger\",\"result\":\"NON_COMPLIANT\",\"notes\":\"10月污染防治设施运行台账缺失\"}]" \
  "[{\"outletCode\":\"$outlet\",\"pollutantCode\":\"$pollutant\",\"value\":$high,\"unit\":\"$unit_of\",\"averaging\":\"HOURLY\",\"measuredAt\":\"$(now)\"}]" \
  "stack-$permit")")
record_id=$(jq -r .id <<<"$record")
echo "   record $record_id: $outlet $pollutant = $high $unit_of (limit $limit)"
others=0
for p in $(jq -r '.units[].permitNumber' <<<"$draw"); do
  [ "$p" = "$permit" ] && continue
  TOKEN=$(./run.sh token INSPECTOR 140100 --sub "$(inspector_of "$p")") call POST /api/v1/inspections "$(record_json \
    "$(task_of "$p")" "[{\"itemId\":\"$item_permit\",\"result\":\"COMPLIANT\"},{\"itemId\":\"$item_ledger\",\"result\":\"COMPLIANT\"}]" \
    "[]" "gate-$p")" > /dev/null
  others=$((others + 1))
done
echo "   $others other drawn unit(s) inspected, all compliant"
findings=$(call GET "/api/v1/findings?permitNumber=$permit&size=200")
check "expected exactly the two ACTIVE findings EXCEEDING_LIMITS and LEDGER_INCOMPLETE" \
  '[.items[] | select(.status == "ACTIVE") | .violationType] | sort == ["EXCEEDING_LIMITS","LEDGER_INCOMPLETE"]' "$findings"
finding_exceed=$(jq -r '.items[] | select(.violationType == "EXCEEDING_LIMITS") | .id' <<<"$findings")
finding_ledger=$(jq -r '.items[] | select(.violationType == "LEDGER_INCOMPLETE") | .id' <<<"$findings")

echo "4. Two cases are opened from the findings"
case_a=$(call POST /api/v1/cases "{\"findingId\":\"$finding_exceed\"}")
case_b=$(call POST /api/v1/cases "{\"findingId\":\"$finding_ledger\"}")
check "case A is OPEN for EXCEEDING_LIMITS" '.status == "OPEN" and .violationType == "EXCEEDING_LIMITS"' "$case_a"
check "case B is OPEN for LEDGER_INCOMPLETE" '.status == "OPEN" and .violationType == "LEDGER_INCOMPLETE"' "$case_b"
a=$(jq -r .id <<<"$case_a"); b=$(jq -r .id <<<"$case_b")
echo "   $(jq -r .caseNo <<<"$case_a") (超标排放), $(jq -r .caseNo <<<"$case_b") (台账记录不全)"
expect_problem 409 POST /api/v1/cases "{\"findingId\":\"$finding_exceed\"}" | jq -e '.code == "case-exists"' > /dev/null \
  || fail "a second case from the same finding was not 409 case-exists"

echo "5. Case A: penalty proposal with its explanation"
proposal=$(call POST "/api/v1/cases/$a/penalty-proposal" \
  '{"factors":{"HARM":"GENERAL","FAULT":"NEGLIGENT","METHOD":"ORDINARY","ATTITUDE":"ACTIVE"},"adjustments":["COOPERATED"]}')
jq -r '"   article \(.article) (\(.articleTitle)), range \(.range.minYuan)–\(.range.maxYuan) yuan, benchmark \(.benchmarkVersion)",
  (.factors[] | "   factor \(.code) \(.level) score \(.score) × weight \(.weight) = \(.contribution)"),
  (.adjustments[] | "   adjustment \(.code) \(.kind) \(.percent)%"),
  "   p = \(.pBase) → \(.pAdjusted), raw \(.rawYuan) → rounded \(.roundedYuan) → result \(.resultYuan) yuan",
  "   no penalty eligible: \(.noPenalty.eligible)"' <<<"$proposal"
# By hand (benchmark SX-PERMIT-2026.1 — SX-PERMIT-2022.1 before 2026-12-01, same figures — art. 34: 200,000–1,000,000): p = 0.3×0.5 (HARM GENERAL) + 0.2×0.3 (FAULT
# NEGLIGENT) + 0.15×0 (METHOD) + 0.15×h (HISTORY: 0 first, 0.6 one prior case, 1 two or more) + 0.2×0 (ATTITUDE)
# − 10 % (COOPERATED); fine = 200,000 + 800,000 × p, rounded to 100 yuan.
prior=$(jq -r .history.priorCases <<<"$proposal")
expected=$(awk -v n="$prior" 'BEGIN { h = n == 0 ? 0 : (n == 1 ? 0.6 : 1); p = 0.15 + 0.06 + 0.15 * h - 0.10;
  if (p < 0) p = 0; printf "%d", int((200000 + 800000 * p) / 100 + 0.5) * 100 }')
check "proposal: article 34 range 200000–1000000, result $expected, not eligible for no penalty" \
  "(.range.minYuan == 200000) and (.range.maxYuan == 1000000) and (.resultYuan == $expected) and (.noPenalty.eligible == false)" "$proposal"
proposal_a=$(jq -r .proposalId <<<"$proposal")
expect_problem 422 POST "/api/v1/cases/$a/decision" "{\"proposalId\":\"$proposal_a\",\"kind\":\"FINE\",\"amountYuan\":1200000,
  \"overrideReason\":\"演示：超出法定幅度\"}" | jq -e '[.errors[].field] | index("amountYuan")' > /dev/null \
  || fail "a fine above the statutory maximum was not refused naming amountYuan"
fine_a=300000
expect_problem 409 POST "/api/v1/cases/$a/decision" "{\"proposalId\":\"$proposal_a\",\"kind\":\"FINE\",\"amountYuan\":$fine_a,
  \"overrideReason\":\"x\"}" | jq -e '.code == "notice-required"' > /dev/null \
  || fail "a fine before its 告知书 was served was not 409 notice-required"
procedure_before_fine "$a" "$proposal_a" "$fine_a"
echo "   告知书 for $fine_a yuan served $today; 陈述申辩 and 听证 waived; 法制审核 and 集体讨论 recorded (a fine before the notice: 409)"
call POST "/api/v1/cases/$a/decision" "{\"proposalId\":\"$proposal_a\",\"kind\":\"FINE\",\"amountYuan\":$fine_a,
  \"overrideReason\":\"集体讨论：超标倍数较高，在法定幅度内酌定\"}" > /dev/null
echo "   decided FINE $fine_a yuan (inside the range; the override of $expected is audited); 1,200,000 was refused (422 amountYuan)"

echo "6. Case B: the ledger item (art. 37(1)) is a 首违不罚 case, but only once corrected in time"
# 及时改正 is derived from the rectification (verified complete by its deadline), never ticked: not yet eligible.
proposal=$(call POST "/api/v1/cases/$b/penalty-proposal" \
  '{"factors":{"HARM":"SLIGHT","FAULT":"NEGLIGENT","METHOD":"ORDINARY","ATTITUDE":"ACTIVE"}}')
jq -r '"   article \(.article), range \(.range.minYuan)–\(.range.maxYuan) yuan per occurrence, result \(.resultYuan)",
  "   no penalty: eligible \(.noPenalty.eligible), rule \(.noPenalty.rule) (\(.noPenalty.legalBasis))",
  (.noPenalty.reasons[] | "     \(if .passed then "✓" else "✗" end) \(.check): \(.detail)")' <<<"$proposal"
check "proposal B: article 37(1), rule FIRST_MINOR_LEDGER, every check but CORRECTED_IN_TIME passed" \
  '.range.minYuan == 5000 and .range.maxYuan == 20000 and (.noPenalty.eligible | not) and .noPenalty.rule == "FIRST_MINOR_LEDGER"
   and ([.noPenalty.reasons[] | select(.passed | not) | .check] == ["CORRECTED_IN_TIME"])' "$proposal"
expect_problem 422 POST "/api/v1/cases/$b/decision" "{\"proposalId\":\"$(jq -r .proposalId <<<"$proposal")\",\"kind\":\"NO_PENALTY\"}" \
  | jq -e '[.errors[].field] | index("kind")' > /dev/null || fail "NO_PENALTY before a verified correction was not refused"
echo "   NO_PENALTY before the correction is verified is refused (422 kind); decided after the follow-up (step 8)"

echo "7. Rectification is ordered for both cases (default deadline) with a follow-up task"
rect_a=$(call POST "/api/v1/cases/$a/rectification" '{"requirements":"立即停止超标排放，检修脱硫脱硝设施，7日内完成整改"}' | jq -r .rectificationId)
rect_b=$(call POST "/api/v1/cases/$b/rectification" '{"requirements":"补齐10月环境管理台账并建立记录复核制度"}' | jq -r .rectificationId)
detail_a=$(call GET "/api/v1/cases/$a"); detail_b=$(call GET "/api/v1/cases/$b")
deadline=$(TZ=Asia/Shanghai date -d "$today + 7 days" +%F)
check "rectification A: ORDERED on $today, deadline $deadline, with a follow-up task" \
  ".rectification.status == \"ORDERED\" and .rectification.orderedOn == \"$today\" and .rectification.deadline == \"$deadline\"
   and .rectification.followUpTaskId != null" "$detail_a"
follow_up=$(jq -r .rectification.followUpTaskId <<<"$detail_a")
check "both orders share the unit's follow-up task of the month" ".rectification.followUpTaskId == \"$follow_up\"" "$detail_b"
fu=$(call GET "/api/v1/tasks/$follow_up")
check "the follow-up task is open, FOLLOW_UP, ON_SITE" '.origin == "FOLLOW_UP" and .method == "ON_SITE" and (.status == "ASSIGNED")' "$fu"
echo "   follow-up task $follow_up due $(jq -r .dueDate <<<"$fu") ($(jq -r .periodMonth <<<"$fu"))"
call POST "/api/v1/rectifications/$rect_a/progress" '{"note":"企业报告：脱硝设施已检修，在线监测恢复达标"}' > /dev/null
# The city sends two inspectors to the follow-up: a targeted task for the same unit and month merges into it.
assigned=$(call POST /api/v1/tasks "{\"permitNumber\":\"$permit\",\"origin\":\"FOLLOW_UP\",\"method\":\"ON_SITE\",
  \"dueDate\":\"$(jq -r .dueDate <<<"$fu")\",\"department\":\"ENVIRONMENT_ENFORCEMENT\",\"inspectorIds\":[\"${inspectors[2]}\",\"${inspectors[3]}\"]}")
check "the inspectors were added to the follow-up task" ".id == \"$follow_up\" and (.inspectorIds | index(\"${inspectors[2]}\"))" "$assigned"

echo "8. The follow-up inspection finds both items compliant; both rectifications are verified COMPLETE"
low=$(awk "BEGIN { print $limit * 0.5 }")
followup=$(TOKEN=$(./run.sh token INSPECTOR 140100 --sub "${inspectors[2]}") call POST /api/v1/inspections "$(record_json "$follow_up" \
  "[{\"itemId\":\"$item_exceed\",\"result\":\"COMPLIANT\"},{\"itemId\":\"$item_ledger\",\"result\":\"COMPLIANT\"}]" \
  "[{\"outletCode\":\"$outlet\",\"pollutantCode\":\"$pollutant\",\"value\":$low,\"unit\":\"$unit_of\",\"averaging\":\"HOURLY\",\"measuredAt\":\"$(now)\"}]" \
  "followup-$permit")")
followup_id=$(jq -r .id <<<"$followup")
[ "$(call GET "/api/v1/findings?permitNumber=$permit&size=200" | jq --arg r "$followup_id" '[.items[] | select(.recordId == $r)] | length')" = 0 ] \
  || fail "the follow-up record produced findings"
expect_problem 409 POST "/api/v1/rectifications/$rect_a/verification" "{\"recordId\":\"$followup_id\",\"result\":\"CONTINUING\"}" \
  | jq -e '.code == "violation-not-found"' > /dev/null || fail "CONTINUING on a compliant record was not 409 violation-not-found"
call POST "/api/v1/rectifications/$rect_a/verification" "{\"recordId\":\"$followup_id\",\"result\":\"COMPLETE\"}" > /dev/null
call POST "/api/v1/rectifications/$rect_b/verification" "{\"recordId\":\"$followup_id\",\"result\":\"COMPLETE\"}" > /dev/null
echo "   follow-up record $followup_id: no findings; CONTINUING refused (409), COMPLETE accepted for both"
proposal=$(call POST "/api/v1/cases/$b/penalty-proposal" \
  '{"factors":{"HARM":"SLIGHT","FAULT":"NEGLIGENT","METHOD":"ORDINARY","ATTITUDE":"ACTIVE"}}')
check "proposal B after the verified correction: eligible under FIRST_MINOR_LEDGER, every check passed" \
  '.resultYuan == 5900 and .noPenalty.eligible and .noPenalty.rule == "FIRST_MINOR_LEDGER"
   and (.noPenalty.reasons | length > 0 and all(.passed))' "$proposal"
call POST "/api/v1/cases/$b/decision" "{\"proposalId\":\"$(jq -r .proposalId <<<"$proposal")\",\"kind\":\"NO_PENALTY\"}" > /dev/null
echo "   case B corrected in time → decided NO_PENALTY ($(jq -r .noPenalty.legalBasis <<<"$proposal"))"

echo "9. Both cases are closed (销号)"
closed_a=$(call POST "/api/v1/cases/$a/close" '{}'); closed_b=$(call POST "/api/v1/cases/$b/close" '{}')
check "case A closed with total fine $fine_a, rectification verified on time" \
  ".status == \"CLOSED\" and .totalFineYuan == $fine_a and .rectification.status == \"VERIFIED_COMPLETE\" and .rectification.onTime
   and ([.decisions[] | .kind] == [\"FINE\"])" "$closed_a"
check "case B closed without a fine" \
  '.status == "CLOSED" and .totalFineYuan == 0 and .rectification.status == "VERIFIED_COMPLETE"
   and ([.decisions[] | .kind] == ["NO_PENALTY"]) and .decisions[0].noPenaltyRule == "FIRST_MINOR_LEDGER"' "$closed_b"
echo "   $(jq -r '"\(.caseNo) \(.status) fine \(.totalFineYuan)"' <<<"$closed_a"); $(jq -r '"\(.caseNo) \(.status) fine \(.totalFineYuan)"' <<<"$closed_b")"

echo "10. The city publishes the draw's results (every drawn unit inspected)"
published=$(call POST "/api/v1/draws/$draw_id/publish" '{}')
check "the draw has been published" ".publishedAt != null" "$published"

echo "11. A Taiyuan permit expires on the national platform (mock)"
mtoken=$(curl -sS -d 'grant_type=client_credentials&client_id=permitwatch-sx&client_secret=permitwatch-sx-secret' \
  "$MOCK/oauth/token" | jq -r .access_token)
expired=""
for _ in $(seq 1 40); do
  # The mock changes the status of N random VALID permits; keep going until a Taiyuan permit (not a registration) expired.
  for p in $(curl -sS -XPOST "$MOCK/__mock/mutations" -d '{"statusChanges":10}' | jq -r '.statusChanged[]'); do
    [[ $p == *P ]] || continue
    st=$(curl -sS -H "Authorization: Bearer $mtoken" "$MOCK/api/v1/permits/$p" | jq -r '"\(.data.cityCode) \(.data.status)"')
    if [ "$st" = "140100 过期" ]; then expired=$p; break 2; fi
  done
done
[ -n "$expired" ] || fail "the mock did not expire a Taiyuan permit"
echo "   $expired expired on the platform"

echo "12. The province runs an incremental sync; the directory shows the expired permit"
sync_id=$(TOKEN=$PROVINCE call POST /api/v1/sync/runs '{"mode":"INCREMENTAL"}' | jq -r .id)
for _ in $(seq 1 120); do
  sync=$(TOKEN=$PROVINCE call GET "/api/v1/sync/runs/$sync_id")
  case $(jq -r .status <<<"$sync") in SUCCEEDED) break ;; FAILED|PAUSED) fail "sync $(jq -c . <<<"$sync")" ;; esac
  sleep 1
done
check "the incremental sync succeeded and updated permits" '.status == "SUCCEEDED" and .updated > 0' "$sync"
dir=$(call GET "/api/v1/directory/units/$expired")
check "the directory holds $expired as EXPIRED" '.status == "EXPIRED"' "$dir"
valid_to=$(jq -r .validTo <<<"$dir")
echo "   sync $sync_id: $(jq -r '"fetched \(.fetched), updated \(.updated)"' <<<"$sync"); $expired EXPIRED since $valid_to"

echo "13. Taiyuan runs its remote checks until inspection-service's directory projection has the change"
alert=""
for _ in $(seq 1 30); do
  runv=$(call POST /api/v1/remote-checks/runs '{}')
  alert=$(call GET "/api/v1/alerts?rule=PERMIT_NOT_VALID_BUT_OPERATING&status=OPEN&county=$(jq -r .countyCode <<<"$dir")&size=200" \
    | jq -c --arg p "$expired" '[.items[] | select(.permitNumber == $p)][0] // empty')
  [ -n "$alert" ] && break
  sleep 2
done
[ -n "$alert" ] || fail "no OPEN alert for $expired"
days=$(( ($(date -d "$today" +%s) - $(date -d "$valid_to" +%s)) / 86400 ))
echo "   run: raised $(jq -r .raised <<<"$runv"), updated $(jq -r .updated <<<"$runv"), resolved $(jq -r .resolved <<<"$runv")"
echo "   alert $(jq -r '"\(.id): \(.rule) \(.violationType) art. \(.article)"' <<<"$alert")"
echo "   evidence $(jq -c '.evidence | {status, effectiveStatus, validTo, daysSinceExpiry, managementCategory}' <<<"$alert")"
check "the alert's evidence: EXPIRED since $valid_to, $days day(s), UNPERMITTED_DISCHARGE art. 33" \
  ".violationType == \"UNPERMITTED_DISCHARGE\" and .article == \"33(2)\" and .evidence.status == \"EXPIRED\"
   and .evidence.effectiveStatus == \"EXPIRED\" and .evidence.validTo == \"$valid_to\" and .evidence.daysSinceExpiry == $days
   and (.evidence.managementCategory | IN(\"KEY\", \"SIMPLIFIED\"))" "$alert"

echo "14. The alert is reviewed into a targeted task"
alert_id=$(jq -r .id <<<"$alert")
reviewed=$(call POST "/api/v1/alerts/$alert_id/review" "{\"decision\":\"TASK\",\"method\":\"ON_SITE\",
  \"inspectorIds\":[\"${inspectors[0]}\",\"${inspectors[1]}\"]}")
check "the alert is TASKED with a task" '.status == "TASKED" and .taskId != null' "$reviewed"
alert_task=$(call GET "/api/v1/tasks/$(jq -r .taskId <<<"$reviewed")")
check "the task is the unit's, with the two inspectors" ".permitNumber == \"$expired\" and (.inspectorIds | index(\"${inspectors[0]}\"))
  and (.origin | IN(\"ALERT\", \"DRAW\", \"CLUE\", \"MANUAL\", \"COMPLAINT\", \"FOLLOW_UP\"))" "$alert_task"
echo "   alert $alert_id TASKED → task $(jq -r '"\(.id) (\(.origin), due \(.dueDate))"' <<<"$alert_task")"

echo "15. Datong: an order served in the past, a re-inspection finds the exceedance continuing → a daily fine (按日连续处罚)"
# Played in Datong (140200) so Taiyuan's figures, which demo-reporting.sh checks, stay as they were.
DT=$(./run.sh token CITY 140200)
dt_inspectors=()
for i in 1 2; do
  dt_inspectors+=("$(TOKEN=$DT call POST /api/v1/inspectors "{\"certificateNo\":\"DTE-$run-$i\",\"name\":\"大同执法员$i\",
    \"divisionCode\":\"140200\",\"specialties\":[\"AIR\"],\"onPost\":true}" | jq -r .id)")
done
dt_permit=""
for p in $(TOKEN=$DT call GET "/api/v1/directory/units?division=140200&keyIndustry=COKING&size=50" | jq -r '.items[].permitNo'); do
  dt_unit=$(TOKEN=$DT call GET "/api/v1/directory/units/$p")
  read -r dt_outlet dt_pollutant dt_limit dt_unit_of < <(jq -r '[.outlets[] | .outletCode as $o | .pollutants[]
     | select(.hourlyLimit != null) | "\($o) \(.pollutantCode) \(.hourlyLimit) \(.unit)"][0] // ""' <<<"$dt_unit") || true
  if [ -n "${dt_outlet:-}" ]; then dt_permit=$p; break; fi
done
[ -n "$dt_permit" ] || fail "no Datong coking unit has an outlet with an hourly limit"
dt_high=$(awk "BEGIN { print $dt_limit * 1.8 }")
dt_inspector=$(./run.sh token INSPECTOR 140200 --sub "${dt_inspectors[0]}")
dt_task() { # due-date -> task id (a targeted task; it merges into an open follow-up task of the unit and month)
  TOKEN=$DT call POST /api/v1/tasks "{\"permitNumber\":\"$dt_permit\",\"origin\":\"COMPLAINT\",\"method\":\"ON_SITE\",
    \"dueDate\":\"$1\",\"department\":\"ENVIRONMENT_ENFORCEMENT\",\"inspectorIds\":[\"${dt_inspectors[0]}\",\"${dt_inspectors[1]}\"]}" | jq -r .id
}
dt_record() { # task inspected-at backdate-reason evidence-name -> record json (an exceedance at the outlet)
  TOKEN=$dt_inspector call POST /api/v1/inspections "{\"taskId\":\"$1\",\"submit\":true,\"inspectedAt\":\"$2\",
    \"position\":{\"lat\":40.08,\"lon\":113.30},\"notes\":\"现场检查\",\"backdateReason\":$3,
    \"items\":[{\"itemId\":\"$item_exceed\",\"result\":\"NON_COMPLIANT\",\"notes\":\"$dt_outlet $dt_pollutant 超过小时浓度限值\"}],
    \"measurements\":[{\"outletCode\":\"$dt_outlet\",\"pollutantCode\":\"$dt_pollutant\",\"value\":$dt_high,\"unit\":\"$dt_unit_of\",
      \"averaging\":\"HOURLY\",\"measuredAt\":\"$2\"}],
    \"evidence\":[{\"fileName\":\"$4.jpg\",\"sha256\":\"$(sha "$4")\",\"size\":204800,\"takenAt\":\"$2\"}]}"
}
# The inspection took place 12 days ago on paper and is entered now: beyond the 3-day window it needs a reason,
# and the back-dating is audited (record.backdate).
found_on=$(TZ=Asia/Shanghai date -d "$today - 12 days" +%F)
served_on=$(TZ=Asia/Shanghai date -d "$today - 10 days" +%F)
t1=$(dt_task "$today")
TOKEN=$dt_inspector expect_problem 400 POST /api/v1/inspections "{\"taskId\":\"$t1\",\"submit\":true,
  \"inspectedAt\":\"${found_on}T10:00:00+08:00\",\"position\":{\"lat\":40.08,\"lon\":113.30},
  \"items\":[{\"itemId\":\"$item_exceed\",\"result\":\"NON_COMPLIANT\"}]}" \
  | jq -e '[.errors[].field] | index("backdateReason")' > /dev/null || fail "a 12-day back-dated record without a reason was accepted"
dt_first=$(dt_record "$t1" "${found_on}T10:00:00+08:00" '"现场使用纸质笔录，系统停机后补录"' "dt-first-$dt_permit")
dt_finding=$(TOKEN=$DT call GET "/api/v1/findings?permitNumber=$dt_permit&size=200" \
  | jq -r --arg r "$(jq -r .id <<<"$dt_first")" '.items[] | select(.recordId == $r and .violationType == "EXCEEDING_LIMITS") | .id')
dt_case=$(TOKEN=$DT call POST /api/v1/cases "{\"findingId\":\"$dt_finding\"}" | jq -r .id)
dt_proposal=$(TOKEN=$DT call POST "/api/v1/cases/$dt_case/penalty-proposal" \
  '{"factors":{"HARM":"GENERAL","FAULT":"NEGLIGENT","METHOD":"ORDINARY","ATTITUDE":"PASSIVE"}}')
dt_fine=$(jq -r '.resultYuan | floor' <<<"$dt_proposal")
TOKEN=$DT procedure_before_fine "$dt_case" "$(jq -r .proposalId <<<"$dt_proposal")" "$dt_fine"
TOKEN=$DT call POST "/api/v1/cases/$dt_case/decision" "{\"proposalId\":\"$(jq -r .proposalId <<<"$dt_proposal")\",\"kind\":\"FINE\"}" > /dev/null
echo "   $dt_permit: exceedance found on $found_on (entered today, reason audited), case decided FINE $dt_fine yuan (art. $(jq -r .article <<<"$dt_proposal"))"
# 责令改正违法行为决定书 served on site 10 days ago (第八条), entered now with its service day.
TOKEN=$DT expect_problem 400 POST "/api/v1/cases/$dt_case/rectification" "{\"requirements\":\"x\",\"servedOn\":\"$(TZ=Asia/Shanghai date -d "$today + 1 day" +%F)\"}" \
  | jq -e '[.errors[].field] | index("servedOn")' > /dev/null || fail "a service day in the future was accepted"
dt_rect=$(TOKEN=$DT call POST "/api/v1/cases/$dt_case/rectification" \
  "{\"requirements\":\"立即停止超标排放\",\"servedOn\":\"$served_on\"}" | jq -r .rectificationId)
check "the order is served on $served_on, deadline 7 days after the service" \
  ".rectification.servedOn == \"$served_on\" and .rectification.orderedOn == \"$today\"
   and .rectification.deadline == \"$(TZ=Asia/Shanghai date -d "$served_on + 7 days" +%F)\"" "$(TOKEN=$DT call GET "/api/v1/cases/$dt_case")"
# The re-inspection (复查) today, within 30 days of the service, finds the exceedance continuing.
t2=$(dt_task "$today")
dt_again=$(dt_record "$t2" "$(now)" null "dt-again-$dt_permit" | jq -r .id)
TOKEN=$DT call POST "/api/v1/rectifications/$dt_rect/verification" "{\"recordId\":\"$dt_again\",\"result\":\"CONTINUING\"}" > /dev/null
dt_daily=$(TOKEN=$DT call POST "/api/v1/cases/$dt_case/daily-penalty" "{\"rectificationId\":\"$dt_rect\",\"reinspectionRecordId\":\"$dt_again\"}")
dt_detail=$(TOKEN=$DT call GET "/api/v1/cases/$dt_case")
dt_decision=$(jq -c --arg id "$(jq -r .decisionId <<<"$dt_daily")" '.decisions[] | select(.id == $id)' <<<"$dt_detail")
# By hand (第十七条/第十九条): days = the day after the service .. today = 10; amount = original fine × 10.
check "daily fine: 10 days ($(TZ=Asia/Shanghai date -d "$served_on + 1 day" +%F) .. $today) × $dt_fine = $((dt_fine * 10)) yuan" \
  ".kind == \"DAILY_CONTINUOUS\" and .days == 10 and .fromDate == \"$(TZ=Asia/Shanghai date -d "$served_on + 1 day" +%F)\"
   and .toDate == \"$today\" and .amountYuan == $((dt_fine * 10))
   and (.explanation.legalBasis | map(test(\"第十七条|第十九条\")) | all)" "$dt_decision"
jq -r '"   \(.explanation.fromDate) .. \(.explanation.toDate): \(.days) days × \(.explanation.dailyAmountYuan) = \(.amountYuan) yuan",
  (.explanation.legalBasis[] | "   \(.)")' <<<"$dt_decision"
TOKEN=$DT expect_problem 409 POST "/api/v1/cases/$dt_case/daily-penalty" \
  "{\"rectificationId\":\"$dt_rect\",\"reinspectionRecordId\":\"$dt_again\"}" | jq -e '.code == "daily-penalty-exists"' > /dev/null \
  || fail "the same re-inspection was fined twice"
echo "   fining the same re-inspection again is refused (409); case $(jq -r .caseNo <<<"$dt_detail") stays DECIDED, order open"

echo "16. Datong: a missing self-monitoring plan is fined under art. 36(5) (20,000–200,000), not the item's 34(2)"
# Item 7's sub-point "自行监测方案…符合技术指南" carries 第三十六条第（五）项 (issue 12.1): the finding cites it, so a 50,000 fine,
# refused under 34(2)'s 200,000 minimum, is lawful.
sm_item=$(jq -c '[.items[] | select(.violationType == "SELF_MONITORING_FALSIFIED")
  | select(any(.subPoints[]; .article == "第三十六条第（五）项"))][0]' <<<"$items")
sm_sub=$(jq -r '[.subPoints[] | select(.article == "第三十六条第（五）项")][0].code' <<<"$sm_item")
# A unit of an industry without its own list (行业 OTHER) is checked against the general items, where sub-point
# 7.GENERAL.1 (the plan) lives; a coking unit's item 7 is 7.COKING, whose sub-points are the industry's own.
sm_permit=$(TOKEN=$DT call GET "/api/v1/directory/units?division=140200&keyIndustry=OTHER&size=50" \
  | jq -r '[.items[] | select(.status == "VALID" and .managementCategory != "REGISTRATION") | .permitNo][0]')
[ -n "$sm_permit" ] && [ "$sm_permit" != "null" ] || fail "no permitted Datong unit of another industry"
sm_task=$(TOKEN=$DT call POST /api/v1/tasks "{\"permitNumber\":\"$sm_permit\",\"origin\":\"COMPLAINT\",\"method\":\"ON_SITE\",
  \"dueDate\":\"$today\",\"department\":\"ENVIRONMENT_ENFORCEMENT\",\"inspectorIds\":[\"${dt_inspectors[0]}\",\"${dt_inspectors[1]}\"]}" | jq -r .id)
sm_at=$(now)
sm_record=$(TOKEN=$dt_inspector call POST /api/v1/inspections "{\"taskId\":\"$sm_task\",\"submit\":true,\"inspectedAt\":\"$sm_at\",
  \"position\":{\"lat\":40.08,\"lon\":113.30},\"notes\":\"现场检查\",
  \"items\":[{\"itemId\":\"$(jq -r .id <<<"$sm_item")\",\"result\":\"NON_COMPLIANT\",\"subPoints\":[\"$sm_sub\"],
    \"notes\":\"未制定自行监测方案\"}],
  \"evidence\":[{\"fileName\":\"sm-$sm_permit.jpg\",\"sha256\":\"$(sha "sm-$sm_permit")\",\"size\":204800,\"takenAt\":\"$sm_at\"}]}")
sm_finding=$(TOKEN=$DT call GET "/api/v1/findings?permitNumber=$sm_permit&size=200" \
  | jq -c --arg r "$(jq -r .id <<<"$sm_record")" '[.items[] | select(.recordId == $r)][0]')
check "the finding cites the sub-point's article 第三十六条第（五）项" '.article == "第三十六条第（五）项"' "$sm_finding"
sm_case=$(TOKEN=$DT call POST /api/v1/cases "{\"findingId\":\"$(jq -r .id <<<"$sm_finding")\"}" | jq -r .id)
sm_proposal=$(TOKEN=$DT call POST "/api/v1/cases/$sm_case/penalty-proposal" \
  '{"factors":{"HARM":"GENERAL","FAULT":"NEGLIGENT","METHOD":"ORDINARY","ATTITUDE":"ACTIVE"}}')
check "proposal: article 36(5), range 20000–200000 yuan" \
  '.range.minYuan == 20000 and .range.maxYuan == 200000 and (.article | contains("第三十六条"))' "$sm_proposal"
TOKEN=$DT procedure_before_fine "$sm_case" "$(jq -r .proposalId <<<"$sm_proposal")" 50000
sm_decision=$(TOKEN=$DT call POST "/api/v1/cases/$sm_case/decision" "{\"proposalId\":\"$(jq -r .proposalId <<<"$sm_proposal")\",
  \"kind\":\"FINE\",\"amountYuan\":50000,\"overrideReason\":\"初次发现，已当场承诺补制方案\"}")
echo "   $sm_permit: missing self-monitoring plan → art. $(jq -r .article <<<"$sm_proposal"), range $(jq -r '"\(.range.minYuan)–\(.range.maxYuan)"' <<<"$sm_proposal") yuan, decided FINE 50000 yuan (a lawful amount under 36(5), below 34(2)'s minimum)"

# What reporting must show for this run (demo-reporting.sh adds up every run of this platform).
mkdir -p "$STATE_DIR"
counties=$(for p in $(jq -r '.units[].permitNumber' <<<"$draw"); do call GET "/api/v1/directory/units/$p" | jq -c '{permit: .permitNo, county: .countyCode}'; done | jq -sc .)
jq -n --arg run "$run" --arg day "$today" --arg month "$month" --arg permit "$permit" --arg county "$county" \
  --arg draw "$draw_id" --arg record "$record_id" --arg followup "$followup_id" --arg a "$a" --arg b "$b" \
  --argjson fine "$fine_a" --arg expired "$expired" --arg alert "$alert_id" --argjson drawn "$counties" \
  --argjson inspectors "$(printf '%s\n' "${inspectors[@]}" | jq -R . | jq -sc .)" \
  '{run: $run, day: $day, month: $month, industry: "COKING", draw: $draw, drawn: $drawn, inspectors: $inspectors,
    scenario: {permit: $permit, county: $county, record: $record, followUpRecord: $followup, cases: [$a, $b],
      violations: {EXCEEDING_LIMITS: 1, LEDGER_INCOMPLETE: 1}, fineYuan: $fine, noPenalty: 1, rectifiedUnits: 1},
    alert: {permit: $expired, id: $alert}}' > "$STATE_DIR/run-$run.json"
echo "OK: finding → cases → explained fine / justified no-penalty → rectification → verified follow-up → closed;"
echo "    an order served 10 days ago → re-inspection finds it continuing → daily fine of 10 days (Datong);"
echo "    a missing self-monitoring plan → art. 36(5) → a 50,000 fine (Datong);"
echo "    expired permit → sync → remote alert with evidence → targeted task; all through the gateway ($STATE_DIR/run-$run.json)"
