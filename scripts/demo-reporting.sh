#!/usr/bin/env bash
# End to end through the gateway, as issue 6's "done" describes it: after the scenario of scripts/demo-enforcement.sh
# (run here first unless a run of it is recorded on this platform), the summary table (附件1) of Taiyuan as JSON,
# XLSX and CSV, the province's monthly dispatch, the unit's compliance history and the public pages (no token, no
# personal data) must show exactly what the enforcement runs did. Reporting is eventually consistent: every read
# is polled until it matches or a timeout passes. Expected figures are added up from the runs' records in
# $PERMITWATCH_LOCAL/data/demo-enforcement/ (wiped by ./run.sh --clean), so the Taiyuan coking figures of the run
# days must come from these scripts alone: use a fresh platform (./run.sh --clean). Needs curl, jq, unzip.
#
#   scripts/demo-reporting.sh [GATEWAY_URL]          (TIMEOUT seconds per poll, default 90)
set -euo pipefail
cd "$(dirname "$0")/.."
GW=${1:-http://localhost:8080}
TIMEOUT=${TIMEOUT:-90}
STATE_DIR=${PERMITWATCH_LOCAL:-.local}/data/demo-enforcement
CITY=$(./run.sh token CITY 140100)
PROVINCE=$(./run.sh token PROVINCE 140000)
fail() { echo "FAILED: $*" >&2; exit 1; }
fetch() { # path [accept] -> body to stdout; token from TOKEN (empty NO_TOKEN=1); fails on non-2xx
  local path=$1 accept=${2:-application/json} out status
  out=$(mktemp)
  if [ -n "${NO_TOKEN:-}" ]; then
    status=$(curl -sS -o "$out" -w '%{http_code}' -H "Accept: $accept" "$GW$path")
  else
    status=$(curl -sS -o "$out" -w '%{http_code}' -H "Accept: $accept" -H "Authorization: Bearer ${TOKEN:-$CITY}" "$GW$path")
  fi
  if [ "${status:0:1}" != 2 ]; then cat "$out" >&2; echo >&2; rm -f "$out"; fail "GET $path -> $status"; fi
  cat "$out"; rm -f "$out"
}
poll() { # description path jq-filter -> the body once the filter holds; fails after TIMEOUT showing the last body
  local what=$1 path=$2 filter=$3 body deadline=$(( $(date +%s) + TIMEOUT ))
  while :; do
    body=$(fetch "$path")
    jq -e "$filter" <<<"$body" > /dev/null && { echo "$body"; return 0; }
    [ "$(date +%s)" -lt "$deadline" ] || { jq . <<<"$body" >&2; fail "$what (not within ${TIMEOUT}s)"; }
    sleep 2
  done
}

if ! ls "$STATE_DIR"/run-*.json > /dev/null 2>&1; then
  echo "0. No enforcement run recorded on this platform: running scripts/demo-enforcement.sh first"
  scripts/demo-enforcement.sh "$GW" | sed 's/^/   | /'
fi
runs=$(jq -s . "$STATE_DIR"/run-*.json)
from=$(jq -r 'map(.day) | min' <<<"$runs"); to=$(jq -r 'map(.day) | max' <<<"$runs")
month=$(jq -r 'map(.month) | max' <<<"$runs")
[ "$(jq -r 'map(.month) | unique | length' <<<"$runs")" = 1 ] || fail "the recorded runs span several months; start fresh"
echo "   $(jq length <<<"$runs") enforcement run(s) recorded, $from … $to"

# Expected rows (county × COKING), added up by hand from the runs: one record per drawn unit, one follow-up record
# of the scenario unit, its two findings, its fine, its two rectifications (one unit, verified complete).
expected=$(jq -c '
  [ .[] | . as $r | (.drawn[] | {county, inspections: 1, EXCEEDING_LIMITS: 0, LEDGER_INCOMPLETE: 0, fine: 0, units: 0, noPenalty: 0}),
    {county: .scenario.county, inspections: 1, EXCEEDING_LIMITS: 1, LEDGER_INCOMPLETE: 1, fine: .scenario.fineYuan,
     units: 1, noPenalty: .scenario.noPenalty} ]
  | group_by(.county)
  | map({county: .[0].county, inspections: (map(.inspections) | add), EXCEEDING_LIMITS: (map(.EXCEEDING_LIMITS) | add),
         LEDGER_INCOMPLETE: (map(.LEDGER_INCOMPLETE) | add), fine: (map(.fine) | add), units: (map(.units) | add),
         noPenalty: (map(.noPenalty) | add)})' <<<"$runs")
fine_total=$(jq '[.[].scenario.fineYuan] | add' <<<"$runs")
wan() { awk -v y="$1" 'BEGIN { printf "%.4f", y / 10000 }'; }   # 万元, 4 decimals (amounts here are whole yuan)
row_filter() { # the jq filter that one summary row matches the expectation e (a JSON object)
  local e=$1 c fine status complete remarks
  c=$(jq -r .county <<<"$e"); fine=$(wan "$(jq -r .fine <<<"$e")")
  if [ "$(jq .units <<<"$e")" -gt 0 ]; then
    status="应整改$(jq .units <<<"$e")家，已完成$(jq .units <<<"$e")家"; complete="是"
  else status="无需整改"; complete="—"; fi
  remarks=$(jq -r 'if .noPenalty > 0 then "依法不予处罚\(.noPenalty)件" else "" end' <<<"$e")
  echo "(.rows | map(select(.regionCode == \"$c\" and .industry == \"COKING\")) | length == 1) and
    (.rows[] | select(.regionCode == \"$c\" and .industry == \"COKING\")
      | .inspections == $(jq .inspections <<<"$e") and .violations.EXCEEDING_LIMITS == $(jq .EXCEEDING_LIMITS <<<"$e")
        and .violations.LEDGER_INCOMPLETE == $(jq .LEDGER_INCOMPLETE <<<"$e")
        and .violationTotal == $(jq '.EXCEEDING_LIMITS + .LEDGER_INCOMPLETE' <<<"$e")
        and (.fineWanYuan | tostring | tonumber) == ($fine | tonumber)
        and .rectificationDue == $(jq .units <<<"$e") and .rectificationDone == $(jq .units <<<"$e")
        and .rectificationStatus == \"$status\" and .rectificationComplete == \"$complete\"
        and ((.remarks // \"\") | contains(\"$remarks\")))"
}
summary_filter=$(for e in $(jq -c '.[]' <<<"$expected"); do row_filter "$e"; printf ' and '; done)
# every county of Taiyuan is listed (10; one without activity as a row of zeros without industry)
summary_filter+="([.rows[] | select(.industry != null)] | length) == $(jq length <<<"$expected")
  and ([.rows[].regionCode] | unique | length) == 10 and (.fillDate | length) == 10
  and .total.inspections == $(jq 'map(.inspections) | add' <<<"$expected")
  and .total.violations.EXCEEDING_LIMITS == $(jq 'map(.EXCEEDING_LIMITS) | add' <<<"$expected")
  and .total.violations.LEDGER_INCOMPLETE == $(jq 'map(.LEDGER_INCOMPLETE) | add' <<<"$expected")
  and (.total.fineWanYuan | tostring | tonumber) == ($(wan "$fine_total") | tonumber)
  and .total.rectificationDue == $(jq 'map(.units) | add' <<<"$expected")"

echo "1. Summary table of Taiyuan (140100), $from … $to, as JSON"
summary=$(poll "the summary rows match the enforcement runs" "/api/v1/reports/summary?from=$from&to=$to&division=140100" "$summary_filter")
jq -r '"   \(.title) — 填报单位：\(.divisionName) — 时间：\(.period) — 填报日期：\(.fillDate)", "   \(.countingUnit)",
  (.rows[], .total | "   \(.no // "合计") \(.region) \(.industryLabel // "") inspections \(.inspections) violations \(.violationTotal) \(
    [.violations | to_entries[] | select(.value > 0) | "\(.key)=\(.value)"] | join(",")) fine \(.fineWanYuan)万元 \(.rectificationStatus) \(.rectificationComplete) \(.remarks // "")")' <<<"$summary"
echo "   every row matches: counts per violation type, fine = $fine_total yuan = $(wan "$fine_total") 万元, rectification status"

echo "2. The same table as XLSX"
xlsx=$(mktemp --suffix=.xlsx); dir=$(mktemp -d)
TOKEN=$CITY fetch "/api/v1/reports/summary?from=$from&to=$to&division=140100&format=xlsx" \
  application/vnd.openxmlformats-officedocument.spreadsheetml.sheet > "$xlsx"
unzip -l "$xlsx" | grep -q 'xl/worksheets/sheet1.xml' || fail "the XLSX has no xl/worksheets/sheet1.xml"
unzip -q -o "$xlsx" -d "$dir"
text=$(cat "$dir"/xl/worksheets/sheet1.xml "$dir"/xl/sharedStrings.xml 2>/dev/null)
for label in 山西省排污许可执法检查情况汇总表 无证排污 未按许可的排放口排放 超标排放 污染防治设施不正常运行 无组织排放 \
  未落实减排要求 自行监测数据作假 环境管理台账记录不全 排污许可证执行报告不规范 信息公开不落实; do
  grep -q "$label" <<<"$text" || fail "the XLSX does not contain $label"
done
for e in $(jq -c '.[] | select(.units > 0)' <<<"$expected"); do
  grep -q "应整改$(jq .units <<<"$e")家，已完成$(jq .units <<<"$e")家" <<<"$text" || fail "the XLSX lacks the rectification status of $(jq -r .county <<<"$e")"
done
echo "   $(stat -c %s "$xlsx") bytes, sheet1.xml present; title and the ten violation labels found"
rm -rf "$xlsx" "$dir"

echo "3. The same table as CSV"
csv=$(TOKEN=$CITY fetch "/api/v1/reports/summary?from=$from&to=$to&division=140100&format=csv" text/csv)
[ "$(head -c 3 <<<"$csv" | od -An -tx1 | tr -d ' ')" = efbbbf ] || fail "the CSV has no UTF-8 BOM"
grep -q $'\r$' <<<"$csv" || fail "the CSV lines do not end in CRLF"
grep -q '超标排放' <<<"$csv" && grep -q '合计' <<<"$csv" || fail "the CSV lacks its header or its total row"
nrows=$(jq '.rows | length' <<<"$summary")
[ "$(grep -c . <<<"$csv")" -eq $(( nrows + 4 )) ] || fail "the CSV should have a header, $nrows row(s), a total, the note and the 填报单位 line"
grep -q '计数单位' <<<"$csv" && grep -q '填报日期' <<<"$csv" || fail "the CSV lacks its counting unit or fill date"
grep -q "$(wan "$fine_total")" <<<"$csv" || fail "the CSV lacks the fine $(wan "$fine_total")"
echo "   $(grep -c . <<<"$csv") lines (header, rows, 合计, note, 填报单位/时间/填报日期), BOM and CRLF; fine $(wan "$fine_total") present"

echo "4. The province's monthly dispatch for $month"
nruns=$(jq length <<<"$runs")
ndrawn=$(jq '[.[].drawn[]] | length' <<<"$runs")
dispatch=$(TOKEN=$PROVINCE poll "the dispatch row of Taiyuan matches" "/api/v1/reports/dispatch?month=$month" \
  "(.rows | length) == 11 and (.rows[] | select(.divisionCode == \"140100\")
    | .inspections == $((ndrawn + nruns)) and .findings == $((2 * nruns)) and .casesOpened == $((2 * nruns))
      and (.fineWanYuan | tostring | tonumber) == ($(wan "$fine_total") | tonumber)
      and .rectificationsOrdered == $((2 * nruns)) and .rectificationsCompleted == $((2 * nruns))
      and .tasksPlanned >= $ndrawn and .tasksDone >= $ndrawn)")
jq -r '.rows[] | select(.divisionCode == "140100") | "   \(.name): tasks \(.tasksDone)/\(.tasksPlanned), inspections \(.inspections), findings \(.findings), cases \(.casesOpened), fines \(.fineWanYuan)万元, rectifications \(.rectificationsCompleted)/\(.rectificationsOrdered)"' <<<"$dispatch"
echo "   11 city rows; Taiyuan's figures match"

echo "5. Each scenario unit's compliance history"
for r in $(jq -c '.[]' <<<"$runs"); do
  permit=$(jq -r .scenario.permit <<<"$r"); fine=$(jq .scenario.fineYuan <<<"$r")
  history=$(poll "the history of $permit" "/api/v1/reports/units/$permit" \
    ".totals.inspections == 2 and .totals.violations == 2 and .totals.cases == 2 and (.totals.fineYuan | tostring | tonumber) == $fine
     and .totals.openRectifications == 0 and (.cases | all(.closedAt != null))
     and ([.cases[].penalties[].kind] | sort) == [\"FINE\", \"NO_PENALTY\"]
     and ([.cases[].rectifications[].status] | unique) == [\"COMPLETED\"]
     and (.quarters[-1].status == \"VIOLATION\") and (.quarters | length) == 12")
  jq -r '"   \(.permitNumber) \(.unitName) (\(.countyName)): \(.totals | "inspections \(.inspections), violations \(.violations), cases \(.cases), fine \(.fineYuan), open rectifications \(.openRectifications)"); this quarter \(.quarters[-1].status)"' <<<"$history"
done

echo "6. The public pages, without a token"
draws=$(NO_TOKEN=1 poll "the public draws" "/api/v1/public/draws?city=140100&month=$month&size=100" \
  "[.items[].drawId] as \$ids | $(jq -c '[.[].draw]' <<<"$runs") | all(. as \$d | \$ids | index(\$d))")
inspections=$(NO_TOKEN=1 poll "the public inspections" "/api/v1/public/inspections?city=140100&month=$month&size=200" \
  "$(jq -c '[.[].scenario.permit]' <<<"$runs") as \$p | [.items[] | select(.permitNumber as \$x | \$p | index(\$x))
     | select(.result == \"NON_COMPLIANT\")] | length == $nruns and all(.rectification == \"COMPLETED\")")
echo "   $(jq '.items | length' <<<"$draws") published draw(s), $(jq '.items | length' <<<"$inspections") inspection result(s)"
jq -r --argjson p "$(jq -c '[.[].scenario.permit]' <<<"$runs")" '.items[] | select(.permitNumber as $x | $p | index($x))
  | "   \(.inspectedOn) \(.unitName): \(.result) \(.violationTypes | join("、")) rectification \(.rectification)"' <<<"$inspections"
public="$draws$inspections"
grep -Eq '(^|[^0-9A-Za-z])1[3-9][0-9]{9}([^0-9A-Za-z]|$)' <<<"$public" && fail "a phone number appears on the public pages"
grep -q '@' <<<"$public" && fail "an e-mail address appears on the public pages"
grep -q '执法员' <<<"$public" && fail "an inspector's name appears on the public pages"
grep -qi 'inspector' <<<"$public" && fail "inspector data appears on the public pages"
for id in $(jq -r '.[].inspectors[]' <<<"$runs"); do grep -q "$id" <<<"$public" && fail "inspector id $id appears on the public pages"; done
for bad in openedBy decidedBy verifiedBy submittedBy publishedBy createdBy; do
  grep -q "$bad" <<<"$public" && fail "$bad appears on the public pages"
done
echo "   no phone, e-mail, inspector name or id, no actor on the public pages"
echo "OK: summary (JSON, XLSX, CSV), monthly dispatch, unit history and public disclosure match the enforcement runs"
