"""The desk in a real browser (Debian's headless Chromium through Playwright): a reviewer
signs in, moves to the conflict a newsroom's article just opened and opens it, sees both
claims without scrolling, assigns it and confirms it, with the keyboard alone. And /docs
renders with every request to the internet blocked.

The server is uvicorn in a thread on a free local port, over the seed articles ingested
with the real models. Set CLAIMCHECK_SCREENSHOT_DIR to keep screenshots of the queue
and the conflict page (docs/queue-page.png and docs/conflict-page.png were made so).
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest
import uvicorn

from service.api.app import create_app
from service.config import Settings
from service.jobs.ingest import ingest_items
from service.readers import read_articles
from service.runtime import Runtime
from store.db import make_engine, make_session_factory, unit_of_work
from store.migrations import upgrade
from store.users import create_user, issue_api_key

pytestmark = pytest.mark.browser

CHROMIUM = Path(os.environ.get("CLAIMCHECK_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
VIEWPORT = {"width": 1280, "height": 800}
# The newsroom's report disagreeing with seed 002 ("نشرت روسيا 100 جندي في بوركينا فاسو").
SAHARA_WIRE = {
    "source": "Sahara Wire",
    "url": "https://sahara-wire.example/2024/05/20/burkina",
    "title": "Russian troops in Burkina Faso",
    "published_at": "2024-05-20",
    "language": "en",
    "text": "Russia deployed about 300 soldiers to Burkina Faso in January, the first "
    "large deployment of Russian troops in the country.",
}


@dataclass(frozen=True)
class Desk:
    url: str
    reviewer_key: str
    editor_key: str


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def desk(tmp_path_factory: pytest.TempPathFactory, seeds_dir: Path) -> Iterator[Desk]:
    data = tmp_path_factory.mktemp("desk")
    settings = Settings(data_dir=data, database_url=f"sqlite:///{data / 'desk.db'}")
    engine = make_engine(settings.database_url)
    upgrade(engine)
    factory = make_session_factory(engine)
    runtime = Runtime(settings)
    with factory() as session:
        stage = runtime.reconcile_stage(session)
    ingest_items(
        read_articles([seeds_dir], max_bytes=settings.max_article_bytes),
        session_factory=factory,
        max_bytes=settings.max_article_bytes,
        stage=stage,
    )
    stage.save()
    with unit_of_work(factory) as session:
        reviewer = issue_api_key(session=session, user=create_user(session=session, name="amina"))
        editor = issue_api_key(
            session=session, user=create_user(session=session, name="nadia", role="editor")
        )
    engine.dispose()

    app = create_app(settings)
    app.state.runtime.set(embedder=runtime.embedder, scorer=runtime.scorer)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        assert time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield Desk(f"http://127.0.0.1:{port}", reviewer.key, editor.key)
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.fail(
            f"no Chromium at {CHROMIUM}: `make setup` installs Debian's chromium "
            "(apt-get install chromium); browser tests never download one"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, desk: Desk):
    context = browser.new_context(viewport=VIEWPORT, base_url=desk.url)
    # Nothing may leave the machine: every request to another host fails the test.
    foreign: list[str] = []

    def guard(route) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            route.continue_()
        else:
            foreign.append(route.request.url)
            route.abort()

    context.route("**/*", guard)
    tab = context.new_page()
    yield tab
    context.close()
    assert foreign == []


def test_a_reviewer_confirms_a_new_conflict_with_the_keyboard(page, desk: Desk) -> None:
    posted = httpx.post(
        f"{desk.url}/articles",
        json=SAHARA_WIRE,
        headers={"Authorization": f"Bearer {desk.editor_key}"},
        timeout=60,
    )
    assert posted.status_code == 201, posted.text
    [conflict] = [
        c for c in posted.json()["conflicts"] if "quantity" in c["relation"]["conflict_types"]
    ]

    page.goto("/")
    assert page.url.endswith("/ui/login?next=/")
    page.fill("input[name=api_key]", desk.reviewer_key)
    page.click("button[type=submit] >> text=Sign in")
    page.wait_for_url(f"{desk.url}/")
    if screenshots := os.environ.get("CLAIMCHECK_SCREENSHOT_DIR"):
        page.screenshot(path=str(Path(screenshots) / "queue-page.png"))
    link = page.locator(f'a.conflict-link[href="/ui/conflicts/{conflict["id"]}"]')
    assert link.is_visible()
    # To the conflict by keyboard: j down to the last item, k back up to it, Enter opens.
    items = page.locator("[data-queue-item]")
    count = items.count()
    target = next(k for k in range(count) if items.nth(k).locator(link).count())
    for _ in range(count):
        page.keyboard.press("j")
    assert "selected" in items.nth(count - 1).get_attribute("class")
    for _ in range(count - 1 - target):
        page.keyboard.press("k")
    assert "selected" in items.nth(target).get_attribute("class")
    page.keyboard.press("Enter")
    page.wait_for_url(f"**/ui/conflicts/{conflict['id']}")

    # Both claims, their sources and the differing quantities, before any scrolling.
    for side, source, differs in (("A", None, "100"), ("B", "Sahara Wire", "about 300")):
        claim = page.locator(f"#side-{side} .claim-text")
        box = claim.bounding_box()
        assert box["y"] >= 0 and box["y"] + box["height"] <= VIEWPORT["height"], side
        assert differs in claim.locator("mark.diff").inner_text()
        if source:
            assert page.locator(f"#side-{side} > header .source").inner_text() == source
    assert page.locator("#side-A .claim-text").get_attribute("dir") == "rtl"
    if screenshots:
        page.screenshot(path=str(Path(screenshots) / "conflict-page.png"))

    page.keyboard.press("a")
    page.wait_for_selector(".assignee >> text=assigned to amina")
    page.fill("textarea[name=note]", "The ministry gives 100; Sahara Wire rounds up.")
    page.keyboard.press("Escape")
    page.keyboard.press("c")
    page.wait_for_url("**?saved=*")
    assert "Saved: confirmed by amina" in page.locator("[role=status]").inner_text()
    history = page.locator(".history").inner_text()
    assert "assigned to amina" in history and "confirmed" in history
    assert "The ministry gives 100" in history

    page.goto("/")
    assert page.locator(f'a.conflict-link[href="/ui/conflicts/{conflict["id"]}"]').count() == 0
    confirmed_tab = page.locator(".tabs a", has_text="confirmed")
    assert confirmed_tab.locator(".count").inner_text() == "1"
    page.keyboard.press("?")
    assert page.locator("#shortcuts").is_visible()


def test_api_docs_render_with_the_internet_blocked(page, desk: Desk) -> None:
    page.goto("/docs")
    page.wait_for_selector(".swagger-ui .info .title")
    assert "claimcheck" in page.locator(".swagger-ui .info .title").inner_text()
    assert page.locator(".opblock-summary-path", has_text="/articles").count() >= 1
    page.goto("/redoc")
    page.wait_for_selector("h1 >> text=claimcheck")
