#!/usr/bin/env python3
"""Time mlaudit against its peers on one generated corpus, in one run.

Called by bench/run.sh, which builds the release binary, installs the peers
and generates the corpus. Every timed command is first run once for its
output, which is checked against the problems planted in the corpus: a fast
wrong answer fails the benchmark.

    python3 bench/run.py --mlaudit BIN --corpus DIR --venv DIR --work DIR [--only NAME,...]
        [--realworld-dir DIR] [--reference BIN] [--realworld-semgrep]

The `realworld` group (bench/realworld_speed.py) times the public repositories
of bench/realworld/repos.tsv instead of the corpus.
"""
import argparse
import json
import os
import platform
import shlex
import subprocess
import sys
import tempfile
import time

import realworld_speed

# The corpus's planted kinds and the mlaudit rule that must report each.
RULE_OF_KIND = {
    "home-path": "PATH001", "random-state": "RND002", "hub-revision": "DAT003", "pip-install": "PIN002",
    "requirement": "PIN001", "image-latest": "PIN007", "undeclared-import": "DEC001", "undeclared-data": "DAT001",
}
IGNORED_PARTS = ("/.venv/", "/outputs/", "build/")
RG_PATTERNS = ['"/home/', "/Users/", "/home/[a-z]+/", r"train_test_split\(", r"from_pretrained\(", "pip3? install"]


class Failure(Exception):
    pass


def run(command, **kwargs):
    return subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)


def timed(name, command, runs, warmup, work, cwd=None):
    """Median wall time (hyperfine) and peak RSS (GNU time, wrapped around every run,
    read from the last) of one command. Slow peers run only as often as asked."""
    export = os.path.join(work, f"hyperfine-{name}.json")
    rss_file = os.path.join(work, f"rss-{name}.txt")
    line = shlex.join(command)
    wrapped = shlex.join(["/usr/bin/time", "-f", "%M", "-o", rss_file] + command)
    hyper = ["hyperfine", "--export-json", export, "--runs", str(runs), "--warmup", str(warmup),
             "--ignore-failure", "--style", "none", "--shell", "none", wrapped]
    result = run(hyper, cwd=cwd)
    if result.returncode != 0:
        raise Failure(f"hyperfine failed for {name}: {result.stderr.strip()[-400:]}")
    with open(export) as handle:
        stats = json.load(handle)["results"][0]
    with open(rss_file) as handle:
        peak_kb = int(handle.read().strip().splitlines()[-1])
    return {"median_s": stats["median"], "mean_s": stats["mean"], "min_s": stats["min"], "runs": len(stats["times"]),
            "peak_rss_mb": peak_kb / 1024, "command": line}


def planted(expected, kinds, prefix=""):
    return {(p["kind"], p["path"], p["line"]) for p in expected["planted"]
            if p["kind"] in kinds and p["path"].startswith(prefix)}


def compare(tool, want, got):
    missing = sorted(want - got)
    extra = sorted(got - want)
    if missing or extra:
        detail = "; ".join(f"missing {m}" for m in missing[:3]) + "; ".join(f"unexpected {e}" for e in extra[:3])
        raise Failure(f"{tool}: {len(missing)} planted problems missed, {len(extra)} unexpected findings ({detail})")
    return f"{len(want)} planted problems found, none extra"


def relative(path, corpus):
    """A reported path relative to the corpus (tools report them relative to their working directory)."""
    return os.path.relpath(os.path.abspath(path), corpus)


def check_mlaudit(report_path, corpus, expected, kinds, prefix=""):
    with open(report_path) as handle:
        report = json.load(handle)
    rules = {RULE_OF_KIND[kind]: kind for kind in kinds}
    got = set()
    for finding in report["findings"]:
        path = relative(finding["path"], corpus)
        if any(part in "/" + path for part in IGNORED_PARTS):
            raise Failure(f"mlaudit reported a file in an ignored folder: {path}")
        kind = rules.get(finding["rule"])
        if kind and path.startswith(prefix):
            got.add((kind, path, finding["line"]))
    if report.get("diagnostics"):
        raise Failure(f"mlaudit reported diagnostics: {report['diagnostics'][:2]}")
    return compare("mlaudit", planted(expected, kinds, prefix), got)


def check_semgrep(report_path, corpus, expected):
    with open(report_path) as handle:
        report = json.load(handle)
    got = set()
    for result in report["results"]:
        kind = result["check_id"].rsplit(".", 1)[-1].replace("home-path-text", "home-path")
        got.add((kind, relative(result["path"], corpus), result["start"]["line"]))
    kinds = {"home-path", "random-state", "hub-revision", "pip-install"}
    return compare("semgrep", planted(expected, kinds), got)


def check_hadolint(output, corpus, expected):
    got = set()
    for item in json.loads(output or "[]"):
        kind = {"DL3007": "image-latest", "DL3013": "pip-install"}.get(item["code"])
        if kind:
            got.add((kind, relative(item["file"], corpus), item["line"]))
    want = {p for p in planted(expected, {"image-latest", "pip-install"}) if "Dockerfile" in p[1]}
    return compare("hadolint", want, got)


def check_deptry(reports, corpus, expected):
    got = set()
    for package_dir, report_path in reports:
        with open(report_path) as handle:
            for item in json.load(handle):
                if item["error"]["code"] == "DEP001":
                    path = os.path.join(os.path.relpath(package_dir, corpus), item["location"]["file"])
                    got.add(("undeclared-import", os.path.normpath(path), item["location"]["line"]))
    return compare("deptry", planted(expected, {"undeclared-import"}), got)


def check_ripgrep(output, expected):
    counted = 0
    for line in output.splitlines():
        path, _, count = line.rpartition(":")
        if any(part in "/" + path for part in IGNORED_PARTS):
            raise Failure(f"ripgrep searched an ignored file: {path}")
        counted += int(count)
    want = len(planted(expected, {"home-path", "random-state", "hub-revision", "pip-install"}))
    if counted < want:
        raise Failure(f"ripgrep matched {counted} lines, fewer than the {want} planted problems")
    return f"{counted} matching lines (>= {want} planted)"


def machine():
    model = ""
    try:
        with open("/proc/cpuinfo") as handle:
            model = next(line.split(":", 1)[1].strip() for line in handle if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return {"cpu": model, "cores": os.cpu_count(), "kernel": platform.release(), "python": platform.python_version(),
            "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())}


def make_bench(only, rows, failures, work):
    """A function that times one command of a group (unless --only leaves the group out) and records its row."""
    def bench(group, name, command, runs, check=None, cwd=None, warmup=1, outputs=()):
        if only and group not in only:
            return None
        for stale in outputs:  # a check must never read an earlier run's report
            if os.path.exists(stale):
                os.remove(stale)
        print(f"-- {group}: {name}", file=sys.stderr, flush=True)
        try:
            # Timed first: the check reads the report the last timed run wrote.
            row = timed(f"{group}-{name}".replace(" ", "_"), command, runs, warmup, work, cwd=cwd)
            note = check() if check else ""
        except Failure as failure:
            failures.append(str(failure))
            row = {"median_s": None, "peak_rss_mb": None, "command": shlex.join(command), "error": str(failure)}
            note = "FAILED"
        row.update(group=group, tool=name, check=note)
        rows.append(row)
        return row
    return bench


def realworld_only(args):
    """The realworld group alone: no corpus needed."""
    work = os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)
    rows, failures = [], []
    bench = make_bench({"realworld"}, rows, failures, work)
    realworld = realworld_speed.summarise(realworld_speed.run_group(bench, args, failures,
                                                                   os.path.join(os.path.abspath(args.venv), "bin")))
    result = {"machine": machine(), "rows": [], "targets": realworld["targets"], "realworld": realworld, "failures": failures}
    return report(result, work, "results-realworld.json")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--mlaudit", required=True)
    parser.add_argument("--corpus", required=True)
    parser.add_argument("--venv", required=True)
    parser.add_argument("--work", required=True)
    parser.add_argument("--only", default="")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--slow-runs", type=int, default=1, help="runs for semgrep and deptry")
    parser.add_argument("--realworld-dir", default=".build-realworld/repos", help="where bench/realworld/fetch.sh put the repositories")
    parser.add_argument("--reference", default="", help="realworld: a second mlaudit whose findings must be byte-identical")
    parser.add_argument("--realworld-semgrep", action="store_true", help="realworld: time semgrep too (slow)")
    args = parser.parse_args()
    only = set(filter(None, args.only.split(",")))
    if only == {"realworld"}:
        return realworld_only(args)
    corpus = os.path.abspath(args.corpus)
    mlaudit = os.path.abspath(args.mlaudit)
    work = os.path.abspath(args.work)
    os.makedirs(work, exist_ok=True)
    with open(corpus.rstrip("/") + ".expected.json") as handle:
        expected = json.load(handle)
    venv_bin = os.path.join(os.path.abspath(args.venv), "bin")
    rows = []
    failures = []

    bench = make_bench(only, rows, failures, work)

    all_kinds = set(RULE_OF_KIND)
    full_report = os.path.join(work, "mlaudit-full.json")
    scan = [mlaudit, "scan", corpus, "--format", "json", "--output", full_report, "--exit-zero"]

    def check_full(command):
        def check():
            return check_mlaudit(full_report, corpus, expected, all_kinds)
        return check

    bench("scan", "mlaudit", scan, args.runs, check_full(scan), outputs=[full_report])
    bench("scan", "mlaudit --jobs 1", scan + ["--jobs", "1"], max(1, args.runs // 2), check_full(scan + ["--jobs", "1"]),
          outputs=[full_report])
    rg = ["rg", "-c"] + [arg for pattern in RG_PATTERNS for arg in ("-e", pattern)] + [corpus]
    bench("scan", "ripgrep", rg, args.runs, lambda: check_ripgrep(run(rg).stdout, expected))
    semgrep_report = os.path.join(work, "semgrep.json")
    semgrep = [os.path.join(venv_bin, "semgrep"), "scan", "--config", os.path.join(os.path.dirname(__file__),
               "semgrep-rules.yml"), "--metrics=off", "--disable-version-check", "--quiet", "--json",
               "--output", semgrep_report, corpus]

    def check_semgrep_run(command):
        def check():
            return check_semgrep(semgrep_report, corpus, expected)
        return check

    bench("scan", "semgrep", semgrep, args.slow_runs, check_semgrep_run(semgrep), warmup=0, outputs=[semgrep_report])
    bench("scan", "semgrep --jobs 1", semgrep + ["--jobs", "1"], args.slow_runs,
          check_semgrep_run(semgrep + ["--jobs", "1"]), warmup=0, outputs=[semgrep_report])

    dockerfiles = sorted(os.path.join(directory, name) for directory, _, names in os.walk(corpus)
                         if "/.git" not in directory for name in names if name.startswith("Dockerfile"))
    docker_report = os.path.join(work, "mlaudit-docker.json")
    docker_scan = [mlaudit, "scan", "--format", "json", "--output", docker_report, "--exit-zero"] + dockerfiles

    def check_docker():
        want_kinds = {"image-latest", "pip-install"}
        with open(docker_report) as handle:
            report = json.load(handle)
        got = {(RULE_OF_KIND_REV[f["rule"]], relative(f["path"], corpus), f["line"]) for f in report["findings"]
               if f["rule"] in RULE_OF_KIND_REV and RULE_OF_KIND_REV[f["rule"]] in want_kinds}
        want = {p for p in planted(expected, want_kinds) if "Dockerfile" in p[1]}
        return compare("mlaudit", want, got)

    bench("dockerfiles", "mlaudit", docker_scan, args.runs, check_docker, outputs=[docker_report])
    hadolint = [os.path.join(venv_bin, "hadolint"), "--no-fail", "--format", "json"] + dockerfiles
    bench("dockerfiles", "hadolint", hadolint, args.runs,
          lambda: check_hadolint(run(hadolint).stdout, corpus, expected))

    imports_report = os.path.join(work, "mlaudit-imports.json")
    imports_scan = [mlaudit, "scan", corpus, "--select", "DEC001", "--format", "json", "--output", imports_report,
                    "--exit-zero"]
    bench("imports", "mlaudit", imports_scan, args.runs,
          lambda: check_mlaudit(imports_report, corpus, expected, {"undeclared-import"}), outputs=[imports_report])
    packages = sorted(os.path.join(corpus, "packages", name) for name in os.listdir(os.path.join(corpus, "packages")))
    deptry_script = os.path.join(work, "deptry-all.sh")
    deptry_reports = [(package, os.path.join(work, f"deptry-{os.path.basename(package)}.json")) for package in packages]
    with open(deptry_script, "w") as handle:
        handle.write("#!/bin/sh\n# deptry checks one project per run: one run per package of the monorepo.\n")
        for package, deptry_report in deptry_reports:
            # deptry reads the dependency declarations of the working directory.
            handle.write(f"cd {shlex.quote(package)} && " + shlex.join([os.path.join(venv_bin, "deptry"), ".", "--known-first-party",
                                     os.path.basename(package), "--package-module-name-map",
                                     "scikit-learn=sklearn,PyYAML=yaml", "--json-output", deptry_report]) + " >/dev/null\n")
    os.chmod(deptry_script, 0o755)
    bench("imports", "deptry", ["/bin/sh", deptry_script], args.slow_runs,
          lambda: check_deptry(deptry_reports, corpus, expected), warmup=0, outputs=[r for _, r in deptry_reports])

    hook_files = sorted(os.path.join(corpus, p) for p in (
        "packages/pkg03/src/pkg03/utils/module_0003.py", "packages/pkg03/src/pkg03/models/module_0010.py",
        "packages/pkg03/src/pkg03/data/module_0011.py", "packages/pkg03/Dockerfile",
        "packages/pkg03/requirements.txt"))
    hook = [mlaudit, "scan", "--per-file", "--quiet", "--exit-zero"] + hook_files
    bench("pre-commit", "mlaudit (5 files)", hook, max(args.runs, 50), warmup=5)

    python = os.path.join(venv_bin, "python")
    snapshot = [mlaudit, "snapshot", "--python", python, "--project-root", corpus, "--output",
                os.path.join(work, "snapshot.json"), "--no-timestamp"]
    bench("snapshot", "mlaudit snapshot", snapshot, args.runs)
    bench("snapshot", "pip freeze", [python, "-m", "pip", "freeze"], args.runs)

    data_dir = os.path.join(work, "data-project")
    big = os.path.join(data_dir, "data", "big.bin")
    if not only or "hashing" in only:
        prepare_data_project(data_dir, big)
    bench("hashing", "mlaudit scan --verify-data", [mlaudit, "scan", data_dir, "--select", "DAT006", "--verify-data",
                                                     "--exit-zero", "--quiet"], 3,
          lambda: check_verify(mlaudit, data_dir))
    bench("hashing", "sha256sum", ["sha256sum", big], 3)

    manifests = os.path.join(work, "manifests")
    if not only or "diff" in only:
        run([sys.executable, os.path.join(os.path.dirname(__file__), "gen-manifests.py"), manifests])
    bench("diff", "mlaudit diff (10,000 packages)", [mlaudit, "diff", os.path.join(manifests, "old.json"),
                                                    os.path.join(manifests, "new.json"), "--exit-zero"], args.runs * 2)

    realworld_rows = realworld_speed.run_group(bench, args, failures, venv_bin) if not only or "realworld" in only else []
    rows = [row for row in rows if row["group"] != "realworld"]
    summary = summarise(rows, expected)
    realworld = realworld_speed.summarise(realworld_rows)
    result = {"machine": machine(), "corpus": {"files": expected["files"], "bytes": expected["bytes"],
                                              "seed": expected["seed"], "scale": expected["scale"]},
              "rows": rows, "targets": summary + realworld["targets"], "realworld": realworld, "failures": failures}
    return report(result, work, "results.json")


RULE_OF_KIND_REV = {rule: kind for kind, rule in RULE_OF_KIND.items()}


def prepare_data_project(directory, big):
    """A project whose manifest declares one generated 1 GB file with its checksum."""
    if not os.path.exists(big) or os.path.getsize(big) != 1 << 30:
        os.makedirs(os.path.dirname(big), exist_ok=True)
        block = bytes(range(256)) * 4096  # 1 MiB of a fixed pattern, numbered per MiB below
        with open(big, "wb") as handle:
            for index in range(1024):
                handle.write(index.to_bytes(4, "little") + block[4:])
    digest = run(["sha256sum", big]).stdout.split()[0]
    with open(os.path.join(directory, "mlaudit.yaml"), "w") as handle:
        handle.write(f"data:\n  - path: data/big.bin\n    sha256: {digest}\n    size: {1 << 30}\n")


def check_verify(mlaudit, directory):
    result = run([mlaudit, "scan", directory, "--select", "DAT006", "--verify-data", "--format", "json"])
    if result.returncode != 0:
        raise Failure(f"mlaudit scan --verify-data failed ({result.returncode}): {result.stderr.strip()[-300:]}")
    if json.loads(result.stdout)["findings"]:
        raise Failure("mlaudit scan --verify-data reported a mismatch on a file whose checksum is right")
    return "declared checksum verified"


TARGETS = [
    # (description, group, mlaudit tool, peer tool, limit, kind)
    ("full scan at least 20x faster than semgrep (default jobs)", "scan", "mlaudit", "semgrep", 1 / 20, "ratio"),
    ("full scan at least 20x faster than semgrep (1 job each)", "scan", "mlaudit --jobs 1", "semgrep --jobs 1", 1 / 20, "ratio"),
    ("full scan at most 2x ripgrep on the same patterns", "scan", "mlaudit", "ripgrep", 2.0, "ratio"),
    ("faster than hadolint on the Dockerfiles", "dockerfiles", "mlaudit", "hadolint", 1.0, "ratio"),
    ("at least 10x faster than deptry on imports", "imports", "mlaudit", "deptry", 1 / 10, "ratio"),
    ("snapshot under a tenth of pip freeze", "snapshot", "mlaudit snapshot", "pip freeze", 1 / 10, "ratio"),
    ("data hashing at least 80% of sha256sum throughput", "hashing", "mlaudit scan --verify-data", "sha256sum", 1 / 0.8, "ratio"),
]
ABSOLUTE = [
    ("pre-commit on 5 files under 50 ms", "pre-commit", "mlaudit (5 files)", 0.050, "median_s"),
    ("diff of two 10,000-package manifests under 100 ms", "diff", "mlaudit diff (10,000 packages)", 0.100, "median_s"),
    ("full-scan peak memory under 200 MB", "scan", "mlaudit", 200, "peak_rss_mb"),
]


def summarise(rows, expected):
    by_key = {(row["group"], row["tool"]): row for row in rows}
    out = []
    for description, group, ours, peer, limit, _ in TARGETS:
        a, b = by_key.get((group, ours)), by_key.get((group, peer))
        if not a or not b:
            continue
        if a["median_s"] is None or b["median_s"] is None:
            out.append({"target": description, "value": None, "met": False})
            continue
        ratio = a["median_s"] / b["median_s"]
        out.append({"target": description, "value": f"{ratio:.3f}x", "met": ratio <= limit})
    for description, group, tool, limit, field in ABSOLUTE:
        row = by_key.get((group, tool))
        if not row:
            continue
        value = row.get(field)
        out.append({"target": description, "value": value, "met": value is not None and value <= limit})
    return out


def report(result, work, name):
    """Writes the results as JSON under work, prints the table, and gives the exit code."""
    path = os.path.join(work, name)
    with open(path, "w") as handle:
        json.dump(result, handle, indent=1)
        handle.write("\n")
    print_table(result)
    print(f"\nresults: {path}")
    return 1 if result["failures"] else 0


def print_table(result):
    m = result["machine"]
    print(f"\nmachine: {m['cpu']}, {m['cores']} cores, Linux {m['kernel']}, {m['date']}")
    rows = result["rows"]
    if rows:
        print_corpus_rows(result)
    if result.get("realworld"):
        realworld_speed.print_summary(result["realworld"], format_time)
    print("\ntargets:")
    for target in result["targets"]:
        value = target["value"]
        if isinstance(value, float):
            value = f"{value * 1000:.1f} ms" if "ms" in target["target"] else f"{value:.1f} MB"
        print(f"  [{'met' if target['met'] else 'NOT MET'}] {target['target']}: {value}")
    for failure in result["failures"]:
        print(f"  [FAILED] {failure}")


def print_corpus_rows(result):
    c = result["corpus"]
    print(f"corpus: {c['files']} files, {c['bytes'] / 1e6:.1f} MB (seed {c['seed']}, scale {c['scale']})\n")
    rows = result["rows"]
    reference = {}
    for row in rows:
        reference.setdefault(row["group"], row)
    header = f"{'benchmark':<12} {'tool':<32} {'median':>10} {'peak RSS':>10} {'vs mlaudit':>11}  check"
    print(header)
    print("-" * len(header))
    for row in rows:
        base = reference[row["group"]]
        median = row["median_s"]
        ratio = ""
        if row is not base and median and base["median_s"]:
            ratio = f"{median / base['median_s']:.2f}x"
        print(f"{row['group']:<12} {row['tool']:<32} {format_time(median):>10} "
              f"{format_mb(row['peak_rss_mb']):>10} {ratio:>11}  {row['check']}")


def format_time(seconds):
    if seconds is None:
        return "-"
    return f"{seconds * 1000:.1f} ms" if seconds < 1 else f"{seconds:.2f} s"


def format_mb(value):
    return "-" if value is None else f"{value:.0f} MB"


if __name__ == "__main__":
    sys.exit(main())
