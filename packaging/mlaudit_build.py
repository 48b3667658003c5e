"""PEP 517 build backend for `pip install .` from a clone of mlaudit (standard library only).

mlaudit is a Swift program; the wheel carries its self-contained binary. pip, pipx,
uv and pre-commit build in a clean virtualenv that has no Swift, so the backend
takes the binary from the first of these that exists (docs/install.md explains why):

1. the file named by the environment variable MLAUDIT_BINARY, or by
   `pip install . -C binary=PATH` (config setting "binary");
2. the binary scripts/build-dist.sh left in this tree (.build-dist/build/release/mlaudit);
3. the release binary of this version, downloaded from the project's releases and
   checked against the SHA-256 recorded in packaging/release-binaries.sha256
   (only for released versions; MLAUDIT_RELEASE_BASE points at a mirror);
4. a build with scripts/build-dist.sh when `swift` is on PATH (several minutes).

Otherwise the build stops with a message that lists these options.
"""

import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import mlaudit_wheel  # noqa: E402  (beside this file; backend-path puts this directory on sys.path)

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
TREE_BINARY = os.path.join(ROOT, ".build-dist", "build", "release", "mlaudit")
CHECKSUMS = os.path.join(ROOT, "packaging", "release-binaries.sha256")
VERSION_SOURCE = os.path.join(ROOT, "Sources", "MLAuditCore", "Model", "MLAuditVersion.swift")
RELEASE_BASE = mlaudit_wheel.HOMEPAGE + "/releases/download"


def _log(message):
    print(f"mlaudit build: {message}", file=sys.stderr, flush=True)


def source_version():
    """The version the sources declare, without building them."""
    with open(VERSION_SOURCE, encoding="utf-8") as handle:
        match = re.search(r'static let current = "([^"]+)"', handle.read())
    if not match:
        raise mlaudit_wheel.WheelError(f"{VERSION_SOURCE}: no `static let current = \"…\"` version")
    return match.group(1)


def recorded_checksum(version):
    """The SHA-256 recorded for this version's release binary, if it was released."""
    if not os.path.exists(CHECKSUMS):
        return None
    with open(CHECKSUMS, encoding="utf-8") as handle:
        for line in handle:
            fields = line.split("#", 1)[0].split()
            if len(fields) == 2 and fields[1] == f"mlaudit-{version}-x86_64-linux":
                return fields[0].lower()
    return None


def download_release(version, digest, into):
    base = os.environ.get("MLAUDIT_RELEASE_BASE", RELEASE_BASE).rstrip("/")
    url = f"{base}/v{version}/mlaudit-{version}-x86_64-linux"
    _log(f"downloading {url}")
    path = os.path.join(into, "mlaudit")
    with urllib.request.urlopen(url, timeout=120) as response, open(path, "wb") as out:  # noqa: S310 (fixed https base)
        shutil.copyfileobj(response, out)
    with open(path, "rb") as handle:
        actual = hashlib.sha256(handle.read()).hexdigest()
    if actual != digest:
        raise mlaudit_wheel.WheelError(f"{url}: SHA-256 {actual}, but packaging/release-binaries.sha256 records {digest}")
    os.chmod(path, 0o755)
    return path


def build_with_swift():
    _log("no prebuilt binary; building one with scripts/build-dist.sh (several minutes)")
    subprocess.run(["bash", os.path.join(ROOT, "scripts", "build-dist.sh"), "--binary-only"], check=True, cwd=ROOT)
    return TREE_BINARY


def find_binary(config_settings, scratch):
    given = (config_settings or {}).get("binary") or os.environ.get("MLAUDIT_BINARY")
    if given:
        if not os.access(given, os.X_OK):
            raise mlaudit_wheel.WheelError(f"MLAUDIT_BINARY={given}: no executable file there")
        return given
    if os.access(TREE_BINARY, os.X_OK):
        return TREE_BINARY
    version = source_version()
    digest = recorded_checksum(version)
    if digest:
        return download_release(version, digest, scratch)
    if shutil.which("swift"):
        return build_with_swift()
    raise mlaudit_wheel.WheelError(
        f"no mlaudit binary for version {version}: this version has no release binary recorded in "
        "packaging/release-binaries.sha256 and Swift is not installed. Either install a released wheel "
        "(pip install mlaudit), point MLAUDIT_BINARY at a binary built by scripts/build-dist.sh, or "
        "install Swift 6 so this build can compile one."
    )


# PEP 517 hooks ---------------------------------------------------------------

def get_requires_for_build_wheel(config_settings=None):
    return []


def build_wheel(wheel_directory, config_settings=None, metadata_directory=None):
    with tempfile.TemporaryDirectory(prefix="mlaudit-build-") as scratch:
        try:
            binary = find_binary(config_settings, scratch)
            # pip installs this wheel at once and discards it: stored, not deflated, it takes seconds less.
            path = mlaudit_wheel.write_wheel(binary, wheel_directory, os.path.join(ROOT, "README.md"), compress=False)
        except mlaudit_wheel.WheelError as error:
            _log(str(error))
            raise SystemExit(1) from None
    return os.path.basename(path)
