"""Reading a JSON report back into the model (for ``citecheck export`` and other tools).

The inverse of :mod:`citecheck.report.json_report`: decimal strings become ``Decimal``,
enum values their enums, arrays tuples, a finding's ``{"label", "text"}`` evidence pairs its
typed :class:`~citecheck.model.Evidence` (read through ``EVIDENCE_LABELS``).
Fields this version does not know are ignored (a newer minor version only adds fields); a
report of another major schema version is refused with one line.

>>> from citecheck.model import Reference, Report, Url
>>> from citecheck.report.json_report import render_json
>>> ref = Reference("k", "webpage", "raw", url=Url("http://a.org", "http://a.org", True))
>>> report_from_json(render_json(Report("p.txt", "2026-01-01T00:00:00Z", references=(ref,)))).references == (ref,)
True
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from decimal import Decimal, InvalidOperation
from enum import Enum
from functools import cache
from pathlib import Path

from .. import model
from ..errors import InputError
from ..model import SCHEMA_VERSION, Finding, Report

__all__ = ["load_report", "report_from_dict", "report_from_json"]


def load_report(path: str | Path) -> Report:
    """Read a JSON report written by ``citecheck verify``; :class:`InputError` (one line) if unusable."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise InputError(f"report not found: {path}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read report {path}: {getattr(exc, 'strerror', None) or exc}") from None
    return report_from_json(text, name=str(path))


def report_from_json(text: str, *, name: str = "report") -> Report:
    """A :class:`Report` from the JSON text of a report."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"{name} is not JSON: {exc.msg} (line {exc.lineno})") from None
    return report_from_dict(data, name=name)


def report_from_dict(data: object, *, name: str = "report") -> Report:
    """A :class:`Report` from the parsed JSON object of a report."""
    if not isinstance(data, dict) or "references" not in data or "paper" not in data:
        raise InputError(f"{name} is not a citecheck JSON report")
    version = str(data.get("schema_version", ""))
    if version.split(".")[0] != SCHEMA_VERSION.split(".")[0]:
        raise InputError(
            f"{name} has report schema {version or 'unknown'}; this citecheck reads {SCHEMA_VERSION.split('.')[0]}.x"
        )
    try:
        fields = {
            "paper": str(data["paper"]),
            "generated_at": str(data.get("generated_at", "")),
            "schema_version": version,
            "tool_version": str((data.get("tool") or {}).get("version", "")),
            "options": dict(data.get("options") or {}),
        }
        hints = _hints(Report)
        for key in ("references", "claims", "checks", "figures", "findings"):
            fields[key] = _value(hints[key], data.get(key) or [])
    except (TypeError, ValueError, KeyError, InvalidOperation) as exc:
        raise InputError(f"{name} does not follow the report schema: {exc}") from None
    return Report(**fields)


@cache
def _hints(cls: type) -> dict[str, object]:
    return typing.get_type_hints(cls, vars(model))


def _value(tp, value):
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        options = [arg for arg in typing.get_args(tp) if arg is not type(None)]
        return _value(options[0], value) if len(options) == 1 else value
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(_value(args[0], item) for item in value)
        return tuple(_value(arg, item) for arg, item in zip(args, value, strict=True))
    if origin is dict or tp is dict:
        return dict(value)
    if tp is Decimal:
        return Decimal(str(value))
    if isinstance(tp, type) and issubclass(tp, Enum):
        return tp(value)
    if tp is Finding:
        return _finding(value)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return _dataclass(tp, value)
    if tp in (str, int, bool, float):
        if not isinstance(value, tp) or (tp is int and isinstance(value, bool)):
            raise TypeError(f"expected {tp.__name__}, got {type(value).__name__}")
        return value
    return value


def _dataclass(cls: type, value):
    if not isinstance(value, dict):
        raise TypeError(f"expected an object for {cls.__name__}")
    hints = _hints(cls)
    known = {f.name for f in dataclasses.fields(cls)}
    return cls(**{key: _value(hints[key], item) for key, item in value.items() if key in known})


def _finding(value) -> Finding:
    data = dict(value)
    pairs = tuple((str(pair["label"]), str(pair["text"])) for pair in data.pop("evidence", []) or [])
    finding = _dataclass(Finding, data)
    return dataclasses.replace(finding, evidence=finding.kind.evidence_type.from_pairs(pairs))
