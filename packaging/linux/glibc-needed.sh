#!/usr/bin/env bash
# Prints the newest GLIBC_x.y symbol version any ELF file in a bundle asks for: the oldest glibc
# (and so the oldest distribution) the bundle runs on.   packaging/linux/glibc-needed.sh BUNDLE_DIR
set -uo pipefail
newest="$(find "$1" -type f \( -name '*.so*' -o -perm -u+x \) -print0 \
    | xargs -0 objdump -T 2>/dev/null \
    | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -t. -k1,1n -k2,2n -k3,3n -u | tail -1)"
echo "${newest:-unknown}"
