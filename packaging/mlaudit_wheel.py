"""Writes the mlaudit wheel: one prebuilt, self-contained binary installed as a script.

Standard library only, so it runs in the clean virtualenv pip and pre-commit build
in. The wheel follows the binary-distribution format (PEP 427, PEP 491) the way
wheels that ship a single native executable do: the binary goes under
``<name>-<version>.data/scripts/``, which installers copy onto PATH unchanged.

Usable as a script (scripts/build-dist.sh calls it) and as a module (the build
backend beside it imports it).
"""

import argparse
import base64
import hashlib
import os
import re
import struct
import subprocess
import sys
import zipfile

NAME = "mlaudit"
SUMMARY = "Reproducibility linter and environment auditor for machine-learning projects"
HOMEPAGE = "https://github.com/mlaudit/mlaudit"
LICENSE_EXPRESSION = "Apache-2.0"
CLASSIFIERS = [
    "Development Status :: 3 - Alpha",
    "Environment :: Console",
    "Intended Audience :: Developers",
    "Intended Audience :: Science/Research",
    "Operating System :: POSIX :: Linux",
    "Programming Language :: Swift",
    "Topic :: Scientific/Engineering :: Artificial Intelligence",
    "Topic :: Software Development :: Quality Assurance",
]
PROJECT_URLS = {
    "Homepage": HOMEPAGE,
    "Documentation": HOMEPAGE + "/tree/main/docs",
    "Source": HOMEPAGE,
    "Issues": HOMEPAGE + "/issues",
}

# Shared libraries every manylinux system provides (the glibc family, libstdc++ and
# libgcc_s); a binary needing anything else is not portable and gets no wheel.
PORTABLE_LIBRARIES = {
    "libc.so.6", "libm.so.6", "libdl.so.2", "librt.so.1", "libpthread.so.0", "libutil.so.1",
    "libgcc_s.so.1", "libstdc++.so.6", "ld-linux-x86-64.so.2",
}

# The newest libstdc++ (GLIBCXX) and libgcc (GCC) symbol versions each manylinux
# glibc level guarantees, from the manylinux policies (PEP 600) as auditwheel ships them.
RUNTIME_LEVELS = [
    ((2, 17), (3, 4, 19), (4, 8, 0)),
    ((2, 24), (3, 4, 22), (4, 8, 0)),
    ((2, 27), (3, 4, 24), (7, 0, 0)),
    ((2, 28), (3, 4, 24), (7, 0, 0)),
    ((2, 31), (3, 4, 28), (7, 0, 0)),
    ((2, 34), (3, 4, 29), (7, 0, 0)),
    ((2, 35), (3, 4, 30), (12, 0, 0)),
    ((2, 36), (3, 4, 30), (12, 0, 0)),
    ((2, 38), (3, 4, 30), (12, 0, 0)),
    ((2, 39), (3, 4, 33), (14, 0, 0)),
]


class WheelError(Exception):
    """A binary that cannot be shipped, with the reason."""


# ---------------------------------------------------------------------------
# ELF: the shared libraries a binary needs and the symbol versions it asks for.

SHT_DYNAMIC = 6
SHT_GNU_VERNEED = 0x6FFFFFFE
DT_NEEDED = 1


def elf_requirements(path):
    """Returns (needed libraries, {library: {symbol versions}}) of an x86-64 ELF file."""
    with open(path, "rb") as handle:
        data = handle.read()
    if data[:4] != b"\x7fELF" or data[4] != 2 or data[5] != 1:
        raise WheelError(f"{path}: not a 64-bit little-endian ELF executable")
    (machine,) = struct.unpack_from("<H", data, 18)
    if machine != 62:
        raise WheelError(f"{path}: not an x86-64 executable (machine {machine})")
    shoff, = struct.unpack_from("<Q", data, 40)
    shentsize, shnum = struct.unpack_from("<HH", data, 58)
    sections = []
    for i in range(shnum):
        base = shoff + i * shentsize
        _, kind, _, _, offset, size, link, info = struct.unpack_from("<IIQQQQII", data, base)
        sections.append((kind, offset, size, link, info))

    def string(table, at):
        start = sections[table][1] + at
        return data[start:data.index(b"\0", start)].decode("ascii", "replace")

    needed = []
    versions = {}
    for kind, offset, size, link, info in sections:
        if kind == SHT_DYNAMIC:
            for at in range(offset, offset + size, 16):
                tag, value = struct.unpack_from("<qQ", data, at)
                if tag == 0:
                    break
                if tag == DT_NEEDED:
                    needed.append(string(link, value))
        elif kind == SHT_GNU_VERNEED:
            at = offset
            for _ in range(info):
                _, count, file_name, aux, next_entry = struct.unpack_from("<HHIII", data, at)
                library = versions.setdefault(string(link, file_name), set())
                aux_at = at + aux
                for _ in range(count):
                    _, _, _, name, next_aux = struct.unpack_from("<IHHII", data, aux_at)
                    library.add(string(link, name))
                    aux_at += next_aux
                at += next_entry
    return needed, versions


def _version(text, prefix):
    match = re.fullmatch(re.escape(prefix) + r"(\d+(?:\.\d+)*)", text)
    return tuple(int(part) for part in match.group(1).split(".")) if match else None


def manylinux_tag(path):
    """The oldest manylinux platform tag the binary runs on, or WheelError saying why none."""
    needed, versions = elf_requirements(path)
    foreign = sorted(set(needed) - PORTABLE_LIBRARIES)
    if foreign:
        raise WheelError(
            f"{path} needs shared libraries that manylinux systems do not have: {', '.join(foreign)} "
            "(build it with scripts/build-dist.sh, which links the Swift runtime, libxml2 and libcrypto statically)"
        )
    every = set().union(*versions.values()) if versions else set()
    glibc = max((v for v in (_version(s, "GLIBC_") for s in every) if v), default=(2, 17))
    glibcxx = max((v for v in (_version(s, "GLIBCXX_") for s in every) if v), default=(0,))
    gcc = max((v for v in (_version(s, "GCC_") for s in every) if v), default=(0,))
    for level, cxx_limit, gcc_limit in RUNTIME_LEVELS:
        if level >= glibc[:2] and glibcxx <= cxx_limit and gcc <= gcc_limit:
            return f"manylinux_{level[0]}_{level[1]}_x86_64"
    raise WheelError(f"{path} needs glibc {'.'.join(map(str, glibc))}, newer than this tool knows a manylinux level for")


# ---------------------------------------------------------------------------
# The wheel itself.

def binary_version(path):
    """The version the binary reports (`mlaudit --version`)."""
    try:
        result = subprocess.run([path, "--version"], capture_output=True, text=True, timeout=60, check=False)
    except OSError as error:
        raise WheelError(f"{path} cannot run: {error}") from error
    version = result.stdout.strip()
    if result.returncode != 0 or not re.fullmatch(r"\d+(\.\d+)*([abc]|rc)?\d*", version):
        raise WheelError(f"{path} --version printed {version!r} (exit code {result.returncode}), not a version")
    return version


def metadata(version, readme):
    lines = [
        "Metadata-Version: 2.4",
        f"Name: {NAME}",
        f"Version: {version}",
        f"Summary: {SUMMARY}",
        f"Home-page: {HOMEPAGE}",
        f"License-Expression: {LICENSE_EXPRESSION}",
        "Requires-Python: >=3.8",
        "Keywords: machine-learning,reproducibility,linter,pre-commit",
    ]
    lines += [f"Classifier: {c}" for c in CLASSIFIERS]
    lines += [f"Project-URL: {label}, {url}" for label, url in PROJECT_URLS.items()]
    lines.append("Description-Content-Type: text/markdown")
    return ("\n".join(lines) + "\n\n" + readme).encode("utf-8")


def _record_line(name, content):
    digest = base64.urlsafe_b64encode(hashlib.sha256(content).digest()).rstrip(b"=").decode("ascii")
    return f"{name},sha256={digest},{len(content)}"


# Every entry gets this timestamp, so the same binary gives a byte-identical wheel.
FIXED_DATE = (2020, 1, 1, 0, 0, 0)


def write_wheel(binary, out_dir, readme_path=None, version=None, tag=None, compress=True):
    """Writes the wheel for `binary` into `out_dir` and returns its path.

    `compress=False` stores the binary as it is: for a wheel that is installed at once
    and thrown away (`pip install .`), where deflating 70 MB would be most of the time."""
    tag = tag or manylinux_tag(binary)
    version = version or binary_version(binary)
    readme = ""
    if readme_path and os.path.exists(readme_path):
        with open(readme_path, encoding="utf-8") as handle:
            readme = handle.read()
    with open(binary, "rb") as handle:
        executable = handle.read()

    dist_info = f"{NAME}-{version}.dist-info"
    files = [
        (f"{NAME}-{version}.data/scripts/{NAME}", executable, 0o755),
        (f"{dist_info}/METADATA", metadata(version, readme), 0o644),
        (f"{dist_info}/WHEEL", (
            "Wheel-Version: 1.0\n"
            "Generator: mlaudit scripts/build-dist.sh\n"
            "Root-Is-Purelib: false\n"
            f"Tag: py3-none-{tag}\n"
        ).encode("ascii"), 0o644),
    ]
    record_name = f"{dist_info}/RECORD"
    record = "\n".join([_record_line(n, c) for n, c, _ in files] + [f"{record_name},,"]) + "\n"
    files.append((record_name, record.encode("utf-8"), 0o644))

    os.makedirs(out_dir, exist_ok=True)
    path = os.path.join(out_dir, f"{NAME}-{version}-py3-none-{tag}.whl")
    partial = path + ".partial"
    method = zipfile.ZIP_DEFLATED if compress else zipfile.ZIP_STORED
    with zipfile.ZipFile(partial, "w") as archive:
        for name, content, mode in files:
            entry = zipfile.ZipInfo(name, date_time=FIXED_DATE)
            entry.external_attr = (0o100000 | mode) << 16
            entry.compress_type = method
            archive.writestr(entry, content, compress_type=method, compresslevel=6 if compress else None)
    os.replace(partial, path)
    return path


def main(argv=None):
    parser = argparse.ArgumentParser(description="Write the mlaudit wheel around a prebuilt binary.")
    parser.add_argument("--binary", required=True, help="the self-contained mlaudit executable")
    parser.add_argument("--out", default="dist", help="directory for the wheel (default: dist)")
    parser.add_argument("--readme", help="README shown as the long description")
    parser.add_argument("--print-tag", action="store_true", help="only print the platform tag the binary allows")
    args = parser.parse_args(argv)
    try:
        if args.print_tag:
            print(manylinux_tag(args.binary))
            return 0
        print(write_wheel(args.binary, args.out, args.readme))
        return 0
    except WheelError as error:
        print(f"mlaudit_wheel: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
