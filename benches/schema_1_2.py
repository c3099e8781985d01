"""Adds the fields of schema 1.2 to a generated corpus, for the measurement
in BENCHMARKS.md, "Schema 1.2's fields at scale": the generator makes
projects as schema 1.1 could state them, and 1.2 added facts that the rules
across documents keep (one output shared by two projects, counted once and
compared across them) and a table of its own (participant groups).

Each project gets:

- on every event with an attendance figure, two participant groups with
  figures of their own (professionals of child protection, half the
  event's attendances; parents and families, a quarter);
- on every output, its first implementer as maker and child protection as
  its sector;
- one output shared with the project of the pair it belongs to (`p0` with
  `p1`, `p2` with `p3`, ...), the same record in both;
- the languages Finnish and Swedish.

Any other document (the programme) is copied as it is.

Usage, from the repository root:

    cargo build --release --example generate
    target/release/examples/generate 100000 > plain.jsonl
    python3 benches/schema_1_2.py plain.jsonl with-1.2.jsonl
"""

import json
import sys


def with_schema_1_2(project):
    """`project` (a generated project's JSON) with the fields above."""
    number = int(project["id"][1:])
    maker = project["implementers"][0]["id"]
    for event in project.get("events", []):
        attendances = (event.get("participation") or {}).get("attendances")
        if attendances:
            value = attendances["value"]
            event["participant_groups"] = [
                {"kind": "professionals", "sector": "child_protection", "attendances": {"value": value // 2}},
                {"kind": "parents_and_families", "attendances": {"value": value // 4}},
            ]
    for output in project.get("outputs", []):
        output["makers"] = [maker]
        output["sectors"] = ["child_protection"]
    pair = number // 2
    project.setdefault("outputs", []).append(
        {
            "id": f"{project['id']}-shared",
            "kind": "report",
            "title": {"fi": f"Yhteinen raportti {pair}"},
            "shared": {"id": f"shared-{pair}", "projects": [f"p{2 * pair}", f"p{2 * pair + 1}"]},
        }
    )
    project["languages"] = ["fi", "sv"]
    return project


def main():
    source, target = sys.argv[1:3]
    with open(source, encoding="utf-8") as lines, open(target, "w", encoding="utf-8") as out:
        for line in lines:
            document = json.loads(line)
            if document.get("document_type") != "project":
                out.write(line)
                continue
            out.write(json.dumps(with_schema_1_2(document), ensure_ascii=False, separators=(",", ":")) + "\n")


if __name__ == "__main__":
    main()
