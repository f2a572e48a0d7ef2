"""Commands over the stored corpus: `ingest`, `rescore`, `recluster`, `conflicts`, `export`."""

from __future__ import annotations

import json
from contextlib import ExitStack
from datetime import date
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy import Engine
from tqdm import tqdm

from claims.clean import printable
from claims.model import SUPPORTED_LANGUAGES, ClaimSlots
from service.cli.common import CliError, DbOption, open_database, settings_for
from service.jobs.ingest import ingest_items
from service.jobs.reconcile import rescore as rescore_relations
from service.readers import parse_date, read_articles
from service.runtime import Runtime
from store.clusters import recluster_all
from store.conflicts import conflict_queue, count_conflicts_of_articles
from store.db import make_session_factory, unit_of_work
from store.export import export_document
from store.stats import store_totals

# Below this many articles a progress bar is noise.
_PROGRESS_MIN_ITEMS = 6
# Exit status of a run that did its work but had to leave some input out.
EXIT_REJECTED = 1

app = typer.Typer()


def _published(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return parse_date(value)
    except ValueError as exc:
        raise CliError(str(exc)) from None


@app.command()
def ingest(
    paths: Annotated[
        list[Path], typer.Argument(help=".txt / .html / .jsonl files or directories.")
    ],
    source: Annotated[str | None, typer.Option(help="Source name for .txt files.")] = None,
    published: Annotated[
        str | None, typer.Option(help="Publication date YYYY-MM-DD for .txt files.")
    ] = None,
    lang: Annotated[str | None, typer.Option(help="Language if known: ar, en or fr.")] = None,
    show_conflicts: Annotated[
        bool, typer.Option("--show-conflicts", help="Print the conflict queue afterwards.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Ingest articles; the same article twice is stored once.

    Every input that cannot become an article is reported on stderr as FILE:LINE:
    reason, and the rest still goes in (one transaction per article).

    \b
    Exit status:
      0  everything read was stored, or was there already
      1  some input was rejected (see stderr); the rest was stored
      2  nothing could run (bad option, unreadable database)
    """
    if lang is not None and lang not in SUPPORTED_LANGUAGES:
        raise CliError(f"--lang must be one of {', '.join(SUPPORTED_LANGUAGES)}, not {lang!r}")
    settings = settings_for(db)
    engine = open_database(settings)
    items = list(
        read_articles(
            paths,
            source=source,
            published_at=_published(published),
            language=lang,
            max_bytes=settings.max_article_bytes,
        )
    )
    runtime = Runtime(settings)
    factory = make_session_factory(engine)
    with factory() as session:
        stage = runtime.reconcile_stage(session)
    with tqdm(
        total=len(items),
        desc="ingest",
        unit="article",
        disable=len(items) < _PROGRESS_MIN_ITEMS,
    ) as bar:
        summary = ingest_items(
            items,
            session_factory=factory,
            max_bytes=settings.max_article_bytes,
            stage=stage,
            progress=bar.update,
        )
    stage.save()
    for problem in summary.problems:
        typer.secho(printable(f"rejected {problem}"), fg=typer.colors.YELLOW, err=True)
    with unit_of_work(factory) as session:
        opened = count_conflicts_of_articles(session=session, article_ids=summary.new_article_ids)
    typer.echo(f"this run: {summary.line()}; conflicts: {opened} opened")
    if stage.cost["claims"]:
        typer.echo(
            f"relate: {stage.cost['pairs']} candidate pairs scored for {stage.cost['claims']} "
            f"new claims ({stage.cost['pairs'] / stage.cost['claims']:.1f} per claim)"
        )
    if show_conflicts:
        print_conflicts(engine, limit=50)
    else:
        print_store(engine)
    if summary.rejected:
        raise typer.Exit(EXIT_REJECTED)


def print_store(engine: Engine) -> None:
    with unit_of_work(make_session_factory(engine)) as session:
        typer.echo(f"in the store: {store_totals(session=session).line()}")


def print_conflicts(engine: Engine, *, limit: int, offset: int = 0) -> None:
    print_store(engine)
    with unit_of_work(make_session_factory(engine)) as session:
        page = conflict_queue(session=session, status="open", limit=limit, offset=offset)
        if page.total == 0:
            typer.echo("no open conflicts")
            return
        typer.echo(f"open conflicts {offset + 1}-{offset + len(page.items)} of {page.total}:")
        # Stored text is the sources' own: nothing in it may drive the reviewer's terminal.
        for conflict in page.items:
            relation = conflict.relation
            kinds = ", ".join(relation.conflict_types) or "unspecified"
            typer.echo(f"\n#{conflict.id}  priority {conflict.priority:.2f}  [{printable(kinds)}]")
            for label, claim in (("A", relation.claim_a), ("B", relation.claim_b)):
                source = printable(claim.article.source.name)
                typer.echo(f"  {label} ({source}): {printable(claim.text)}")
                refers_to = ClaimSlots.from_dict(claim.slots).refers_to
                if refers_to:
                    typer.echo(f"     (refers to: {printable(refers_to)})")
            typer.echo(f"  why: {printable(relation.explanation)}")


@app.command()
def rescore(
    everything: Annotated[
        bool, typer.Option("--all", help="Re-score every relation, not only stale ones.")
    ] = False,
    db: DbOption = None,
) -> None:
    """Relate every claim to its candidates again after a new relation model: new pairs
    are related, relations of another scorer version re-scored, clusters recomputed."""
    settings = settings_for(db)
    factory = make_session_factory(open_database(settings))
    runtime = Runtime(settings)
    with factory() as session:
        index = runtime.index(session)
    # The bar opens once the total is known: one opened before shows "0item" and no total.
    with ExitStack() as bars:
        bar: list[tqdm] = []

        def planned(total: int) -> None:
            bar.append(bars.enter_context(tqdm(desc="rescore", unit="item", total=total)))

        summary = rescore_relations(
            session_factory=factory,
            scorer=runtime.scorer,
            index=index,
            everything=everything,
            progress=lambda done: bar[0].update(done),
            planned=planned,
        )
    typer.echo(summary.line())


@app.command()
def conflicts(
    limit: Annotated[int, typer.Option(min=1, max=500, help="How many to show.")] = 20,
    offset: Annotated[int, typer.Option(min=0, help="Skip this many.")] = 0,
    db: DbOption = None,
) -> None:
    """Print the open conflict queue, most important first."""
    print_conflicts(open_database(settings_for(db)), limit=limit, offset=offset)


@app.command()
def export(
    out: Annotated[Path | None, typer.Option(help="Write here instead of standard output.")] = None,
    db: DbOption = None,
) -> None:
    """Write articles, claims, clusters and relations as one JSON document."""
    engine = open_database(settings_for(db))
    with unit_of_work(make_session_factory(engine)) as session:
        document = export_document(session=session)
    payload = json.dumps(document, ensure_ascii=False, indent=2)
    if out is None:
        typer.echo(payload)
    else:
        out.write_text(payload + "\n", encoding="utf-8")
        typer.echo(
            f"wrote {out}: {len(document['articles'])} articles, {len(document['claims'])} claims"
        )


@app.command()
def recluster(db: DbOption = None) -> None:
    """Recompute every cluster from the stored relations (the same clusters incremental
    ingestion gives)."""
    factory = make_session_factory(open_database(settings_for(db)))
    with unit_of_work(factory) as session:
        summary = recluster_all(session)
    typer.echo(summary.line())
