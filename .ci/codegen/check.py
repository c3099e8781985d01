"""Code generated from childwelfare's JSON Schemas by the tools integrators use
must be good and must round-trip the bundled documents.

- pydantic v2 models from datamodel-code-generator load every bundled document
  and dump it back (default options) to JSON that the crate rewrites to the
  very same canonical text;
- TypeScript types from json-schema-to-typescript compile under
  `tsc --strict --noEmit`, with every bundled document as a typed constant;
- Python `jsonschema` (Draft 2020-12, format checking) accepts every document;
- the generated type names are the schema's `$defs` names (no `Text1`).

Usage: check.py WORKDIR CHILDWELFARE_BINARY (run by .ci/codegen/run).
"""

import importlib.util
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema

ROOT = Path(__file__).resolve().parents[2]
HERE = Path(__file__).resolve().parent
SCHEMAS = {kind: ROOT / "schema" / f"{kind}.schema.json" for kind in ("project", "programme")}
failures = []


def check(condition, message):
    print(("ok    " if condition else "FAIL  ") + message)
    if not condition:
        failures.append(message)


def expected_names(schema):
    return set(schema["$defs"]) | {schema["title"]}


def documents():
    for path in sorted((ROOT / "data").glob("*.json")):
        value = json.loads(path.read_text(encoding="utf-8"))
        yield path, value["document_type"], value


def pydantic_models(work, kind):
    out = work / f"{kind}_model.py"
    subprocess.run(
        [
            str(Path(sys.executable).parent / "datamodel-codegen"),
            "--input", str(SCHEMAS[kind]),
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
    classes = set(re.findall(r"^class (\w+)\(", out.read_text(encoding="utf-8"), re.M))
    return module, classes


def main():
    work, binary = Path(sys.argv[1]), sys.argv[2]
    shutil.copy(HERE / "base.py", work / "base.py")
    sys.path.insert(0, str(work))
    schemas = {kind: json.loads(path.read_text(encoding="utf-8")) for kind, path in SCHEMAS.items()}

    # Python jsonschema, with formats checked.
    for path, kind, value in documents():
        validator = jsonschema.Draft202012Validator(schemas[kind], format_checker=jsonschema.FormatChecker())
        errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(value)]
        check(not errors, f"jsonschema accepts {path.name}" + "".join(f"\n      {e}" for e in errors[:5]))

    # pydantic: load, dump with default options, and have the crate read it back.
    dumped = work / "dumped"
    dumped.mkdir(exist_ok=True)
    for kind in SCHEMAS:
        module, classes = pydantic_models(work, kind)
        missing, extra = expected_names(schemas[kind]) - classes, classes - expected_names(schemas[kind])
        check(not missing and not extra, f"pydantic class names equal the $defs names of {kind} (missing {sorted(missing)}, extra {sorted(extra)})")
        root = getattr(module, schemas[kind]["title"])
        for path, document_kind, value in documents():
            if document_kind != kind:
                continue
            model = root.model_validate(value)
            (dumped / path.name).write_text(model.model_dump_json(), encoding="utf-8")
    subprocess.run([binary, "format", str(dumped)], check=True)
    for path, _, _ in documents():
        same = (dumped / path.name).read_bytes() == path.read_bytes()
        check(same, f"pydantic dump of {path.name} reads back into the crate as the same document")

    # TypeScript: generate, then compile every bundled document as a typed constant.
    ts = work / "ts"
    ts.mkdir(exist_ok=True)
    bin_dir = HERE / "node_modules" / ".bin"
    for kind in SCHEMAS:
        subprocess.run([str(bin_dir / "json2ts"), "-i", str(SCHEMAS[kind]), "-o", str(ts / f"{kind}.d.ts")], check=True)
        text = (ts / f"{kind}.d.ts").read_text(encoding="utf-8")
        names = set(re.findall(r"^export (?:interface|type) (\w+)", text, re.M))
        missing, extra = expected_names(schemas[kind]) - names, names - expected_names(schemas[kind])
        check(not missing and not extra, f"TypeScript type names equal the $defs names of {kind} (missing {sorted(missing)}, extra {sorted(extra)})")
    lines = []
    for path, kind, value in documents():
        root = schemas[kind]["title"]
        name = re.sub(r"\W", "_", path.stem)
        lines.append(f'import type {{ {root} as {root}_{name} }} from "./{kind}";')
        lines.append(f"export const {name}: {root}_{name} = {json.dumps(value, ensure_ascii=False)};")
    lines.append('import type { Project } from "./project";')
    lines.append("export function workPackageTitles(project: Project): string[] {")
    lines.append('  return (project.work_packages ?? []).map((wp) => wp.title.fi ?? wp.title.sv ?? wp.title.en ?? "");')
    lines.append("}")
    lines.append("export const lumoTitles: string[] = workPackageTitles(lumo);")
    (ts / "documents.ts").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = subprocess.run(
        [str(bin_dir / "tsc"), "--strict", "--noEmit", "--target", "es2020", "--module", "esnext",
         "--moduleResolution", "bundler", str(ts / "documents.ts")],
        capture_output=True, text=True,
    )
    check(result.returncode == 0, "tsc --strict --noEmit compiles the types and every bundled document" + (("\n" + result.stdout[-3000:]) if result.returncode else ""))

    print(f"codegen: {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
