"""Commands over the stored corpus: `ingest`, `rescore`, `recluster`, `conflicts`, `export`."""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from contextlib import ExitStack, contextmanager
from datetime import date
from pathlib import Path
from types import ModuleType
from typing import Annotated

import typer
from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker
from tqdm import tqdm

from claims.clean import printable
from claims.model import SUPPORTED_LANGUAGES, ClaimSlots
from service.cli.common import CliError, DbOption, open_database, settings_for
from service.config import Settings
from service.jobs.ingest import IngestOne, IngestSummary, ingest_items
from service.jobs.reconcile import ReconcileStage
from service.jobs.reconcile import rescore as rescore_relations
from service.jobs.reread import reread_claims
from service.readers import ReadItem, SourcedArticle, count_inputs, parse_date, read_articles
from service.runtime import Runtime
from store.clusters import recluster_all
from store.conflicts import conflict_queue, count_conflicts_of_articles
from store.db import lock_store_for_writing, make_session_factory, unit_of_work
from store.export import export_document
from store.stats import store_totals

# Below this many articles a progress bar is noise.
_PROGRESS_MIN_ITEMS = 6
# Exit status of a run that did its work but had to leave some input out.
EXIT_REJECTED = 1

app = typer.Typer()

RayOption = Annotated[
    bool,
    typer.Option(
        "--ray",
        help="Fan the work out as Ray tasks (needs the [ray] extra); without "
        "--ray-address, on a local Ray started on this machine's cores.",
    ),
]
RayAddressOption = Annotated[
    str | None,
    typer.Option(
        "--ray-address",
        metavar="ADDRESS",
        help="The Ray cluster to run on (implies --ray), e.g. auto or ray://head:10001.",
    ),
]


@contextmanager
def on_ray(ray: bool, address: str | None) -> Iterator[ModuleType | None]:
    """`service.jobs.ray_tasks` with Ray joined (or started) for the block, when asked
    for by --ray or --ray-address, else None: only then is Ray imported."""
    if not ray and address is None:
        yield None
        return
    try:
        from service.jobs import ray_tasks
    except ImportError as exc:
        raise CliError(f"--ray needs Ray: pip install 'claimcheck[ray]' ({exc})") from None
    started = ray_tasks.connect(address)
    try:
        yield ray_tasks
    finally:
        if started:
            ray_tasks.disconnect()


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
    ray: RayOption = False,
    ray_address: RayAddressOption = None,
    db: DbOption = None,
) -> None:
    """Ingest articles; the same article twice is stored once.

    With --ray, articles are analysed and embedded as Ray tasks (a local Ray on this
    machine's cores, or the cluster at --ray-address); storing, relating and clustering
    stay here, one transaction per article, so the store is the one a plain run makes.

    Every input that cannot become an article is reported on stderr as FILE:LINE:
    reason, and the rest still goes in (each article in a savepoint of its own).

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
    # Read lazily: a large JSONL streams through in constant memory (Ray excepted, which
    # hands its tasks every article up front).
    items = read_articles(
        paths,
        source=source,
        published_at=_published(published),
        language=lang,
        max_bytes=settings.max_article_bytes,
    )
    total = count_inputs(paths)
    runtime = Runtime(settings)
    factory = make_session_factory(engine)
    ingest_one = None
    with on_ray(ray, ray_address) as ray_tasks:
        if ray_tasks is not None:
            items = list(items)
            articles = [item.article for item in items if isinstance(item, SourcedArticle)]
            ingest_one, stage = ray_tasks.ray_ingest(
                articles, runtime=runtime, session_factory=factory
            )
        else:
            with factory() as session:
                stage = runtime.reconcile_stage(session)
        summary = _ingest_with_bar(items, total, factory, settings, stage, ingest_one)
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


def _ingest_with_bar(
    items: Iterable[ReadItem],
    total: int,
    factory: sessionmaker[Session],
    settings: Settings,
    stage: ReconcileStage,
    ingest_one: IngestOne | None,
) -> IngestSummary:
    with tqdm(
        total=total,
        desc="ingest",
        unit="article",
        disable=total < _PROGRESS_MIN_ITEMS,
    ) as bar:
        return ingest_items(
            items,
            session_factory=factory,
            max_bytes=settings.max_article_bytes,
            stage=stage,
            progress=bar.update,
            ingest_one=ingest_one,
        )


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
    ray: RayOption = False,
    ray_address: RayAddressOption = None,
    db: DbOption = None,
) -> None:
    """Read every stored claim again with the current extractor, then relate every claim
    to its candidates again after a new relation model or reading: new pairs are
    related, relations of another scorer version or of a claim read otherwise are
    re-scored, clusters recomputed.

    With --ray the pairs are scored as Ray tasks; reading, candidates, writes and
    clusters stay here, one transaction per batch."""
    settings = settings_for(db)
    factory = make_session_factory(open_database(settings))
    runtime = Runtime(settings)
    with factory() as session:
        index = runtime.index(session)
    # The bar opens once the total is known: one opened before shows "0item" and no total.
    with on_ray(ray or ray_address is not None, ray_address), ExitStack() as bars:
        bar: list[tqdm] = []
        scorer = runtime.scorer
        if ray or ray_address is not None:
            from service.jobs.ray_tasks import RayScorer

            scorer = RayScorer(scorer, settings.relation_model)

        def planned(total: int) -> None:
            bar.append(bars.enter_context(tqdm(desc="rescore", unit="item", total=total)))

        with factory() as session:
            articles = store_totals(session=session).articles
        with tqdm(desc="re-read", unit="article", total=articles) as reading:
            reread = reread_claims(
                session_factory=factory,
                embedder=runtime.embedder,
                index=index,
                progress=reading.update,
            )
        summary = rescore_relations(
            session_factory=factory,
            scorer=scorer,
            index=index,
            everything=everything,
            changed_claims=reread.changed,
            progress=lambda done: bar[0].update(done),
            planned=planned,
        )
    typer.echo(reread.line())
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
        lock_store_for_writing(session)
        summary = recluster_all(session)
    typer.echo(summary.line())
