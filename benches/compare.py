"""The whole-process comparison of BENCHMARKS.md: `childwelfare validate` and
`childwelfare report` against their peers on the same corpus, in one run:

- pydantic v2 models generated from the crate's own JSON Schemas (as
  .ci/codegen does), validating each line (shape only: no rule across
  records), at sizes up to `--pydantic-max`;
- DuckDB and polars reading only the event fields an analyst needs for two
  tables (attendances by theme and by county of held events), the narrow
  read `report` is compared with (it computes about 20 tables, these 2).

Two corpora, chosen with `--corpus`: `generated` (the crate's generator,
`target/release/examples/generate N`) and `real` (renamed copies of the
bundled real project documents in data/, every record id renamed per copy
so that nothing repeats across projects: 0 errors, 5 warnings a document on
average). Each is written into a scratch folder and removed afterwards.

Every command runs as a child process, `--runs` times, interleaved (ABC,
CBA, ABC …) so that a change in the machine's load falls on all of them;
childwelfare's two commands then run again, interleaved, until each has
used `--min-cpu` seconds of CPU in all (see `extra_rounds`), so that the
system share of a short run is not a guess from a few samples.
Each corpus, once written, is dropped from the page cache and read back,
so that it is cached as a file read from the disk is, whatever wrote it
(`--as-written` leaves it as written; see `reread`). Before each run the
corpus is read through once, untimed, so that every command finds it in
the page cache (`--cold` leaves that out; see `warm`).
At each size, every command first runs once untimed (`--no-warmup` leaves
that out). On this project's virtual machines the first run after a large
file is written pays extra for new memory: right after a 2.6 GB copy of
the corpus, `validate` of 100 000 projects spent 2.5–2.7 s in the kernel
where the next runs spent 0.65–0.8 s, the extra in the first touch of the
pages its 219 MB of record-id runs are written to (temporary files), while
`report` (which writes none) and `cat` were unaffected. The script writes
each size's corpus just before its runs, and with three runs at 100 000
projects that one run (22–23 %) put `validate`'s system share at 12–14 %
where the other runs gave 6–8 %.
For each run the script records wall time, CPU time (user and system, from
the child's resource usage), peak resident memory (GNU time, when there is
`/usr/bin/time`; the extra rounds above start the command directly and
measure no peak, so that GNU time's own start, about 1 ms of CPU a run,
is not counted as the command's in the system share of short runs), the
load average and the CPU time *other* processes used
meanwhile (from /proc/stat, less the child's own): `others` is that in
cores, the most of any run of a second or more and of the shorter runs
taken together (see `others_cores`). A ratio between commands is printed
only when no command of the size had others above `--busy` cores
(default 0.25); otherwise the script says the
machine was busy and prints none, as the figures then say more about the
machine than about the programs. CPU time is a steadier guide than wall time
on a loaded machine. At the end it lists issue 24's targets (`report` ÷
`validate`, `report` against DuckDB, system time, the peak at 100 000
generated projects, flat cost and peak from the smallest size to the
largest) with the figures of the quiet sizes, each marked met or not.
After each size it measures what the machine charges for memory a process
has never had, at once and after a second unused (see `fresh_memory`),
which the system time of short runs follows more than the program.

`--one-core` also runs childwelfare's commands held to one processor (the
script holds itself to it while it starts them: see `spawn`), for
what the second core gives them, and two copies of `validate` held to one
processor each, at once: twice the work of one copy, so that their wall
time against one copy's is what the machine itself gives a second one-core
run. A virtual machine may give less than a whole second core (its host
runs other guests on the same physical core) without any process of its
own being busy, and at small sizes starting the processes takes a part of
the time; the targets give this gain beside the second core's, and say
when it is below 1.8×.

This is a benchmark, not a test: CI does not run it.

Usage, from the repository root:

    cargo build --release --bin childwelfare --example generate
    python3 -m venv /tmp/venv
    /tmp/venv/bin/pip install duckdb polars -r .ci/codegen/requirements.txt
    /tmp/venv/bin/python benches/compare.py 1000 10000 100000
    /tmp/venv/bin/python benches/compare.py --corpus real --pydantic-max 0 1000 10000
"""

import argparse
import contextlib
import importlib.util
import json
import mmap
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CODEGEN = ROOT / ".ci" / "codegen"
TICKS = os.sysconf("SC_CLK_TCK") if hasattr(os, "sysconf") else 100


# GNU time, to measure a command's peak memory. A child started by this
# Python process counts the Python process's own resident memory in its
# peak (Linux counts the memory a process had when it called exec, and
# subprocess starts children with vfork), about 36 MiB once the models are
# imported; GNU time forks the command from its own small process.
GNU_TIME = "/usr/bin/time" if os.path.exists("/usr/bin/time") else None


def fresh_memory(pause):
    """Microseconds of wall time a page took this process to write 16 MiB
    of memory it never had (each page's first write, a page fault), after
    `pause` seconds without taking any. On this project's virtual machines
    that cost is the machine's more than the program's: 1.5–2 µs a page
    when the memory was freed just before (by the previous run), 4–16 µs
    after 0.2–3 s unused, whether or not a processor was idle meanwhile.
    A run's system time moves with it: `validate` of 1 000 generated
    projects spent 10–13 % of its CPU in the kernel run after run, 32–45 %
    after three seconds (BENCHMARKS.md, "Fresh memory costs what the machine
    says …"). The script prints it beside each size's figures."""
    time.sleep(pause)
    size = 16 << 20
    pages = size // mmap.PAGESIZE
    block = mmap.mmap(-1, size)
    start = time.perf_counter()
    with memoryview(block) as view:
        view[:: mmap.PAGESIZE] = bytes(pages)
    elapsed = time.perf_counter() - start
    block.close()
    return elapsed / pages * 1e6


def machine_memory():
    """What fresh memory costs (see `fresh_memory`): the median of three
    probes taken one after another (after a first, not counted), and of
    three each after a second unused."""
    fresh_memory(0)
    at_once = statistics.median(fresh_memory(0) for _ in range(3))
    after_pause = statistics.median(fresh_memory(1.0) for _ in range(3))
    return at_once, after_pause


def busy_seconds():
    """CPU seconds the whole machine has spent busy (all cores), from
    /proc/stat; None where there is none."""
    try:
        with open("/proc/stat") as stat:
            fields = [int(x) for x in stat.readline().split()[1:]]
    except OSError:
        return None
    # user nice system idle iowait irq softirq steal …
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)
    return (sum(fields[:8]) - idle) / TICKS


def warm(path):
    """Reads `path` through once, untimed, so that a run finds it in the
    page cache. This machine's kernel pages out memory untouched for a
    minute (DAMON's `pageout` scheme), the file's cached pages with it, and
    a run that follows a long one of another command would otherwise time
    reading the file back from the disk: 0.20 and 0.42 s of `validate`'s
    system time at 10 000 projects after 100 s untouched, against
    0.09–0.13 s right after a read."""
    with open(path, "rb") as file:
        while file.read(1 << 20):
            pass


def spawn(command, out, pinned):
    """Starts `command`, held to the processors `pinned` unless it is None.
    The script holds itself to them while it starts the child, which
    inherits them, rather than have the child hold itself (`preexec_fn`):
    with `preexec_fn`, Python forks a copy of itself rather than `vfork`,
    and the child pays, before its command even starts, for the first
    writes to that copy's memory."""
    if not pinned:
        return subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL)
    mine = os.sched_getaffinity(0)
    os.sched_setaffinity(0, pinned)
    try:
        return subprocess.Popen(command, stdout=out, stderr=subprocess.DEVNULL)
    finally:
        os.sched_setaffinity(0, mine)


def reread(path):
    """Drops `path`, written and flushed just before, from the page cache
    and reads it back, so that every command finds it cached as a file read
    from the disk is, rather than as the writes that made it left it. On
    this project's machine (ext4, Linux 6.18), in 30 interleaved pairs
    sampled by `perf`, `validate` of 1 000 generated projects spent 11.8 %
    of its CPU in the kernel on a corpus as written and 9.9 % on the same
    bytes read back: the page-cache lookups (`filemap_get_read_batch`, 0.71
    → 0.09 % of the samples) and the copy (3.91 → 3.49 %) of reading it.
    `--as-written` leaves the corpus as written."""
    if not hasattr(os, "posix_fadvise"):
        return
    with open(path, "rb") as file:
        os.posix_fadvise(file.fileno(), 0, 0, os.POSIX_FADV_DONTNEED)
    warm(path)


def run(command, corpus=None, cpus=None, peak=True):
    """Runs a command, after warming `corpus` (see `warm`) unless it is
    None; returns its measurements (see the module's doc). `cpus` is None
    (every processor), or a list of processor sets: one copy of the command
    on each, all at once, measured together (wall time until the last ends,
    the CPU time of all, the largest peak). With `peak` false, the command
    is started directly rather than by GNU time, and its peak is not
    measured: its CPU time is then its own, without GNU time's start
    (see `GNU_TIME`)."""
    if corpus is not None:
        warm(corpus)
    load = os.getloadavg()[0]
    busy_before = busy_seconds()
    start = time.perf_counter()
    timed = GNU_TIME if peak else None
    with tempfile.TemporaryFile() as out, contextlib.ExitStack() as stack:
        children = []
        for pinned in cpus or [None]:
            measured = stack.enter_context(tempfile.NamedTemporaryFile("r"))
            wrapped = [timed, "-f", "%M", "-o", measured.name, *command] if timed else command
            children.append((spawn(wrapped, out, pinned), measured))
        cpu, system, kib, status = 0.0, 0.0, 0, 0
        for child, measured in children:
            _, code, usage = os.wait4(child.pid, 0)
            cpu += usage.ru_utime + usage.ru_stime
            system += usage.ru_stime
            status = status or code
            # Both in KiB on Linux; GNU time's last line is the peak.
            kib = max(kib, int(measured.read().split()[-1]) if timed else usage.ru_maxrss)
        wall = time.perf_counter() - start
        busy_after = busy_seconds()
        out.seek(0, os.SEEK_END)
        out.seek(max(0, out.tell() - 200))
        last = out.read().decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
    others = None
    if busy_before is not None and busy_after is not None:
        others = busy_after - busy_before - cpu
    return {
        "wall": wall,
        "cpu": cpu,
        "sys": system,
        # Without GNU time, the child's peak counts this script's own memory
        # (see `GNU_TIME`): not a measurement of the command.
        "peak": kib / 1024 if peak else None,
        "code": os.waitstatus_to_exitcode(status),
        "last": last[0],
        "load": load,
        "others": others,
    }


def models(work, generate=True):
    """The pydantic models, generated by the code CI runs
    (.ci/codegen/check.py), or only imported when already generated."""
    sys.path.insert(0, str(CODEGEN))
    import check  # noqa: E402 (the generation CI checks, not a copy of it)

    if generate:
        return {kind: check.pydantic_models(work, kind)[0] for kind in ("project", "programme")}
    sys.path.insert(0, str(work))
    loaded = {}
    for kind in ("project", "programme"):
        spec = importlib.util.spec_from_file_location(f"{kind}_model", work / f"{kind}_model.py")
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
    start = time.perf_counter()
    with open(corpus, "rb") as lines:
        for line in lines:
            if not line.strip():
                continue
            model = programme if b'"document_type":"programme"' in line[:200] else project
            model.model_validate_json(line)
    print(f"{time.perf_counter() - start:.3f}")


# Two copies of `validate` held to one processor each, run at once: what the
# machine gives a second one-core run, against which the second core's gain
# is read (see `targets`).
COPIES = "childwelfare validate, two one-core copies at once"


# What the narrow readers read of each line: the events' themes, counties,
# status and attendances, nothing else.
EVENT_FIELDS = (
    "STRUCT(themes VARCHAR[], counties VARCHAR[], status VARCHAR, "
    "participation STRUCT(attendances STRUCT(value BIGINT)))[]"
)


def duckdb_query(corpus):
    """Child process: attendances of held events by theme and by county
    (several counties as one group), by DuckDB on every core, reading only
    the event fields; prints the number of groups."""
    import duckdb

    con = duckdb.connect()
    path = str(corpus).replace("'", "''")
    # Read once, only the event fields, then grouped twice.
    con.execute(
        f"""CREATE TEMP TABLE events AS
        SELECT unnest(events) AS e FROM read_json('{path}', format = 'newline_delimited',
            columns = {{'events': '{EVENT_FIELDS}'}})"""
    )
    held = "coalesce(e.status, 'held') = 'held'"
    by_theme = con.execute(
        f"""SELECT theme, sum(a) FROM (SELECT unnest(e.themes) AS theme,
            e.participation.attendances.value AS a FROM events WHERE {held}) GROUP BY theme"""
    ).fetchall()
    by_county = con.execute(
        f"""SELECT coalesce(array_to_string(e.counties, '+'), '') AS county, sum(e.participation.attendances.value)
            FROM events WHERE {held} GROUP BY county"""
    ).fetchall()
    print(len(by_theme) + len(by_county))


def polars_query(corpus):
    """Child process: the same two tables by polars (lazy, every core),
    reading only the event fields; prints the number of groups."""
    import polars as pl

    event = pl.Struct(
        {
            "themes": pl.List(pl.Utf8),
            "counties": pl.List(pl.Utf8),
            "status": pl.Utf8,
            "participation": pl.Struct({"attendances": pl.Struct({"value": pl.Int64})}),
        }
    )
    events = (
        pl.scan_ndjson(corpus, schema={"events": pl.List(event)})
        .select(pl.col("events").explode())
        .unnest("events")
        .filter(pl.col("status").fill_null("held") == "held")
        .select(
            "themes",
            "counties",
            pl.col("participation").struct.field("attendances").struct.field("value").alias("a"),
        )
    )
    by_theme = events.explode("themes").group_by("themes").agg(pl.col("a").sum())
    by_county = events.group_by(pl.col("counties").list.join("+")).agg(pl.col("a").sum())
    theme, county = pl.collect_all([by_theme, by_county])
    print(theme.height + county.height)


RECORD_LISTS = (
    "work_packages",
    "objectives",
    "events",
    "outputs",
    "measures",
    "assessments",
    "factors",
    "lessons",
    "recommendations",
    "regional_parts",
)


def record_ids(value, out):
    """Every `id` in `value`, nested or not."""
    if isinstance(value, dict):
        if isinstance(value.get("id"), str):
            out.add(value["id"])
        for inner in value.values():
            record_ids(inner, out)
    elif isinstance(value, list):
        for inner in value:
            record_ids(inner, out)


def renamed(value, names):
    """`value` with every string that is a key of `names` replaced (ids and
    the references to them)."""
    if isinstance(value, dict):
        return {key: renamed(inner, names) for key, inner in value.items()}
    if isinstance(value, list):
        return [renamed(inner, names) for inner in value]
    if isinstance(value, str):
        return names.get(value, value)
    return value


def real_corpus(n, path):
    """`n` renamed copies of the bundled real project documents, one a line:
    the project's id and its records' ids get `-i` (the implementers, shared
    across projects, keep theirs); warnings and all."""
    projects = []
    for file in sorted((ROOT / "data").glob("*.json")):
        document = json.loads(file.read_text())
        if document.get("document_type") == "project":
            ids = {document["id"]}
            for name in RECORD_LISTS:
                record_ids(document.get(name, []), ids)
            projects.append((document, ids))
    with open(path, "w") as out:
        for i in range(n):
            document, ids = projects[i % len(projects)]
            copy = renamed(document, {old: f"{old}-{i}" for old in ids})
            out.write(json.dumps(copy, ensure_ascii=False, separators=(",", ":")) + "\n")


def others_cores(results):
    """The cores other processes used during a command's runs (see the
    module's doc): the most of any run that lasted a second or more, and
    the runs shorter than that taken together. /proc/stat counts in
    hundredths of a second, so one run of 0.04 s could show a quarter of
    a core that was never used; together, 40 such runs are measured to
    about a hundredth of a core. None where /proc/stat is not read."""
    known = [r for r in results if r["others"] is not None]
    if not known:
        return None
    cores = [max(0.0, r["others"] / r["wall"]) for r in known if r["wall"] >= 1.0]
    short = [r for r in known if r["wall"] < 1.0]
    if short:
        cores.append(max(0.0, sum(r["others"] for r in short) / sum(r["wall"] for r in short)))
    return max(cores)


def extra_rounds(runs, commands, pinned, corpus, args, size):
    """Runs childwelfare's commands again, interleaved, until each has used
    `args.min_cpu` seconds of CPU over its runs (at most `args.max_runs`
    runs each), started directly rather than by GNU time: these runs are
    for CPU time, not peaks (see `run`). Linux measures a process's CPU time exactly but splits it
    into user and system time by sampling at the clock tick (every 4 ms
    here): a 0.15 s run is about 40 samples, so its system share moves by
    2.5 points a sample, and three such runs put 10 % anywhere from 5 to
    15 %. Five seconds of CPU is about 1 250 samples: a share of 10 % is
    then known to about ±1 point."""
    ours = [name for name in commands if name.startswith("childwelfare")]
    round_ = 0
    while any(
        sum(r["cpu"] for r in runs[name]) < args.min_cpu and len(runs[name]) < args.max_runs for name in ours
    ):
        for name in ours if round_ % 2 == 0 else list(reversed(ours)):
            if sum(r["cpu"] for r in runs[name]) < args.min_cpu and len(runs[name]) < args.max_runs:
                result = run(commands[name], corpus, pinned.get(name), peak=False)
                runs[name].append(checked(f"{name} on {size} projects", result))
        round_ += 1


def system_share(results):
    """The system share of the CPU time of `results` taken together, and
    its standard error (None for one run). The runs are independent
    samples of the clock tick's split (see `extra_rounds`), so the error of
    the share, a ratio of sums, is estimated from how far each run's system
    time lies from that share of its CPU time."""
    cpu = max(sum(r["cpu"] for r in results), 1e-9)
    share = sum(r["sys"] for r in results) / cpu
    n = len(results)
    if n < 2:
        return share, None
    spread = sum((r["sys"] - share * r["cpu"]) ** 2 for r in results) / (n - 1)
    return share, (n * spread) ** 0.5 / cpu


def checked(name, result):
    """`result`, unless its command failed."""
    if result["code"] not in (0, 1):
        raise SystemExit(f"{name} exited with {result['code']}")
    return result


def shown(value, limit, digits=2):
    """`value` to `digits` decimals, or to as many more (up to six) as it
    takes for a value that is not `limit` not to be shown as it: a ratio of
    1.302 against a target of 1.3 reads 1.302, not 1.30 beside "NOT met"."""
    text = f"{value:.{digits}f}"
    while digits < 6 and value != limit and float(text) == limit:
        digits += 1
        text = f"{value:.{digits}f}"
    return text


def summary(values):
    """The median and the range: `1.23 (1.20–1.31)`."""
    return f"{statistics.median(values):.2f} ({min(values):.2f}–{max(values):.2f})"


def targets(measured, corpus):
    """Prints issue 24's targets as the quiet sizes measured them: each
    figure, and whether it meets its target."""
    if not measured:
        print("Targets: no size was measured on a quiet machine.")
        return
    met = lambda ok: "met" if ok else "NOT met"  # noqa: E731
    v, r = "childwelfare validate", "childwelfare report"
    sizes = sorted(measured)
    print(f"Issue 24's targets, from the sizes measured while the machine was quiet ({corpus} corpus):\n")
    for n in sizes:
        ratio = measured[n]["cpu"][r] / measured[n]["cpu"][v]
        print(f"- {n} projects, report ÷ validate ≤ 1.3× of CPU: {shown(ratio, 1.3)}×, {met(ratio <= 1.3)}")
    for n in sizes:
        if n >= 10000 and "DuckDB, 2 tables" in measured[n]["wall"]:
            ratio = measured[n]["wall"][r] / measured[n]["wall"]["DuckDB, 2 tables"]
            print(f"- {n} projects, report ≤ DuckDB's two tables, wall: {shown(ratio, 1.0)}×, {met(ratio <= 1.0)} (aim: 0.5×)")
    for n in sizes:
        wall = measured[n]["wall"]
        # Two one-core copies at once do twice the work of one: the machine's
        # own gain from its second core, the most a program can show.
        ceiling = 2 * wall[f"{v}, one core"] / wall[COPIES] if COPIES in wall else None
        for name in (v, r):
            if f"{name}, one core" in wall:
                gain = wall[f"{name}, one core"] / wall[name]
                machine = ""
                if ceiling is not None:
                    machine = f" (two one-core copies of validate at once: {ceiling:.2f}× the work of one in the time"
                    machine += "; below 1.8×: the machine, or starting processes at this size, took part of the second core)" if ceiling < 1.8 else ")"
                print(f"- {n} projects, {name.split()[-1]} on every core ÷ one core ≥ 1.6×, wall: {shown(gain, 1.6)}×, {met(gain >= 1.6)}{machine}")
    for n in sizes:
        share, error = measured[n]["system"][v]
        runs, seconds = measured[n]["runs"][v], measured[n]["cpu_total"][v]
        spread = f" ± {100 * error:.1f} (one standard error)" if error is not None else ""
        print(
            f"- {n} projects, validate's system time ≤ 10 % of its CPU: {shown(100 * share, 10.0, 1)} %{spread} "
            f"(over {runs} runs, {seconds:.1f} s of CPU), {met(share <= 0.10)}; the machine's {measured[n]['memory']}"
        )
    if corpus == "generated" and 100000 in measured:
        peak = measured[100000]["peak"][v]
        print(f"- 100000 projects, validate's peak ≤ 32 MiB: {shown(peak, 32.0, 1)} MiB, {met(peak <= 32)}")
    if len(sizes) > 1:
        first, last = sizes[0], sizes[-1]
        for name in (v, r):
            per = [measured[n]["cpu"][name] / measured[n]["documents"] * 1e6 for n in (first, last)]
            peaks = [measured[n]["peak"][name] for n in (first, last)]
            print(
                f"- {name.split()[-1]}, flat within 25 % from {first} to {last} projects: "
                f"CPU a document {per[0]:.0f} → {per[1]:.0f} µs ({shown(per[1] / per[0], 1.25)}×, {met(per[1] <= 1.25 * per[0])}); "
                f"peak {peaks[0]:.1f} → {peaks[1]:.1f} MiB ({shown(peaks[1] / peaks[0], 1.25)}×, {met(peaks[1] <= 1.25 * peaks[0])})"
            )
    print()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("sizes", nargs="+", type=int)
    parser.add_argument("--corpus", choices=("generated", "real"), default="generated")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pydantic-max", type=int, default=20000)
    parser.add_argument("--no-peers", action="store_true", help="only childwelfare's commands")
    parser.add_argument(
        "--cold",
        action="store_true",
        help="do not read the corpus through before each run (see warm())",
    )
    parser.add_argument(
        "--as-written",
        action="store_true",
        help="leave each corpus in the page cache as written, rather than read back from the disk (see reread())",
    )
    parser.add_argument(
        "--no-warmup",
        action="store_true",
        help="do not run each command once, untimed, before its timed runs at each size (see the module's doc)",
    )
    parser.add_argument("--busy", type=float, default=0.25, help="others' cores above which no ratio is printed")
    parser.add_argument(
        "--min-cpu",
        type=float,
        default=5.0,
        help="seconds of CPU each childwelfare command uses over its runs at least (see extra_rounds())",
    )
    parser.add_argument("--max-runs", type=int, default=100, help="runs of a childwelfare command at most")
    parser.add_argument(
        "--one-core",
        action="store_true",
        help="also run childwelfare's commands held to one processor, and two such copies of validate at once: "
        "what the second core gives, and what the machine gives a second one-core run",
    )
    parser.add_argument(
        "--projects-only",
        action="store_true",
        help="generated: projects that name no programme, and no programme line",
    )
    parser.add_argument("--binary", default=str(ROOT / "target" / "release" / "childwelfare"))
    parser.add_argument("--generate", default=str(ROOT / "target" / "release" / "examples" / "generate"))
    args = parser.parse_args()
    if args.runs < 1:
        parser.error("--runs must be at least 1: peaks are measured in those runs")
    work = Path(tempfile.mkdtemp(prefix="childwelfare-compare-"))
    cores = os.cpu_count() or 1
    try:
        if args.pydantic_max > 0 and not args.no_peers:
            models(work)  # fail early if the tools are missing
        print(f"{args.corpus} corpus, {cores} cores, {args.runs} interleaved runs each; load average at start {os.getloadavg()[0]:.2f}")
        print()
        print("| projects | MB | command | runs | wall s | CPU s | system % (range) | documents/s (wall) | peak MiB | others' cores (max) |")
        print("| ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
        sys.stdout.flush()
        # What the quiet sizes measured, for the targets at the end.
        measured = {}
        for n in args.sizes:
            corpus = work / f"corpus-{n}.jsonl"
            if args.corpus == "real":
                real_corpus(n, corpus)
                documents = n
            else:
                with open(corpus, "wb") as out:
                    extra = ["--projects-only"] if args.projects_only else []
                    subprocess.run([args.generate, str(n), *extra], stdout=out, check=True)
                documents = n if args.projects_only else n + 1  # the projects and their programme
            # The corpus just written is flushed to the disk now, not by the
            # kernel during the first runs (where it counts as others' CPU).
            if hasattr(os, "sync"):
                os.sync()
            if not args.as_written:
                reread(corpus)
            megabytes = corpus.stat().st_size / 1e6
            me = [sys.executable, __file__]
            commands = {
                "childwelfare validate": [args.binary, "validate", str(corpus)],
                "childwelfare report": [args.binary, "report", str(corpus)],
            }
            # The same commands held to one processor, for what the second core gives.
            pinned = {}
            if args.one_core and hasattr(os, "sched_setaffinity"):
                allowed = sorted(os.sched_getaffinity(0))
                for name in list(commands):
                    commands[f"{name}, one core"] = commands[name]
                    pinned[f"{name}, one core"] = [{allowed[0]}]
                # What the machine gives a second copy of a one-core run: the
                # most any program can get from its second core here.
                if len(allowed) > 1:
                    commands[COPIES] = commands["childwelfare validate"]
                    pinned[COPIES] = [{allowed[0]}, {allowed[1]}]
            if not args.no_peers:
                commands["DuckDB, 2 tables"] = [*me, "--child-duckdb", str(corpus)]
                commands["polars, 2 tables"] = [*me, "--child-polars", str(corpus)]
                if n <= args.pydantic_max:
                    commands["pydantic models"] = [*me, "--child-pydantic", str(work), str(corpus)]
            # One run of each command first, not timed (see the module's doc).
            if not args.no_warmup:
                for name in commands:
                    checked(f"{name} on {n} projects", run(commands[name], None if args.cold else corpus, pinned.get(name)))
            runs = {name: [] for name in commands}
            for round_ in range(args.runs):
                order = list(commands) if round_ % 2 == 0 else list(reversed(commands))
                for name in order:
                    result = run(commands[name], None if args.cold else corpus, pinned.get(name))
                    runs[name].append(checked(f"{name} on {n} projects", result))
            extra_rounds(runs, commands, pinned, None if args.cold else corpus, args, n)
            worst = 0.0
            for name, results in runs.items():
                walls = [r["wall"] for r in results]
                cpus = [r["cpu"] for r in results]
                # Over all runs, then each run's range: it moves with the machine.
                shares = [100 * r["sys"] / max(r["cpu"], 1e-9) for r in results]
                system = f"{100 * system_share(results)[0]:.0f} ({min(shares):.0f}–{max(shares):.0f})"
                measured_peaks = [r["peak"] for r in results if r["peak"] is not None]
                peaks = f"{min(measured_peaks):.1f}–{max(measured_peaks):.1f}"
                others = others_cores(results)
                worst = max(worst, others or 0.0)
                rate = documents * len(pinned.get(name) or [None]) / statistics.median(walls)
                print(
                    f"| {n} | {megabytes:.0f} | {name} | {len(results)} | {summary(walls)} | {summary(cpus)} | {system} | "
                    f"{rate:.0f} | {peaks} | {float('nan') if others is None else others:.2f} |"
                )
                if name == "pydantic models":
                    loops = [float(r["last"]) for r in results]
                    print(f"| {n} | {megabytes:.0f} | pydantic, loop alone | {len(loops)} | {summary(loops)} | | | {documents / statistics.median(loops):.0f} | | |")
                sys.stdout.flush()
            at_once, after_pause = machine_memory()
            memory = f"fresh memory {at_once:.1f} µs a page at once, {after_pause:.1f} µs after a second unused"
            median = {name: statistics.median(r["wall"] for r in results) for name, results in runs.items()}
            cpu = {name: statistics.median(r["cpu"] for r in results) for name, results in runs.items()}
            if worst > args.busy:
                print(f"\n{n} projects: no ratio printed: the machine was busy (other processes used up to {worst:.2f} of {cores} cores during a run; the limit is {args.busy}); {memory}.\n")
            else:
                report, validate = median["childwelfare report"], median["childwelfare validate"]
                lines = [f"report ÷ validate: {report / validate:.2f}× wall, {cpu['childwelfare report'] / cpu['childwelfare validate']:.2f}× CPU"]
                for peer in ("DuckDB, 2 tables", "polars, 2 tables"):
                    if peer in median:
                        lines.append(f"report ÷ {peer}: {report / median[peer]:.2f}× wall")
                if "pydantic models" in median:
                    lines.append(f"pydantic ÷ validate: {median['pydantic models'] / validate:.1f}× wall")
                lines.append(memory)
                print(f"\n{n} projects (others below {args.busy} cores throughout): " + "; ".join(lines) + "\n")
                measured[n] = {
                    "cpu": cpu,
                    "wall": median,
                    "system": {name: system_share(results) for name, results in runs.items()},
                    "peak": {
                        name: max(r["peak"] for r in results if r["peak"] is not None) for name, results in runs.items()
                    },
                    "runs": {name: len(results) for name, results in runs.items()},
                    "cpu_total": {name: sum(r["cpu"] for r in results) for name, results in runs.items()},
                    "documents": documents,
                    "memory": memory,
                }
            sys.stdout.flush()
            corpus.unlink()
        targets(measured, args.corpus)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    if len(sys.argv) == 4 and sys.argv[1] == "--child-pydantic":
        pydantic_validate(sys.argv[2], sys.argv[3])
    elif len(sys.argv) == 3 and sys.argv[1] == "--child-duckdb":
        duckdb_query(sys.argv[2])
    elif len(sys.argv) == 3 and sys.argv[1] == "--child-polars":
        polars_query(sys.argv[2])
    else:
        main()
