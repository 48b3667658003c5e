"""The `realworld` group of bench/run.py: mlaudit against ruff (and optionally
semgrep) on the public repositories of bench/realworld/repos.tsv.

Before anything is timed, each repository's findings are checked: the JSON
report of the binary under test must be byte-identical with `--jobs 1` and with
the default jobs, and, when a reference binary is given (`--reference`, e.g.
the same code without an optimisation), byte-identical to that binary's report.
Without a reference binary the first run's reports are recorded under
WORK/realworld-reference and later runs are compared with them.
"""
import json
import os
import subprocess

REPOS_TSV = os.path.join(os.path.dirname(os.path.abspath(__file__)), "realworld", "repos.tsv")
RUFF_SELECT = "F,E9,NPY,PD"


class Mismatch(Exception):
    pass


def repositories(directory):
    """(folder, path) of every listed repository present under `directory`, and the folders missing."""
    present, missing = [], []
    with open(REPOS_TSV) as handle:
        for line in handle:
            if line.startswith("#") or not line.strip():
                continue
            folder = line.split("\t")[0].strip()
            path = os.path.join(directory, folder)
            (present if os.path.isdir(path) else missing).append((folder, path))
    return present, [folder for folder, _ in missing]


def python_size(path):
    """Files and bytes of the Python files and notebooks git tracks (what both tools read most)."""
    listed = subprocess.run(["git", "-C", path, "ls-files", "-z", "*.py", "*.ipynb"], stdout=subprocess.PIPE, check=False)
    files = [name for name in listed.stdout.decode("utf-8", "replace").split("\0") if name]
    size = 0
    for name in files:
        try:
            size += os.path.getsize(os.path.join(path, name))
        except OSError:
            pass
    return len(files), size


def report(binary, path, jobs=None):
    """The JSON report of `mlaudit scan` run in the repository, as bytes."""
    command = [binary, "scan", ".", "--format", "json", "--exit-zero"] + (["--jobs", str(jobs)] if jobs else [])
    result = subprocess.run(command, cwd=path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    if result.returncode != 0:
        raise Mismatch(f"mlaudit failed on {path} ({result.returncode}): {result.stderr.decode()[-300:]}")
    return result.stdout


def first_difference(a, b):
    a_lines, b_lines = a.decode("utf-8", "replace").splitlines(), b.decode("utf-8", "replace").splitlines()
    for number, (x, y) in enumerate(zip(a_lines, b_lines), 1):
        if x != y:
            return f"line {number}: {x.strip()[:120]!r} against {y.strip()[:120]!r}"
    return f"{len(a_lines)} lines against {len(b_lines)}"


def check_findings(mlaudit, reference, folder, path, work):
    """Checks the report before timing; returns a short note on what was compared."""
    ours = report(mlaudit, path)
    if report(mlaudit, path, jobs=1) != ours:
        raise Mismatch(f"{folder}: the report with --jobs 1 differs from the default jobs' one")
    if reference:
        theirs = report(reference, path)
        source = "the reference binary"
    else:
        recorded = os.path.join(work, "realworld-reference", folder + ".json")
        if not os.path.exists(recorded):
            os.makedirs(os.path.dirname(recorded), exist_ok=True)
            with open(recorded, "wb") as handle:
                handle.write(ours)
        with open(recorded, "rb") as handle:
            theirs = handle.read()
        source = "the recorded report"
    if ours != theirs:
        raise Mismatch(f"{folder}: the findings differ from {source} ({first_difference(theirs, ours)})")
    findings = len(json.loads(ours)["findings"])
    return f"{findings} findings, identical to {source}"


def check_ruff(command, folder, path):
    """ruff must succeed (hyperfine would time a failing run as a fast one)."""
    result = subprocess.run(command, cwd=path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, check=False)
    if result.returncode != 0:
        raise Mismatch(f"{folder}: ruff failed ({result.returncode}): {result.stderr.decode()[-300:]}")
    return f"{len(json.loads(result.stdout or b'[]'))} diagnostics (--select {RUFF_SELECT})"


def run_group(bench, args, failures, venv_bin):
    """Times every repository; returns the rows of the group (each with its repository)."""
    present, missing = repositories(os.path.abspath(args.realworld_dir))
    if not present:
        failures.append(f"realworld: no repository of {REPOS_TSV} under {args.realworld_dir} "
                        "(bash bench/realworld/fetch.sh checks them out)")
        return []
    mlaudit = os.path.abspath(args.mlaudit)
    reference = os.path.abspath(args.reference) if args.reference else None
    ruff = os.path.join(venv_bin, "ruff")
    semgrep = os.path.join(venv_bin, "semgrep")
    rows = []
    for folder, path in present:
        files, size = python_size(path)
        try:
            note = check_findings(mlaudit, reference, folder, path, os.path.abspath(args.work))
        except Mismatch as mismatch:
            failures.append(str(mismatch))
            continue
        # --isolated: the repository's own ruff settings (extend-select, required-version,
        # excludes) would change what ruff checks from one repository to the next.
        ruff_command = [ruff, "check", ".", "--isolated", "--select", RUFF_SELECT, "--no-cache", "--exit-zero",
                        "--output-format", "json"]
        try:
            ruff_note = check_ruff(ruff_command, folder, path)
        except Mismatch as mismatch:
            failures.append(str(mismatch))
            continue
        scan = [mlaudit, "scan", ".", "--format", "json", "--exit-zero"]
        timed = [
            ("mlaudit", scan, args.runs, note),
            ("mlaudit --jobs 1", scan + ["--jobs", "1"], max(1, args.runs // 2), "the same"),
            ("ruff", ruff_command, args.runs, ruff_note),
        ]
        if args.realworld_semgrep:
            timed.append(("semgrep", [semgrep, "scan", "--config", os.path.join(os.path.dirname(__file__), "semgrep-rules.yml"),
                                      "--metrics=off", "--disable-version-check", "--quiet", "--json", "."],
                          args.slow_runs, "bench/semgrep-rules.yml"))
        for tool, command, runs, check in timed:
            row = bench("realworld", f"{tool} {folder}", command, runs, check=lambda check=check: check, cwd=path,
                        warmup=0 if tool == "semgrep" else 1)
            if row is not None:
                row.update(tool=tool, repo=folder, python_files=files, python_bytes=size)
                rows.append(row)
    if missing:
        failures.append(f"realworld: {len(missing)} repositories missing under {args.realworld_dir}: {', '.join(missing)}")
    return rows


def summarise(rows):
    """Per repository: the medians and ratios; then the totals and the targets of the group."""
    by_repo = {}
    for row in rows:
        by_repo.setdefault(row["repo"], {"files": row["python_files"], "bytes": row["python_bytes"]})[row["tool"]] = row
    table, totals, peak = [], {}, 0.0
    for repo, tools in by_repo.items():
        entry = {"repo": repo, "python_files": tools["files"], "python_bytes": tools["bytes"]}
        for tool in ("mlaudit", "mlaudit --jobs 1", "ruff", "semgrep"):
            if tool in tools and tools[tool]["median_s"] is not None:
                entry[tool] = tools[tool]["median_s"]
                totals[tool] = totals.get(tool, 0.0) + tools[tool]["median_s"]
                if tool.startswith("mlaudit"):
                    peak = max(peak, tools[tool]["peak_rss_mb"] or 0.0)
        if "mlaudit" in entry and "ruff" in entry:
            entry["ratio_to_ruff"] = entry["mlaudit"] / entry["ruff"]
        if "mlaudit" in entry and "mlaudit --jobs 1" in entry:
            entry["jobs_scaling"] = entry["mlaudit --jobs 1"] / entry["mlaudit"]
        table.append(entry)
    targets = []
    if table:
        timed = [e for e in table if "ratio_to_ruff" in e]
        slower = [e["repo"] for e in timed if e["ratio_to_ruff"] >= 1.0]
        targets.append({"target": "realworld: faster than ruff on every repository", "met": bool(timed) and not slower,
                        "value": f"slower on {', '.join(slower)}" if slower else f"{len(timed)} of {len(timed)}"})
        if "mlaudit" in totals and "ruff" in totals:
            ratio = totals["mlaudit"] / totals["ruff"]
            targets.append({"target": "realworld: faster than ruff in total", "value": f"{ratio:.3f}x", "met": ratio < 1.0})
        largest = max(table, key=lambda e: e["python_bytes"])
        if "jobs_scaling" in largest:
            targets.append({"target": f"realworld: default jobs at least 1.7x faster than --jobs 1 on the largest ({largest['repo']})",
                            "value": f"{largest['jobs_scaling']:.2f}x", "met": largest["jobs_scaling"] >= 1.7})
        targets.append({"target": "realworld: peak memory under 200 MB", "value": f"{peak:.1f} MB", "met": peak < 200})
    return {"repos": table, "totals": totals, "targets": targets}


def print_summary(summary, format_time):
    if not summary["repos"]:
        return
    semgrep = "semgrep" in summary["totals"]
    header = (f"{'repository':<28} {'py+ipynb':>9} {'mlaudit':>9} {'-j 1':>9} {'ruff':>9} {'ml/ruff':>8} {'j1/j':>6}"
              + (f" {'semgrep':>9}" if semgrep else ""))
    print("\nreal repositories (hyperfine medians):")
    print(header)
    print("-" * len(header))

    def line(name, size, entry):
        ratio = f"{entry['ratio_to_ruff']:.2f}x" if "ratio_to_ruff" in entry else "-"
        scaling = f"{entry['jobs_scaling']:.2f}" if "jobs_scaling" in entry else "-"
        out = (f"{name:<28} {size:>9} {format_time(entry.get('mlaudit')):>9} {format_time(entry.get('mlaudit --jobs 1')):>9} "
               f"{format_time(entry.get('ruff')):>9} {ratio:>8} {scaling:>6}")
        if semgrep:
            out += f" {format_time(entry.get('semgrep')):>9}"
        print(out)

    for entry in sorted(summary["repos"], key=lambda e: e["python_bytes"]):
        line(entry["repo"], f"{entry['python_bytes'] / 1e6:.1f} MB", entry)
    totals = dict(summary["totals"])
    if "mlaudit" in totals and "ruff" in totals:
        totals["ratio_to_ruff"] = totals["mlaudit"] / totals["ruff"]
    if "mlaudit" in totals and "mlaudit --jobs 1" in totals:
        totals["jobs_scaling"] = totals["mlaudit --jobs 1"] / totals["mlaudit"]
    size = sum(e["python_bytes"] for e in summary["repos"]) / 1e6
    line("total", f"{size:.1f} MB", totals)
