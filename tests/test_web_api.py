"""The HTTP JSON API, in-process: the same answers and the same problems as the CLI."""

from __future__ import annotations

import io
import json
import logging
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi", reason="the web extra (fastapi) is not installed")

from click.testing import CliRunner
from docx import Document
from fastapi.testclient import TestClient
from jsonschema import Draft202012Validator

from mvoi_criteria.cli import main
from mvoi_criteria.validation import schema
from mvoi_criteria.web import Settings, api, create_app
from mvoi_criteria.web.openapi import LIBRARY_SCHEMAS, openapi_document
from mvoi_criteria.web.problems import negotiate_language
from mvoi_criteria.yamlio import load_document

ROOT = Path(__file__).parent.parent
STAFFING = ROOT / "examples" / "uitzendkrachten.yaml"


@pytest.fixture(scope="module")
def client() -> TestClient:
    return TestClient(create_app())


@pytest.fixture(scope="module")
def staffing() -> dict[str, Any]:
    return load_document(STAFFING.read_text(encoding="utf-8")).data


@pytest.fixture(scope="module")
def clause(client: TestClient, staffing: dict[str, Any]) -> str:
    """A contract clause the staffing advice applies: one a buyer may leave out."""
    advice = client.post("/api/v1/advise", json=staffing).json()
    return next(c["id"] for t in advice["themes"] for c in t["criteria"] if c["kind"] == "contractbepaling")


@pytest.fixture(scope="module")
def without_level(client: TestClient, staffing: dict[str, Any]) -> str:
    """An applied criterion that asks the bidder for no document, so it has no ask level to change."""
    advice = client.post("/api/v1/advise", json=staffing).json()
    return next(c["id"] for t in advice["themes"] for c in t["criteria"] if c["ask_level"] is None)


def test_advise_returns_exactly_the_cli_json(client: TestClient, staffing: dict[str, Any]) -> None:
    cli = CliRunner().invoke(main, ["advise", str(STAFFING), "--format", "json"])
    assert cli.exit_code == 0, cli.output
    response = client.post("/api/v1/advise", json=staffing)
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/json")
    assert response.text == cli.stdout


def test_bad_profile_gets_problem_details_with_json_paths(client: TestClient) -> None:
    bad = {"title": "X", "procurement_kind": "werk", "personnel": {"at_municipal_sitse": True}}
    response = client.post("/api/v1/advise", json=bad)
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == 422 and body["type"].startswith("urn:mvoi-criteria:problem:")
    assert [e["path"] for e in body["errors"]] == ["$.personnel", "$.procurement_kind"]


def test_english_messages_are_the_clis_own(client: TestClient, tmp_path: Path) -> None:
    bad = {"title": "X", "procurement_kind": "werk", "estimated_value_eur": -5}
    profile = tmp_path / "bad.json"
    profile.write_text(json.dumps(bad), encoding="utf-8")
    cli = CliRunner().invoke(main, ["validate", str(profile)])
    assert cli.exit_code == 2
    response = client.post("/api/v1/validate", json=bad, headers={"Accept-Language": "en-GB,en;q=0.9,nl;q=0.5"})
    assert response.status_code == 422
    assert response.headers["content-language"] == "en"
    for error in response.json()["errors"]:
        assert f"{error['path']}: {error['message']}" in cli.output


def test_dutch_messages_by_default_with_the_same_paths(client: TestClient) -> None:
    bad = {"title": "X", "procurement_kind": "werk", "estimated_value_eur": -5}
    dutch = client.post("/api/v1/validate", json=bad).json()
    english = client.post("/api/v1/validate", json=bad, headers={"Accept-Language": "en"}).json()
    assert dutch["title"] == "Het aanbestedingsprofiel klopt niet"
    assert [e["path"] for e in dutch["errors"]] == [e["path"] for e in english["errors"]]
    messages = " ".join(e["message"] for e in dutch["errors"])
    assert "te klein" in messages and "kies uit" in messages
    assert "is not one of" not in messages


@pytest.mark.parametrize(
    ("header", "expected"),
    [(None, "nl"), ("", "nl"), ("en", "en"), ("en-US,en;q=0.9", "en"), ("de,en;q=0.5,nl;q=0.8", "nl"), ("fr", "nl")],
)
def test_language_follows_the_clients_preference(header: str | None, expected: str) -> None:
    assert negotiate_language(header) == expected


def test_body_that_is_not_json_is_bad_input(client: TestClient) -> None:
    response = client.post("/api/v1/advise", content=b"{title: ", headers={"content-type": "application/json"})
    assert response.status_code == 422
    assert response.json()["errors"][0]["path"] == "$"


def test_valid_profile_validates(client: TestClient, staffing: dict[str, Any]) -> None:
    response = client.post("/api/v1/validate", json=staffing)
    assert response.json() == {"valid": True, "title": staffing["title"]}


def test_draft_docx_opens_in_word_with_the_choice_applied(
    client: TestClient, staffing: dict[str, Any], clause: str
) -> None:
    choice = {"criterion": clause, "action": "deselect", "motivation": "Al geregeld in de raamovereenkomst"}
    response = client.post("/api/v1/draft?format=docx", json={"profile": staffing, "choices": [choice]})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response.headers["content-disposition"]
    document = Document(io.BytesIO(response.content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    text = "\n".join([*(p.text for p in document.paragraphs), *cells])
    assert "Al geregeld in de raamovereenkomst" in text


def test_draft_markdown_is_the_library_rendering(client: TestClient, staffing: dict[str, Any]) -> None:
    response = client.post("/api/v1/draft?format=md", json={"profile": staffing})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/markdown")
    assert "Raamovereenkomst uitzendkrachten" in response.text


def test_draft_eforms_refuses_weights_that_do_not_add_up(client: TestClient, staffing: dict[str, Any]) -> None:
    refused = client.post("/api/v1/draft?format=eforms", json={"profile": staffing, "price_weight": 50})
    assert refused.status_code == 422
    [error] = refused.json()["errors"]
    assert error["path"].endswith("ND-LotAwardCriterion") and "100%" in error["message"]
    accepted = client.post("/api/v1/draft?format=eforms", json={"profile": staffing, "price_weight": 85})
    assert accepted.status_code == 200
    assert '"BT-754-Lot": "inc"' in accepted.text


def test_refused_choice_points_at_the_choice(client: TestClient, staffing: dict[str, Any], without_level: str) -> None:
    choice = {"criterion": without_level, "action": "ask_level", "value": "visie", "motivation": "minder"}
    response = client.post("/api/v1/draft", json={"profile": staffing, "choices": [choice]})
    assert response.status_code == 422
    [error] = response.json()["errors"]
    assert error["path"] == "$.choices[0].value"
    assert without_level in error["message"]


def test_profile_problems_in_a_draft_are_under_profile(client: TestClient) -> None:
    response = client.post("/api/v1/draft?format=md", json={"profile": {"title": "X", "used_by": "iedereen"}})
    assert response.status_code == 422
    assert [e["path"] for e in response.json()["errors"]] == ["$.profile.used_by"]


def test_unknown_draft_format_is_bad_input(client: TestClient, staffing: dict[str, Any]) -> None:
    response = client.post("/api/v1/draft?format=pdf", json={"profile": staffing})
    assert response.status_code == 422 and response.json()["errors"][0]["path"] == "format"


def test_oversized_body_is_refused_with_413(staffing: dict[str, Any]) -> None:
    small = TestClient(create_app(Settings(max_body_bytes=100)))
    response = small.post("/api/v1/advise", json=staffing)
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"


def test_slow_work_is_cut_off_with_503(staffing: dict[str, Any]) -> None:
    impatient = TestClient(create_app(Settings(request_timeout_s=1e-9)))
    response = impatient.post("/api/v1/advise", json=staffing)
    assert response.status_code == 503
    assert response.headers["retry-after"]


def test_access_log_has_no_profile_content(
    client: TestClient, staffing: dict[str, Any], caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="mvoi_criteria.web.access"):
        client.post("/api/v1/advise", json=staffing)
    [line] = [r.getMessage() for r in caplog.records if r.name == "mvoi_criteria.web.access"]
    entry = json.loads(line)
    assert entry["path"] == "/api/v1/advise" and entry["status"] == 200 and entry["bytes_in"] > 0
    assert staffing["title"] not in line and "uitzend" not in line


def test_packs_lists_the_installed_packs(client: TestClient) -> None:
    cli = json.loads(CliRunner().invoke(main, ["packs", "--json"]).stdout)
    listed = client.get("/api/v1/packs").json()
    assert [p["id"] for p in listed["packs"]] == [p["id"] for p in cli["packs"]]


@pytest.mark.parametrize("name", LIBRARY_SCHEMAS)
def test_schemas_are_served_as_shipped(client: TestClient, name: str) -> None:
    assert client.get(f"/api/v1/schemas/{name}").json() == schema(name)


def test_unknown_schema_is_404_problem(client: TestClient) -> None:
    response = client.get("/api/v1/schemas/secrets")
    assert response.status_code == 404 and response.headers["content-type"] == "application/problem+json"


def test_health(client: TestClient) -> None:
    assert client.get("/healthz").json()["status"] == "ok"


def test_openapi_bodies_are_the_library_schemas(client: TestClient) -> None:
    document = client.get("/openapi.json").json()
    assert document == openapi_document()
    components = document["components"]["schemas"]
    advise_body = document["paths"]["/api/v1/advise"]["post"]["requestBody"]["content"]["application/json"]
    assert advise_body["schema"] == {"$ref": "#/components/schemas/tender-profile"}
    shipped = schema("tender-profile")
    assert components["tender-profile"]["properties"]["title"] == shipped["properties"]["title"]
    assert set(components["tender-profile"]["properties"]) == set(shipped["properties"])
    assert components["tender-profile.ambition"] == shipped["$defs"]["ambition"]


def test_openapi_references_all_resolve() -> None:
    document = openapi_document()
    refs: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if isinstance(node.get("$ref"), str):
                refs.append(node["$ref"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(document)
    names = set(document["components"]["schemas"])
    assert refs and all(ref.removeprefix("#/components/schemas/") in names for ref in refs)
    for component in document["components"]["schemas"].values():
        Draft202012Validator.check_schema(component)


def test_every_api_route_is_documented() -> None:
    documented = set(openapi_document()["paths"])
    served = {route.path for route in api.router.routes if route.path != "/openapi.json"}  # type: ignore[attr-defined]
    assert served == documented


def test_no_interactive_docs_that_would_load_a_cdn(client: TestClient) -> None:
    assert client.get("/docs").status_code == 404


@pytest.mark.parametrize("fmt", ["docx", "md"])
def test_control_characters_are_refused_at_their_path(client: TestClient, fmt: str) -> None:
    # Found by schemathesis: valid JSON, valid for the schema, but no document can hold it.
    response = client.post(f"/api/v1/draft?format={fmt}", json={"profile": {"title": "Schoonmaak\u001f"}})
    assert response.status_code == 422
    assert response.json()["errors"][0]["path"] == "$.profile.title"


def test_eforms_without_price_weight_is_delivered_with_a_warning(client: TestClient, staffing: dict[str, Any]) -> None:
    response = client.post("/api/v1/draft?format=eforms", json={"profile": staffing})
    assert response.status_code == 200
    [warning] = json.loads(response.headers["x-eforms-warnings"])
    assert warning["path"].endswith("BT-541-Lot-WeightNumber") and "nog invullen" in warning["message"]


def test_packs_are_loaded_once_per_process_not_per_request(
    staffing: dict[str, Any], clause: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = create_app()
    loaded = app.state.engine.packs

    def no_loading(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("packs loaded during a request")

    monkeypatch.setattr("mvoi_criteria.plugins.installed_packs", no_loading)
    monkeypatch.setattr("mvoi_criteria.engine.installed_packs", no_loading)
    monkeypatch.setattr("mvoi_criteria.choices.installed_packs", no_loading)
    client = TestClient(app)
    assert client.post("/api/v1/advise", json=staffing).status_code == 200
    choice = {"criterion": clause, "action": "deselect", "motivation": "centraal geregeld"}
    assert client.post("/api/v1/draft", json={"profile": staffing, "choices": [choice]}).status_code == 200
    assert app.state.engine.packs is loaded


@pytest.mark.parametrize("field", ["estimated_value_eur", "duration_months"])
def test_numbers_beyond_i_json_are_refused_at_their_path(client: TestClient, field: str) -> None:
    # Found by schemathesis: 1e28 euro and a 10**30-month contract crashed the renderers and the JSON writer.
    response = client.post("/api/v1/draft?format=md", json={"profile": {"title": "X", field: 10**30}})
    assert response.status_code == 422
    assert response.json()["errors"][0]["path"] == f"$.profile.{field}"


def test_a_blank_justification_in_a_choice_is_a_problem_not_a_server_error(client, staffing):
    choice = {"criterion": "toe-digitaal-en301549", "action": "deselect", "motivation": "Niet nodig", "value": " "}
    response = client.post("/api/v1/draft?format=md", json={"profile": staffing, "choices": [choice]})
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
