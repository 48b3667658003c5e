#!/usr/bin/env python3
"""Write two mlaudit manifests of N Python packages each (default 10,000) for
timing `mlaudit diff`. Seeded, so every run writes the same files. The new
manifest changes about 5% of the versions, drops 1% of the packages and adds 1%.

    python3 bench/gen-manifests.py OUT_DIR [--packages N] [--seed S]
    hyperfine --warmup 3 '.build/release/mlaudit diff OUT_DIR/old.json OUT_DIR/new.json --exit-zero'
"""
import argparse
import json
import os
import random


def manifest(packages):
    return {
        "meta": {"schema_version": 1, "mlaudit_version": "0.1.0", "command_line": ["mlaudit", "snapshot"],
                 "project_root": "/srv/project"},
        "python": {"status": "ok", "implementation": "cpython", "version": "3.11.7", "build": "3.11.7", "platform": "linux",
                   "executable": "/usr/bin/python3", "prefix": "/usr", "base_prefix": "/usr", "in_virtual_env": False,
                   "selection": "path", "sys_path": [], "site_packages": ["/usr/lib/python3/site-packages"],
                   "packages": [{"name": name, "version": version, "format": "dist-info",
                                 "location": "/usr/lib/python3/site-packages", "installer": "pip"}
                                for name, version in sorted(packages.items())]},
        "host": {"status": "unavailable", "reason": "benchmark"}, "accelerators": {"status": "unavailable", "reason": "benchmark"},
        "conda": {"status": "unavailable", "reason": "benchmark"}, "system_packages": {"status": "skipped", "reason": "benchmark"},
        "env": {"status": "skipped", "reason": "benchmark"}, "git": {"status": "unavailable", "reason": "benchmark"},
        "lockfiles": {"status": "skipped", "reason": "benchmark"}, "data": {"status": "skipped", "reason": "benchmark"},
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("--packages", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    old = {}
    while len(old) < args.packages:
        name = "pkg-" + "".join(rng.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(rng.randint(4, 12)))
        old[name] = f"{rng.randint(0, 30)}.{rng.randint(0, 40)}.{rng.randint(0, 20)}"
    new = dict(old)
    names = sorted(old)
    for name in rng.sample(names, args.packages // 20):
        major, minor, patch = map(int, new[name].split("."))
        new[name] = rng.choice([f"{major + 1}.0.0", f"{major}.{minor + 1}.0", f"{major}.{minor}.{patch + 1}", f"{major}.{minor}.{patch}+cu121"])
    for name in rng.sample(names, args.packages // 100):
        del new[name]
    for index in range(args.packages // 100):
        new[f"added-{index}"] = "1.0.0"
    os.makedirs(args.out, exist_ok=True)
    for file, packages in (("old.json", old), ("new.json", new)):
        with open(os.path.join(args.out, file), "w") as handle:
            json.dump(manifest(packages), handle, indent=2, sort_keys=True)
            handle.write("\n")


if __name__ == "__main__":
    main()
