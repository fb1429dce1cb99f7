"""The buyers' page in a real browser (Debian's chromium through Playwright).

Fills the form for the staffing example, gets the advice, makes one choice, downloads the Word
file, checks WCAG 2.1 A/AA with axe-core (bundled in axe-playwright-python, nothing downloaded) and
walks the page by keyboard. Skips with the reason when chromium or the browser packages are absent.
"""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the web extra (fastapi, uvicorn) is not installed")
pytest.importorskip("playwright", reason="playwright (test extra) is not installed")
pytest.importorskip("axe_playwright_python", reason="axe-playwright-python (test extra) is not installed")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
if not Path(CHROMIUM).exists():
    pytest.skip("no chromium on this machine (Debian package 'chromium'; .ci/run installs it)", allow_module_level=True)

import uvicorn  # noqa: E402
from axe_playwright_python.sync_playwright import Axe  # noqa: E402
from docx import Document  # noqa: E402
from playwright.sync_api import Page, expect, sync_playwright  # noqa: E402

from mvoi_criteria.web import create_app  # noqa: E402
from mvoi_criteria.web.form import form_groups, form_values  # noqa: E402
from mvoi_criteria.yamlio import load_document  # noqa: E402

ROOT = Path(__file__).parent.parent
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
MOTIVATION = "De raamovereenkomst regelt de vacatureteksten al centraal."


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def base_url() -> Iterator[str]:
    """The service on a free loopback port, in a thread that is stopped after the tests."""
    port = _free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(200):  # at most 10 s
        if server.started:
            break
        time.sleep(0.05)
    assert server.started, "the server did not start"
    yield f"http://127.0.0.1:{port}/"
    server.should_exit = True
    thread.join(timeout=10)
    assert not thread.is_alive(), "the server did not stop"


@pytest.fixture(scope="module")
def page(base_url: str) -> Iterator[Page]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--headless", "--no-sandbox", "--disable-gpu"]
        )
        context = browser.new_context(accept_downloads=True, locale="nl-NL", viewport={"width": 1100, "height": 900})
        page = context.new_page()
        page.set_default_timeout(20_000)
        yield page
        context.close()
        browser.close()


def _axe_violations(page: Page) -> list[dict[str, Any]]:
    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_21_AA}})
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]]}
        for v in results.response["violations"]
    ]


def _screenshot(page: Page, name: str, tmp_path: Path) -> None:
    folder = Path(os.environ.get("MVOI_SCREENSHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def _focused(page: Page) -> dict[str, Any]:
    return page.evaluate(
        """() => { const e = document.activeElement; const s = getComputedStyle(e);
        return {tag: e.tagName.toLowerCase(), id: e.id, name: e.getAttribute('name') || '', text: (e.innerText || '').trim(),
                outline: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth) || 0, shadow: s.boxShadow}; }"""
    )


def test_empty_form_passes_axe(page: Page, base_url: str, tmp_path: Path) -> None:
    page.goto(base_url)
    expect(page.locator("h1")).to_have_text("Advies inclusief inkopen")
    assert _axe_violations(page) == []
    _screenshot(page, "form", tmp_path)


def test_keyboard_reaches_every_question_with_visible_focus(page: Page, base_url: str) -> None:
    page.goto(base_url)
    page.keyboard.press("Tab")
    first = _focused(page)
    assert first["text"] == "Direct naar de inhoud", "the skip link comes first"
    names: set[str] = set()
    reached_submit = False
    for _ in range(300):  # bounded: the form has far fewer stops
        page.keyboard.press("Tab")
        focused = _focused(page)
        assert focused["outline"] != "none" and focused["outlineWidth"] >= 2, f"focus not visible on {focused}"
        names.add(focused["name"].removesuffix(".onbekend").removesuffix(".keuze"))
        if focused["tag"] == "button" and focused["text"] == "Advies maken":
            reached_submit = True
            break
    expected = {f.name for g in form_groups() for f in g.fields}
    assert expected <= names, f"not reachable by keyboard: {expected - names}"
    assert reached_submit


def _fill(page: Page, data: dict[str, Any]) -> None:
    answers = form_values(data)
    kinds = {f.name: f.kind for g in form_groups() for f in g.fields}
    for name, kind in kinds.items():
        value = answers.get(name, [""])[0]
        if kind == "choice" and value:
            page.check(f"input[name='{name}'][value='{value}']")
        elif kind == "multichoice" and value:
            page.check(f"input[name='{name}'][value='{value}']")
            for group in answers.get(name + ".keuze", []):
                page.check(f"input[name='{name}.keuze'][value='{group}']")
        elif value:
            page.fill(f"[name='{name}']", value)


def test_staffing_example_advice_choice_and_word_download(page: Page, base_url: str, tmp_path: Path) -> None:
    staffing = load_document((ROOT / "examples" / "uitzendkrachten.yaml").read_text(encoding="utf-8")).data
    page.goto(base_url)
    _fill(page, staffing)
    page.focus("#veld-title")
    page.keyboard.press("Enter")  # submitting by keyboard
    heading = page.locator("#advies-titel")
    expect(heading).to_contain_text("Raamovereenkomst uitzendkrachten")
    expect(heading).to_be_focused()  # the script moves focus to the advice
    for theme in ("Representatie", "Toegankelijkheid", "Sociale veiligheid"):
        expect(page.locator("section.theme h3", has_text=theme)).to_be_visible()
    assert _axe_violations(page) == []
    _screenshot(page, "advice", tmp_path)

    first = page.locator("select[id^='keuze-']").first
    cid = (first.get_attribute("id") or "").removeprefix("keuze-")
    first.select_option("weglaten")
    page.fill(f"#motivering-{cid}", MOTIVATION)
    page.click("button[value='toepassen']")
    expect(page.locator(f"#titel-{cid} + .meta")).to_contain_text("door u weggelaten")
    expect(page.locator(".notice")).to_contain_text(MOTIVATION)
    assert _axe_violations(page) == []

    with page.expect_download() as download_info:
        page.click("button[value='docx']")
    saved = tmp_path / "advies.docx"
    download_info.value.save_as(saved)
    document = Document(str(saved))
    texts = [p.text for p in document.paragraphs] + [
        cell.text for table in document.tables for row in table.rows for cell in row.cells
    ]
    assert any(MOTIVATION in text for text in texts)


def test_errors_are_summarised_focused_and_linked(page: Page, base_url: str, tmp_path: Path) -> None:
    page.goto(base_url)
    page.fill("#veld-estimated_value_eur", "heel veel")
    page.click("button.button >> text=Advies maken")
    summary = page.locator("#fouten")
    expect(summary).to_be_focused()
    expect(summary.locator("a")).to_have_count(2)  # the missing title and the value
    summary.locator("a", has_text="opdrachtwaarde").click()
    expect(page.locator("#veld-estimated_value_eur")).to_be_focused()
    assert page.locator("#veld-estimated_value_eur").input_value() == "heel veel"  # nothing typed is lost
    assert _axe_violations(page) == []
    _screenshot(page, "errors", tmp_path)
