#!/usr/bin/env bash
# Every PermitWatch image, offline, without any container registry (README "Container images", ADR 0017):
#
#   scripts/images/build.sh
#
# 1. target/images/base.tar: Debian bookworm + openjdk-17-jre-headless from Debian packages
#    (scripts/images/build-base-image.sh; cached while it matches images/base/packages.lock);
# 2. ./mvnw -Pimages package: Jib writes <app>/target/jib-image.tar (permitwatch/<app>:<version>) from that tar, and the
#    CycloneDX SBOM <app>/target/classes/META-INF/sbom/application.cdx.json (in the image too), for the seven apps.
#
# Environment: DEBIAN_MIRROR, DEBIAN_SECURITY_MIRROR, PACKAGES_LOCK (see build-base-image.sh); IMAGE_TAG (default the
# project version); MAVEN_ARGS (extra Maven arguments, e.g. -o); BASE_IMAGE_READY=1 (see below). Needs root for the base image (debootstrap, chroot).
set -Eeuo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
APPS=(registry gateway permit-sync inspection-service liaison-service reporting-service identity-service monitoring-service)

say() { printf '\033[1m[images]\033[0m %s\n' "$*"; }

started=$(date +%s)
# BASE_IMAGE_READY=1: the caller has just run build-base-image.sh (.ci/run, beside the browser test); its verdict on
# the packages lock stands, and a drifted mirror does not cost a second debootstrap.
if [[ "${BASE_IMAGE_READY:-0}" == 1 && -f target/images/base.tar ]]; then
  say "base image: target/images/base.tar, built just before by the caller"
else
  scripts/images/build-base-image.sh
fi
base_done=$(date +%s)

revision="$(git rev-parse HEAD 2>/dev/null || echo unknown)"
# docs/ goes into no image, and the browser test rewrites docs/screenshots: only a change elsewhere marks it dirty.
if [[ -n "$(git status --porcelain -- . ':(exclude)docs' 2>/dev/null | grep -v '^??' || true)" ]]; then
  revision="$revision-dirty"
fi
source_url="$(git remote get-url origin 2>/dev/null || echo https://example.invalid/permitwatch)"
tag_args=()
[[ -n "${IMAGE_TAG:-}" ]] && tag_args=(-Dpermitwatch.image.tag="$IMAGE_TAG")

# The console's bundles (and the TypeScript API clients) come from Node steps: vue-tsc, vite, tsc. When the bundles in
# console/target are newer than every console source — as in CI, right after `verify` built and tested them — they
# are packed as they are (-Dexec.skip: only console and api-clients use exec-maven-plugin); otherwise rebuilt.
exec_args=()
bundle=console/target/classes/META-INF/resources/console/index.html
if [[ -f "$bundle" && -f console/target/classes/META-INF/resources/field/index.html ]] \
    && [[ -z "$(find console/src console/index.html console/package-lock.json console/vite.config.ts \
          console/vite.field.config.ts -newer "$bundle" -print -quit 2>/dev/null)" ]]; then
  exec_args=(-Dexec.skip=true)
  say "console bundles are current ($bundle): packed as built"
fi

say "Jib: ${APPS[*]} (revision $revision)"
apps_csv="$(IFS=,; echo "${APPS[*]}")"
# -am builds the libraries the apps need (package only: nothing goes to ~/.m2). No tests: CI ran them before.
# shellcheck disable=SC2086
./mvnw -B -ntp ${MAVEN_ARGS:-} -Pimages -pl "$apps_csv" -am package -DskipTests ${exec_args[@]+"${exec_args[@]}"} \
  -Dpermitwatch.image.revision="$revision" -Dpermitwatch.image.source="$source_url" ${tag_args[@]+"${tag_args[@]}"}

for app in "${APPS[@]}"; do
  [[ -f "$app/target/jib-image.tar" ]] || { echo "no image tar for $app" >&2; exit 1; }
  [[ -f "$app/target/classes/META-INF/sbom/application.cdx.json" ]] || { echo "no SBOM for $app" >&2; exit 1; }
  say "$(printf '%-20s %5s MB  %s' "$app" "$(du -m "$app/target/jib-image.tar" | cut -f1)" "$app/target/jib-image.tar")"
done
say "done in $(( $(date +%s) - started )) s (base image $(( base_done - started )) s, Jib $(( $(date +%s) - base_done )) s)"
