#!/usr/bin/env bash
# PermitWatch on one machine, no Docker: embedded PostgreSQL, a KRaft Kafka broker, the national-platform mock,
# the Eureka registry, the identity provider, the four services and the gateway. Waits until everything is ready,
# runs a first sync through the gateway, seeds the demo inspectors and prints how to sign in. Ctrl-C stops
# everything in order.
#
#   ./run.sh                 build if needed, start, wait, first sync, demo seed; stays in the foreground
#   ./run.sh --clean         wipe .local/data first (keys, demo users and logs are kept)
#   ./run.sh --detach        start and return once ready (stop later with ./run.sh stop)
#   ./run.sh --no-sync       skip the first sync
#   (SIMULATOR_POINTS=N: the HJ 212 simulator's points after the demo seed, default 300; 0 = no simulator)
#   (SIMULATOR_ANOMALIES=exceedance=5,gap=2,flag-misuse=2,unknown-outlet=2: its misbehaving shares, docs/monitoring.md#simulator)
#   ./run.sh token ROLE DIVISION [--scope 'pii:read directory:read' --ttl 8h --sub ID --name NAME]
#                            a token from the running identity provider (its local-cli client; at most 12h)
#   ./run.sh totp USER       the current TOTP code of a demo user (sx-admin, ty-admin), from keys/demo-users.json
#   ./run.sh hj212-inject [--permit P] [--pollutant a21026] [--factor 2.0] [--hours-ago 1]
#                            an exceedance on demand: a new point on a 太原 coking unit's main outlet sends the hour
#                            that ended HOURS_AGO hours ago at FACTOR × its hourly limit (补发); prints what to expect
#   ./run.sh status          which parts are up, their resident memory (RSS, and PSS: shared pages counted once)
#   ./run.sh memory-check    after MEMORY_SETTLE_SECONDS (30): exit 1 when a Spring part's RSS is over
#                            SERVICE_RSS_BUDGET_MB (300) or the platform's PSS over PLATFORM_BUDGET_MB (3072), ADR 0046
#   ./run.sh stop            stop a running platform (the one started with --detach or from another terminal)
#   ./run.sh kill PART       SIGKILL one part (fault drills: a crash, no clean shutdown)
#   ./run.sh restart PART    stop one part if it runs, start it again from the jar it started from, wait until ready
#
# Ports and sizes come from the environment: GATEWAY_PORT REGISTRY_PORT PERMIT_SYNC_PORT INSPECTION_PORT
# LIAISON_PORT REPORTING_PORT IDENTITY_PORT MONITORING_PORT HJ212_PORT MOCK_PORT KAFKA_PORT KAFKA_CONTROLLER_PORT PG_PORT MAIL_PORT MOCK_SIZE
# S3_PORT (the evidence files' S3 API server, s3proxy over $PERMITWATCH_LOCAL/data/s3, default 9000; the browser reaches
# it only through the gateway's /evidence-store, ADR 0031),
# MOCK_SEED, READY_TIMEOUT (s), SYNC_TIMEOUT (s), SERVICES (subset of the five, space separated), JAVA_OPTS_EXTRA,
# JWT_AUDIENCE JWT_MAX_LIFETIME (token policy, ADR 0004), IDENTITY_ISSUER (default http://localhost:$GATEWAY_PORT/auth,
# the issuer every part validates), NO_DEMO_SEED=1 (no demo inspectors),
# SKIP_BUILD=1 (use the jars as they are), PERMITWATCH_LOCAL (directory for data, logs, pids and keys; default
# .local; the system test runs a second platform in system-test/target/platform).
# MANAGEMENT_PORT_OFFSET: the gateway's and each service's actuator listens on its port + this, on 127.0.0.1 only
# (default 1000); their API ports serve only /livez and /readyz of it.
set -Eeuo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
# The working-day calendar's operator files (ADR 0044, docs/operations/workday-calendar.md): cn-YYYY.json here is
# loaded next to the shipped years and re-read every 5 minutes by the running services.
WORKDAYS_DIR="${PERMITWATCH_WORKDAYS_DIR:-$ROOT/config/workdays}"
cd "$ROOT"

LOCAL="${PERMITWATCH_LOCAL:-$ROOT/.local}"
# Relative to the repository (run.sh works from there); absolute, because podman takes a relative -v source for a
# named volume.
[[ "$LOCAL" == /* ]] || LOCAL="$ROOT/$LOCAL"
LOGS="$LOCAL/logs"
RUN="$LOCAL/run"
DATA="$LOCAL/data"
KEYS="$LOCAL/keys"
TMPDIR_LOCAL="$LOCAL/tmp"
MAIL_DIR="$LOCAL/mail"
# Running copies of the jars: a rebuild in target/ while the platform runs must not pull classes out from under a
# running JVM (lazily loaded classes would fail with NoClassDefFoundError).
APPS="$LOCAL/app"
# The Spring parts run extracted (java -Djarmode=tools extract: the application jar with its libraries as plain jars
# beside it, not nested in one): 12-30 % less CPU to start (ADR 0066). Each from a directory named by its jar's content
# hash, made once and never written again, so a rebuild cannot change it under a running JVM and every platform on
# this machine (a developer's, the system test's, the browser test's) shares it. SPRING_LAUNCH=jar runs the executable
# jar copies in $APPS as before (the benchmark's "before").
LAUNCH_CACHE="${PERMITWATCH_LAUNCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/permitwatch/launch}"
SPRING_LAUNCH="${SPRING_LAUNCH:-extracted}"

GATEWAY_PORT="${GATEWAY_PORT:-8080}"
REGISTRY_PORT="${REGISTRY_PORT:-8761}"
PERMIT_SYNC_PORT="${PERMIT_SYNC_PORT:-8081}"
INSPECTION_PORT="${INSPECTION_PORT:-8082}"
LIAISON_PORT="${LIAISON_PORT:-8083}"
REPORTING_PORT="${REPORTING_PORT:-8084}"
# The identity provider (issue 15): everything under /auth, routed by the gateway unchanged.
IDENTITY_PORT="${IDENTITY_PORT:-8085}"
# monitoring-service (issue 18): its API, and the HJ 212-2017 TCP receiver the data-acquisition units send to.
MONITORING_PORT="${MONITORING_PORT:-8086}"
HJ212_PORT="${HJ212_PORT:-9212}"
MOCK_PORT="${MOCK_PORT:-8090}"
KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
PG_PORT="${PG_PORT:-54320}"
# Local SMTP server (GreenMail): liaison-service sends its mails here; each one is written to $MAIL_DIR as .eml.
MAIL_PORT="${MAIL_PORT:-3025}"
# Evidence files (issue 20, ADR 0031): a real S3 API server, s3proxy (Maven Central, copied by devstack's build) over
# the file system, under the service path /evidence-store that the gateway routes to unchanged.
S3_PORT="${S3_PORT:-9000}"
S3_BUCKET=permitwatch-evidence
S3_IDENTITY=permitwatch-local
# The actuator (metrics, health details) of the gateway and the services is on a separate port bound to 127.0.0.1:
# 9080-9084 by default, clear of Kafka's 9092/9093. The API ports serve only /livez and /readyz of it.
MANAGEMENT_PORT_OFFSET="${MANAGEMENT_PORT_OFFSET:-1000}"
MOCK_SIZE="${MOCK_SIZE:-2000}"
MOCK_SEED="${MOCK_SEED:-42}"
READY_TIMEOUT="${READY_TIMEOUT:-180}"
SYNC_TIMEOUT="${SYNC_TIMEOUT:-600}"
SERVICES="${SERVICES-permit-sync inspection-service liaison-service reporting-service monitoring-service}"
# Local credentials of the mock (its defaults); the real platform's come from the environment in a province.
NATIONAL_PLATFORM_CLIENT_ID="${NATIONAL_PLATFORM_CLIENT_ID:-permitwatch-sx}"
NATIONAL_PLATFORM_CLIENT_SECRET="${NATIONAL_PLATFORM_CLIENT_SECRET:-permitwatch-sx-secret}"
# Token policy (ADR 0004): the gateway and services accept only tokens from the identity provider, whose issuer is
# its public URL through the gateway (what a browser is sent to), with this audience; they read its keys from its
# JWK set directly on loopback (not through the gateway: no dependency on the gateway's routes for a key).
IDENTITY_ISSUER="${IDENTITY_ISSUER:-http://localhost:$GATEWAY_PORT/auth}"
JWT_ISSUER="$IDENTITY_ISSUER"
JWT_AUDIENCE="${JWT_AUDIENCE:-permitwatch}"
JWT_MAX_LIFETIME="${JWT_MAX_LIFETIME:-12h}"
JWT_JWK_SET_URI="http://127.0.0.1:$IDENTITY_PORT/auth/oauth2/jwks"
# The sign-in callbacks of the web console and the field app (public clients, authorization code + PKCE).
IDENTITY_CONSOLE_REDIRECT_URIS="http://localhost:$GATEWAY_PORT/console/callback,http://127.0.0.1:$GATEWAY_PORT/console/callback"
IDENTITY_FIELD_REDIRECT_URIS="permitwatch-field://callback,http://localhost:$GATEWAY_PORT/field/callback"

VERSION="0.1.0-SNAPSHOT"
# PERMITWATCH_RUNTIME=podman runs the registry, gateway and services from their images instead of their jars
# (scripts/images/prove.sh); IMAGE_PREFIX/IMAGE_TAG name them (default permitwatch/<part>:$VERSION, as Jib names them).
RUNTIME="${PERMITWATCH_RUNTIME:-java}"
IMAGE_PREFIX="${IMAGE_PREFIX:-permitwatch}"
IMAGE_TAG="${IMAGE_TAG:-$VERSION}"
DEVSTACK_CP="$ROOT/devstack/target/devstack-$VERSION.jar:$ROOT/devstack/target/lib/*"
DEVSTACK_RUN_CP="$LOCAL/app/devstack/devstack.jar:$LOCAL/app/devstack/lib/*"
# Sized for 2 cores and <= 300 MB per Spring app (STACK_NOTES): C1 only, serial GC, small stacks. The heap-free
# ratios let the serial collector give heap back after a burst (a full sync), so an idle service returns below
# 300 MB RSS instead of keeping the peak heap committed (measured: permit-sync 276 MB after a 2,000-permit sync
# with them, 311-321 MB without). -ShrinkHeapInSteps: a full collection shrinks the heap to those ratios at once,
# where by default it gives back 0 %, then 10 %, 40 % of the excess over successive full collections — and an idle
# service has few (permit-sync after its first sync: 64 MB old generation committed, 46 MB live, after a full GC).
# NewRatio=3: the serial collector sizes the young generation from the old one, a third of it instead of half
# (permit-sync 29 -> ~19 MB young at idle). ADR 0054.
# Every JVM run.sh starts (Spring parts, Kafka, PostgreSQL's, the mock, mail, s3) hands the memory glibc's malloc has
# freed back to the kernel every 30 s (TrimNativeHeapInterval, a product flag of the JDK 17 we run): 1-16 MB of RSS
# per JVM at idle, ~80 MB over the platform (ADR 0046). MALLOC_ARENA_MAX: glibc's per-thread malloc arenas otherwise
# add tens of MB of RSS per JVM; exported, so every process run.sh starts has it.
export MALLOC_ARENA_MAX="${MALLOC_ARENA_MAX:-2}"
TRIM_JVM_OPTS="-XX:TrimNativeHeapInterval=30000"
SPRING_JVM_OPTS="-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:MinHeapFreeRatio=5 -XX:MaxHeapFreeRatio=20 -XX:-ShrinkHeapInSteps
 -XX:NewRatio=3
 $TRIM_JVM_OPTS -Xss512k -Xms32m -Xmx256m -XX:MaxMetaspaceSize=192m
 -XX:ReservedCodeCacheSize=64m -XX:MaxDirectMemorySize=128m -XX:+ExitOnOutOfMemoryError
 -Djava.io.tmpdir=$TMPDIR_LOCAL ${JAVA_OPTS_EXTRA:-}"
# monitoring-service's additions (after SPRING_JVM_OPTS: the later flag wins). Session 9 fixed its young generation
# at 48 MB for the HJ 212 burst (frames in flight then held their parsed segments and were promoted); since a frame in
# flight holds ~0.5 KB, 16 MB (eden 12 MB, two 2 MB survivors) with the shared 5-20 % old headroom keep it at
# ~285 MB idle instead of 321-352 (ADR 0054; docs/benchmarks.md "Session 12: memory"). bench/hj212-benchmark.sh
# carries the same line (MONITORING_JVM_OPTS). jdk.nio.maxCachedBufferSize:
# a socket read into a heap buffer goes through a per-thread cached direct buffer as large as the largest read, kept
# for the thread's life; the alert stream's Kafka clients add half a dozen such threads (docs/benchmarks.md).
# CompileThresholdScaling=4: C1 compiles a method after four times the calls/loops (ADR 0057): what runs only at
# start-up stays interpreted, the code cache holds ~14 MB instead of ~27, hot paths are compiled as before.
MONITORING_JVM_OPTS="-Xms48m -Xmn16m -XX:SurvivorRatio=6 -XX:CompileThresholdScaling=4 -Djdk.nio.maxCachedBufferSize=262144"
jvm_opts_of() { # the JVM flags of a Spring part
  if [[ "$1" == monitoring-service ]]; then echo "$SPRING_JVM_OPTS $MONITORING_JVM_OPTS"; else echo "$SPRING_JVM_OPTS"; fi
}

# Every part, in stop order (stop_all stops them in groups): gateway and services first, then the identity provider
# (whose keys they read) with the mock, the mail and S3 servers, then the registry, Kafka and PostgreSQL.
STOP_ORDER=(hj212-simulator gateway permit-sync inspection-service liaison-service reporting-service monitoring-service identity-service
  registry mock mail s3
  kafka postgres)

START_EPOCH=$(date +%s)

say() { printf '\033[1m[run]\033[0m %s\n' "$*"; }
warn() { printf '\033[33m[run]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[31m[run]\033[0m %s\n' "$*" >&2; exit 1; }

port_of() {
  case "$1" in
    gateway) echo "$GATEWAY_PORT" ;;
    registry) echo "$REGISTRY_PORT" ;;
    permit-sync) echo "$PERMIT_SYNC_PORT" ;;
    inspection-service) echo "$INSPECTION_PORT" ;;
    liaison-service) echo "$LIAISON_PORT" ;;
    reporting-service) echo "$REPORTING_PORT" ;;
    monitoring-service) echo "$MONITORING_PORT" ;;
    identity-service) echo "$IDENTITY_PORT" ;;
    mock) echo "$MOCK_PORT" ;;
    kafka) echo "$KAFKA_PORT" ;;
    postgres) echo "$PG_PORT" ;;
    mail) echo "$MAIL_PORT" ;;
    s3) echo "$S3_PORT" ;;
  esac
}

# The actuator's port of a part, empty for parts that keep it on their own port (the registry, non-Spring parts).
management_port_of() {
  case "$1" in
    gateway|permit-sync|inspection-service|liaison-service|reporting-service|identity-service|monitoring-service)
      echo $(( $(port_of "$1") + MANAGEMENT_PORT_OFFSET )) ;;
  esac
}

# Where run.sh asks a Spring part whether it is ready: the API port's /readyz (Boot's additional probe path), except
# on the registry, which has no separate management port, and the identity provider, which serves everything under
# its context path /auth.
readiness_url() {
  case "$1" in
    registry) echo "http://127.0.0.1:$(port_of "$1")/actuator/health/readiness" ;;
    identity-service) echo "http://127.0.0.1:$(port_of "$1")/auth/readyz" ;;
    *) echo "http://127.0.0.1:$(port_of "$1")/readyz" ;;
  esac
}

db_of() {
  case "$1" in
    permit-sync) echo permit_sync ;;
    inspection-service) echo inspection ;;
    liaison-service) echo liaison ;;
    reporting-service) echo reporting ;;
    monitoring-service) echo monitoring ;;
    identity-service) echo identity ;;
  esac
}

# ---------------------------------------------------------------------------------------------------- registry passwords

# Each Spring part logs in to the registry with its own password (issue 11: the registry refuses anonymous writes,
# and a service may write only its own application). Created once, random, under $KEYS/registry/ (0600, never
# committed: .local is ignored) and handed to each part through its environment only, never on a command line.
REGISTRY_CLIENTS=(gateway permit-sync inspection-service liaison-service reporting-service identity-service
  monitoring-service)
REGISTRY_SECRETS="$KEYS/registry"

init_registry_passwords() {
  local client file
  mkdir -p "$REGISTRY_SECRETS"
  chmod 700 "$REGISTRY_SECRETS"
  for client in "${REGISTRY_CLIENTS[@]}"; do
    file="$REGISTRY_SECRETS/$client.password"
    [[ -s "$file" ]] && continue
    # 32 random bytes as hex: no character that needs quoting in a URL (the client puts it in EUREKA_URL's userinfo).
    (umask 077; od -An -tx1 -N32 /dev/urandom | tr -d ' \n' >"$file")
  done
}

registry_password() { cat "$REGISTRY_SECRETS/$1.password"; }

# ---------------------------------------------------------------------------------------------------- identity secrets

# The identity provider's secrets (issue 15), created once, random, 0600 under $KEYS and handed to the provider
# through its environment only: the key-encryption key (its signing keys and TOTP secrets are AES-256-GCM under it in
# its database: losing it means new keys and re-enrolled TOTP), the secret of the local-only client
# permitwatch-local-cli (./run.sh token), and the demo users: three administrators the provider creates from
# demo-users.json, two inspectors run.sh creates through its admin API once they are registered (demo-inspectors.json).
IDENTITY_KEK_FILE="$KEYS/identity-kek"
IDENTITY_CLI_SECRET_FILE="$KEYS/identity-cli.secret"
DEMO_USERS_FILE="$KEYS/demo-users.json"
DEMO_INSPECTORS_FILE="$KEYS/demo-inspectors.json"

# 20 random letters and digits (no pipe that could die of SIGPIPE) and one of each class the password policy counts.
random_password() { printf '%s-7Kq' "$(head -c 15 /dev/urandom | base64 | tr '+/' 'xy')"; }
# 20 random bytes in base32 without padding (RFC 4648), the form authenticator apps and otpauth:// URIs take.
random_totp_secret() { head -c 20 /dev/urandom | base32 | tr -d '=\n'; }

init_identity_secrets() {
  ( umask 077
  [[ -s "$IDENTITY_KEK_FILE" ]] || head -c 32 /dev/urandom | base64 | tr -d '\n' >"$IDENTITY_KEK_FILE"
  [[ -s "$IDENTITY_CLI_SECRET_FILE" ]] || od -An -tx1 -N32 /dev/urandom | tr -d ' \n' >"$IDENTITY_CLI_SECRET_FILE"
  # Written once: the passwords stay what the provider stored (it creates a listed user only when absent).
  if [[ ! -s "$DEMO_USERS_FILE" ]]; then
    cat >"$DEMO_USERS_FILE" <<JSON
[
  {"username": "sx-admin", "password": "$(random_password)", "displayName": "山西省生态环境厅管理员", "role": "PROVINCE",
   "division": "140000", "totpSecret": "$(random_totp_secret)", "piiRead": true},
  {"username": "ty-admin", "password": "$(random_password)", "displayName": "太原市生态环境局管理员", "role": "CITY",
   "division": "140100", "totpSecret": "$(random_totp_secret)"},
  {"username": "xd-admin", "password": "$(random_password)", "displayName": "小店区生态环境分局管理员", "role": "COUNTY",
   "division": "140105"}
]
JSON
  fi
  if [[ ! -s "$DEMO_INSPECTORS_FILE" ]]; then
    cat >"$DEMO_INSPECTORS_FILE" <<JSON
[
  {"username": "xd-inspector1", "password": "$(random_password)", "displayName": "小店区执法员一", "division": "140105",
   "certificateNo": "XD-DEMO-0001"},
  {"username": "xd-inspector2", "password": "$(random_password)", "displayName": "小店区执法员二", "division": "140105",
   "certificateNo": "XD-DEMO-0002"}
]
JSON
  fi )
  chmod 600 "$IDENTITY_KEK_FILE" "$IDENTITY_CLI_SECRET_FILE" "$DEMO_USERS_FILE" "$DEMO_INSPECTORS_FILE"
}

# Exports (in the caller's subshell) the provider's secrets: never on a command line, where any user could read them.
export_identity_secrets() {
  [[ "$1" == identity-service ]] || return 0
  export IDENTITY_KEY_ENCRYPTION_KEY="$(cat "$IDENTITY_KEK_FILE")"
  export IDENTITY_LOCAL_CLI_SECRET="$(cat "$IDENTITY_CLI_SECRET_FILE")"
}

# Exports (in the caller's subshell) the registry credentials PART needs: the registry gets every client's password
# as REGISTRY_PASSWORD_<CLIENT>, a client its own as REGISTRY_PASSWORD.
export_registry_credentials() {
  local part="$1" client
  if [[ "$part" == registry ]]; then
    for client in "${REGISTRY_CLIENTS[@]}"; do
      export "REGISTRY_PASSWORD_$(tr 'a-z-' 'A-Z_' <<<"$client")=$(registry_password "$client")"
    done
  else
    export REGISTRY_PASSWORD="$(registry_password "$part")"
  fi
}

# The Spring Boot executable jar of a module (an -exec classifier wins if the module uses one).
jar_of() {
  local module="$1"
  for candidate in "$ROOT/$module/target/$module-$VERSION-exec.jar" "$ROOT/$module/target/$module-$VERSION.jar"; do
    if [[ -f "$candidate" ]]; then echo "$candidate"; return 0; fi
  done
  return 1
}

pid_file() { echo "$RUN/$1.pid"; }

# The directory a Spring part's executable jar is extracted to: LAUNCH_CACHE/PART-HASH, made once (into a temporary
# directory renamed in one step, so a half-made one is never seen) and only read afterwards.
launch_dir() {
  local part="$1" jar="$2" dir tmp
  dir="$LAUNCH_CACHE/$part-$(sha256sum "$jar" | cut -c1-16)"
  if [[ ! -f "$dir/.extracted" ]]; then
    mkdir -p "$LAUNCH_CACHE"
    tmp="$(mktemp -d "$LAUNCH_CACHE/.$part-XXXXXX")"
    if ! java -Djarmode=tools -jar "$jar" extract --destination "$tmp/app" >"$tmp/extract.log" 2>&1; then
      cat "$tmp/extract.log" >&2; rm -rf "$tmp"; return 1
    fi
    touch "$tmp/app/.extracted"
    # Another platform may have made the same directory meanwhile: the same bytes, so either one will do.
    mv -T "$tmp/app" "$dir" 2>/dev/null || true
    rm -rf "$tmp"
  fi
  touch "$dir"
  echo "$dir"
}

# Every Spring part's launch directory for this start, side by side (an extraction is a JVM start of its own, and the
# hash of a ~100 MB jar is not free either), into APPS/PART.launch for start_spring and later restarts.
prepare_launch_dirs() {
  local part jar pid pids=()
  [[ "$RUNTIME" != podman && "$SPRING_LAUNCH" != jar ]] || return 0
  for part in identity-service registry $SERVICES gateway; do
    rm -f "$APPS/$part.launch"
    jar="$(jar_of "$part")" || continue
    ( dir="$(launch_dir "$part" "$jar")" && echo "$dir" >"$APPS/$part.launch" ) &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || true; done
}

# Keeps the two most recently started directories of each part (one set is ~0.9 GB), and any a running process uses.
# The parts are read from the directories' names (PART-HASH), so a part no longer started is pruned too.
prune_launch_cache() {
  local dir part
  local -A seen=()
  [[ -d "$LAUNCH_CACHE" ]] || return 0
  while read -r dir; do
    part="$(basename "$dir")"; part="${part%-*}"
    seen[$part]=$(( ${seen[$part]:-0} + 1 ))
    if [[ ${seen[$part]} -gt 2 ]] && ! pgrep -f -- "$dir/" >/dev/null 2>&1; then rm -rf "$dir"; fi
  done < <(ls -1dt "$LAUNCH_CACHE"/*-* 2>/dev/null || true)
  # Half-made directories of an extraction that was interrupted.
  find "$LAUNCH_CACHE" -maxdepth 1 -name '.*-*' -mmin +60 -exec rm -rf {} + 2>/dev/null || true
}

# A pid from our pid file that is still one of our processes (not a recycled pid of something else).
live_pid() {
  local file pid
  file="$(pid_file "$1")"
  [[ -f "$file" ]] || return 1
  pid="$(cat "$file")"
  [[ -n "$pid" && -d "/proc/$pid" ]] || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- "-Dpermitwatch.part=$1 " || return 1
  echo "$pid"
}

port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

# ---------------------------------------------------------------------------------------------------- stopping

# Embedded PostgreSQL runs as children of its JVM; if that JVM died hard, stop the postmaster itself.
stop_orphan_postmaster() {
  local pidfile="$DATA/postgres/postmaster.pid" pm
  [[ -f "$pidfile" ]] || return 0
  pm="$(head -1 "$pidfile" 2>/dev/null || true)"
  if [[ -n "$pm" && -d "/proc/$pm" ]] && grep -q postgres "/proc/$pm/comm" 2>/dev/null; then
    warn "stopping orphaned PostgreSQL postmaster $pm"
    kill -INT "$pm" 2>/dev/null || true
    for _ in $(seq 1 50); do [[ -d "/proc/$pm" ]] || break; sleep 0.2; done
  fi
}

# TERM the given parts together, wait for them (up to 30 s), then KILL what is left.
stop_parts() {
  local part pid pids=() names=()
  for part in "$@"; do
    if pid="$(live_pid "$part")"; then
      kill -TERM "$pid" 2>/dev/null || true
      pids+=("$pid"); names+=("$part")
    fi
    rm -f "$(pid_file "$part")"
  done
  [[ ${#pids[@]} -gt 0 ]] || return 0
  say "stopping ${names[*]}"
  for _ in $(seq 1 150); do
    local alive=0
    for pid in "${pids[@]}"; do [[ -d "/proc/$pid" ]] && alive=1; done
    [[ $alive -eq 0 ]] && return 0
    sleep 0.2
  done
  for pid in "${pids[@]}"; do
    if [[ -d "/proc/$pid" ]]; then warn "killing $pid (did not stop within 30 s)"; kill -KILL "$pid" 2>/dev/null || true; fi
  done
}

# Each group waits for the one before it, and every JVM takes ~2 s to exit even when idle: the parts that depend on
# none of each other stop together (25.5 s -> 15.2 s for the whole platform, session 18). The identity provider still
# deregisters from the registry and may write to its database as it stops, so those two go after it.
stop_all() {
  stop_parts hj212-simulator
  stop_parts gateway permit-sync inspection-service liaison-service reporting-service monitoring-service
  stop_parts identity-service mock mail s3
  stop_parts registry kafka postgres
  stop_orphan_postmaster
}

STOPPING=0
DETACHED=0
RESTARTING=0
# Any failure during start-up (set -e, a missing jar) must not leave half a platform running.
on_exit() {
  local rc=$?
  if [[ $STOPPING -eq 0 && $DETACHED -eq 0 ]]; then
    STOPPING=1
    stop_all
  fi
  return $rc
}

on_signal() {
  [[ $STOPPING -eq 1 ]] && return
  STOPPING=1
  echo
  say "stopping PermitWatch"
  stop_all
  say "stopped"
  exit 130
}

# ---------------------------------------------------------------------------------------------------- building

needs_build() {
  local module jar oldest=""
  for module in devstack national-platform-mock registry identity-service gateway $SERVICES; do
    case "$module" in
      devstack) jar="$ROOT/devstack/target/devstack-$VERSION.jar"; [[ -d "$ROOT/devstack/target/lib" && -f "$S3PROXY_JAR" ]] || return 0 ;;
      national-platform-mock) jar="$(mock_jar)" || return 0 ;;
      *) jar="$(jar_of "$module")" || return 0 ;;
    esac
    [[ -f "$jar" ]] || return 0
    if [[ -z "$oldest" || "$jar" -ot "$oldest" ]]; then oldest="$jar"; fi
  done
  # Any source or pom newer than the oldest jar means something may be stale.
  [[ -n "$(find "$ROOT" -path "$LOCAL" -prune -o -path '*/target' -prune -o \
      \( -path '*/src/main/*' -o -name pom.xml \) -type f -newer "$oldest" -print -quit)" ]]
}

build() {
  if [[ "${SKIP_BUILD:-0}" == 1 ]]; then
    say "SKIP_BUILD=1: using the jars as they are"
    return 0
  fi
  if ! needs_build; then
    say "jars are up to date (no build)"
    return 0
  fi
  say "building (./mvnw -B -q -Dmaven.test.skip=true package), log: $LOGS/build.log"
  local started=$(date +%s)
  # --fail-at-end: modules that compile are still packaged; a missing jar is reported per part below.
  # maven.test.skip: not even compiling tests keeps a warm rebuild short.
  if ! ./mvnw -B -q -Dmaven.test.skip=true -fae package >"$LOGS/build.log" 2>&1; then
    warn "the build failed (see $LOGS/build.log); continuing with the jars that exist"
    grep -E '^\[ERROR\]' "$LOGS/build.log" | head -15 >&2 || true
  fi
  say "build took $(( $(date +%s) - started )) s"
}

mock_jar() {
  local base="$ROOT/national-platform-mock/target/national-platform-mock-$VERSION"
  if [[ -f "$base-exec.jar" ]]; then echo "$base-exec.jar"; elif [[ -f "$base.jar" ]]; then echo "$base.jar"; else return 1; fi
}

require_devstack() {
  [[ -f "$ROOT/devstack/target/devstack-$VERSION.jar" && -d "$ROOT/devstack/target/lib" && -f "$S3PROXY_JAR" ]] \
    || die "devstack is not built: run ./mvnw -B -q -pl devstack -am -DskipTests package"
}

# ---------------------------------------------------------------------------------------------------- starting

# start PART COMMAND...: in its own session (Ctrl-C reaches only this script, which stops parts in order).
start_part() {
  local part="$1"; shift
  local port
  port="$(port_of "$part")"
  if port_open "$port"; then
    die "$part: port $port is already in use by another process (set the port env variable or stop it)"
  fi
  local management
  management="$(management_port_of "$part")"
  if [[ -n "$management" ]] && port_open "$management"; then
    die "$part: its management port $management is already in use (set MANAGEMENT_PORT_OFFSET or stop that process)"
  fi
  # One log per run (the previous one is kept as .1): the ready-line checks must not see an old run's lines.
  [[ -f "$LOGS/$part.log" ]] && mv -f "$LOGS/$part.log" "$LOGS/$part.log.1"
  echo "=== $(date -Is) starting $part" >"$LOGS/$part.log"
  setsid "$@" >>"$LOGS/$part.log" 2>&1 </dev/null &
  local pid=$! _
  echo "$pid" >"$(pid_file "$part")"
  # Until the background child has exec'd the command it is a copy of this shell, whose cmdline lacks the part's
  # marker, and live_pid calls it dead: a restart that checks at once ("mock exited during start-up") failed so under
  # load in the system test while the mock started fine. Wait for the exec (or the child's end) before going on.
  for _ in $(seq 1 100); do
    live_pid "$part" >/dev/null && break
    [[ -d "/proc/$pid" ]] || break
    sleep 0.05
  done
}

# 192 MB heap: the first start unpacks the PostgreSQL binaries (xz, large dictionary) in this JVM.
start_postgres() {
  # An interrupted first unpack leaves a directory without zonky's completion marker, which zonky cannot reuse.
  local unpacked
  for unpacked in "$TMPDIR_LOCAL"/embedded-pg/PG-*; do
    [[ -d "$unpacked" && ! -e "$unpacked/.exists" ]] && rm -rf "$unpacked"
  done
  start_part postgres java -Dpermitwatch.part=postgres -XX:+UseSerialGC -XX:TieredStopAtLevel=1 $TRIM_JVM_OPTS \
    -Xms16m -Xmx192m -XX:MinHeapFreeRatio=5 -XX:MaxHeapFreeRatio=20 \
    -Djava.io.tmpdir="$TMPDIR_LOCAL" -cp "$DEVSTACK_RUN_CP" org.permitwatch.devstack.EmbeddedPostgresMain \
    --port "$PG_PORT" --data-dir "$DATA/postgres" --databases permit_sync,inspection,liaison,reporting,identity,monitoring
}

start_kafka() {
  # C2 on (the broker is on every event's path); heap from its live set (~90 MB after a full GC with the log cleaner's
  # map at 32 MB, KafkaBrokerMain) with room for bursts; the heap-free ratios let the serial collector give a burst's
  # heap back (ADR 0046).
  start_part kafka java -Dpermitwatch.part=kafka -XX:+UseSerialGC -Xms32m -Xmx192m -XX:MinHeapFreeRatio=10 \
    -XX:MaxHeapFreeRatio=30 $TRIM_JVM_OPTS -XX:MaxMetaspaceSize=128m \
    -Djava.io.tmpdir="$TMPDIR_LOCAL" -Ddevstack.log.file="$LOGS/kafka-server.log" \
    -cp "$DEVSTACK_RUN_CP" org.permitwatch.devstack.KafkaBrokerMain \
    --port "$KAFKA_PORT" --controller-port "$KAFKA_CONTROLLER_PORT" --data-dir "$DATA/kafka"
}

# Every received mail is also written to $MAIL_DIR/<time>-<n>-<recipient>.eml and logged in $LOGS/mail.log.
start_mail() {
  start_part mail java -Dpermitwatch.part=mail -XX:+UseSerialGC -XX:TieredStopAtLevel=1 $TRIM_JVM_OPTS -Xms16m -Xmx96m \
    -Djava.io.tmpdir="$TMPDIR_LOCAL" -cp "$DEVSTACK_RUN_CP" org.permitwatch.devstack.MailServerMain \
    --smtp-port "$MAIL_PORT" --mail-dir "$MAIL_DIR"
}

# The S3 credential is made once and kept in $KEYS (0600); it reaches s3proxy through its properties file (0600) and
# inspection-service through its environment only.
S3_SECRET_FILE="$KEYS/evidence-s3.secret"
init_s3_secret() {
  if [[ ! -s "$S3_SECRET_FILE" ]]; then
    ( umask 077; head -c 24 /dev/urandom | base64 | tr -d '/+=' >"$S3_SECRET_FILE" )
  fi
}

# inspection-service, jar or container, gets the secret as EVIDENCE_S3_SECRET_KEY (a container by name, -e NAME).
export_s3_secret() {
  [[ "$1" == inspection-service ]] || return 0
  init_s3_secret
  EVIDENCE_S3_SECRET_KEY="$(cat "$S3_SECRET_FILE")"
  export EVIDENCE_S3_SECRET_KEY
}

S3PROXY_JAR="$ROOT/devstack/target/s3proxy/s3proxy.jar"

start_s3() {
  init_s3_secret
  [[ -f "$S3PROXY_JAR" ]] || die "s3: no $S3PROXY_JAR (./mvnw -B -q -pl devstack -am -DskipTests package copies it)"
  [[ $RESTARTING -eq 1 && -f "$APPS/s3proxy.jar" ]] || cp -f "$S3PROXY_JAR" "$APPS/s3proxy.jar"
  # filesystem-nio2: a bucket is a directory (made here), and the store honours If-None-Match: * as it writes, which
  # the never-overwrite rule relies on. Mode 0700: the store reads a world-readable directory as a public-read bucket.
  mkdir -p "$DATA/s3/$S3_BUCKET"; chmod 700 "$DATA/s3" "$DATA/s3/$S3_BUCKET"
  ( umask 077; cat >"$RUN/s3proxy.properties" <<PROPS
s3proxy.endpoint=http://127.0.0.1:$S3_PORT
s3proxy.authorization=aws-v2-or-v4
s3proxy.identity=$S3_IDENTITY
s3proxy.credential=$(cat "$S3_SECRET_FILE")
s3proxy.service-path=/evidence-store
jclouds.provider=filesystem-nio2
jclouds.filesystem.basedir=$DATA/s3
PROPS
  )
  start_part s3 java -Dpermitwatch.part=s3 -XX:+UseSerialGC -XX:TieredStopAtLevel=1 $TRIM_JVM_OPTS -Xms16m -Xmx128m \
    -Djava.io.tmpdir="$TMPDIR_LOCAL" -jar "$APPS/s3proxy.jar" --properties "$RUN/s3proxy.properties"
}

wait_s3() {
  local deadline=$(( $(date +%s) + READY_TIMEOUT ))
  until [[ "$(http_code "http://127.0.0.1:$S3_PORT/evidence-store/healthz")" == 200 ]]; do
    ensure_alive s3
    deadline_passed "$deadline" && fail_part s3 "did not answer /evidence-store/healthz within $READY_TIMEOUT s"
    sleep 0.3
  done
}

start_mock() {
  local jar
  if [[ $RESTARTING -eq 1 ]] && compgen -G "$APPS/mock/national-platform-mock-*.jar" >/dev/null; then
    jar="$(compgen -G "$APPS/mock/national-platform-mock-*.jar" | head -1)"
    start_part mock java -Dpermitwatch.part=mock -XX:+UseSerialGC -XX:TieredStopAtLevel=1 $TRIM_JVM_OPTS -Xmx256m \
      -Djava.io.tmpdir="$TMPDIR_LOCAL" -jar "$jar" --port "$MOCK_PORT" --size "$MOCK_SIZE" --seed "$MOCK_SEED" \
      --client-id "$NATIONAL_PLATFORM_CLIENT_ID" --client-secret "$NATIONAL_PLATFORM_CLIENT_SECRET"
    return
  fi
  jar="$(mock_jar)" || die "mock: no jar in national-platform-mock/target (build failed? see $LOGS/build.log)"
  # The plain jar finds WireMock through its manifest Class-Path (lib/), so copy both.
  rm -rf "$APPS/mock"; mkdir -p "$APPS/mock"
  cp -f "$jar" "$APPS/mock/"
  [[ -d "$ROOT/national-platform-mock/target/lib" ]] && cp -r "$ROOT/national-platform-mock/target/lib" "$APPS/mock/"
  jar="$APPS/mock/$(basename "$jar")"
  start_part mock java -Dpermitwatch.part=mock -XX:+UseSerialGC -XX:TieredStopAtLevel=1 $TRIM_JVM_OPTS -Xmx256m \
    -Djava.io.tmpdir="$TMPDIR_LOCAL" -jar "$jar" --port "$MOCK_PORT" --size "$MOCK_SIZE" --seed "$MOCK_SEED" \
    --client-id "$NATIONAL_PLATFORM_CLIENT_ID" --client-secret "$NATIONAL_PLATFORM_CLIENT_SECRET"
}

start_spring() {
  local part="$1" jar port launch=()
  # The actuator on its own loopback port (none for the registry): metrics never on the API port.
  local management=()
  if [[ -n "$(management_port_of "$part")" ]]; then
    management=(MANAGEMENT_SERVER_PORT="$(management_port_of "$part")" MANAGEMENT_SERVER_ADDRESS=127.0.0.1)
  fi
  # A restart runs the copy the platform started with, not whatever was rebuilt in target/ since.
  if [[ "$RUNTIME" == podman ]]; then
    :
  elif [[ "$SPRING_LAUNCH" == jar ]]; then
    if [[ $RESTARTING -eq 0 || ! -f "$APPS/$part.jar" ]]; then
      jar="$(jar_of "$part")" || die "$part: no jar in $part/target (build failed? see $LOGS/build.log)"
      cp -f "$jar" "$APPS/$part.jar"
    fi
    launch=(-jar "$APPS/$part.jar")
  else
    # Made by prepare_launch_dirs for this start, or the one the platform started with for a restart.
    local dir=""
    [[ -f "$APPS/$part.launch" ]] && dir="$(cat "$APPS/$part.launch")"
    if [[ ! -f "$dir/.extracted" ]]; then
      jar="$(jar_of "$part")" || die "$part: no jar in $part/target (build failed? see $LOGS/build.log)"
      dir="$(launch_dir "$part" "$jar")" || die "$part: could not extract $jar"
      echo "$dir" >"$APPS/$part.launch"
    fi
    launch=(-jar "$(compgen -G "$dir/*.jar" | head -1)")
  fi
  port="$(port_of "$part")"
  # The registry passwords are exported in a subshell, not passed to env(1): arguments are world-readable in ps.
  # shellcheck disable=SC2086
  # MALLOC_ARENA_MAX (exported above) named again: a container gets only the -e settings.
  local workdays="file:$WORKDAYS_DIR/*.json"
  [[ "$RUNTIME" == podman ]] && workdays="file:/etc/permitwatch/workdays/*.json"
  local settings=(
    MALLOC_ARENA_MAX=2
    PERMITWATCH_WORKDAYS_LOCATION="$workdays"
    SPRING_PROFILES_ACTIVE=local
    SERVER_PORT="$port" ${management[@]+"${management[@]}"}
    DB_HOST=127.0.0.1 DB_PORT="$PG_PORT" DB_NAME="$(db_of "$part")" DB_USER=postgres DB_PASSWORD=
    KAFKA_BOOTSTRAP_SERVERS="127.0.0.1:$KAFKA_PORT"
    MAIL_HOST=127.0.0.1 MAIL_PORT="$MAIL_PORT"
    EUREKA_URL="http://127.0.0.1:$REGISTRY_PORT/eureka/"
    EUREKA_INSTANCE_IP=127.0.0.1
    JWT_ISSUER="$JWT_ISSUER" JWT_AUDIENCE="$JWT_AUDIENCE" JWT_MAX_LIFETIME="$JWT_MAX_LIFETIME"
    JWT_JWK_SET_URI="$JWT_JWK_SET_URI"
    NATIONAL_PLATFORM_BASE_URL="http://127.0.0.1:$MOCK_PORT"
    NATIONAL_PLATFORM_CLIENT_ID="$NATIONAL_PLATFORM_CLIENT_ID"
    NATIONAL_PLATFORM_CLIENT_SECRET="$NATIONAL_PLATFORM_CLIENT_SECRET"
    HJ212_PORT="$HJ212_PORT"
    EVIDENCE_S3_ENDPOINT="http://127.0.0.1:$S3_PORT/evidence-store"
    EVIDENCE_S3_PUBLIC_ENDPOINT="http://localhost:$GATEWAY_PORT/evidence-store"
    EVIDENCE_S3_BUCKET="$S3_BUCKET" EVIDENCE_S3_ACCESS_KEY="$S3_IDENTITY"
    EVIDENCE_STORE_URI="http://127.0.0.1:$S3_PORT"
  )
  # The identity provider: its public issuer, the audience it writes, the demo users to create, the sign-in
  # callbacks. Its key-encryption key and the local-cli secret come through export_identity_secrets (environment only).
  if [[ "$part" == identity-service ]]; then
    settings+=(
      IDENTITY_ISSUER="$IDENTITY_ISSUER" IDENTITY_AUDIENCE="$JWT_AUDIENCE"
      IDENTITY_CONSOLE_REDIRECT_URIS="$IDENTITY_CONSOLE_REDIRECT_URIS"
      IDENTITY_FIELD_REDIRECT_URIS="$IDENTITY_FIELD_REDIRECT_URIS"
    )
    if [[ "$RUNTIME" == podman ]]; then
      settings+=(IDENTITY_DEMO_USERS_FILE=/etc/permitwatch/identity/demo-users.json)
    else
      settings+=(IDENTITY_DEMO_USERS_FILE="$DEMO_USERS_FILE")
    fi
  fi
  if [[ "$RUNTIME" == podman ]]; then
    start_container "$part" "${settings[@]}"
    return
  fi
  ( export_registry_credentials "$part"
  export_identity_secrets "$part"
  export_s3_secret "$part"
  start_part "$part" env "${settings[@]}" java -Dpermitwatch.part="$part" $(jvm_opts_of "$part") "${launch[@]}" )
}

# PERMITWATCH_RUNTIME=podman: a Spring part runs from its image (scripts/images/build.sh, loaded by
# scripts/images/prove.sh) with the pods' securityContext (k8s/base/*/deployment.yaml): read-only root with a tmpfs at
# /tmp (the emptyDir), uid/gid 65532, every capability dropped, no new privileges. Tokens are verified against the
# identity provider's JWK set (no key file to mount); the provider's demo users go in read-only. runc, not crun, and explicit ulimits: crun fails on this machine's cgroup layout and raising the
# rlimits is not permitted here (docs/kubernetes.md). Host network: the parts find each other on 127.0.0.1 as with jars.
image_of() { echo "$IMAGE_PREFIX/$1:$IMAGE_TAG"; }

start_container() {
  local part="$1"; shift
  local setting env_args=() mounts=()
  for setting in "$@"; do env_args+=(-e "$setting"); done
  podman rm -f "permitwatch-$part" >/dev/null 2>&1 || true
  if [[ "$part" == identity-service ]]; then
    # The container runs as 65532, which cannot read run.sh's 0600 file: a copy owned by it (when run.sh is root, as
    # prove.sh is), 0600 too, mounted read-only.
    local demo_copy="$RUN/identity-demo-users.json"
    ( umask 077; cp -f "$DEMO_USERS_FILE" "$demo_copy" )
    [[ $(id -u) -eq 0 ]] && chown 65532:65532 "$demo_copy"
    mounts+=(-v "$demo_copy:/etc/permitwatch/identity/demo-users.json:ro")
  fi
  [[ -d "$WORKDAYS_DIR" ]] && mounts+=(-v "$WORKDAYS_DIR:/etc/permitwatch/workdays:ro")
  # The registry passwords and the provider's secrets go in by name only (-e NAME takes the value from podman's
  # environment), never on its command line.
  ( export_registry_credentials "$part"
  export_identity_secrets "$part"
  export_s3_secret "$part"
  local name
  for name in $(compgen -e | grep -E '^(REGISTRY_PASSWORD|IDENTITY_KEY_ENCRYPTION_KEY$|IDENTITY_LOCAL_CLI_SECRET$|EVIDENCE_S3_SECRET_KEY$)'); do
    env_args+=(-e "$name")
  done
  start_part "$part" podman --runtime runc run --rm --name "permitwatch-$part" \
    --ulimit nofile=20000:20000 --ulimit nproc=4096:4096 \
    --read-only --read-only-tmpfs=false --tmpfs /tmp:rw,nosuid,nodev,size=256m \
    --user 65532:65532 --cap-drop=ALL --security-opt no-new-privileges \
    --network host \
    ${mounts[@]+"${mounts[@]}"} \
    "${env_args[@]}" \
    -e JAVA_TOOL_OPTIONS="-Dpermitwatch.part=$part $(jvm_opts_of "$part" | sed "s|-Djava.io.tmpdir=$TMPDIR_LOCAL||")" \
    --pull=never "$(image_of "$part")" )
}

# ---------------------------------------------------------------------------------------------------- waiting

fail_part() {
  local part="$1" why="$2"
  warn "$part $why"
  if [[ -f "$LOGS/$part.log" ]]; then
    warn "see $LOGS/$part.log; last lines:"
    tail -n 25 "$LOGS/$part.log" >&2 || true
  fi
  # A failed single-part restart leaves the other parts alone (the caller decides what to do).
  [[ $RESTARTING -eq 1 ]] || stop_all
  exit 1
}

ensure_alive() {
  live_pid "$1" >/dev/null || fail_part "$1" "exited during start-up"
}

deadline_passed() { [[ $(date +%s) -ge $1 ]]; }

wait_log_line() {
  local part="$1" pattern="$2" deadline=$(( $(date +%s) + READY_TIMEOUT ))
  until grep -q -- "$pattern" "$LOGS/$part.log" 2>/dev/null; do
    ensure_alive "$part"
    deadline_passed "$deadline" && fail_part "$part" "did not print '$pattern' within $READY_TIMEOUT s"
    sleep 0.3
  done
}

http_code() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$@" || true; }

wait_ready_endpoint() {
  local part="$1" port deadline=$(( $(date +%s) + READY_TIMEOUT ))
  port="$(port_of "$part")"
  until [[ "$(http_code "$(readiness_url "$part")")" == 200 ]]; do
    ensure_alive "$part"
    deadline_passed "$deadline" && fail_part "$part" "was not ready (GET $(readiness_url "$part")) within $READY_TIMEOUT s"
    sleep 0.5
  done
  say "$part ready on :$port ($(( $(date +%s) - START_EPOCH )) s)"
}

# The gateway reaches a service once the service is in Eureka and the gateway's cache has it: poll a route that
# needs no token (the service's OpenAPI document) until it no longer answers 503 from the fallback.
wait_routable() {
  local service="$1" code deadline=$(( $(date +%s) + READY_TIMEOUT ))
  while :; do
    code="$(http_code "http://127.0.0.1:$GATEWAY_PORT/v3/api-docs/$service")"
    [[ "$code" != 503 && "$code" != 000 ]] && break
    ensure_alive gateway
    ensure_alive "$service"
    deadline_passed "$deadline" && fail_part "$service" "is not reachable through the gateway within $READY_TIMEOUT s (last HTTP $code)"
    sleep 0.5
  done
  say "gateway routes to $service"
}

# ---------------------------------------------------------------------------------------------------- tokens, sync

# provider_token ROLE DIVISION [--scope S --ttl T --sub ID --name NAME]: an access token from the running identity
# provider, client credentials of the local-only client permitwatch-local-cli, whose extra form fields become the
# token's claims (the provider refuses what the token policy would: a CITY role at 140000, a ttl above 12h). Prints
# only the token. No signing key exists outside the provider.
provider_token() {
  local role="$1" division="$2" body code
  shift 2
  local form=(--data-urlencode grant_type=client_credentials --data-urlencode "role=$role"
    --data-urlencode "division=$division")
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --scope|--ttl|--sub|--name)
        [[ $# -ge 2 ]] || die "$1 needs a value"
        form+=(--data-urlencode "${1#--}=$2"); shift 2 ;;
      *) die "unknown token option '$1' (one of --scope --ttl --sub --name)" ;;
    esac
  done
  [[ -s "$IDENTITY_CLI_SECRET_FILE" ]] || die "no $IDENTITY_CLI_SECRET_FILE: start the platform once (./run.sh)"
  body="$(mktemp)"
  # The client secret reaches curl as a config line on stdin (printf is a builtin), never on a command line.
  code="$(printf 'user = "permitwatch-local-cli:%s"\n' "$(<"$IDENTITY_CLI_SECRET_FILE")" \
    | curl -s -K - -o "$body" -w '%{http_code}' --max-time 30 "${form[@]}" \
      "http://127.0.0.1:$IDENTITY_PORT/auth/oauth2/token" || true)"
  if [[ "$code" != 200 ]]; then
    if [[ "$code" == 000 ]]; then
      warn "the identity provider does not answer on :$IDENTITY_PORT (is the platform running? ./run.sh status)"
    else
      warn "the identity provider refused the token (HTTP $code): $(cat "$body")"
    fi
    rm -f "$body"
    return 1
  fi
  # One token per line (the provider's JSON has no final newline): a loop or xargs collecting tokens gets lines.
  printf '%s\n' "$(json_field access_token <"$body")"
  rm -f "$body"
}

json_field() { # json_field NAME <<<json : first string or number value of a top-level-ish field
  sed -nE "s/.*\"$1\"[[:space:]]*:[[:space:]]*\"?([^\",}]*)\"?.*/\1/p" | head -1
}

first_sync() {
  local token body code id status deadline
  token="$(provider_token PROVINCE 140000 --sub province-admin --name 'Local province admin' --ttl 1h)" || return 1
  body="$(mktemp)"
  code="$(curl -s -o "$body" -w '%{http_code}' --max-time 30 -X POST "http://127.0.0.1:$GATEWAY_PORT/api/v1/sync/runs" \
      -H "Authorization: Bearer $token" -H 'Content-Type: application/json' -d '{"mode":"FULL"}' || true)"
  if [[ "$code" != 202 && "$code" != 200 && "$code" != 201 ]]; then
    warn "first sync was not accepted: HTTP $code $(cat "$body")"
    warn "see $LOGS/permit-sync.log"
    rm -f "$body"; return 1
  fi
  id="$(json_field id <"$body")"
  rm -f "$body"
  say "first sync $id started (FULL, $MOCK_SIZE permits in the mock)"
  deadline=$(( $(date +%s) + SYNC_TIMEOUT ))
  while :; do
    body="$(curl -s --max-time 10 "http://127.0.0.1:$GATEWAY_PORT/api/v1/sync/runs/$id" -H "Authorization: Bearer $token" || true)"
    status="$(json_field status <<<"$body")"
    case "$status" in
      SUCCEEDED) say "first sync SUCCEEDED: $body"; return 0 ;;
      FAILED|PAUSED) warn "first sync $status: $body (see $LOGS/permit-sync.log)"; return 1 ;;
    esac
    if deadline_passed "$deadline"; then warn "first sync still ${status:-unknown} after $SYNC_TIMEOUT s: $body"; return 1; fi
    sleep 2
  done
}

# The demo inspectors (demo-inspectors.json): registered in inspection-service through the gateway, then their
# INSPECTOR users created through the provider's admin API with the registered ids (devstack's DemoSeed; both steps
# find what an earlier start created instead of doubling it).
seed_demo() {
  say "demo seed: registering the demo inspectors and creating their users"
  java -cp "$DEVSTACK_RUN_CP" org.permitwatch.devstack.DemoSeed --gateway "http://127.0.0.1:$GATEWAY_PORT" \
    --identity "http://127.0.0.1:$IDENTITY_PORT" --cli-secret-file "$IDENTITY_CLI_SECRET_FILE" \
    --inspectors "$DEMO_INSPECTORS_FILE" | while IFS= read -r line; do say "demo seed: $line"; done
  return "${PIPESTATUS[0]}"
}

# HJ 212 data for the local platform (issue 18): a few hundred monitoring points of 太原's KEY permits (the mock's
# seed decides which), registered through the gateway, each sending over its own TCP connection to the receiver.
start_simulator() {
  local points="${SIMULATOR_POINTS:-300}"
  [[ "$points" -gt 0 ]] || return 0
  say "starting the HJ 212 simulator: $points points -> 127.0.0.1:$HJ212_PORT (log: $LOGS/hj212-simulator.log)"
  [[ -f "$LOGS/hj212-simulator.log" ]] && mv -f "$LOGS/hj212-simulator.log" "$LOGS/hj212-simulator.log.1"
  setsid java -Dpermitwatch.part=hj212-simulator -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -Xms16m -Xmx96m \
    -cp "$DEVSTACK_RUN_CP" org.permitwatch.devstack.Hj212Simulator --gateway "http://127.0.0.1:$GATEWAY_PORT" \
    --identity "http://127.0.0.1:$IDENTITY_PORT" --cli-secret-file "$IDENTITY_CLI_SECRET_FILE" \
    --hj212 "127.0.0.1:$HJ212_PORT" --points "$points" --seed "$MOCK_SEED" \
    ${SIMULATOR_ANOMALIES:+--anomalies "$SIMULATOR_ANOMALIES"} \
    >>"$LOGS/hj212-simulator.log" 2>&1 </dev/null &
  echo $! >"$(pid_file hj212-simulator)"
}

# ---------------------------------------------------------------------------------------------------- status

# Resident memory of a process and its descendants, in kB.
rss_tree_kb() {
  local pid="$1" total child
  total="$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)"
  for child in $(ps -o pid= --ppid "$pid" 2>/dev/null); do
    total=$(( total + $(rss_tree_kb "$child") ))
  done
  echo "${total:-0}"
}

# Proportional set size of the same tree, in kB: a page shared by N processes counts 1/N in each, so the sum over
# processes is the memory they really take.
pss_tree_kb() {
  local pid="$1" total child
  total="$(awk '/^Pss:/ {print $2}' "/proc/$pid/smaps_rollup" 2>/dev/null || echo 0)"
  for child in $(ps -o pid= --ppid "$pid" 2>/dev/null); do
    total=$(( total + $(pss_tree_kb "$child") ))
  done
  echo "${total:-0}"
}

# The PostgreSQL server itself: pg_ctl detaches the postmaster from the JVM that started it (its parent is init), so
# the JVM's tree does not hold it; its pid is in postmaster.pid.
postmaster_pid() {
  local pm
  pm="$(head -1 "$DATA/postgres/postmaster.pid" 2>/dev/null || true)"
  [[ -n "$pm" && -d "/proc/$pm" ]] && grep -q postgres "/proc/$pm/comm" 2>/dev/null && echo "$pm"
}

# part_kb rss|pss PART PID: a part's memory; PostgreSQL's is its JVM's and its server's (postmaster and backends).
part_kb() {
  local kind="$1" part="$2" pid="$3" kb pm
  kb="$("${kind}_tree_kb" "$pid")"
  if [[ "$part" == postgres ]] && pm="$(postmaster_pid)"; then
    kb=$(( kb + $("${kind}_tree_kb" "$pm") ))
  fi
  echo "$kb"
}

STATUS_PARTS=(postgres kafka mock mail s3 registry identity-service permit-sync inspection-service liaison-service
  reporting-service monitoring-service gateway)

# RSS counts a shared page in every process that maps it: PostgreSQL's shared buffers once per backend (its RSS sum
# is several times its real use). PSS counts it once, so the platform's total is the PSS sum (ADR 0046); a single
# JVM's RSS and PSS differ only by its share of the JDK's shared libraries.
status() {
  local part pid rss pss total=0 total_pss=0 port code
  printf '%-20s %-8s %-7s %-8s %-8s %s\n' PART PID PORT RSS_MB PSS_MB READY
  for part in "${STATUS_PARTS[@]}"; do
    port="$(port_of "$part")"
    if pid="$(live_pid "$part")"; then
      rss="$(part_kb rss "$part" "$pid")"; total=$(( total + rss ))
      pss="$(part_kb pss "$part" "$pid")"; total_pss=$(( total_pss + pss ))
      case "$part" in
        postgres|kafka|mock|mail|s3) port_open "$port" && code=up || code=starting ;;
        *) code="$(http_code "$(readiness_url "$part")")"; [[ "$code" == 200 ]] && code=up || code="no ($code)" ;;
      esac
      printf '%-20s %-8s %-7s %-8s %-8s %s\n' "$part" "$pid" "$port" "$(( rss / 1024 ))" "$(( pss / 1024 ))" "$code"
    else
      printf '%-20s %-8s %-7s %-8s %-8s %s\n' "$part" - "$port" - - down
    fi
  done
  printf 'total memory: %d MB (PSS; the RSS sum, %d MB, counts a shared page in every process that maps it)\n' \
    "$(( total_pss / 1024 ))" "$(( total / 1024 ))"
}

# ./run.sh memory-check: the memory budgets (STACK_NOTES, ADR 0046) on a running, idle platform. Waits
# MEMORY_SETTLE_SECONDS (default 30) so start-up work (the first sync's tail, Kafka group joins, the simulator's first
# frames) has ended, then fails when a Spring part's RSS is over SERVICE_RSS_BUDGET_MB (default 300) or the platform's
# total (PSS, PostgreSQL's server included) is over PLATFORM_BUDGET_MB (default 3072).
memory_check() {
  local settle="${MEMORY_SETTLE_SECONDS:-30}" service_budget="${SERVICE_RSS_BUDGET_MB:-300}"
  local platform_budget="${PLATFORM_BUDGET_MB:-3072}" part pid mb total=0 over=0
  sleep "$settle"
  for part in "${STATUS_PARTS[@]}"; do
    pid="$(live_pid "$part")" || { warn "memory-check: $part is not running"; over=1; continue; }
    total=$(( total + $(part_kb pss "$part" "$pid") / 1024 ))
    mb=$(( $(part_kb rss "$part" "$pid") / 1024 ))
    case "$part" in
      postgres|kafka|mock|mail|s3) ;;
      *)
        if [[ $mb -gt $service_budget ]]; then
          printf '%-20s RSS %4d MB  OVER the %d MB budget\n' "$part" "$mb" "$service_budget"; over=1
        else
          printf '%-20s RSS %4d MB  (budget %d MB)\n' "$part" "$mb" "$service_budget"
        fi ;;
    esac
  done
  if [[ $total -gt $platform_budget ]]; then
    printf 'platform PSS %d MB  OVER the %d MB budget\n' "$total" "$platform_budget"; over=1
  else
    printf 'platform PSS %d MB  (budget %d MB)\n' "$total" "$platform_budget"
  fi
  return "$over"
}

# ---------------------------------------------------------------------------------------------------- one part

known_part() { [[ " ${STOP_ORDER[*]} " == *" $1 "* ]] || die "unknown part '$1' (one of: ${STOP_ORDER[*]})"; }

# SIGKILL one part: no shutdown hook runs (a crash). PostgreSQL's server processes are children of its JVM and
# are killed too, so the restart goes through crash recovery.
kill_part() {
  local part="$1" pid pm
  known_part "$part"
  pid="$(live_pid "$part")" || die "$part is not running"
  if [[ "$part" == postgres && -f "$DATA/postgres/postmaster.pid" ]]; then
    pm="$(head -1 "$DATA/postgres/postmaster.pid" 2>/dev/null || true)"
  fi
  # A part run from its image: SIGKILL reaches the podman client, not the JVM under conmon; kill the container too.
  if [[ "$RUNTIME" == podman ]] && podman container exists "permitwatch-$part" 2>/dev/null; then
    podman kill --signal KILL "permitwatch-$part" >/dev/null 2>&1 || true
  fi
  kill -KILL "$pid"
  if [[ -n "${pm:-}" && -d "/proc/$pm" ]] && grep -q postgres "/proc/$pm/comm" 2>/dev/null; then
    kill -KILL "$pm" 2>/dev/null || true
  fi
  for _ in $(seq 1 50); do [[ -d "/proc/$pid" ]] || break; sleep 0.1; done
  rm -f "$(pid_file "$part")"
  say "killed $part ($pid)"
}

# Stop one part if it runs, start it again from what the platform started it from (its extracted jar; its jar copy with
# SPRING_LAUNCH=jar), wait until it is ready.
restart_part() {
  local part="$1" deadline
  known_part "$part"
  RESTARTING=1
  mkdir -p "$LOGS" "$RUN"
  init_registry_passwords
  init_identity_secrets
  stop_parts "$part"
  if [[ "$part" == postgres ]]; then
    stop_orphan_postmaster
    # A killed postmaster leaves its shared memory and pid file; wait until its processes are gone.
    deadline=$(( $(date +%s) + 30 ))
    while pgrep -f -- "-D $DATA/postgres" >/dev/null 2>&1 && ! deadline_passed "$deadline"; do sleep 0.2; done
  fi
  # The port must be free before the part binds it again (a killed JVM's socket closes with the process).
  deadline=$(( $(date +%s) + 30 ))
  while port_open "$(port_of "$part")" && ! deadline_passed "$deadline"; do sleep 0.2; done
  if [[ -n "$(management_port_of "$part")" ]]; then
    while port_open "$(management_port_of "$part")" && ! deadline_passed "$deadline"; do sleep 0.2; done
  fi
  case "$part" in
    postgres) start_postgres; wait_log_line postgres "postgres ready on" ;;
    kafka) start_kafka; wait_log_line kafka "kafka ready on" ;;
    mock) start_mock; wait_log_line mock "national-platform mock ready on" ;;
    mail) start_mail; wait_log_line mail "mail server ready on" ;;
    s3) start_s3; wait_s3 ;;
    registry|gateway) start_spring "$part"; wait_ready_endpoint "$part" ;;
    *) start_spring "$part"; wait_ready_endpoint "$part"; wait_routable "$part" ;;
  esac
  say "restarted $part"
}

# ---------------------------------------------------------------------------------------------------- main

usage() { sed -n '2,/^set -Eeuo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; }

main() {
  local clean=0 detach=0 sync=1
  case "${1:-}" in
    token)
      shift
      [[ $# -ge 2 ]] || die "usage: ./run.sh token ROLE DIVISION [--scope 'pii:read directory:read' --ttl 8h --sub ID --name NAME]"
      provider_token "$@" || exit 1
      return ;;
    totp)
      [[ $# -eq 2 ]] || die "usage: ./run.sh totp USER (a demo user with a TOTP secret in $DEMO_USERS_FILE: sx-admin, ty-admin)"
      [[ -s "$DEMO_USERS_FILE" ]] || die "no $DEMO_USERS_FILE: start the platform once (./run.sh)"
      require_devstack
      java -cp "$DEVSTACK_CP" org.permitwatch.devstack.Totp --users "$DEMO_USERS_FILE" --user "$2"
      return ;;
    hj212-inject)
      shift
      require_devstack
      [[ -s "$IDENTITY_CLI_SECRET_FILE" ]] || die "no $IDENTITY_CLI_SECRET_FILE: start the platform once (./run.sh)"
      java -cp "$DEVSTACK_CP" org.permitwatch.devstack.Hj212Inject --gateway "http://127.0.0.1:$GATEWAY_PORT" \
        --identity "http://127.0.0.1:$IDENTITY_PORT" --cli-secret-file "$IDENTITY_CLI_SECRET_FILE" \
        --hj212 "127.0.0.1:$HJ212_PORT" "$@"
      return ;;
    status) status; return ;;
    memory-check) memory_check || exit 1; return ;;
    stop) stop_all; say "stopped"; return ;;
    kill) [[ $# -eq 2 ]] || die "usage: ./run.sh kill PART"; kill_part "$2"; return ;;
    restart) [[ $# -eq 2 ]] || die "usage: ./run.sh restart PART"; restart_part "$2"; return ;;
    -h|--help|help) usage; return ;;
  esac
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --clean) clean=1 ;;
      --detach|-d) detach=1 ;;
      --no-sync) sync=0 ;;
      *) usage; die "unknown argument: $1" ;;
    esac
    shift
  done

  mkdir -p "$LOGS" "$RUN" "$DATA" "$KEYS" "$TMPDIR_LOCAL" "$APPS" "$MAIL_DIR"
  # A previous run that crashed or was killed may have left parts running: stop them by their pid files.
  stop_all
  if [[ $clean -eq 1 ]]; then
    say "--clean: wiping $DATA"
    rm -rf "$DATA"; mkdir -p "$DATA"
  fi

  build
  require_devstack
  # Fail before starting anything when a part was not built (another module may be mid-edit).
  local part
  for part in registry identity-service gateway $SERVICES; do
    if [[ "$RUNTIME" == podman ]]; then
      podman image exists "$(image_of "$part")" \
        || die "$part: no image $(image_of "$part") (scripts/images/build.sh, then podman load -i $part/target/jib-image.tar)"
    else
      jar_of "$part" >/dev/null || die "$part has no jar in $part/target (build failed? see $LOGS/build.log)"
    fi
  done
  mock_jar >/dev/null || die "mock has no jar in national-platform-mock/target (build failed? see $LOGS/build.log)"
  init_registry_passwords
  init_identity_secrets

  rm -rf "$APPS/devstack"; mkdir -p "$APPS/devstack"
  cp -f "$ROOT/devstack/target/devstack-$VERSION.jar" "$APPS/devstack/devstack.jar"
  cp -r "$ROOT/devstack/target/lib" "$APPS/devstack/"

  trap on_signal INT TERM
  trap on_exit EXIT
  local launch_epoch=$(date +%s)
  say "starting infrastructure: PostgreSQL :$PG_PORT, Kafka :$KAFKA_PORT, national-platform mock :$MOCK_PORT, SMTP :$MAIL_PORT, S3 :$S3_PORT"
  start_postgres
  start_kafka
  start_mock
  start_mail
  start_s3
  wait_log_line postgres "postgres ready on"; say "postgres ready ($(( $(date +%s) - START_EPOCH )) s)"
  wait_log_line kafka "kafka ready on"; say "kafka ready ($(( $(date +%s) - START_EPOCH )) s)"
  wait_log_line mock "national-platform mock ready on"; say "mock ready ($(( $(date +%s) - START_EPOCH )) s)"
  wait_log_line mail "mail server ready on"; say "mail server ready ($(( $(date +%s) - START_EPOCH )) s)"
  wait_s3; say "s3 (evidence files) ready ($(( $(date +%s) - START_EPOCH )) s)"


  local service
  # The identity provider first: every token anyone uses comes from it, and the services and the gateway read its
  # JWK set for the first token they check. Nothing waits for it to start the rest (readiness of the others never
  # depends on it); the first token is asked for once it is ready.
  say "starting identity provider :$IDENTITY_PORT, registry and services: $SERVICES"
  prune_launch_cache
  prepare_launch_dirs
  start_spring identity-service
  start_spring registry
  for service in $SERVICES; do start_spring "$service"; done
  wait_ready_endpoint registry
  say "starting gateway :$GATEWAY_PORT"
  start_spring gateway
  wait_ready_endpoint identity-service
  for service in $SERVICES; do wait_ready_endpoint "$service"; done
  wait_ready_endpoint gateway
  for service in identity-service $SERVICES; do wait_routable "$service"; done
  local ready_epoch=$(date +%s)

  if [[ $sync -eq 1 && " $SERVICES " == *" permit-sync "* ]]; then
    first_sync || warn "continuing without a completed first sync"
  fi
  if [[ "${NO_DEMO_SEED:-0}" != 1 && " $SERVICES " == *" inspection-service "* ]]; then
    seed_demo || warn "continuing without the demo inspectors (see above)"
  fi
  if [[ " $SERVICES " == *" monitoring-service "* && " $SERVICES " == *" permit-sync "* ]]; then
    start_simulator
  fi

  cat <<EOF

PermitWatch is up (ready $(( ready_epoch - launch_epoch )) s after launch, $(( ready_epoch - START_EPOCH )) s including build).
  Gateway        http://localhost:$GATEWAY_PORT
  Swagger UI     http://localhost:$GATEWAY_PORT/swagger-ui.html
  Mock platform  http://127.0.0.1:$MOCK_PORT
  Identity       http://localhost:$GATEWAY_PORT/auth (provider :$IDENTITY_PORT; its keys: JWK set, KEK in $IDENTITY_KEK_FILE)
  Registry       http://localhost:$REGISTRY_PORT  (read-only login: gateway / the password in $REGISTRY_SECRETS/gateway.password)
  Mail (SMTP)    127.0.0.1:$MAIL_PORT; every mail sent to liaisons lands in $MAIL_DIR/*.eml (list: $LOGS/mail.log)
  Logs           $LOGS/<part>.log   (pids in $RUN)
  Evidence (S3)  http://127.0.0.1:$S3_PORT/evidence-store (s3proxy over $DATA/s3, bucket $S3_BUCKET; browsers use the gateway's /evidence-store)
  HJ 212         tcp://127.0.0.1:$HJ212_PORT (monitoring-service's receiver for data-acquisition units, docs/monitoring.md)
  Metrics        http://127.0.0.1:$(management_port_of gateway)/actuator/prometheus (gateway; each service on its port + $MANAGEMENT_PORT_OFFSET, loopback only)

Sign in (identity provider $IDENTITY_ISSUER, through the gateway; passwords in $DEMO_USERS_FILE
and $DEMO_INSPECTORS_FILE, both 0600):
  sx-admin       PROVINCE  140000 山西省   password + TOTP (./run.sh totp sx-admin), may read personal data
  ty-admin       CITY      140100 太原市   password + TOTP (./run.sh totp ty-admin)
  xd-admin       COUNTY    140105 小店区   password
  xd-inspector1  INSPECTOR 140105 小店区   password (initial: changed at the first sign-in), a registered inspector
  xd-inspector2  INSPECTOR 140105 小店区   of inspection-service each
  Sign-in page   http://localhost:$GATEWAY_PORT/auth/login (the console client: authorization code + PKCE,
                 redirect http://localhost:$GATEWAY_PORT/console/callback); discovery at
                 http://localhost:$GATEWAY_PORT/auth/.well-known/openid-configuration
  Admin API      http://localhost:$GATEWAY_PORT/auth/api/v1/users (clients, keys, audit) with a PROVINCE or CITY token

Tokens for scripts (from the provider's local-only client; 8 h unless --ttl, at most 12 h):
  TOKEN=\$(./run.sh token CITY 140100)      # or PROVINCE 140000 --scope pii:read, INSPECTOR 140105 --sub ID …
  curl -H "Authorization: Bearer \$TOKEN" http://localhost:$GATEWAY_PORT/api/v1/directory/units

EOF
  status
  if [[ $detach -eq 1 ]]; then
    DETACHED=1
    trap - INT TERM EXIT
    say "detached; stop with ./run.sh stop"
    return 0
  fi
  say "press Ctrl-C to stop"
  while :; do
    sleep 2 &
    wait $! || true
    local running=0
    for part in "${STOP_ORDER[@]}"; do
      if [[ -f "$(pid_file "$part")" ]] && ! live_pid "$part" >/dev/null; then
        warn "$part has exited unexpectedly; see $LOGS/$part.log"
        rm -f "$(pid_file "$part")"
      fi
      [[ -f "$(pid_file "$part")" ]] && running=1
    done
    # Stopped from elsewhere (./run.sh stop): nothing left to watch.
    if [[ $running -eq 0 ]]; then
      STOPPING=1
      say "all parts have stopped"
      return 0
    fi
  done
}

main "$@"
