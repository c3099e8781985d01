"""Opens the HTML report in headless Chromium and checks it.

    python check.py --chromium PATH --binary PATH --work DIR --out DIR NAME INPUT [NAME INPUT ...]

For each NAME and INPUT (a documents file or folder; "" for the bundled
seed data), in each language checked:

- the page is served on 127.0.0.1 and opened with Chromium (`--dump-dom`,
  then `--screenshot`); the server must see exactly one request each time,
  the GET of the page: nothing else is fetched (no font, style, script,
  image or icon), and a strict Content-Security-Policy in the page forbids
  it anyway;
- the page parses with html5lib in strict mode (any parse error fails),
  holds no script, and every link or source in it is a #fragment or a
  data: URL;
- every element marked `data-figure` (a JSON Pointer into
  `report --format json` of the same input) carries that JSON figure's
  fields as `data-*` attributes, and in English its text starts with the
  JSON's `text`; every figure of the JSON (an object with a `text`) is
  marked in the page;
- `<html lang>` is the language asked for, and with `--explain` the
  derivations are in `<details>`.

Screenshots are written to OUT as NAME-LANG-desktop.png (and, for the seed
data, NAME-LANG-phone.png and the page printed on A4, NAME-LANG-a4.pdf).
"""

import argparse
import functools
import http.server
import json
import pathlib
import re
import subprocess
import sys
import tempfile
import threading

import html5lib

FIELDS = {"low", "high", "exactness", "low_exactness", "high_exactness", "value", "euros"}
LINK_ATTRIBUTES = {"href", "src", "srcset", "action", "formaction", "poster", "background", "data", "ping"}
FORBIDDEN = {"script", "iframe", "object", "embed", "base", "frame", "frameset", "form", "audio", "video"}
CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
MISSING = object()


def local(name: str) -> str:
    """A tag or attribute name without its namespace."""
    return name.rsplit("}", 1)[-1]


class Server:
    """A static file server on 127.0.0.1 that notes every request."""

    def __init__(self, root: pathlib.Path):
        self.requests = []
        requests = self.requests

        class Handler(http.server.SimpleHTTPRequestHandler):
            def log_message(self, format, *args):  # noqa: A002 (the base class's name)
                requests.append(getattr(self, "requestline", format % args))

        handler = functools.partial(Handler, directory=str(root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.port = self.httpd.server_address[1]
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def take(self):
        taken = list(self.requests)
        self.requests.clear()
        return taken


def chromium(args, path, *flags) -> str:
    with tempfile.TemporaryDirectory() as profile:
        command = [
            args.chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
            f"--user-data-dir={profile}", *flags, path,
        ]
        done = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    if done.returncode != 0:
        sys.exit(f"chromium failed ({done.returncode}): {done.stderr[-2000:]}")
    return done.stdout


def report(args, source: str, *flags) -> str:
    paths = [source] if source else []
    done = subprocess.run([args.binary, "report", *flags, *paths], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        sys.exit(f"report {' '.join(flags)} failed ({done.returncode}): {done.stderr[-2000:]}")
    return done.stdout


def resolve(document, pointer: str):
    """The value at a JSON Pointer; MISSING when the row itself is not there,
    None when a figure (or the object holding it) is absent or null."""
    parts = [p.replace("~1", "/").replace("~0", "~") for p in pointer.split("/")[1:]]
    here = document
    for at, part in enumerate(parts):
        last = at == len(parts) - 1
        if isinstance(here, list) and part.isdigit() and int(part) < len(here):
            here = here[int(part)]
        elif isinstance(here, dict) and part in here:
            here = here[part]
        elif isinstance(here, dict) and (last or at >= 3):
            return None  # an absent figure (`skip_serializing_if`), or one inside an absent object
        elif here is None and at >= 3:
            return None  # inside a null object (an assessment's `participation`)
        else:
            return MISSING
    return here


def expected_attributes(value) -> dict:
    if value is None:
        return {"none": ""}
    if isinstance(value, dict):
        return {k.replace("_", "-"): str(v) for k, v in value.items() if k in FIELDS}
    if isinstance(value, bool):
        return {"value": "true" if value else "false"}
    return {"value": str(value)}


def figures_of(document, pointer="", skip=()):
    """The pointers of every figure (an object with a `text`) of the JSON."""
    if pointer in skip:
        return
    if isinstance(document, dict):
        if "text" in document and pointer:
            yield pointer
            return
        for key, value in document.items():
            if key != "derivation":
                yield from figures_of(value, f"{pointer}/{key.replace('~', '~0').replace('/', '~1')}", skip)
    elif isinstance(document, list):
        for i, value in enumerate(document):
            yield from figures_of(value, f"{pointer}/{i}", skip)


def check_static(text: str, language: str, explain: bool, what: str) -> None:
    parser = html5lib.HTMLParser(strict=True, namespaceHTMLElements=False)
    try:
        tree = parser.parse(text)
    except html5lib.html5parser.ParseError as error:
        sys.exit(f"{what}: not well-formed HTML (strict html5lib): {error}; errors: {parser.errors[:5]}")
    if tree.get("lang") != language:
        sys.exit(f"{what}: <html lang={tree.get('lang')!r}>, expected {language!r}")
    csp = [m.get("content") for m in tree.iter("meta") if m.get("http-equiv", "").lower() == "content-security-policy"]
    if csp != [CSP]:
        sys.exit(f"{what}: the page's Content-Security-Policy is {csp}, expected [{CSP!r}]")
    details = 0
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue
        tag = local(element.tag)
        if tag in FORBIDDEN:
            sys.exit(f"{what}: a <{tag}> element")
        details += tag == "details"
        for name, value in element.attrib.items():
            name = local(name)
            if name in LINK_ATTRIBUTES and not (value.startswith("#") or value.startswith("data:")):
                sys.exit(f"{what}: <{tag} {name}={value!r}> points outside the page")
            if name.startswith("on"):
                sys.exit(f"{what}: an event handler attribute <{tag} {name}>")
        if tag == "style" or element.get("style"):
            css = (element.text or "") + (element.get("style") or "")
            outside = [u for u in re.findall(r"url\(([^)]*)\)", css) if not u.strip("'\" ").startswith("#")]
            if outside or "@import" in css:
                sys.exit(f"{what}: the style loads something: {outside or '@import'}")
    if explain and details == 0:
        sys.exit(f"{what}: no <details> with the derivations although --explain was given")


def check_dom(dom: str, summary: dict, language: str, what: str) -> int:
    tree = html5lib.parse(dom, namespaceHTMLElements=False)
    marked = set()
    problems = []
    for element in tree.iter():
        if not isinstance(element.tag, str) or "data-figure" not in element.attrib:
            continue
        pointer = element.get("data-figure")
        marked.add(pointer)
        value = resolve(summary, pointer)
        if value is MISSING:
            problems.append(f"{pointer}: not in the JSON summary")
            continue
        actual = {k[5:]: v for k, v in element.attrib.items() if k.startswith("data-") and k != "data-figure"}
        expected = expected_attributes(value)
        if actual != expected:
            problems.append(f"{pointer}: the page has {actual}, the JSON {expected}")
        shown = "".join(element.itertext()).strip()
        if language == "en" and isinstance(value, dict) and "text" in value and not shown.startswith(value["text"]):
            problems.append(f"{pointer}: the page shows {shown!r}, the JSON {value['text']!r}")
    # Tables whose every row leaves the dimension unstated are not shown.
    skip = {
        f"/participation/{i}"
        for i, table in enumerate(summary["participation"])
        if table["dimension"] != "project" and all(r["group"]["key"] == "" for r in table["rows"])
    }
    unmarked = sorted(set(figures_of(summary, skip=skip)) - marked)
    if unmarked:
        problems.append(f"figures of the JSON not in the page: {unmarked[:10]} ({len(unmarked)})")
    if problems:
        sys.exit(f"{what}: the figures in the DOM differ from report --format json:\n  " + "\n  ".join(problems[:20]))
    return len(marked)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--chromium", required=True)
    parser.add_argument("--binary", required=True)
    parser.add_argument("--work", required=True, type=pathlib.Path)
    parser.add_argument("--out", required=True, type=pathlib.Path)
    parser.add_argument("inputs", nargs="+")
    args = parser.parse_args()
    pages = args.work / "pages"
    pages.mkdir(parents=True, exist_ok=True)
    server = Server(pages)
    for name, source in zip(args.inputs[::2], args.inputs[1::2]):
        summary = json.loads(report(args, source, "--format", "json", "--lang", "en"))
        languages = ["en", "fi", "sv"] if name == "seed" else ["en"]
        for language in languages:
            what = f"{name} ({language})"
            page = f"{name}-{language}.html"
            report(args, source, "--format", "html", "--explain", "--lang", language, "--output", str(pages / page))
            text = (pages / page).read_text(encoding="utf-8")
            check_static(text, language, explain=True, what=what)
            url = f"http://127.0.0.1:{server.port}/{page}"
            server.take()
            dom = chromium(args, url, "--dump-dom")
            requests = server.take()
            if requests != [f"GET /{page} HTTP/1.1"]:
                sys.exit(f"{what}: the server saw {requests}, expected only the page's GET")
            json_language = summary if language == "en" else json.loads(
                report(args, source, "--format", "json", "--lang", language)
            )
            figures = check_dom(dom, json_language, language, what)
            sizes = [("desktop", "1280,2400")] + ([("phone", "390,2400")] if name == "seed" else [])
            for label, size in sizes:
                shot = args.out / f"{name}-{language}-{label}.png"
                chromium(args, url, f"--screenshot={shot}", f"--window-size={size}")
                requests = server.take()
                if requests != [f"GET /{page} HTTP/1.1"]:
                    sys.exit(f"{what}: the server saw {requests} for the screenshot, expected only the page's GET")
            if name == "seed":
                # Printed on A4 (the page's @media print and @page rules), for a person to look at.
                chromium(args, url, f"--print-to-pdf={args.out / f'{name}-{language}-a4.pdf'}", "--no-pdf-header-footer")
                requests = server.take()
                if requests != [f"GET /{page} HTTP/1.1"]:
                    sys.exit(f"{what}: the server saw {requests} when printing, expected only the page's GET")
            print(f"{what}: {len(text):,} bytes, {figures} figures equal to the JSON, one request, "
                  f"strict HTML; screenshots in {args.out}/{name}-{language}-*.png")


if __name__ == "__main__":
    main()
