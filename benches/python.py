"""The Python package against what a pandas user would otherwise write, in
one process, on the same generated corpus (BENCHMARKS.md, "From Python"):

- `childwelfare.validate(corpus)` against the pydantic v2 models generated
  from the crate's JSON Schemas (as .ci/codegen does), validating each line
  with `model_validate_json` (shape only: no rule across records);
- `childwelfare.table("events", corpus)` against `pandas.read_json(lines=True)`
  and `pandas.json_normalize` of the events.

Each pair runs interleaved, `--runs` times; the table gives the median wall
time and the median CPU time of this process (every thread, so the crate's
worker threads count), and the ratio of the medians. The load average before
and after is printed; when it was above half the cores, the ratios are
printed as "busy" and are not a headline figure.

Usage, from the repository root:

    cargo build --release --example generate
    python3 -m venv /tmp/venv
    /tmp/venv/bin/pip install './python[pandas]' -r .ci/codegen/requirements.txt
    /tmp/venv/bin/python benches/python.py 10000
"""

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

import childwelfare

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benches"))
import compare  # noqa: E402 (the pydantic models as benches/compare.py makes them)


def measure(function):
    wall, cpu = time.perf_counter(), time.process_time()
    function()
    return time.perf_counter() - wall, time.process_time() - cpu


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("projects", type=int, nargs="?", default=10000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    cores = os.cpu_count() or 1
    before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory() as scratch:
        work = Path(scratch)
        corpus = work / "corpus.jsonl"
        with open(corpus, "wb") as out:
            subprocess.run([ROOT / "target/release/examples/generate", str(args.projects)], stdout=out, check=True)
        models = compare.models(work)
        project, programme = models["project"].Project, models["programme"].Programme

        def pydantic():
            with open(corpus, "rb") as lines:
                for line in lines:
                    if line.strip():
                        model = programme if b'"document_type":"programme"' in line[:200] else project
                        model.model_validate_json(line)

        def pandas_events():
            documents = pd.read_json(corpus, lines=True)
            projects = documents[documents["document_type"] == "project"]
            return pd.json_normalize(projects.to_dict("records"), record_path="events", meta=["id"], meta_prefix="project_")

        pairs = {
            "validate vs pydantic": (lambda: childwelfare.validate(corpus), pydantic),
            "table('events') vs read_json + json_normalize": (lambda: childwelfare.table("events", corpus), pandas_events),
        }
        rows = []
        for name, (ours, theirs) in pairs.items():
            times = {"ours": [], "theirs": []}
            for _ in range(args.runs):
                times["ours"].append(measure(ours))
                times["theirs"].append(measure(theirs))
            median = {side: tuple(statistics.median(t[i] for t in runs) for i in (0, 1)) for side, runs in times.items()}
            rows.append((name, median["ours"], median["theirs"]))
    after = os.getloadavg()[0]
    busy = max(before, after) > cores / 2
    print(f"{args.projects} projects, {cores} cores, load average {before:.2f} before and {after:.2f} after"
          + (" (busy: the ratios are not a headline figure)" if busy else ""))
    print(f"{'comparison':<48} {'ours wall':>10} {'ours CPU':>9} {'theirs wall':>12} {'theirs CPU':>11} {'ratio':>7}")
    for name, (ours_wall, ours_cpu), (theirs_wall, theirs_cpu) in rows:
        ratio = theirs_wall / ours_wall
        print(f"{name:<48} {ours_wall:>9.2f}s {ours_cpu:>8.2f}s {theirs_wall:>11.2f}s {theirs_cpu:>10.2f}s "
              f"{ratio:>6.1f}x{' busy' if busy else ''}")


if __name__ == "__main__":
    main()
