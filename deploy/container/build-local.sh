#!/usr/bin/env bash
# Builds the image on a machine that can pull no base image and run no container runtime (this project's own:
# shared/FACTS.md): a Debian bookworm root file system from the Debian mirror (debootstrap) with this machine's
# Node 20 and npm becomes localhost/node20-bookworm-local, and buildah builds deploy/container/Containerfile on it
# with chroot isolation. Needs root, buildah and debootstrap (apt-get install buildah debootstrap).
# Then `bash deploy/hub.sh image:check` runs hub-ops and a service from the image against a real broker and database.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
base=localhost/node20-bookworm-local
tag="${1:-localhost/assist-hub:0.1.0}"
for tool in buildah debootstrap node; do command -v "$tool" >/dev/null || { echo "$tool is needed (apt-get install buildah debootstrap)" >&2; exit 1; }; done
case "$(node --version)" in v20.*) ;; *) echo "Node 20 is needed on this machine to make the base image" >&2; exit 1 ;; esac

if ! buildah inspect --type image "$base" >/dev/null 2>&1; then
  rootfs="$(mktemp -d /var/tmp/assist-hub-rootfs.XXXXXX)"
  trap 'rm -rf "$rootfs"' EXIT
  echo "[image] Debian bookworm (minbase) into $rootfs ..." >&2
  debootstrap --variant=minbase bookworm "$rootfs" http://deb.debian.org/debian >/dev/null
  cp "$(command -v node)" "$rootfs/usr/bin/node"
  mkdir -p "$rootfs/usr/lib/node_modules" "$rootfs/usr/etc" "$rootfs/etc/ssl/certs"
  cp -a "$(npm root -g)/npm" "$rootfs/usr/lib/node_modules/"
  ln -sf ../lib/node_modules/npm/bin/npm-cli.js "$rootfs/usr/bin/npm"
  # This machine reaches the registry through its own CA bundle: the build stage's npm needs it too.
  cp /etc/ssl/certs/ca-certificates.crt "$rootfs/etc/ssl/certs/"
  printf 'cafile=/etc/ssl/certs/ca-certificates.crt\n' > "$rootfs/usr/etc/npmrc"
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  ctr="$(buildah from scratch)"
  mnt="$(buildah mount "$ctr")"
  cp -a "$rootfs/." "$mnt/"
  buildah config --env PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "$ctr"
  buildah unmount "$ctr" >/dev/null
  buildah commit -q "$ctr" "$base" >/dev/null
  buildah rm "$ctr" >/dev/null
fi
started=$(date +%s)
buildah bud --isolation chroot --network host --build-arg NODE_IMAGE="$base" -f "$repo/deploy/container/Containerfile" -t "$tag" "$repo" >&2
echo "[image] $tag built in $(( $(date +%s) - started )) s: $(buildah images --format '{{.Size}}' "$tag")" >&2
