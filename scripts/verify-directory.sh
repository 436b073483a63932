#!/usr/bin/env bash
# Checks that the object directory, read through the gateway, holds exactly the national platform's dataset:
# the same permit numbers, each at the platform's current version, and nothing else. Run it against a platform
# started with ./run.sh (needs curl and jq).
#
#   scripts/verify-directory.sh [GATEWAY_URL] [PLATFORM_URL]
set -euo pipefail
cd "$(dirname "$0")/.."
GATEWAY=${1:-http://localhost:8080}
PLATFORM=${2:-http://127.0.0.1:${MOCK_PORT:-8090}}
CLIENT_ID=${NATIONAL_PLATFORM_CLIENT_ID:-permitwatch-sx}
CLIENT_SECRET=${NATIONAL_PLATFORM_CLIENT_SECRET:-permitwatch-sx-secret}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The platform side: every listed record (permitNo, version), straight from the platform's own API.
ptoken=$(curl -fsS -d "grant_type=client_credentials&client_id=$CLIENT_ID&client_secret=$CLIENT_SECRET" \
  "$PLATFORM/oauth/token" | jq -r .access_token)
page=1
while :; do
  body=$(curl -fsS -H "Authorization: Bearer $ptoken" \
    "$PLATFORM/api/v1/permits?provinceCode=14&pageNo=$page&pageSize=500")
  n=$(jq '.data.records | length' <<<"$body")
  [ "$n" -gt 0 ] || break
  jq -r '.data.records[] | "\(.permitNo) \(.version)"' <<<"$body" >> "$work/platform"
  page=$((page + 1))
done

# Our side: the directory through the gateway, as a province user sees it.
token=$(./run.sh token PROVINCE 140000)
page=0
while :; do
  body=$(curl -fsS -H "Authorization: Bearer $token" "$GATEWAY/api/v1/directory/units?page=$page&size=200")
  n=$(jq '.items | length' <<<"$body")
  [ "$n" -gt 0 ] || break
  jq -r '.items[] | "\(.permitNo) \(.version)"' <<<"$body" >> "$work/directory"
  total=$(jq .total <<<"$body")
  page=$((page + 1))
done

sort -u "$work/platform" > "$work/p"; sort "$work/directory" > "$work/d"
echo "platform: $(wc -l < "$work/p") permits; directory: $(wc -l < "$work/d") entries (total reported: ${total:-0})"
if diff -q "$work/p" "$work/d" > /dev/null && [ "$(uniq -d "$work/d" | wc -l)" -eq 0 ]; then
  echo "OK: the directory holds exactly the platform's dataset (same permits, same versions, no duplicates)"
else
  echo "MISMATCH (< platform only, > directory only):"
  diff "$work/p" "$work/d" | head -20
  exit 1
fi
