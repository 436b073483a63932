#!/usr/bin/env bash
# The services' base image, built from Debian packages only (ADR 0017): no registry, no pulled JRE image.
#
#   scripts/images/build-base-image.sh          build target/images/base.tar (skipped when it exists and matches the lock)
#   FORCE=1 scripts/images/build-base-image.sh  rebuild even when cached
#
# debootstrap --variant=minbase bookworm, then in a chroot openjdk-17-jre-headless, ca-certificates and tzdata
# (--no-install-recommends), the bookworm-updates/-security updates, user and group nonroot 65532:65532; apt lists,
# docs and man pages removed. The rootfs is written as a `docker save`-style tar (one layer tar, the config JSON,
# manifest.json) that Jib takes as `tar://…/base.tar` and `podman load` takes as it is.
#
# Environment:
#   DEBIAN_MIRROR           the Debian archive (default: the one this machine's apt uses, else http://deb.debian.org/debian)
#   DEBIAN_SECURITY_MIRROR  the security archive (default: the machine's, else http://deb.debian.org/debian-security;
#                           "none" skips the security suite, for a mirror without one)
#   PACKAGES_LOCK           warn (default): report packages whose installed version differs from images/base/packages.lock;
#                           strict: fail on any difference; update: rewrite the lock (then commit it)
#   SOURCE_DATE_EPOCH       timestamps inside the tar (default: the last commit's time), so the same packages give the same layer
#
# Needs root (debootstrap, chroot, mount); installs debootstrap with apt-get when missing.
set -Eeuo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="$ROOT/target/images"
ROOTFS="$OUT/rootfs"
STAGE="$OUT/base-stage"
TAR="$OUT/base.tar"
LOCK="$ROOT/images/base/packages.lock"
BUILT_LOCK="$OUT/base.packages"
IMAGE_NAME="permitwatch/base-jre17:bookworm"
SUITE=bookworm
PACKAGES=(openjdk-17-jre-headless ca-certificates tzdata)
PACKAGES_LOCK="${PACKAGES_LOCK:-warn}"

say() { printf '\033[1m[base-image]\033[0m %s\n' "$*"; }
warn() { printf '\033[33m[base-image]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[31m[base-image]\033[0m %s\n' "$*" >&2; exit 1; }

# The first Debian archive this machine's apt uses (deb822 .sources or one-line sources.list).
machine_mirror() {
  local kind="$1" # debian | debian-security
  local uri
  uri="$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk '/^URIs:/ {print $2}' | grep -E "/$kind/?\$" | head -1 || true)"
  if [[ -z "$uri" ]]; then
    uri="$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | awk '/^deb / {print $2}' \
      | grep -E "/$kind/?\$" | head -1 || true)"
  fi
  echo "${uri%/}"
}

MIRROR="${DEBIAN_MIRROR:-$(machine_mirror debian)}"
MIRROR="${MIRROR:-http://deb.debian.org/debian}"
SECURITY_MIRROR="${DEBIAN_SECURITY_MIRROR:-$(machine_mirror debian-security)}"
SECURITY_MIRROR="${SECURITY_MIRROR:-http://deb.debian.org/debian-security}"
export SOURCE_DATE_EPOCH="${SOURCE_DATE_EPOCH:-$(git -C "$ROOT" log -1 --format=%ct 2>/dev/null || date +%s)}"

# Compare the built image's package list with the checked-in lock; say which packages drifted.
check_lock() {
  local built="$1"
  if [[ ! -f "$LOCK" || "$PACKAGES_LOCK" == update ]]; then
    mkdir -p "$(dirname "$LOCK")"
    cp "$built" "$LOCK"
    say "wrote $LOCK ($(wc -l <"$LOCK") packages): commit it"
    return 0
  fi
  if cmp -s "$built" "$LOCK"; then
    say "packages match $LOCK ($(wc -l <"$LOCK") packages)"
    return 0
  fi
  warn "the base image's packages differ from $LOCK (the mirror moved on, or the package list changed):"
  # Lines: '< name=ver' only in the lock, '> name=ver' only in this build.
  diff "$LOCK" "$built" | grep -E '^[<>]' | sed 's/^</  lock: /; s/^>/  now:  /' >&2 || true
  case "$PACKAGES_LOCK" in
    strict) die "PACKAGES_LOCK=strict: refusing the drifted base image (PACKAGES_LOCK=update rewrites the lock)" ;;
    *) warn "continuing (PACKAGES_LOCK=strict fails here; PACKAGES_LOCK=update rewrites the lock)" ;;
  esac
}

# Cached: the tar exists and was built from exactly the locked packages.
if [[ "${FORCE:-0}" != 1 && -f "$TAR" && -f "$BUILT_LOCK" && -f "$LOCK" ]] && cmp -s "$BUILT_LOCK" "$LOCK"; then
  say "cached: $TAR (packages match $LOCK; FORCE=1 rebuilds)"
  exit 0
fi

[[ $EUID -eq 0 ]] || die "needs root (debootstrap, chroot, mount)"
if ! command -v debootstrap >/dev/null; then
  say "installing debootstrap"
  # flock: the other scripts' apt-get calls (.ci/run runs this beside the browser test) wait for each other.
  DEBIAN_FRONTEND=noninteractive flock /var/lock/permitwatch-apt apt-get install -y -q debootstrap >/dev/null \
    || die "apt-get install debootstrap failed"
fi
command -v python3 >/dev/null || die "python3 needed to write the image config"

START=$(date +%s)
cleanup() {
  umount "$ROOTFS/proc" 2>/dev/null || true
  umount "$ROOTFS/sys" 2>/dev/null || true
  umount "$ROOTFS/dev/pts" 2>/dev/null || true
}
trap cleanup EXIT

say "debootstrap --variant=minbase $SUITE from $MIRROR"
cleanup
rm -rf "$ROOTFS" "$STAGE"
mkdir -p "$OUT"
debootstrap --variant=minbase "$SUITE" "$ROOTFS" "$MIRROR" >"$OUT/debootstrap.log" 2>&1 \
  || { tail -20 "$OUT/debootstrap.log" >&2; die "debootstrap failed (log: $OUT/debootstrap.log)"; }

{
  echo "deb $MIRROR $SUITE main"
  echo "deb $MIRROR $SUITE-updates main"
  [[ "$SECURITY_MIRROR" == none ]] || echo "deb $SECURITY_MIRROR $SUITE-security main"
} >"$ROOTFS/etc/apt/sources.list"
# The image never runs apt again: no recommends, no docs from here on.
cat >"$ROOTFS/etc/apt/apt.conf.d/90permitwatch" <<'EOF'
APT::Install-Recommends "false";
APT::Install-Suggests "false";
EOF
cat >"$ROOTFS/etc/dpkg/dpkg.cfg.d/90permitwatch-nodoc" <<'EOF'
path-exclude /usr/share/doc/*
path-include /usr/share/doc/*/copyright
path-exclude /usr/share/man/*
path-exclude /usr/share/info/*
path-exclude /usr/share/locale/*
path-exclude /usr/share/lintian/*
EOF

mount -t proc proc "$ROOTFS/proc"
say "chroot: apt-get install ${PACKAGES[*]}"
chroot "$ROOTFS" /usr/bin/env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin DEBIAN_FRONTEND=noninteractive LANG=C.UTF-8 \
  /bin/sh -euc "
    apt-get update -q
    apt-get -y -q -o Dpkg::Options::=--force-confold upgrade
    apt-get -y -q install --no-install-recommends ${PACKAGES[*]}
    groupadd --gid 65532 nonroot
    useradd --uid 65532 --gid 65532 --home-dir /home/nonroot --create-home --shell /usr/sbin/nologin nonroot
    apt-get clean
  " >"$OUT/chroot.log" 2>&1 || { tail -30 "$OUT/chroot.log" >&2; die "chroot install failed (log: $OUT/chroot.log)"; }
chroot "$ROOTFS" dpkg-query -W -f '${Package}=${Version}\n' | LC_ALL=C sort >"$OUT/base.packages.new"
umount "$ROOTFS/proc"

# What a running container never needs: apt's lists and caches, docs, man pages, logs of the install.
rm -rf "$ROOTFS"/var/lib/apt/lists/* "$ROOTFS"/var/cache/apt/* "$ROOTFS"/var/cache/debconf/*-old \
  "$ROOTFS"/var/log/* "$ROOTFS"/tmp/* "$ROOTFS"/var/tmp/*
find "$ROOTFS/usr/share/doc" -mindepth 1 -not -name copyright -not -type d -delete 2>/dev/null || true
find "$ROOTFS/usr/share/doc" -mindepth 1 -type d -empty -delete 2>/dev/null || true
rm -rf "$ROOTFS"/usr/share/man/* "$ROOTFS"/usr/share/info/* "$ROOTFS"/usr/share/lintian
# /tmp is a tmpfs (an emptyDir in Kubernetes) at run time; it still exists, sticky, in the image.
chmod 1777 "$ROOTFS/tmp"
# The runtime mounts /dev, /proc and /sys; device nodes debootstrap made have no place in a layer.
rm -rf "$ROOTFS"/dev/* "$ROOTFS"/proc/* "$ROOTFS"/sys/*

check_lock "$OUT/base.packages.new"

JAVA_HOME_IN_IMAGE="$(cd "$ROOTFS" && ls -d usr/lib/jvm/java-17-openjdk-* | head -1)"
[[ -n "$JAVA_HOME_IN_IMAGE" && -x "$ROOTFS/$JAVA_HOME_IN_IMAGE/bin/java" ]] || die "no JRE in the rootfs"

say "writing the layer tar"
mkdir -p "$STAGE"
# No './' entries (Jib refuses them): name the top-level entries instead of '.'. Numeric owners, sorted names and one
# mtime make the layer reproducible for the same packages.
( cd "$ROOTFS" && tar --numeric-owner --sort=name --mtime="@$SOURCE_DATE_EPOCH" --xattrs-exclude='*' \
    -cf "$STAGE/layer.tar" $(ls -A) )
LAYER_SHA="$(sha256sum "$STAGE/layer.tar" | cut -d' ' -f1)"
mkdir -p "$STAGE/$LAYER_SHA"
mv "$STAGE/layer.tar" "$STAGE/$LAYER_SHA/layer.tar"

python3 - "$STAGE" "$LAYER_SHA" "/$JAVA_HOME_IN_IMAGE" "$IMAGE_NAME" "$SOURCE_DATE_EPOCH" "$OUT/base.packages.new" <<'PY'
import datetime, hashlib, json, os, sys
stage, layer_sha, java_home, name, epoch, packages = sys.argv[1:]
created = datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
jre = next((l.strip().split("=", 1)[1] for l in open(packages) if l.startswith("openjdk-17-jre-headless=")), "")
config = {
    "architecture": "amd64",
    "os": "linux",
    "created": created,
    "config": {
        "User": "65532:65532",
        "Env": [
            "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
            "JAVA_HOME=" + java_home,
            "LANG=C.UTF-8",
        ],
        "WorkingDir": "/home/nonroot",
        "Labels": {
            "org.opencontainers.image.title": "permitwatch-base-jre17",
            "org.opencontainers.image.description": "Debian bookworm minbase + openjdk-17-jre-headless " + jre,
            "org.opencontainers.image.created": created,
        },
    },
    "rootfs": {"type": "layers", "diff_ids": ["sha256:" + layer_sha]},
    "history": [{"created": created, "created_by": "scripts/images/build-base-image.sh (debootstrap bookworm)"}],
}
data = json.dumps(config, separators=(",", ":")).encode()
config_sha = hashlib.sha256(data).hexdigest()
with open(os.path.join(stage, config_sha + ".json"), "wb") as f:
    f.write(data)
manifest = [{"Config": config_sha + ".json", "RepoTags": [name], "Layers": [layer_sha + "/layer.tar"]}]
with open(os.path.join(stage, "manifest.json"), "w") as f:
    json.dump(manifest, f)
PY

( cd "$STAGE" && tar --numeric-owner --sort=name --mtime="@$SOURCE_DATE_EPOCH" -cf "$TAR.tmp" $(ls -A) )
mv "$TAR.tmp" "$TAR"
mv "$OUT/base.packages.new" "$BUILT_LOCK"
rm -rf "$STAGE"
if tar -tf "$TAR" | grep -q '^\./'; then die "$TAR has ./ entries (Jib refuses them)"; fi
say "done in $(( $(date +%s) - START )) s: $TAR ($(du -m "$TAR" | cut -f1) MB, rootfs $(du -sm "$ROOTFS" | cut -f1) MB, $IMAGE_NAME)"
