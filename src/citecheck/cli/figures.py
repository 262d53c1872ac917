"""`citecheck figures CLAIM_TEXT SOURCE_FILE`: check one claim against one source by hand.

Exit status: 1 when a figure is inconsistent with the source, 0 otherwise, 2 on bad input.

Example::

    citecheck figures "The contract was worth US$10.8 billion." source.html
    citecheck figures @claim.txt report.pdf --json
"""

from __future__ import annotations

import dataclasses
import json
import sys
from decimal import Decimal
from enum import Enum
from pathlib import Path

import click

from ..errors import InputError
from ..figures import compare_claim
from ..model import Claim, FigureCheck, Verdict
from ..sources.text import to_text

_TYPES = {".html": "text/html", ".htm": "text/html", ".pdf": "application/pdf", ".txt": "text/plain"}


def _jsonable(obj):
    if isinstance(obj, Decimal):
        return format(obj.normalize(), "f") if obj == obj.to_integral_value() else str(obj)
    if isinstance(obj, Enum):
        return obj.value
    if dataclasses.is_dataclass(obj):
        return {f.name: _jsonable(getattr(obj, f.name)) for f in dataclasses.fields(obj)}
    if isinstance(obj, (list, tuple)):
        return [_jsonable(x) for x in obj]
    return obj


def _mark(sentence: str | None, start: int, end: int) -> str:
    if not sentence:
        return ""
    if 0 <= start < end <= len(sentence):
        return f"{sentence[:start]}[[{sentence[start:end]}]]{sentence[end:]}"
    return sentence


def _render(check: FigureCheck) -> str:
    lines = []
    q = check.claim_quantity
    head = check.verdict.value.upper()
    if check.diagnosis:
        head += f" ({check.diagnosis}"
        head += f", ×{check.factor.normalize():f}" if check.factor is not None else ""
        head += f", {check.cause}" if check.cause else ""
        head += ")"
    lines.append(f"{head}: {q.raw.strip() if q else '-'}")
    lines.append(f"  {check.explanation}")
    lines.append(f"  paper:  {_mark(check.claim_sentence, q.start, q.end) if q else check.claim_sentence}")
    if check.source_sentence:
        sq = check.source_quantity
        lines.append(
            f"  source: {_mark(check.source_sentence, sq.start, sq.end) if sq else check.source_sentence}"
        )
    return "\n".join(lines)


def _read_claim(claim_text: str) -> str:
    if claim_text.startswith("@"):
        path = Path(claim_text[1:])
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise InputError(f"cannot read claim file {path}: {exc}") from None
    return claim_text


@click.command("figures")
@click.argument("claim_text")
@click.argument("source_file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="Print the checks as JSON.")
@click.option(
    "--lang", type=click.Choice(["en", "zh", "es", "pt"]), default=None, help="Language of the claim."
)
def figures(claim_text: str, source_file: Path, as_json: bool, lang: str | None) -> None:
    """Compare the figures of CLAIM_TEXT (or @FILE) with SOURCE_FILE (.html, .pdf, .txt)."""
    text = _read_claim(claim_text)
    try:
        body = source_file.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read {source_file}: {exc.strerror or exc}") from None
    source = to_text(body, _TYPES.get(source_file.suffix.lower()), str(source_file), origin="file")
    checks = compare_claim(Claim(note_id="claim", text=text), source, lang=lang)
    if as_json:
        click.echo(json.dumps([_jsonable(c) for c in checks], ensure_ascii=False, indent=2))
    else:
        for check in checks:
            click.echo(_render(check))
    if any(c.verdict is Verdict.INCONSISTENT for c in checks):
        sys.exit(1)
