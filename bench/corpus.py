#!/usr/bin/env python3
"""Write a large, realistic ML monorepo for benchmarking, with problems planted
at known places.

    python3 bench/corpus.py OUT_DIR [--seed 7] [--scale 1.0]

Seeded and offline: the same arguments write the same bytes. At scale 1.0 the
tree holds 20,000 Python modules in 40 packages, 500 notebooks, 200
requirements/environment/pyproject files, 100 Dockerfiles, 50 workflows, shell
scripts and YAML configs, nested .gitignore files, and ignored virtualenv-like
and output folders with several thousand files of their own (planted problems
there must never be reported: they are ignored).

Next to the tree it writes OUT_DIR.expected.json: every planted problem as
{"kind", "path", "line"} (path relative to OUT_DIR, line 1-based; for
notebooks the line of the raw .ipynb file). Kinds:

    home-path        a literal path into a home directory    (mlaudit PATH001)
    random-state     train_test_split without random_state   (mlaudit RND002)
    hub-revision     from_pretrained without revision=       (mlaudit DAT003)
    pip-install      an unpinned `pip install NAME`          (mlaudit PIN002)
    requirement      an unpinned requirements.txt entry      (mlaudit PIN001)
    image-latest     `FROM image:latest`                     (mlaudit PIN007)
    undeclared-import a third-party import no manifest names (mlaudit DEC001)
    undeclared-data  a notebook reading a CSV nothing declares (mlaudit DAT001);
                     in even-numbered packages DVC declares it, with a remote
"""
import argparse
import json
import os
import random

THIRD_PARTY = [
    ("numpy", "np", "numpy"), ("pandas", "pd", "pandas"), ("torch", None, "torch"),
    ("sklearn", None, "scikit-learn"), ("transformers", None, "transformers"),
    ("tqdm", None, "tqdm"), ("yaml", None, "PyYAML"), ("matplotlib.pyplot", "plt", "matplotlib"),
    ("scipy", None, "scipy"), ("datasets", None, "datasets"),
]
STDLIB = ["os", "sys", "json", "logging", "argparse", "pathlib", "collections", "functools",
          "itertools", "dataclasses", "typing", "math", "time", "re", "shutil", "glob"]
# Declared nowhere: importing one is a planted DEC001 (and deptry DEP001).
UNDECLARED = ["lightgbm", "xgboost", "wandb", "optuna", "einops"]
WORDS = ("loss accuracy epoch batch model optimizer scheduler feature label sample "
         "tokenizer embedding encoder decoder attention layer weight gradient metric "
         "checkpoint dataset split train valid test config logger device input output").split()


class Writer:
    def __init__(self, root, rng):
        self.root = root
        self.rng = rng
        self.expected = []
        self.files = 0
        self.bytes = 0

    def write(self, rel, text, planted=()):
        path = os.path.join(self.root, rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        data = text.encode()
        with open(path, "wb") as handle:
            handle.write(data)
        self.files += 1
        self.bytes += len(data)
        for kind, line in planted:
            self.expected.append({"kind": kind, "path": rel, "line": line})


def ident(rng, parts=2):
    return "_".join(rng.choice(WORDS) for _ in range(parts))


class PythonModule:
    """Builds one module line by line, remembering where problems were planted."""

    def __init__(self, rng):
        self.rng = rng
        self.lines = []
        self.planted = []

    def add(self, text, kind=None):
        if kind:
            self.planted.append((kind, len(self.lines) + 1))
        self.lines.append(text)

    def text(self):
        return "\n".join(self.lines) + "\n"


def python_module(rng, package, index, plant):
    mod = PythonModule(rng)
    mod.add(f'"""{ident(rng, 3).replace("_", " ").capitalize()} utilities for {package}.')
    mod.add("")
    mod.add(f"Part of the {package} training stack; see the package README for the data layout.")
    mod.add('"""')
    for name in sorted(rng.sample(STDLIB, rng.randint(2, 6))):
        mod.add(f"import {name}")
    for module, alias, _ in sorted(rng.sample(THIRD_PARTY, rng.randint(1, 5))):
        mod.add(f"import {module} as {alias}" if alias else f"import {module}")
    if "undeclared-import" in plant:
        mod.add(f"import {rng.choice(UNDECLARED)}", "undeclared-import")
    mod.add(f"from {package}.module_{rng.randrange(max(index, 1)):04d} import helper_{rng.randrange(50)}")
    mod.add("")
    mod.add(f"LOG = logging.getLogger(__name__)" if "logging" in mod.text() else "LOG = None")
    mod.add(f'OUTPUT_DIR = os.path.join("outputs", "{ident(rng)}")' if "os" in mod.text() else 'OUTPUT_DIR = "outputs"')
    if "home-path" in plant:
        mod.add(f'DATA_ROOT = "/home/{rng.choice(["alice", "bob", "chen"])}/datasets/{ident(rng)}/train"', "home-path")
    else:
        mod.add(f'DATA_ROOT = "data/{ident(rng)}"')
    mod.add("")
    blocks = max(1, min(150, int(rng.lognormvariate(2.0, 0.8))))
    plant_at = {kind: rng.randrange(blocks) for kind in ("random-state", "hub-revision") if kind in plant}
    for block in range(blocks):
        choice = rng.random()
        if plant_at.get("random-state") == block or choice < 0.08:
            split_block(mod, rng, planted=plant_at.get("random-state") == block)
        elif plant_at.get("hub-revision") == block or choice < 0.16:
            hub_block(mod, rng, planted=plant_at.get("hub-revision") == block)
        elif choice < 0.45:
            training_block(mod, rng)
        elif choice < 0.7:
            class_block(mod, rng)
        else:
            helper_block(mod, rng, block)
    mod.add("")
    mod.add("")
    mod.add("def helper_0(value):")
    mod.add("    return value")
    return mod


def split_block(mod, rng, planted):
    name = ident(rng)
    mod.add("")
    mod.add(f"def split_{name}(features, labels):")
    mod.add(f'    """Hold out a validation split for {name.replace("_", " ")}."""')
    mod.add("    from sklearn.model_selection import train_test_split")
    if planted:
        mod.add("    return train_test_split(features, labels, test_size=0.2)", "random-state")
    else:
        mod.add(f"    return train_test_split(features, labels, test_size=0.2, random_state={rng.randrange(100)})")


def hub_block(mod, rng, planted):
    model = rng.choice(["bert-base-uncased", "gpt2", "roberta-base", "t5-small", "distilbert-base-uncased"])
    mod.add("")
    mod.add(f"def load_{ident(rng)}():")
    mod.add("    from transformers import AutoModel")
    if planted:
        mod.add(f'    return AutoModel.from_pretrained("{model}")', "hub-revision")
    else:
        revision = "".join(rng.choice("0123456789abcdef") for _ in range(40))
        mod.add(f'    return AutoModel.from_pretrained("{model}", revision="{revision}")')


def training_block(mod, rng):
    name = ident(rng)
    mod.add("")
    mod.add(f"def train_{name}(model, loader, optimizer, epochs={rng.randint(1, 50)}):")
    mod.add(f'    """Run the {name.replace("_", " ")} loop and return the last loss."""')
    mod.add("    last = None")
    mod.add("    for epoch in range(epochs):")
    mod.add("        for step, (inputs, targets) in enumerate(loader):")
    mod.add("            optimizer.zero_grad()")
    mod.add("            outputs = model(inputs)")
    mod.add(f"            loss = (outputs - targets).pow(2).mean() * {rng.random():.4f}")
    mod.add("            loss.backward()")
    mod.add("            optimizer.step()")
    mod.add(f"            if step % {rng.choice([10, 50, 100])} == 0:")
    mod.add(f'                print(f"epoch {{epoch}} step {{step}}: {name} loss={{loss.item():.4f}}")')
    mod.add("            last = loss")
    mod.add(f'    # checkpoints go to outputs/{name}.pt; they are not committed')
    mod.add("    return last")


def class_block(mod, rng):
    name = "".join(word.capitalize() for word in ident(rng, 3).split("_"))
    mod.add("")
    mod.add("")
    mod.add(f"class {name}:")
    mod.add(f'    """Keeps the {name} state between steps."""')
    mod.add("")
    mod.add("    def __init__(self, size, scale=1.0):")
    mod.add("        self.size = size")
    mod.add("        self.scale = scale")
    mod.add(f"        self.history = {{'{rng.choice(WORDS)}': [], '{rng.choice(WORDS)}': []}}")
    mod.add("")
    mod.add("    def update(self, key, value):")
    mod.add("        if key not in self.history:")
    mod.add(f'            raise KeyError(f"unknown {rng.choice(WORDS)} key: {{key}}")')
    mod.add("        self.history[key].append(value * self.scale)")
    mod.add("        return len(self.history[key])")
    mod.add("")
    mod.add("    def summary(self):")
    mod.add("        return {key: sum(values) / max(len(values), 1) for key, values in self.history.items()}")


def helper_block(mod, rng, block):
    mod.add("")
    mod.add(f"def helper_{block}(path, limit={rng.randint(1, 1000)}):")
    mod.add(f"    # {' '.join(rng.choice(WORDS) for _ in range(rng.randint(4, 12)))}")
    mod.add("    rows = []")
    mod.add('    with open(path, encoding="utf-8") as handle:')
    mod.add("        for number, line in enumerate(handle):")
    mod.add("            if number >= limit:")
    mod.add("                break")
    mod.add(f"            rows.append(line.strip().split('{rng.choice([',', ';', '|'])}'))")
    mod.add(f'    return {{"rows": rows, "source": str(path), "kind": "{rng.choice(WORDS)}"}}')


def notebook(rng, plant):
    cells = []
    planted = []
    sources = [
        ["import numpy as np\n", "import pandas as pd\n", "import matplotlib.pyplot as plt"],
        ["!pip install lightgbm" if "pip-install" in plant else "%pip install -r requirements.txt"],
        ['frame = pd.read_csv("/Users/dana/Downloads/train.csv")' if "home-path" in plant
         else 'frame = pd.read_csv("data/train.csv")  # the local copy of the training split'],
        ["frame.describe()"],
        ["plt.plot(frame[\"loss\"])\n", "plt.show()"],
    ]
    for number, source in enumerate(sources, start=1):
        outputs = []
        if number == 5:
            blob = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/")
                           for _ in range(rng.randint(2000, 40000)))
            outputs = [{"output_type": "display_data", "data": {"image/png": blob, "text/plain": ["<Figure>"]},
                        "metadata": {}}]
        cells.append({"cell_type": "code", "execution_count": number, "id": f"c{number}", "metadata": {},
                      "outputs": outputs, "source": source})
    document = {"cells": cells, "metadata": {"kernelspec": {"display_name": "Python 3", "language": "python",
                                                             "name": "python3"},
                                             "language_info": {"name": "python"}},
                "nbformat": 4, "nbformat_minor": 5}
    text = json.dumps(document, indent=1) + "\n"
    for kind, needle in (("pip-install", "!pip install lightgbm"), ("home-path", "/Users/dana/"),
                         ("undeclared-data", "the local copy")):
        if kind in plant:
            planted.append((kind, text[:text.index(needle)].count("\n") + 1))
    return text, planted


def requirements(rng, plant):
    lines = ["# Runtime dependencies, pinned by `pip-compile`"]
    planted = []
    for _, _, dist in THIRD_PARTY:
        if "requirement" in plant and dist == "scipy":
            lines.append("scipy>=1.10")
            planted.append(("requirement", len(lines)))
        else:
            lines.append(f"{dist}=={rng.randint(1, 3)}.{rng.randint(0, 20)}.{rng.randint(0, 9)}")
    return "\n".join(lines) + "\n", planted


def pyproject(package):
    deps = ",\n".join(f'    "{dist}>=1.0"' for _, _, dist in THIRD_PARTY)
    return (f'[project]\nname = "{package}"\nversion = "0.1.0"\nrequires-python = ">=3.10"\n'
            f'dependencies = [\n{deps},\n]\n\n[build-system]\nrequires = ["setuptools>=68"]\n'
            'build-backend = "setuptools.build_meta"\n')


def environment(rng, package):
    lines = [f"name: {package}", "channels:", "  - conda-forge", "dependencies:",
             f"  - python=3.11.{rng.randint(0, 9)}", f"  - numpy=1.26.{rng.randint(0, 4)}",
             "  - pip=24.0", "  - pip:", f"      - torch=={rng.choice(['2.1.2', '2.2.1', '2.3.0'])}"]
    return "\n".join(lines) + "\n"


def dockerfile(rng, plant):
    lines = []
    planted = []
    if "image-latest" in plant:
        lines.append("FROM python:latest")
        planted.append(("image-latest", 1))
    else:
        digest = "".join(rng.choice("0123456789abcdef") for _ in range(64))
        lines.append(f"FROM python:3.11.7-slim@sha256:{digest}")
    lines += ["", "WORKDIR /app", "COPY requirements.txt .",
              "RUN pip install --no-cache-dir -r requirements.txt"]
    if "pip-install" in plant:
        lines.append("RUN pip install --no-cache-dir wandb")
        planted.append(("pip-install", len(lines)))
    lines += ["COPY . .", 'CMD ["python", "-m", "train"]']
    return "\n".join(lines) + "\n", planted


def workflow(rng, index, plant):
    lines = [f"name: train-{index}", "on: [push]", "permissions:", "  contents: read", "jobs:", "  test:",
             "    runs-on: ubuntu-22.04", "    steps:",
             "      - uses: actions/checkout@b4ffde65f46336ab88eb53be808477a3936bae11",
             "      - run: pip install -r requirements.txt"]
    planted = []
    if "pip-install" in plant:
        lines.append("      - run: pip install pytest")
        planted.append(("pip-install", len(lines)))
    lines.append(f"      - run: python -m pytest tests/ -k {rng.choice(WORDS)}")
    return "\n".join(lines) + "\n", planted


def shell_script(rng, plant):
    lines = ["#!/usr/bin/env bash", "set -euo pipefail", 'cd "$(dirname "$0")/.."',
             "pip install -r requirements.txt"]
    planted = []
    if "pip-install" in plant:
        lines.append("pip install tensorboard")
        planted.append(("pip-install", len(lines)))
    lines.append(f"python -m {rng.choice(WORDS)}.train --epochs {rng.randint(1, 90)}")
    return "\n".join(lines) + "\n", planted


def config_yaml(rng, plant):
    lines = ["model:", f"  name: {rng.choice(WORDS)}", f"  layers: {rng.randint(2, 48)}", "data:"]
    planted = []
    if "home-path" in plant:
        lines.append(f"  root: /home/erin/projects/{ident(rng)}/data")
        planted.append(("home-path", len(lines)))
    else:
        lines.append(f"  root: data/{ident(rng)}")
    lines += [f"  batch_size: {rng.choice([16, 32, 64])}", "train:", f"  lr: {rng.random() / 100:.5f}", "  seed: 17"]
    return "\n".join(lines) + "\n", planted


def decoy_module(rng):
    # Inside ignored folders: every pattern a linter could report, none of which may be.
    return ('import lightgbm\nDATA = "/home/alice/secret/train.csv"\n'
            "from sklearn.model_selection import train_test_split\n"
            "parts = train_test_split([1, 2], [3, 4])\n" + "# filler\n" * rng.randint(5, 60))


def generate(root, seed, scale):
    rng = random.Random(seed)
    out = Writer(root, rng)
    packages = [f"pkg{number:02d}" for number in range(40)]
    modules_per_package = max(1, round(500 * scale))
    notebooks_per_package = max(1, round(12.5 * scale)) if scale != 1.0 else None
    out.write(".gitignore", "build/\nwandb/\n*.egg-info/\n__pycache__/\n")
    out.write(".dvc/config", "[core]\n    remote = storage\n['remote \"storage\"']\n    url = s3://ml-monorepo-data/dvc\n")
    out.write(".dvc/.gitignore", "/config.local\n/tmp\n/cache\n")
    for number, package in enumerate(packages):
        prefix = f"packages/{package}"
        out.write(f"{prefix}/.gitignore", ".venv/\noutputs/\n*.ckpt\n")
        out.write(f"{prefix}/pyproject.toml", pyproject(package))
        text, planted = requirements(rng, {"requirement"} if number % 4 == 0 else set())
        out.write(f"{prefix}/requirements.txt", text, planted)
        text, planted = requirements(rng, set())
        out.write(f"{prefix}/requirements-dev.txt", text.replace("Runtime", "Development"), planted)
        out.write(f"{prefix}/environment.yml", environment(rng, package))
        out.write(f"{prefix}/requirements/docs.txt", "# Documentation build\nsphinx==7.2.6\nfuro==2024.1.29\n")
        for index in range(modules_per_package):
            plant = set()
            if index % 50 == 7:
                plant.add("home-path")
            if index % 40 == 3:
                plant.add("random-state")
            if index % 45 == 11:
                plant.add("hub-revision")
            if index % 125 == 20:
                plant.add("undeclared-import")
            mod = python_module(rng, package, index, plant)
            subdir = ("models", "data", "training", "utils", "eval")[index % 5]
            out.write(f"{prefix}/src/{package}/{subdir}/module_{index:04d}.py", mod.text(), mod.planted)
        for sub in ("models", "data", "training", "utils", "eval"):
            out.write(f"{prefix}/src/{package}/{sub}/__init__.py", "")
        out.write(f"{prefix}/src/{package}/__init__.py", f'"""The {package} package."""\n')
        count = notebooks_per_package or (13 if number % 2 == 0 else 12)
        for index in range(count):
            plant = set()
            if index % 6 == 1:
                plant.add("pip-install")
            if index % 8 == 2:
                plant.add("home-path")
            elif number % 2 == 1:
                plant.add("undeclared-data")
            text, planted = notebook(rng, plant)
            out.write(f"{prefix}/notebooks/explore_{index:02d}.ipynb", text, planted)
        if number % 2 == 0:
            digest = "".join(rng.choice("0123456789abcdef") for _ in range(32))
            out.write(f"{prefix}/notebooks/data/train.csv.dvc",
                      f"outs:\n- md5: {digest}\n  size: {rng.randint(10**5, 10**8)}\n  hash: md5\n  path: train.csv\n")
        for index in range(max(1, round(2.5 * scale)) if number % 2 else max(1, round(2.5 * scale + 0.5))):
            plant = set()
            if index == 0 and number % 3 == 0:
                plant.add("image-latest")
            if index == 1 and number % 2 == 0:
                plant.add("pip-install")
            text, planted = dockerfile(rng, plant)
            name = "Dockerfile" if index == 0 else f"docker/Dockerfile.{('gpu', 'cpu', 'dev')[index % 3]}{index}"
            out.write(f"{prefix}/{name}", text, planted)
        text, planted = shell_script(rng, {"pip-install"} if number % 5 == 0 else set())
        out.write(f"{prefix}/scripts/train.sh", text, planted)
        for index in range(3):
            text, planted = config_yaml(rng, {"home-path"} if (number + index) % 7 == 0 else set())
            out.write(f"{prefix}/configs/{('base', 'large', 'debug')[index]}.yaml", text, planted)
        # Ignored folders: a virtualenv in every fifth package, checkpoints everywhere.
        if number % 5 == 0:
            for index in range(round(1000 * scale)):
                out.write(f"{prefix}/.venv/lib/python3.11/site-packages/vendored_{index // 100}/mod_{index}.py",
                          decoy_module(rng))
        for index in range(round(20 * scale)):
            out.write(f"{prefix}/outputs/run_{index}/notes.py", decoy_module(rng))
    for index in range(max(1, round(50 * scale))):
        text, planted = workflow(rng, index, {"pip-install"} if index % 5 == 0 else set())
        out.write(f".github/workflows/train-{index:02d}.yml", text, planted)
    for index in range(round(40 * scale)):
        text, planted = requirements(rng, {"requirement"} if index % 10 == 0 else set())
        out.write(f"experiments/exp{index:02d}/requirements.txt", text, planted)
    out.write("build/generated/decoy.py", decoy_module(rng))
    out.expected.sort(key=lambda item: (item["path"], item["line"], item["kind"]))
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    root = os.path.abspath(args.out)
    if os.path.exists(root) and os.listdir(root):
        parser.error(f"{root} exists and is not empty")
    out = generate(root, args.seed, args.scale)
    with open(root.rstrip("/") + ".expected.json", "w") as handle:
        json.dump({"seed": args.seed, "scale": args.scale, "files": out.files, "bytes": out.bytes,
                   "planted": out.expected}, handle, indent=1)
        handle.write("\n")
    counts = {}
    for item in out.expected:
        counts[item["kind"]] = counts.get(item["kind"], 0) + 1
    print(f"{out.files} files, {out.bytes / 1e6:.1f} MB in {root}; planted: "
          + ", ".join(f"{kind} {count}" for kind, count in sorted(counts.items())))


if __name__ == "__main__":
    main()
