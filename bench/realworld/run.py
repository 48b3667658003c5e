#!/usr/bin/env python3
"""Precision and recall of mlaudit on the public repositories of repos.tsv.

Scans every repository of repos.tsv found under the realworld folder, joins the
findings with the hand-judged labels (labels/*.tsv) and known misses
(misses/*.tsv), and prints one line per rule family:

    python3 bench/realworld/run.py [--mlaudit BIN] [--realworld-dir DIR]
                                   [--json-out DIR | --from-json DIR]
                                   [--unjudged FAMILY] [--lost FAMILY] [--repos a,b]

A finding is identified by (repo folder, path from the repository root, line,
rule). Precision is tp / judged over the findings reported now; a labelled
finding that is no longer reported is counted apart (a lost tp is a new miss).
Recall is found / known, where known is every tp label and every miss not
marked `out-of-reach:`, and found is those the scan reports. Only the Python 3
standard library is used; the output is deterministic.
"""
import argparse
import json
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
FAMILIES = ("PIN", "DEC", "LCK", "PATH", "DAT", "RND", "NBK")
OUT_OF_REACH = "out-of-reach:"


class Failure(Exception):
    pass


def family_of(rule):
    match = re.match(r"[A-Z]+", rule)
    return match.group(0) if match else rule


def read_tsv(path, columns):
    """Rows of a tab-separated file without comments or blank lines; a short row is an error."""
    rows = []
    with open(path, encoding="utf-8") as handle:
        for number, raw in enumerate(handle, 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            fields = line.split("\t")
            if len(fields) < columns:
                raise Failure(f"{path}:{number}: expected {columns} tab-separated columns, found {len(fields)}")
            rows.append((number, fields))
    return rows


def read_repos(path):
    return [fields[0] for _, fields in read_tsv(path, 3)]


def line_number(text, path, number):
    try:
        value = int(text)
    except ValueError:
        raise Failure(f"{path}:{number}: line {text!r} is not a number")
    return value


def read_labels(folder):
    """{(repo, path, line, rule): (verdict, note, where)} from every labels/*.tsv."""
    labels = {}
    for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
        if not name.endswith(".tsv"):
            continue
        path = os.path.join(folder, name)
        for number, fields in read_tsv(path, 5):
            repo, file_path, line, rule, verdict = fields[:5]
            note = fields[5] if len(fields) > 5 else ""
            if verdict not in ("tp", "fp"):
                raise Failure(f"{path}:{number}: verdict {verdict!r} is neither tp nor fp")
            key = (repo, file_path, line_number(line, path, number), rule)
            if key in labels:
                raise Failure(f"{path}:{number}: duplicate label (first at {labels[key][2]})")
            labels[key] = (verdict, note, f"{name}:{number}")
    return labels


def read_misses(folder):
    """{(repo, path, line, rule): (note, where)} from every misses/*.tsv."""
    misses = {}
    for name in sorted(os.listdir(folder)) if os.path.isdir(folder) else []:
        if not name.endswith(".tsv"):
            continue
        path = os.path.join(folder, name)
        for number, fields in read_tsv(path, 4):
            repo, file_path, line, rule = fields[:4]
            note = fields[4] if len(fields) > 4 else ""
            key = (repo, file_path, line_number(line, path, number), rule)
            if key in misses:
                raise Failure(f"{path}:{number}: duplicate miss (first at {misses[key][1]})")
            misses[key] = (note, f"{name}:{number}")
    return misses


# Every finding counts here: the per-file cap on findings of one rule (a report setting) is lifted.
UNCAPPED_CONFIG = "max-findings-per-rule: 10000\n"
CONFIG_NAMES = ("mlaudit.yaml", "mlaudit.yml", ".mlaudit.yaml", ".mlaudit.yml")


def scan(binary, repo_dir):
    """The JSON report of one scan of a repository (never fails on findings)."""
    command = [binary, "scan", repo_dir, "--format", "json", "--fail-on", "never", "--no-color"]
    with tempfile.TemporaryDirectory() as scratch:
        if not any(os.path.exists(os.path.join(repo_dir, name)) for name in CONFIG_NAMES):
            config = os.path.join(scratch, "mlaudit.yaml")
            with open(config, "w", encoding="utf-8") as handle:
                handle.write(UNCAPPED_CONFIG)
            command += ["--config", config]
        result = subprocess.run(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if result.returncode not in (0, 1):
        raise Failure(f"mlaudit exited {result.returncode} on {repo_dir}: {result.stderr.strip()[-400:]}")
    try:
        return json.loads(result.stdout)
    except json.JSONDecodeError as error:
        raise Failure(f"mlaudit printed no JSON for {repo_dir}: {error}")


def relative(path, repo_dir):
    if os.path.isabs(path):
        return os.path.relpath(path, repo_dir)
    return os.path.normpath(path)


def collect(report, repo, repo_dir):
    """{key: message} of the findings of one report, keyed as labels are."""
    found = {}
    for finding in report.get("findings", []):
        key = (repo, relative(finding["path"], repo_dir), int(finding.get("line") or 0), finding["rule"])
        found.setdefault(key, finding.get("message", ""))
    return found


def reports(options, repos):
    """(repo, repo_dir, report) for every repository present, scanning or reading saved JSON."""
    for repo in repos:
        repo_dir = os.path.join(options.realworld_dir, repo)
        if options.from_json:
            saved = os.path.join(options.from_json, f"{repo}.json")
            if not os.path.exists(saved):
                print(f"skipped {repo}: no {saved}", file=sys.stderr)
                continue
            with open(saved, encoding="utf-8") as handle:
                yield repo, repo_dir, json.load(handle)
            continue
        if not os.path.isdir(repo_dir):
            print(f"skipped {repo}: not checked out under {options.realworld_dir}", file=sys.stderr)
            continue
        report = scan(options.mlaudit, repo_dir)
        if options.json_out:
            os.makedirs(options.json_out, exist_ok=True)
            with open(os.path.join(options.json_out, f"{repo}.json"), "w", encoding="utf-8") as handle:
                json.dump(report, handle, indent=1, sort_keys=True)
                handle.write("\n")
        yield repo, repo_dir, report


def ratio(numerator, denominator):
    return f"{numerator / denominator:.3f}" if denominator else "-"


def table(findings, labels, misses, scanned):
    """Rows of per-family figures, restricted to the repositories scanned."""
    labels = {k: v for k, v in labels.items() if k[0] in scanned}
    misses = {k: v for k, v in misses.items() if k[0] in scanned}
    families = sorted(set(FAMILIES) | {family_of(k[3]) for k in findings} | {family_of(k[3]) for k in labels},
                      key=lambda f: (FAMILIES.index(f) if f in FAMILIES else len(FAMILIES), f))
    rows = []
    for family in families:
        mine = [k for k in findings if family_of(k[3]) == family]
        judged = [k for k in mine if k in labels]
        tp = sum(1 for k in judged if labels[k][0] == "tp")
        fp = len(judged) - tp
        tp_labels = {k for k, v in labels.items() if family_of(k[3]) == family and v[0] == "tp"}
        fp_gone = sum(1 for k, v in labels.items() if family_of(k[3]) == family and v[0] == "fp" and k not in findings)
        listed = {k for k in misses if family_of(k[3]) == family}
        reach = {k for k in listed if not misses[k][0].startswith(OUT_OF_REACH)}
        known = tp_labels | reach
        found = {k for k in known if k in findings}
        rows.append({
            "family": family, "findings": len(mine), "judged": len(judged), "tp": tp, "fp": fp,
            "precision": ratio(tp, len(judged)), "misses": len(listed), "oor": len(listed - reach),
            "found": sum(1 for k in listed if k in findings), "tp_lost": len(tp_labels - set(findings)),
            "fp_gone": fp_gone, "recall": ratio(len(found), len(known)), "unjudged": len(mine) - len(judged),
        })
    return rows


COLUMNS = (("family", "family"), ("findings", "findings"), ("judged", "judged"), ("tp", "tp"), ("fp", "fp"),
           ("precision", "precision"), ("misses", "misses"), ("found", "found"), ("oor", "out-of-reach"),
           ("tp_lost", "tp-lost"), ("recall", "recall"), ("fp_gone", "fp-gone"), ("unjudged", "unjudged"))


def print_table(rows):
    widths = [max(len(title), *(len(str(row[key])) for row in rows)) for key, title in COLUMNS]
    print("  ".join(title.rjust(width) for (_, title), width in zip(COLUMNS, widths)))
    for row in rows:
        print("  ".join(str(row[key]).rjust(width) for (key, _), width in zip(COLUMNS, widths)))
    total = {"judged": sum(r["judged"] for r in rows), "misses": sum(r["misses"] for r in rows)}
    print(f"labelled findings reported: {total['judged']}; known misses listed: {total['misses']}")


def print_unjudged(family, findings, labels):
    print(f"\n# unjudged {family} findings (repo, path, line, rule, verdict, message)")
    for key in sorted(k for k in findings if family_of(k[3]) == family and k not in labels):
        repo, path, line, rule = key
        print(f"{repo}\t{path}\t{line}\t{rule}\t?\t{findings[key]}")


def print_false(family, findings, labels):
    print(f"\n# {family} findings still reported that are labelled false positives")
    for key in sorted(k for k, v in labels.items() if family_of(k[3]) == family and v[0] == "fp" and k in findings):
        print("fp\t" + "\t".join(map(str, key)) + f"\t{labels[key][1]}")


def print_lost(family, findings, labels, misses):
    print(f"\n# {family}: true positives no longer reported, and misses still not found")
    for key in sorted(k for k, v in labels.items() if family_of(k[3]) == family and v[0] == "tp" and k not in findings):
        print("tp-lost\t" + "\t".join(map(str, key)) + f"\t{labels[key][1]}")
    for key in sorted(k for k in misses if family_of(k[3]) == family and k not in findings):
        print("missed\t" + "\t".join(map(str, key)) + f"\t{misses[key][0]}")


def parse_arguments(argv):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mlaudit", default=os.path.join(ROOT, ".build", "release", "mlaudit"),
                        help="mlaudit binary (default: .build/release/mlaudit)")
    parser.add_argument("--realworld-dir",
                        default=os.environ.get("REALWORLD_DIR", os.path.join(ROOT, ".build-realworld", "repos")),
                        help="folder holding the checked-out repositories (default: $REALWORLD_DIR or "
                             ".build-realworld/repos)")
    parser.add_argument("--json-out", help="keep every repository's raw JSON report in this folder")
    parser.add_argument("--from-json", help="read the reports saved by --json-out instead of scanning")
    parser.add_argument("--repos", help="only these repository folders, comma-separated")
    parser.add_argument("--unjudged", action="append", default=[], metavar="FAMILY",
                        help="list this family's findings that have no label (repeatable)")
    parser.add_argument("--lost", action="append", default=[], metavar="FAMILY",
                        help="list this family's labelled true positives no longer reported and misses not found")
    parser.add_argument("--false", action="append", default=[], metavar="FAMILY",
                        help="list this family's findings still reported that are labelled false positives")
    return parser.parse_args(argv)


def main(argv):
    options = parse_arguments(argv)
    options.realworld_dir = os.path.abspath(options.realworld_dir)
    if not options.from_json and not os.access(options.mlaudit, os.X_OK):
        raise Failure(f"no mlaudit binary at {options.mlaudit} (build it with `swift build -c release`, or pass --mlaudit)")
    repos = read_repos(os.path.join(HERE, "repos.tsv"))
    if options.repos:
        wanted = options.repos.split(",")
        unknown = sorted(set(wanted) - set(repos))
        if unknown:
            raise Failure(f"not in repos.tsv: {', '.join(unknown)}")
        repos = [r for r in repos if r in wanted]
    labels = read_labels(os.path.join(HERE, "labels"))
    misses = read_misses(os.path.join(HERE, "misses"))
    findings, scanned, problems = {}, set(), 0
    for repo, repo_dir, report in reports(options, repos):
        scanned.add(repo)
        findings.update(collect(report, repo, repo_dir))
        problems += len(report.get("diagnostics", []))
    if not scanned:
        raise Failure(f"no repository of repos.tsv found under {options.realworld_dir} (run bench/realworld/fetch.sh)")
    print(f"repositories scanned: {len(scanned)} of {len(repos)}; files that could not be read or parsed: {problems}")
    print_table(table(findings, labels, misses, scanned))
    for family in options.unjudged:
        print_unjudged(family, findings, labels)
    for family in options.false:
        print_false(family, findings, labels)
    for family in options.lost:
        print_lost(family, findings, labels, {k: v for k, v in misses.items() if k[0] in scanned})
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main(sys.argv[1:]))
    except Failure as failure:
        print(f"run.py: {failure}", file=sys.stderr)
        sys.exit(2)
