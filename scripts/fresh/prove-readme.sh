#!/usr/bin/env bash
# The README's two commands inside the fresh root (after prove.sh).
set -uo pipefail
ROOT=/work/fresh/root
s=$(date +%s); chroot $ROOT bash -c 'cd /root/podtrends && ./test.sh'; rc=$?; echo "TIMING $(( $(date +%s) - s ))s rc=$rc: ./test.sh"
s=$(date +%s); chroot $ROOT bash -c 'cd /root/podtrends && ./run.sh --help'; rc=$?; echo "TIMING $(( $(date +%s) - s ))s rc=$rc: ./run.sh --help"
