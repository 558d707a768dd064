#!/bin/sh
# Builds the image the Docker runner's tests and benchmarks use, from the host's static busybox,
# because no registry is reachable. Idempotent: does nothing when the image exists.
# Usage: scripts/docker-test-image.sh [IMAGE]   (default orun-test/busybox:latest)
set -eu

image=${1:-orun-test/busybox:latest}
if docker image inspect "$image" >/dev/null 2>&1; then
    echo "image $image already exists"
    exit 0
fi

# Debian's busybox-static installs a statically linked /bin/busybox, which runs alone in a container.
busybox=""
for candidate in /bin/busybox /usr/bin/busybox "$(command -v busybox || true)"; do
    if [ -n "$candidate" ] && [ -x "$candidate" ]; then busybox=$candidate; break; fi
done
if [ -z "$busybox" ]; then
    echo "docker-test-image: busybox not found (apt-get install busybox-static)" >&2
    exit 1
fi

rootfs=$(mktemp -d)
trap 'rm -rf "$rootfs"' EXIT
mkdir -p "$rootfs/bin" "$rootfs/etc" "$rootfs/tmp" "$rootfs/root" "$rootfs/workspace"
chmod 1777 "$rootfs/tmp"
cp "$busybox" "$rootfs/bin/busybox"
for applet in $("$rootfs/bin/busybox" --list); do
    [ "$applet" = busybox ] || ln -sf busybox "$rootfs/bin/$applet"
done
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/sh\n' >"$rootfs/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$rootfs/etc/group"

tar -C "$rootfs" -c . | docker import \
    --change 'ENV PATH=/bin' \
    --change 'WORKDIR /' \
    --change 'CMD ["sh"]' \
    - "$image" >/dev/null
echo "imported $image from $busybox"
