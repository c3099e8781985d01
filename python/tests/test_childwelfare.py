"""The Python package as a pandas user meets it. Figures are computed from
the documents or from the command-line tool, never copied."""

import json
import os
import subprocess
import threading
from pathlib import Path

import pandas as pd
import pytest

import childwelfare

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "data"
CLI = os.environ.get("CHILDWELFARE_CLI")


def cli(*args):
    if not CLI:
        pytest.skip("set CHILDWELFARE_CLI to the childwelfare binary to compare with it")
    return subprocess.run([CLI, *args], capture_output=True, text=True, cwd=ROOT)


def test_load_gives_plain_dicts_that_round_trip(tmp_path):
    documents = childwelfare.load(DATA)
    assert {d["document_type"] for d in documents} == {"project", "programme"}
    for index, document in enumerate(documents):
        path = tmp_path / f"{index}.json"
        path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
        assert childwelfare.load(path) == [document]
    # No paths: the bundled seed data, the same documents.
    assert sorted(d["id"] for d in childwelfare.load()) == sorted(d["id"] for d in documents)


def test_a_bad_document_raises_with_the_command_line_message(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"document_type": "project", "schema_version": "1.1", "id": 5}', encoding="utf-8")
    with pytest.raises(childwelfare.DocumentError) as caught:
        childwelfare.load(bad)
    error = caught.value
    assert isinstance(error, ValueError)
    assert (error.file, error.line, error.path) == (str(bad), 1, "/id")
    assert error.column is not None and str(error).startswith(f"{bad}: line 1, column {error.column}")
    for call in (childwelfare.report, lambda p: childwelfare.table("events", p)):
        with pytest.raises(childwelfare.DocumentError):
            call(bad)
    if CLI:
        assert str(error) in cli("report", str(bad)).stderr


def test_bad_arguments_are_python_errors(tmp_path):
    with pytest.raises(ValueError, match="unknown table `event`"):
        childwelfare.table("event")
    with pytest.raises(ValueError, match="language"):
        childwelfare.report(lang="de")
    with pytest.raises(OSError):
        childwelfare.load(tmp_path / "missing.json")


def test_validate_gives_records_and_a_frame(monkeypatch):
    monkeypatch.chdir(ROOT)
    found = childwelfare.validate("data/")
    assert found.valid and found.documents == 3
    warnings = [d for d in found if d["severity"] == "warning"]
    assert warnings and all(d["file"] for d in warnings)
    frame = found.to_pandas()
    assert len(frame) == len(found)
    assert frame["line"].dtype == "Int64" or frame["line"].isna().all()
    if CLI:
        assert found.report == json.loads(cli("validate", "--format", "json", "data/").stdout)


def test_validate_reports_a_broken_document_where_it_is(tmp_path):
    (tmp_path / "lumo.json").write_text((DATA / "lumo.json").read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "broken.json").write_text('{"document_type": "project",\n  "id": }', encoding="utf-8")
    found = childwelfare.validate(tmp_path)
    assert not found.valid
    broken = [d for d in found if d["file"] and d["file"].endswith("broken.json")]
    assert broken and broken[0]["severity"] == "error" and broken[0]["line"] == 2


def test_report_is_the_command_line_summary_with_tables_as_frames():
    summary = childwelfare.report(DATA, lang="en")
    documents = childwelfare.load(DATA)
    assert summary["projects"] == sum(d["document_type"] == "project" for d in documents)
    tables = summary.tables()
    by_project = tables["participation/project"]
    lumo = by_project[(by_project["key"] == "lumo") & (by_project["measure"] == "attendances")]
    lumo_row = next(r for t in summary["participation"] if t["dimension"] == "project" for r in t["rows"]
                    if r["group"]["key"] == "lumo")
    assert lumo["text"].tolist() == [lumo_row["attendances"]["text"]]
    if CLI:
        assert dict(summary) == json.loads(cli("report", "--format", "json", "--lang", "en", "data/").stdout)


def test_every_table_is_a_typed_frame_equal_to_the_csv_export():
    for name in childwelfare.TABLES:
        frame = childwelfare.table(name, DATA, lang="en")
        assert isinstance(frame, pd.DataFrame)
        for column in frame.columns:
            # Never a float: blanks stay blanks in whole-number columns.
            assert frame[column].dtype.kind != "f", (name, column)
        if CLI:
            csv = cli("export", name, "--raw-text", "--lang", "en", "data/").stdout
            expected = pd.read_csv(__import__("io").StringIO(csv), dtype=str, keep_default_na=False)
            def text(value):
                if isinstance(value, list):
                    return ";".join(value)
                if value is None or value is pd.NA or (not isinstance(value, str) and pd.isna(value)):
                    return ""
                if isinstance(value, bool):
                    return "true" if value else "false"
                if isinstance(value, pd.Timestamp):
                    return value.strftime("%Y-%m-%d")
                return str(value)

            got = frame.map(text)
            assert list(got.columns) == list(expected.columns), name
            assert got.values.tolist() == expected.values.tolist(), name


def test_columns_take_the_types_the_crate_describes():
    outputs = childwelfare.table("outputs", DATA)
    assert str(outputs["date_earliest"].dtype).startswith("datetime64")
    assert outputs["work_packages"].map(lambda v: isinstance(v, list)).all()
    parts = childwelfare.table("funding_parts", DATA)
    amounts = [v for v in parts["amount"] if v is not None]
    assert all(type(v).__name__ == "Decimal" for v in amounts)


def test_events_count_attendances_as_integers_with_blanks():
    events = childwelfare.table("events", DATA)
    documents = [d for d in childwelfare.load(DATA) if d["document_type"] == "project"]
    assert len(events) == sum(len(d.get("events", [])) for d in documents)
    assert events["attendances"].dtype == "Int64"
    stated = [e["participation"]["attendances"]["value"] for d in documents for e in d.get("events", [])
              if (e.get("participation") or {}).get("attendances")]
    assert events["attendances"].sum() == sum(stated)
    assert events["attendances"].isna().sum() == len(events) - len(stated)


def test_summaries_made_from_several_threads_agree():
    # Threads each summarising: with the GIL released they overlap; either
    # way every result is whole and equal.
    results = []
    threads = [threading.Thread(target=lambda: results.append(childwelfare.report(DATA)["projects"])) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert results == [results[0]] * 4


def test_the_readme_example_runs_as_written(monkeypatch):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## For Python users", 1)[1]
    example = section.split("```python\n", 1)[1].split("```", 1)[0]
    monkeypatch.chdir(ROOT)
    scope = {}
    exec(compile(example, "README.md", "exec"), scope)
    assert scope["summary"]["projects"] == sum(d["document_type"] == "project" for d in scope["docs"])
    assert "participation/theme" in scope["tables"]
    assert len(scope["events"]) > 0 and scope["found"].valid
