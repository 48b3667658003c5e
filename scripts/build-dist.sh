#!/usr/bin/env bash
# Builds the mlaudit release binary that runs without a Swift toolchain, then the
# wheel that ships it. One command, from anywhere in the repository:
#
#   scripts/build-dist.sh                 # binary, then dist/mlaudit-<version>-py3-none-manylinux_*.whl
#   scripts/build-dist.sh --binary-only   # only the binary (.build-dist/build/release/mlaudit)
#   scripts/build-dist.sh --wheel-only    # only the wheel, around an already built binary
#
# Environment: MLAUDIT_BINARY (the binary --wheel-only wraps; default the one this
# script builds), DIST_DIR (default dist/), SCRATCH (default .build-dist/, gitignored).
#
# What makes the binary portable (docs/install.md explains the choices):
# - the Swift runtime and Foundation are linked in (--static-swift-stdlib);
# - libxml2 and libcrypto come from Debian's static archives, with what libxml2.a
#   needs (zlib, liblzma; ICU's converters as stand-ins), through linker scripts
#   placed ahead of the shared libraries, so `swift build` for developers is unchanged;
# - what stays dynamic is glibc, libstdc++ and libgcc_s, which every manylinux
#   system has (packaging/mlaudit_wheel.py refuses a binary that needs more).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

dist="${DIST_DIR:-$root/dist}"
scratch="${SCRATCH:-$root/.build-dist}"
mode="${1:-all}"
case "$mode" in
  all|--binary-only|--wheel-only) ;;
  *) echo "usage: scripts/build-dist.sh [--binary-only|--wheel-only]" >&2; exit 2 ;;
esac

build_binary() {
  local libdir static_libs archive
  command -v pkg-config >/dev/null || { echo "build-dist: pkg-config is missing (apt-get install pkg-config)" >&2; exit 2; }
  libdir="$(pkg-config --variable=libdir libxml-2.0)"
  for archive in libxml2.a libz.a liblzma.a libcrypto.a; do
    if [ ! -f "$libdir/$archive" ]; then
      echo "build-dist: $libdir/$archive is missing (apt-get install libxml2-dev libssl-dev zlib1g-dev liblzma-dev)" >&2
      exit 2
    fi
  done
  static_libs="$scratch/static-libs"
  mkdir -p "$static_libs/pkgconfig"

  # libxml2.a calls a few ICU converter functions (Debian builds it with ICU); stand-ins
  # that report "no such converter" replace ICU's 30 MB of data (packaging/icu-converter-stubs.c
  # says why that is safe). Any other ICU symbol means a libxml2 built differently: link ICU then.
  local icu icu_suffix needed covered
  icu=""
  icu_suffix="_$(pkg-config --modversion icu-uc 2>/dev/null | cut -d. -f1)"
  needed="$(nm -u "$libdir/libxml2.a" 2>/dev/null | awk '{print $2}' | grep -E "^[A-Za-z_]+${icu_suffix}\$" | sort -u || true)"
  if [ "$icu_suffix" != _ ] && [ -n "$needed" ]; then
    covered="$(printf '%s\n' ucnv_open ucnv_close ucnv_convertEx ucnv_setToUCallBack ucnv_setFromUCallBack \
      UCNV_FROM_U_CALLBACK_STOP UCNV_TO_U_CALLBACK_STOP | sed "s/\$/$icu_suffix/" | sort -u)"
    if [ -z "$(comm -23 <(echo "$needed") <(echo "$covered"))" ]; then
      "${CC:-cc}" -c -O2 -fPIC -DICU_SUFFIX="$icu_suffix" -o "$static_libs/icu-converter-stubs.o" "$root/packaging/icu-converter-stubs.c"
      rm -f "$static_libs/libmlaudit-icu-stubs.a"
      ar rcs "$static_libs/libmlaudit-icu-stubs.a" "$static_libs/icu-converter-stubs.o"
      icu="$static_libs/libmlaudit-icu-stubs.a"
    else
      echo "build-dist: libxml2.a needs ICU beyond the converter stand-ins; linking ICU's archives" >&2
      icu="$libdir/libicuuc.a $libdir/libicudata.a"
    fi
  fi

  # SwiftPM passes -L<libdir> from the system libraries' pkg-config files ahead of
  # anything given on the command line, so these stand-ins (found first through
  # PKG_CONFIG_PATH) name a directory of linker scripts instead: there libxml2.so and
  # libcrypto.so are text files naming the static archives (GROUP resolves their cycles).
  echo "GROUP ( $libdir/libxml2.a $libdir/libz.a $libdir/liblzma.a $icu )" > "$static_libs/libxml2.so"
  echo "GROUP ( $libdir/libcrypto.a )" > "$static_libs/libcrypto.so"
  printf 'Name: libxml-2.0\nDescription: libxml2, linked statically\nVersion: %s\nLibs: -L%s -lxml2\nCflags: %s\n' \
    "$(pkg-config --modversion libxml-2.0)" "$static_libs" "$(pkg-config --cflags libxml-2.0)" > "$static_libs/pkgconfig/libxml-2.0.pc"
  printf 'Name: libcrypto\nDescription: OpenSSL libcrypto, linked statically\nVersion: %s\nLibs: -L%s -lcrypto\nCflags: %s\n' \
    "$(pkg-config --modversion libcrypto)" "$static_libs" "$(pkg-config --cflags libcrypto)" > "$static_libs/pkgconfig/libcrypto.pc"

  local start=$SECONDS
  # The linker scripts are no build input SwiftPM tracks: a missing product makes it link again.
  rm -f "$scratch/build/release/mlaudit"
  PKG_CONFIG_PATH="$static_libs/pkgconfig${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}" \
    swift build -c release --product mlaudit --static-swift-stdlib \
    --scratch-path "$scratch/build" -Xlinker --strip-all >&2
  echo "build-dist: release build took $((SECONDS - start)) s" >&2
}

binary="${MLAUDIT_BINARY:-$scratch/build/release/mlaudit}"
if [ "$mode" != --wheel-only ]; then
  build_binary
  binary="$scratch/build/release/mlaudit"
fi
[ -x "$binary" ] || { echo "build-dist: no binary at $binary (run scripts/build-dist.sh --binary-only first)" >&2; exit 2; }
echo "build-dist: binary $binary ($(du -h "$binary" | cut -f1))" >&2
[ "$mode" = --binary-only ] && exit 0

python3 "$root/packaging/mlaudit_wheel.py" --binary "$binary" --out "$dist" --readme "$root/README.md"
