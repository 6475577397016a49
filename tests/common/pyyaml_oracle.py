"""The YAML oracle of tests/yaml_oracle.rs: PyYAML's pure-Python SafeLoader (an implementation
apart from the libyaml translation the build reads with), dates left as strings like the build.

Reads a JSON list of YAML texts on stdin; writes a JSON list with, per text, whether it parses
and, for each top-level key, the kind of its value, a scalar's string and a list's strings.
"""
import json
import sys

import yaml


class Loader(yaml.SafeLoader):
    pass


Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class Written(str):
    """An integer in a form YAML 1.1 and 1.2 read alike (`42`), kept as written."""


def integer(loader, node):
    text = loader.construct_scalar(node)
    plain = text.lstrip("-+")
    if plain == "0" or (plain.isdigit() and not plain.startswith("0")):
        return Written(text)
    return 1.5  # octal, hexadecimal, sexagesimal, `1_000`: the YAML versions differ; not compared


Loader.add_constructor("tag:yaml.org,2002:int", integer)


def scalar(value):
    """A comparable string for a scalar, or None where YAML 1.1 and 1.2 read it differently."""
    if isinstance(value, bool) or isinstance(value, float):
        return None
    if isinstance(value, (str, int)):
        return str(value)
    return None


def describe(value):
    if value is None:
        return {"kind": "null"}
    if isinstance(value, list):
        items = [scalar(i) for i in value]
        return {"kind": "list", "items": items if all(isinstance(i, str) for i in value) else None}
    if isinstance(value, dict):
        return {"kind": "map"}
    text = scalar(value)
    return {"kind": "str", "value": text} if text is not None else {"kind": "other"}


out = []
for text in json.load(sys.stdin):
    try:
        doc = yaml.load(text, Loader=Loader)
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        out.append({"ok": False, "error": str(e), "line": mark.line + 1 if mark else 0})
        continue
    if isinstance(doc, dict):
        keys = {str(k): describe(v) for k, v in doc.items() if isinstance(k, str)}
        out.append({"ok": True, "top": "map", "keys": keys})
    else:
        out.append({"ok": True, "top": "null" if doc is None else "other", "keys": {}})
json.dump(out, sys.stdout)
