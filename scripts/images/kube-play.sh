#!/usr/bin/env bash
# `podman kube play` of one rendered Deployment with its ConfigMaps (issue 14): the dev overlay's reporting-service,
# as kubectl kustomize renders it, next to a platform that scripts/images/prove.sh left running:
#
#   PROVE_KEEP=1 scripts/images/prove.sh && scripts/images/kube-play.sh
#
# Unchanged from the render: the Deployment (image name, envFrom, secretKeyRefs, securityContext: runAsUser/Group
# 65532, runAsNonRoot, readOnlyRootFilesystem, drop ALL, no privilege escalation; the emptyDir on /tmp; probes).
# Changed as an overlay would for this host: the ConfigMaps' endpoints (the prove platform's PostgreSQL, Kafka,
# registry and identity provider's JWK set on 127.0.0.1, its issuer) and ports (28184/29184, clear of the prove platform's
# own reporting-service). The Secrets the install would create (docs/kubernetes.md section 4) are made from the prove
# platform's keys. podman itself: runc and the ulimits through a containers.conf (kube play has no --ulimit), host
# network. Waits for /readyz and checks what podman applied; removes the pod afterwards (KUBE_PLAY_KEEP=1 keeps it).
set -Eeuo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
LOCAL="${PERMITWATCH_LOCAL:-$ROOT/target/prove}"
OUT="$ROOT/target/kube-play"
VERSION="$(sed -n 's:^VERSION="\(.*\)"$:\1:p' run.sh)"
PORT="${KUBE_PLAY_PORT:-28184}"
say() { printf '\033[1m[kube-play]\033[0m %s\n' "$*"; }
die() { printf '\033[31m[kube-play]\033[0m %s\n' "$*" >&2; exit 1; }

[[ -s "$LOCAL/keys/identity-kek" && -s "$LOCAL/keys/registry/reporting-service.password" ]] \
  || die "no prove platform keys in $LOCAL: run PROVE_KEEP=1 scripts/images/prove.sh first"
mkdir -p "$OUT"
kubectl kustomize k8s/overlays/dev >"$OUT/dev.yaml"

python3 - "$OUT" "$LOCAL" "$PORT" <<'PY'
import os, sys, yaml
out, local, port = sys.argv[1], sys.argv[2], int(sys.argv[3])
env = lambda k, d: os.environ.get(k, d)
docs = [d for d in yaml.safe_load_all(open(os.path.join(out, "dev.yaml"))) if d]
pick = lambda kind, name: next(d for d in docs if d["kind"] == kind and d["metadata"]["name"] == name)
deployment = pick("Deployment", "reporting-service")
common = pick("ConfigMap", "permitwatch-common")
own = pick("ConfigMap", "reporting-service-config")
common["data"].update({
    "DB_HOST": "127.0.0.1", "DB_PORT": env("PG_PORT", "54340"),
    "KAFKA_BOOTSTRAP_SERVERS": "127.0.0.1:" + env("KAFKA_PORT", "29092"),
    "EUREKA_URL": "http://127.0.0.1:%s/eureka/" % env("REGISTRY_PORT", "28761"),
    # The prove platform's identity provider: its JWK set directly, its issuer the public URL through the gateway.
    "JWT_JWK_SET_URI": "http://127.0.0.1:%s/auth/oauth2/jwks" % env("IDENTITY_PORT", "28085"),
    "JWT_ISSUER": "http://localhost:%s/auth" % env("GATEWAY_PORT", "28080"),
})
own["data"].update({"SERVER_PORT": str(port), "MANAGEMENT_SERVER_PORT": str(port + 1000)})
# The Secrets the install creates (docs/kubernetes.md section 4), as podman 4.3 reads a secretKeyRef: a podman secret
# holding a JSON object of base64 values.
import base64, json
b64 = lambda v: base64.b64encode(v.encode()).decode()
secrets = {
    "registry-credentials": {"reporting-service": b64(open(os.path.join(local, "keys/registry/reporting-service.password")).read().strip())},
    "reporting-service-db": {"username": b64("postgres"), "password": b64("")},
}
for name, data in secrets.items():
    json.dump(data, open(os.path.join(out, name + ".secret.json"), "w"))
# Host network (the prove platform is on 127.0.0.1): podman refuses port mappings there, so the container ports go
# and the probes name the port numbers instead of "http"; hostNetwork is what a pod on the node's network would set.
spec = deployment["spec"]["template"]["spec"]
spec["hostNetwork"] = True
container = spec["containers"][0]
ports = {p["name"]: p["containerPort"] for p in container.pop("ports", [])}
for probe in ("startupProbe", "livenessProbe", "readinessProbe"):
    get = container.get(probe, {}).get("httpGet")
    if get and get.get("port") in ports:
        get["port"] = port if get["port"] == "http" else port + 1000
# podman 4.3 cannot resolve fieldRef status.podIP; on the host network the pod's address is 127.0.0.1 here.
for e in container.get("env", []):
    if e.get("valueFrom", {}).get("fieldRef", {}).get("fieldPath") == "status.podIP":
        e.pop("valueFrom")
        e["value"] = "127.0.0.1"
for d in (deployment, common, own):
    d["metadata"].pop("namespace", None)
# One file, as kubectl apply would take it.
yaml.safe_dump_all([common, own, deployment], open(os.path.join(out, "play.yaml"), "w"), sort_keys=False)
yaml.safe_dump(deployment, open(os.path.join(out, "deployment.yaml"), "w"), sort_keys=False)
print(deployment["spec"]["template"]["spec"]["containers"][0]["image"])
PY
image="$(python3 -c 'import yaml,sys; d=yaml.safe_load(open(sys.argv[1])); print(d["spec"]["template"]["spec"]["containers"][0]["image"])' "$OUT/deployment.yaml")"
# The dev overlay names the image in its registry; here it is the loaded Jib image under that name.
podman tag "permitwatch/reporting-service:$VERSION" "$image"

cat >"$OUT/containers.conf" <<'CONF'
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=4096:4096"]
[engine]
runtime = "runc"
CONF
export CONTAINERS_CONF="$OUT/containers.conf"
cleanup() {
  [[ "${KUBE_PLAY_KEEP:-0}" == 1 ]] && return 0
  podman kube down "$OUT/play.yaml" >/dev/null 2>&1 || true
  podman secret rm registry-credentials reporting-service-db >/dev/null 2>&1 || true
}
trap cleanup EXIT
cleanup
for secret in registry-credentials reporting-service-db; do
  podman secret create "$secret" "$OUT/$secret.secret.json" >/dev/null
done
podman kube play "$OUT/play.yaml"

container="$(podman ps --format '{{.Names}}' | grep -E '^reporting-service-pod-reporting-service$|reporting-service.*reporting-service' | head -1)"
[[ -n "$container" ]] || die "no container started"
deadline=$(( $(date +%s) + ${READY_TIMEOUT:-180} ))
until [[ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$PORT/readyz")" == 200 ]]; do
  if [[ $(date +%s) -ge $deadline ]] || [[ "$(podman inspect --format '{{.State.Running}}' "$container")" != true ]]; then
    podman logs --tail 40 "$container" >&2 || true
    die "$container not ready on :$PORT/readyz"
  fi
  sleep 3
done
say "$container ready on :$PORT/readyz"
printf '%-8s %s\n' USER "$(podman inspect --format '{{.Config.User}}' "$container")" \
  READONLY "$(podman inspect --format '{{.HostConfig.ReadonlyRootfs}}' "$container")" \
  RUNTIME "$(podman inspect --format '{{.OCIRuntime}}' "$container")" \
  CAPS "$(podman inspect --format '{{.EffectiveCaps}}' "$container")" \
  SECOPT "$(podman inspect --format '{{.HostConfig.SecurityOpt}}' "$container")"
podman exec "$container" sh -c 'id; touch /app/x 2>&1 | head -1; touch /tmp/x && echo "/tmp writable"; ulimit -n'
