"""Read articles from .txt, .html and .jsonl files and folders; bad input is reported by file
and line."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

from claims.model import ArticleInput

# .txt and .html hold one article each (HTML is read as text by `claims.clean`).
ARTICLE_SUFFIXES = (".txt", ".html", ".htm", ".jsonl")


@dataclass(frozen=True, slots=True)
class InputProblem:
    """Input that could not become an article: where it is and why."""

    location: str
    reason: str

    def __str__(self) -> str:
        return f"{self.location}: {self.reason}"


@dataclass(frozen=True, slots=True)
class SourcedArticle:
    location: str
    article: ArticleInput


ReadItem = SourcedArticle | InputProblem


def expand_paths(paths: Iterable[Path]) -> tuple[list[Path], list[InputProblem]]:
    """Files named directly plus article files found (recursively, sorted) in directories."""
    files: list[Path] = []
    problems: list[InputProblem] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                sorted(p for p in path.rglob("*") if p.is_file() and p.suffix in ARTICLE_SUFFIXES)
            )
        elif not path.exists():
            problems.append(InputProblem(str(path), "no such file or directory"))
        elif path.suffix not in ARTICLE_SUFFIXES:
            problems.append(InputProblem(str(path), "not a .txt, .html or .jsonl file"))
        else:
            files.append(path)
    return files, problems


def parse_date(value: object) -> date:
    """A date written YYYY-MM-DD, or the day of an ISO date and time; nothing else."""
    if not isinstance(value, str):
        raise ValueError("published_at must be a string YYYY-MM-DD")
    try:
        return datetime.fromisoformat(value).date()
    except ValueError:
        raise ValueError(f"published_at {value!r} is not a date (YYYY-MM-DD)") from None


def _decode(raw: bytes, location: str, max_bytes: int) -> str | InputProblem:
    if len(raw) > max_bytes:
        return InputProblem(location, f"{len(raw):,} bytes, over the limit of {max_bytes:,}")
    try:
        # A byte order mark may open a file (and so its first line): it is no text.
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        return InputProblem(location, f"invalid UTF-8 at byte {exc.start}")


def read_text_file(
    path: Path,
    *,
    source: str | None,
    published_at: date | None,
    language: str | None,
    max_bytes: int,
) -> ReadItem:
    """One .txt or .html file is one article; its source is the file stem unless given."""
    text = _decode(path.read_bytes(), str(path), max_bytes)
    if isinstance(text, InputProblem):
        return text
    return SourcedArticle(
        str(path),
        ArticleInput(
            source=source or path.stem,
            text=text,
            published_at=published_at,
            language=language,
        ),
    )


def _article_from_json(obj: object, default_language: str | None) -> ArticleInput:
    if not isinstance(obj, dict):
        raise ValueError(f"expected a JSON object, got {type(obj).__name__}")
    text, source = obj.get("text"), obj.get("source")
    if not isinstance(text, str):
        raise ValueError("missing string field 'text'")
    if not isinstance(source, str) or not source.strip():
        raise ValueError("missing string field 'source'")
    for key in ("url", "title", "language"):
        if obj.get(key) is not None and not isinstance(obj[key], str):
            raise ValueError(f"field {key!r} must be a string")
    published = obj.get("published_at")
    return ArticleInput(
        source=source.strip(),
        text=text,
        url=obj.get("url") or None,
        title=obj.get("title") or None,
        published_at=parse_date(published) if published is not None else None,
        language=obj.get("language") or default_language,
    )


def read_jsonl_line(
    raw: bytes, location: str, *, language: str | None, max_bytes: int
) -> ReadItem | None:
    """One JSONL line as an article, or the problem with it; None for a blank line."""
    if not raw.strip():
        return None
    line = _decode(raw, location, max_bytes)
    if isinstance(line, InputProblem):
        return line
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return InputProblem(location, f"not valid JSON ({exc.msg})")
    try:
        return SourcedArticle(location, _article_from_json(obj, language))
    except ValueError as exc:
        return InputProblem(location, str(exc))


def read_jsonl_file(path: Path, *, language: str | None, max_bytes: int) -> Iterator[ReadItem]:
    """One article per line; a bad line is reported and the rest still read."""
    with path.open("rb") as handle:
        for number, raw in enumerate(handle, start=1):
            item = read_jsonl_line(raw, f"{path}:{number}", language=language, max_bytes=max_bytes)
            if item is not None:
                yield item


class UploadRejected(ValueError):
    """An upload that is not JSONL at all, as a whole: nothing of it is worth queueing."""


def jsonl_lines(body: bytes) -> list[bytes]:
    """An upload's lines, split as `read_jsonl_file` splits a file (so line numbers agree).

    Raises `UploadRejected` when no line holds anything, or when the first line that
    does is not a JSON object: a CSV, a JSON array or a pretty-printed document is
    refused whole rather than reported line by line.
    """
    lines = body.split(b"\n")
    if lines and not lines[-1]:
        lines.pop()
    first = next((line for line in lines if line.strip()), None)
    if first is None:
        raise UploadRejected("the upload is empty: expected one JSON object per line")
    try:
        obj = json.loads(first.decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        obj = None
    if not isinstance(obj, dict):
        raise UploadRejected(
            "the upload is not JSONL: its first line must be a JSON object "
            '({"source": ..., "text": ...})'
        )
    return lines


def count_inputs(paths: Iterable[Path]) -> int:
    """How many articles (or problems) `read_articles` will yield, from one pass over the
    JSONL lines without parsing them: a progress bar's total in constant memory."""
    files, problems = expand_paths(paths)
    total = len(problems)
    for path in files:
        if path.suffix == ".jsonl":
            with path.open("rb") as handle:
                total += sum(1 for raw in handle if raw.strip())
        else:
            total += 1
    return total


def read_articles(
    paths: Iterable[Path],
    *,
    source: str | None = None,
    published_at: date | None = None,
    language: str | None = None,
    max_bytes: int,
) -> Iterator[ReadItem]:
    """Every article (or problem) under `paths`, in a stable order."""
    files, problems = expand_paths(paths)
    yield from problems
    for path in files:
        if path.suffix == ".jsonl":
            yield from read_jsonl_file(path, language=language, max_bytes=max_bytes)
        else:
            yield read_text_file(
                path,
                source=source,
                published_at=published_at,
                language=language,
                max_bytes=max_bytes,
            )
