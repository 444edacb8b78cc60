#!/usr/bin/env bash
# One-off fresh-machine proof (see docs/FRESH-MACHINE.md). Run as root on the host.
set -euo pipefail
ROOT=/work/fresh/root
t() { local s=$(date +%s); "$@"; echo "TIMING $(( $(date +%s) - s ))s: $*" >&2; }
mountpoint -q $ROOT/proc || mount -t proc proc $ROOT/proc
mountpoint -q $ROOT/sys || mount -t sysfs sysfs $ROOT/sys
mountpoint -q $ROOT/dev || mount --rbind /dev $ROOT/dev
mkdir -p $ROOT/src/main
mountpoint -q $ROOT/src/main || mount --bind -o ro /work/main $ROOT/src/main
cp /etc/resolv.conf $ROOT/etc/resolv.conf
t chroot $ROOT apt-get update -qq
t chroot $ROOT env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends git ca-certificates
chroot $ROOT dpkg-query -W -f='${Package}\n' | wc -l | sed 's/^/installed packages before the scripts: /'
chroot $ROOT bash -c 'rm -rf /root/podtrends && git config --global --add safe.directory "*" && git clone -q /src/main /root/podtrends && cd /root/podtrends && git log --oneline -1'
# The scripts' own install + configure + the package-closure check, then the README's commands.
t chroot $ROOT bash -c 'cd /root/podtrends && source scripts/common.sh && pt_install_packages "${PT_BUILD_PACKAGES[@]}" "${PT_TEST_PACKAGES[@]}" && cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPODTRENDS_WERROR=ON >/dev/null && echo CONFIGURE-OK'
t chroot $ROOT bash -c 'cd /root/podtrends && scripts/check-packages.sh build'
