"""The whole-process comparison of BENCHMARKS.md: `childwelfare validate` and
`childwelfare report` against pydantic v2 models generated from the crate's
own JSON Schemas (as .ci/codegen does), on the same generated corpus, in one
run. Each command runs as a child process, three times; the table gives the
median wall time and the largest peak resident memory, both from the
operating system (`os.wait4`), since a shared machine's timings vary.

Usage, from the repository root (installs nothing; see BENCHMARKS.md for the
virtual environment with .ci/codegen/requirements.txt):

    cargo build --release --features cli --bin childwelfare --example generate
    python benches/compare.py 1000 10000 100000

Each size is generated with `target/release/examples/generate N` into a
scratch folder, which is removed afterwards. The pydantic side validates each
line with `model_validate_json` (shape only: it checks no rule across
records) and is measured at sizes up to `--pydantic-max` (default 20000).
"""

import argparse
import importlib.util
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUNS = 3
CODEGEN = ROOT / ".ci" / "codegen"


def run(command):
    """Runs a command; returns (seconds, peak resident MiB, exit code, the
    last line it printed)."""
    start = time.perf_counter()
    with tempfile.TemporaryFile() as out:
        child = subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL)
        _, status, usage = os.wait4(child.pid, 0)
        seconds = time.perf_counter() - start
        out.seek(0, os.SEEK_END)
        out.seek(max(0, out.tell() - 200))
        last = out.read().decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
    # ru_maxrss is in KiB on Linux.
    return seconds, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status), last[0]


def models(work, generate=True):
    """Generates the pydantic models as .ci/codegen/check.py does (or only
    imports them, already generated)."""
    shutil.copy(CODEGEN / "base.py", work / "base.py")
    sys.path.insert(0, str(work))
    loaded = {}
    for kind in ("project", "programme"):
        out = work / f"{kind}_model.py"
        generate and subprocess.run(
            [
                str(Path(sys.executable).parent / "datamodel-codegen"),
                "--input", str(ROOT / "schema" / f"{kind}.schema.json"),
                "--input-file-type", "jsonschema",
                "--output-model-type", "pydantic_v2.BaseModel",
                "--base-class", "base.Model",
                "--deserialize-default-values", "enum",
                "--output", str(out),
            ],
            check=True,
            stderr=subprocess.DEVNULL,
        )
        spec = importlib.util.spec_from_file_location(f"{kind}_model", out)
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
        loaded[kind] = module
    return loaded


def pydantic_validate(work, corpus):
    """Child process: validates every line of `corpus` with the models
    generated beforehand; prints the seconds of the validation loop alone."""
    loaded = models(Path(work), generate=False)
    project = loaded["project"].Project
    programme = loaded["programme"].Programme
    count = 0
    start = time.perf_counter()
    with open(corpus, "rb") as lines:
        for line in lines:
            if not line.strip():
                continue
            model = programme if b'"document_type":"programme"' in line[:200] else project
            model.model_validate_json(line)
            count += 1
    print(f"{time.perf_counter() - start:.3f}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("sizes", nargs="+", type=int)
    parser.add_argument("--pydantic-max", type=int, default=20000)
    parser.add_argument("--binary", default=str(ROOT / "target" / "release" / "childwelfare"))
    parser.add_argument("--generate", default=str(ROOT / "target" / "release" / "examples" / "generate"))
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="childwelfare-compare-"))
    try:
        models(work)  # fail early if the tools are missing
        print("| projects | MB | command | seconds | documents/s | peak MiB |")
        print("| ---: | ---: | --- | ---: | ---: | ---: |")
        sys.stdout.flush()
        for n in args.sizes:
            corpus = work / f"corpus-{n}.jsonl"
            with open(corpus, "wb") as out:
                subprocess.run([args.generate, str(n)], stdout=out, check=True)
            megabytes = corpus.stat().st_size / 1e6
            documents = n + 1  # the projects and their programme
            commands = {
                "childwelfare validate": [args.binary, "validate", str(corpus)],
                "childwelfare report": [args.binary, "report", str(corpus)],
            }
            if n <= args.pydantic_max:
                commands["pydantic models"] = [sys.executable, __file__, "--child", str(work), str(corpus)]
            for name, command in commands.items():
                runs = [run(command) for _ in range(RUNS)]
                for _, _, code, _ in runs:
                    if code not in (0, 1):
                        raise SystemExit(f"{name} exited with {code} on {n} projects")
                runs.sort(key=lambda r: r[0])
                seconds, _, _, last = runs[len(runs) // 2]
                peak = max(r[1] for r in runs)
                print(f"| {n} | {megabytes:.0f} | {name} | {seconds:.2f} | {documents / seconds:.0f} | {peak:.0f} |")
                if name == "pydantic models":
                    loop = float(last)
                    print(f"| {n} | {megabytes:.0f} | pydantic, loop alone | {loop:.2f} | {documents / loop:.0f} | |")
                sys.stdout.flush()
            corpus.unlink()
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child":
        pydantic_validate(sys.argv[2], sys.argv[3])
    else:
        main()
