#!/usr/bin/env bash
# End to end through the gateway, as issue 5's "done" describes it: the province registers Taiyuan's two
# liaisons, sends the checklist to every liaison (the mails land in $PERMITWATCH_LOCAL/mail/, .local/mail/ by
# default), reads the monthly dispatch deadline's status per city, and a clue for enforcement becomes an inspection
# task once the receiving city accepts it (while a clue about another city's unit becomes none). Needs ./run.sh (curl,
# jq).
#
#   scripts/demo-liaison.sh [GATEWAY_URL]
set -euo pipefail
cd "$(dirname "$0")/.."
GW=${1:-http://localhost:8080}
# Where run.sh's SMTP server writes every mail it receives (run.sh's MAIL_DIR).
MAIL_DIR=${PERMITWATCH_LOCAL:-.local}/mail
PROVINCE=$(./run.sh token PROVINCE 140000)
CITY=$(./run.sh token CITY 140100)
fail() { echo "FAILED: $*" >&2; exit 1; }
call() { # method path [json] -> body; fails on a non-2xx status, printing the problem
  local method=$1 path=$2 data=${3:-} out status
  out=$(mktemp)
  status=$(curl -sS -o "$out" -w '%{http_code}' -X "$method" -H "Authorization: Bearer ${TOKEN:-$PROVINCE}" \
    -H 'Content-Type: application/json' ${IDEMPOTENCY_KEY:+-H "Idempotency-Key: $IDEMPOTENCY_KEY"} \
    ${data:+--data "$data"} "$GW$path")
  if [ "${status:0:1}" != 2 ]; then cat "$out" >&2; echo >&2; rm -f "$out"; fail "$method $path -> $status"; fi
  cat "$out"; rm -f "$out"
}
run=$RANDOM

echo "1. The province registers Taiyuan's liaisons (enforcement and permit issuing)"
for role in ENFORCEMENT PERMIT_ISSUING; do
  existing=$(call GET "/api/v1/liaisons?size=200" | jq -r --arg r "$role" '.items[] | select(.divisionCode == "140100" and .role == $r) | .id')
  [ -z "$existing" ] || TOKEN=$PROVINCE call DELETE "/api/v1/liaisons/$existing" > /dev/null
  call POST /api/v1/liaisons "{\"role\":\"$role\",\"divisionCode\":\"140100\",\"personName\":\"联络员$run$role\",
    \"organisation\":\"太原市生态环境局\",\"position\":\"科长\",\"phone\":\"1390000$((1000 + RANDOM % 8999))\",
    \"email\":\"liaison-$run-${role,,}@taiyuan.example.cn\"}" | jq -r '"   \(.role): \(.personName) \(.phone) \(.email)"'
done
echo "   as another city sees the list: $(TOKEN=$(./run.sh token CITY 140200) call GET '/api/v1/liaisons?size=200' \
  | jq -r '[.items[] | select(.divisionCode == "140100")] | length') Taiyuan rows"

echo "2. The province sends its checklist to every liaison in one action"
before=$(find "$MAIL_DIR" -maxdepth 1 -type f 2>/dev/null | wc -l)
attachment=$(printf '排污许可执法检查清单 %s' "$run" | base64 -w0)
dispatch=$(IDEMPOTENCY_KEY="checklist-$run" call POST /api/v1/notifications/checklist-dispatch \
  "{\"subject\":\"关于印发排污许可执法检查清单的通知\",\"message\":\"请各市联络员查收附件。\",
    \"attachment\":{\"fileName\":\"检查清单.txt\",\"contentType\":\"text/plain\",\"contentBase64\":\"$attachment\"}}")
echo "   dispatch: $(jq -c 'del(.attachment)' <<<"$dispatch" | cut -c1-160)"
for _ in $(seq 1 40); do
  after=$(find "$MAIL_DIR" -maxdepth 1 -type f 2>/dev/null | wc -l)
  grep -lqs "liaison-$run-enforcement" "$MAIL_DIR"/* && grep -lqs "liaison-$run-permit_issuing" "$MAIL_DIR"/* && break
  sleep 0.5
done
grep -lqs "liaison-$run-enforcement" "$MAIL_DIR"/* || fail "no mail reached Taiyuan's enforcement liaison"
echo "   $((after - before)) mail(s) written to $MAIL_DIR/, Taiyuan's liaisons among them"

echo "3. The monthly dispatch deadline, per city"
deadline=$(call GET "/api/v1/deadlines?size=200" | jq -r '[.items[] | select(.code | startswith("MONTHLY_DISPATCH"))][0].id')
[ "$deadline" != null ] || fail "no monthly dispatch obligation"
status=$(call GET "/api/v1/deadlines/$deadline/status?period=2022-06")
echo "   2022-06: $(jq -r '.instances[0].cities[] | "\(.cityName) \(.status)"' <<<"$status" | paste -sd, | cut -c1-200)"
[ "$(jq '.instances[0].cities | length' <<<"$status")" -eq 11 ] || fail "the status does not list the 11 cities"

echo "4. The province's monitoring department passes Taiyuan a clue; Taiyuan accepts it and only then it becomes a task"
permit=$(TOKEN=$CITY call GET '/api/v1/directory/units?size=1&status=VALID' | jq -r '.items[0].permitNo')
clue=$(call POST /api/v1/clues "{\"fromDepartment\":\"MONITORING\",\"toDivisionCode\":\"140100\",
  \"toDepartment\":\"ENFORCEMENT\",\"permitNumber\":\"$permit\",\"summary\":\"在线监测数据异常，疑似超标排放（$run）\"}")
clue_id=$(jq -r .id <<<"$clue")
echo "   clue $clue_id for $permit, status $(jq -r .status <<<"$clue")"
incoming=$(TOKEN=$CITY call GET '/api/v1/clues?direction=INCOMING&status=CREATED&size=200' \
  | jq -r --arg id "$clue_id" '[.items[] | select(.id == $id)] | length')
[ "$incoming" = 1 ] || fail "Taiyuan does not see the clue among its incoming clues"
echo "   Taiyuan sees it as INCOMING and accepts it"
TOKEN=$CITY call POST "/api/v1/clues/$clue_id/accept" >/dev/null
for _ in $(seq 1 40); do
  outcome=$(TOKEN=$CITY call GET "/api/v1/clues/$clue_id" | jq -r '.taskOutcome')
  [ "$outcome" != null ] && break
  sleep 0.5
done
[ "$outcome" = TASK_CREATED ] || fail "the accepted clue did not become a task (taskOutcome $outcome)"
task=$(TOKEN=$CITY call GET "/api/v1/clues/$clue_id" | jq -r '.taskId')
echo "   task $task (origin CLUE) created in inspection-service through Kafka, shown on the clue"

echo "5. A clue Taiyuan addresses to itself about a Datong unit creates no task anywhere"
datong=$(TOKEN=$(./run.sh token CITY 140200) call GET '/api/v1/directory/units?size=1&status=VALID' | jq -r '.items[0].permitNo')
other=$(TOKEN=$CITY call POST /api/v1/clues "{\"fromDepartment\":\"MONITORING\",\"toDivisionCode\":\"140100\",
  \"toDepartment\":\"ENFORCEMENT\",\"permitNumber\":\"$datong\",\"summary\":\"外市单位线索（$run）\"}" | jq -r .id)
TOKEN=$CITY call POST "/api/v1/clues/$other/accept" >/dev/null
for _ in $(seq 1 40); do
  status=$(TOKEN=$CITY call GET "/api/v1/clues/$other" | jq -r '.status')
  [ "$status" = REJECTED ] && break
  sleep 0.5
done
[ "$status" = REJECTED ] || fail "the clue about a Datong unit was not rejected (status $status)"
echo "   $(TOKEN=$CITY call GET "/api/v1/clues/$other" | jq -r '.rejectionReason')"
echo "OK: liaisons, checklist dispatch by mail, deadline status and clue acceptance to task all work through the gateway"
