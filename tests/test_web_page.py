"""The buyers' page, in-process: the form follows the schema, answers become the profile, choices and downloads work."""

from __future__ import annotations

import io
import re
from html import unescape
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the web extra (fastapi) is not installed")

from docx import Document
from fastapi.testclient import TestClient
from hypothesis import given
from hypothesis import strategies as st

from mvoi_criteria.profile import profile_from_dict
from mvoi_criteria.validation import schema
from mvoi_criteria.web import Settings, create_app
from mvoi_criteria.web.explanations import REASONS_LANG, reasons
from mvoi_criteria.web.form import LABELS, form_groups, form_values, profile_data
from mvoi_criteria.yamlio import load_document

ROOT = Path(__file__).parent.parent
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def _example(name: str) -> dict[str, Any]:
    return load_document((ROOT / "examples" / name).read_text(encoding="utf-8")).data


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app())


class _Page(HTMLParser):
    """Collects what an accessibility review looks at first: ids, labels, controls, links, scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.label_for: set[str] = set()
        self.controls: list[dict[str, str | None]] = []
        self.links: list[str] = []
        self.sources: list[str] = []
        self.html_lang: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.add(a["id"] or "")
        if tag == "html":
            self.html_lang = a.get("lang")
        if tag == "label" and a.get("for"):
            self.label_for.add(a["for"] or "")
        if tag in ("input", "select", "textarea") and a.get("type") != "hidden":
            self.controls.append(a)
        if tag == "a" and a.get("href"):
            self.links.append(a["href"] or "")
        for key in ("src", "href"):
            if tag in ("script", "link", "img") and a.get(key):
                self.sources.append(a[key] or "")


def _parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    return page


def test_every_profile_field_has_a_dutch_label_and_the_schemas_question() -> None:
    profile_schema = schema("tender-profile")
    fields = {f.name: f for g in form_groups() for f in g.fields}
    for name, node in profile_schema["properties"].items():
        if "properties" in node:
            assert name in LABELS
            for sub in node["properties"]:
                assert f"{name}.{sub}" in LABELS, f"no Dutch label for {name}.{sub}"
                assert fields[f"{name}.{sub}"].question, f"no help text for {name}.{sub}"
        elif isinstance(node.get("additionalProperties"), dict):  # ambition: one question per installed theme
            assert name in LABELS
            themed = [f for f in fields.values() if f.name.startswith(f"{name}.")]
            assert themed and all(f.label and f.question for f in themed)
        else:
            assert name in LABELS, f"no Dutch label for {name}"
            assert fields[name].question == node["x-question"]


def test_page_is_dutch_labelled_and_loads_nothing_from_elsewhere(client: TestClient) -> None:
    response = client.get("/")
    assert response.status_code == 200
    page = _parse(response.text)
    assert page.html_lang == "nl"
    assert page.controls
    for control in page.controls:
        assert control.get("id") in page.label_for, f"control without a label: {control}"
    assert all(not re.match(r"^(https?:)?//", source) for source in page.sources), page.sources
    assert "#inhoud" in page.links and "inhoud" in page.ids  # the skip link has a target


def test_every_optional_question_offers_weet_ik_niet(client: TestClient) -> None:
    html = client.get("/").text
    for group in form_groups():
        for field in group.fields:
            if not field.required:
                assert f'id="{field.id}-onbekend"' in html, field.name


@pytest.mark.parametrize("example", [p.name for p in EXAMPLES])
def test_form_answers_give_back_the_example_profile(example: str) -> None:
    data = _example(example)
    rebuilt, problems = profile_data(form_values(data))
    assert problems == []
    assert rebuilt == data


@given(st.sets(st.sampled_from([f.name for g in form_groups() for f in g.fields if not f.required])))
def test_weet_ik_niet_leaves_the_field_out(unknown: set[str]) -> None:
    kinds = {f.name: f.kind for g in form_groups() for f in g.fields}
    answers = form_values(_example("uitzendkrachten.yaml"))
    for name in unknown:
        answers.pop(name + ".keuze", None)
        if kinds[name] in ("choice", "multichoice"):
            answers[name] = ["onbekend"]  # the radio button "Weet ik niet"
        else:
            answers[name] = [""]
            answers[name + ".onbekend"] = ["1"]  # the checkbox "Weet ik niet"
    data, problems = profile_data(answers)
    assert problems == []
    for name in unknown:
        head, _, tail = name.partition(".")
        assert (tail or head) not in (data.get(head, {}) if tail else data)


def test_typed_value_and_weet_ik_niet_together_is_an_error() -> None:
    _, problems = profile_data({"title": ["X"], "duration_months": ["48"], "duration_months.onbekend": ["1"]})
    assert [p.path for p in problems] == ["$.duration_months"]


def test_dutch_number_formats_are_understood() -> None:
    data, problems = profile_data({"title": ["X"], "estimated_value_eur": ["€ 80.000.000"], "duration_months": ["48"]})
    assert problems == [] and data["estimated_value_eur"] == 80_000_000 and data["duration_months"] == 48


def test_wrong_answers_get_an_error_summary_linked_to_the_fields(client: TestClient) -> None:
    response = client.post(
        "/advies", data={"title": "", "estimated_value_eur": "veel", "personnel.vulnerable_groups": "ja"}
    )
    assert response.status_code == 422
    page = _parse(response.text)
    targets = re.findall(r'<li><a href="#([^"]+)">', response.text)
    assert targets == ["veld-title", "veld-estimated_value_eur", "veld-personnel-vulnerable_groups"]
    assert all(t in page.ids for t in targets)
    assert 'aria-invalid="true"' in response.text and response.text.count("<title>Fout: ") == 1
    assert 'value="veel"' in response.text  # what the buyer typed is kept


def test_advice_appears_per_theme_with_open_questions(client: TestClient) -> None:
    data = _example("jeugdhulp-onbekend.yaml")
    response = client.post("/advies", data=form_values(data))
    assert response.status_code == 200
    html = response.text
    for theme in ("Representatie", "Toegankelijkheid", "Sociale veiligheid"):
        assert f">{theme}</h3>" in html
    assert "Open vragen" in html
    page = _parse(html)
    questions = re.findall(r'<li><a href="#(veld-[^"]+)">', html)
    assert questions and all(q in page.ids for q in questions)


def _first_choice(html: str) -> str:
    """The criterion of the first choice on the advice page."""
    found = re.search(r'<select id="keuze-([^"]+)"', html)
    assert found
    return found[1]


def _advised(client: TestClient, example: str) -> tuple[str, dict[str, list[str]]]:
    html = client.post("/advies", data=form_values(_example(example))).text
    profile = re.search(r'name="profiel" value="([^"]*)"', html)
    assert profile
    return html, {"profiel": [unescape(profile[1])]}


def test_a_deselect_with_motivation_is_applied_and_shown(client: TestClient) -> None:
    html, form = _advised(client, "uitzendkrachten.yaml")
    cid = _first_choice(html)
    form |= {f"keuze.{cid}": ["weglaten"], f"motivering.{cid}": ["Al in de raamovereenkomst"]}
    response = client.post("/keuzes", data={**form, "actie": "toepassen"})
    assert response.status_code == 200
    assert "door u weggelaten" in response.text and "Al in de raamovereenkomst" in response.text


def test_a_change_without_motivation_is_refused_at_the_motivation(client: TestClient) -> None:
    html, form = _advised(client, "uitzendkrachten.yaml")
    cid = _first_choice(html)
    form |= {f"keuze.{cid}": ["weglaten"], f"motivering.{cid}": [""], "actie": ["toepassen"]}
    response = client.post("/keuzes", data=form)
    assert response.status_code == 422
    assert f'<a href="#motivering-{cid}">' in response.text


def test_word_download_carries_the_choice(client: TestClient) -> None:
    html, form = _advised(client, "uitzendkrachten.yaml")
    cid = _first_choice(html)
    form |= {f"keuze.{cid}": ["weglaten"], f"motivering.{cid}": ["Staat al in het contract"]}
    response = client.post("/keuzes", data={**form, "actie": "docx"})
    assert response.status_code == 200 and "attachment" in response.headers["content-disposition"]
    document = Document(io.BytesIO(response.content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert any("Staat al in het contract" in text for text in [*(p.text for p in document.paragraphs), *cells])


def test_eforms_download_refuses_a_price_weight_that_does_not_fit(client: TestClient) -> None:
    _, form = _advised(client, "uitzendkrachten.yaml")
    refused = client.post("/keuzes", data={**form, "actie": "eforms", "prijsweging": "50"})
    assert refused.status_code == 422 and '<a href="#prijsweging">' in refused.text
    accepted = client.post("/keuzes", data={**form, "actie": "eforms", "prijsweging": "85"})
    assert accepted.status_code == 200 and '"BT-754-Lot": "inc"' in accepted.text


def test_markdown_download(client: TestClient) -> None:
    _, form = _advised(client, "uitzendkrachten.yaml")
    response = client.post("/keuzes", data={**form, "actie": "md"})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/markdown")


def test_static_files_are_served_by_the_package(client: TestClient) -> None:
    assert client.get("/static/site.css").status_code == 200
    assert client.get("/static/site.js").status_code == 200


def test_ticked_items_are_kept_even_without_choosing_yes() -> None:
    data, problems = profile_data({"title": ["X"], "categories": ["onbekend"], "categories.keuze": ["schoonmaak"]})
    assert problems == [] and data["categories"] == ["schoonmaak"]


def test_none_and_ticked_items_together_is_an_error() -> None:
    _, problems = profile_data({"title": ["X"], "categories": ["nee"], "categories.keuze": ["schoonmaak"]})
    assert [p.path for p in problems] == ["$.categories"]


def test_reasons_are_shown_and_marked_with_their_language(client: TestClient) -> None:
    html, _ = _advised(client, "uitzendkrachten.yaml")
    assert f'<ul class="reasons" lang="{REASONS_LANG}">' in html
    shown = reasons(
        create_app().state.engine.advise(profile_from_dict(_example("uitzendkrachten.yaml"))), "sv-gedragscode"
    )
    assert shown
    if REASONS_LANG == "nl":  # plain Dutch from mvoi_criteria.explain: no engine notation
        assert not any("holds" in r or "derived." in r for r in shown)


def test_slow_advice_gives_a_page_with_the_answers_kept() -> None:
    impatient = TestClient(create_app(Settings(request_timeout_s=1e-9)))
    response = impatient.post("/advies", data={"title": "Schoonmaak"})
    assert response.status_code == 503
    assert "duurde te lang" in response.text and 'value="Schoonmaak"' in response.text


def test_absurdly_large_numbers_are_a_form_error_not_a_crash(client: TestClient) -> None:
    response = client.post("/advies", data={"title": "X", "estimated_value_eur": "1e30"})
    assert response.status_code == 422 and '<a href="#veld-estimated_value_eur">' in response.text


def test_a_tampered_profile_field_is_refused_politely(client: TestClient) -> None:
    response = client.post("/keuzes", data={"profiel": '{"title": "X", "duration_months": 1e40}', "actie": "md"})
    assert response.status_code == 422 and "niet meegekomen" in response.text
