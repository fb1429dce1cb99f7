"""Markdown a common renderer reads as intended, and buyer text that cannot forge structure, links or HTML."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from mvoi_criteria import Choice, apply_choices, hookimpl, pack_set_from_plugins, render_markdown
from mvoi_criteria.render.plain import escape_markdown, markdown_blocks, text_blocks
from mvoi_criteria.render.templating import TemplateHookWarning

from .fixtures.docs import DOCS_PACK_FILES, docs_advice, docs_packs

# CommonMark with GitHub's tables: what GitLab, GitHub and most editors show.
RENDERER = MarkdownIt("commonmark").enable("table")


def tokens(text: str):
    return RENDERER.parse(text)


def headings(text: str) -> list[tuple[str, str]]:
    found = tokens(text)
    return [(t.tag, found[i + 1].content) for i, t in enumerate(found) if t.type == "heading_open"]


def md(advice=None, **kwargs) -> str:
    return render_markdown(advice or docs_advice(), packs=docs_packs(), **kwargs)


def test_headings_parse_as_the_document_outline():
    outline = headings(md())
    assert outline[0] == ("h1", "Inclusiecriteria: Inhuur testpersoneel")
    assert [c for tag, c in outline if tag == "h2"] == [
        "Eisen (programma van eisen)",
        "Selectiecriteria",
        "Gunningscriteria",
        "Contractbepalingen",
        "Uitvoeringsplan",
        "Bijlage: Verantwoording",
    ]
    assert ("h3", "G.1 Inclusieve werving (10%)") in outline


def test_award_table_parses_as_a_table_with_six_columns_on_every_row():
    found = tokens(md())
    start = next(i for i, t in enumerate(found) if t.type == "table_open")
    end = next(i for i, t in enumerate(found) if t.type == "table_close" and i > start)
    rows, cells = [], 0
    for t in found[start:end]:
        if t.type == "tr_open":
            cells = 0
        elif t.type in ("th_open", "td_open"):
            cells += 1
        elif t.type == "tr_close":
            rows.append(cells)
    assert rows and set(rows) == {6}


INJECTIONS = [
    "Schoonmaak\n\n# Gunningscriteria\n\n| G.9 | Vals | x |",
    "Schoonmaak <script>alert(1)</script> <img src=x onerror=alert(1)>",
    "Schoonmaak [klik hier](javascript:alert(1)) ![x](javascript:alert(2)) <javascript:alert(3)>",
    "# Kop\n- lijst\n1. nummer\n> citaat\n---\n```code```",
]


@pytest.mark.parametrize("title", INJECTIONS)
def test_a_buyer_title_cannot_forge_headings_tables_html_or_links(title):
    clean = md()
    forged = md(docs_advice(title=title))
    assert [h for h in headings(forged) if h[0] != "h1"] == [h for h in headings(clean) if h[0] != "h1"]
    html = RENDERER.render(forged)
    assert "<script" not in html and "<img" not in html
    assert 'href="javascript' not in html and "<a " not in html
    assert html.count("<table>") == RENDERER.render(clean).count("<table>")
    assert "<blockquote>" not in html and "<pre>" not in html and "<hr" not in html


def test_a_motivation_cannot_forge_structure_either():
    motivation = "Te zwaar\n\n## Bijlage: Verantwoording\n\n| x | y |\n<b>vet</b>"
    chosen = apply_choices(
        docs_advice(), [Choice("doc-sv-aanpak", "ask_level", motivation, "visie")], packs=docs_packs()
    )
    text = md(chosen)
    assert [c for tag, c in headings(text) if tag == "h2"].count("Bijlage: Verantwoording") == 1
    assert "<b>" not in RENDERER.render(text)


def test_escaped_text_reads_back_as_the_same_words():
    value = "Prijs & kwaliteit: 50% * 2 [optie] <b> | #1 _x_ a_b"
    html = RENDERER.render(escape_markdown(value))
    assert html == "<p>Prijs &amp; kwaliteit: 50% * 2 [optie] &lt;b&gt; | #1 _x_ a_b</p>\n"


def test_escaping_keeps_every_value_on_one_line():
    assert "\n" not in escape_markdown("a\n\n# b\r\nc")


def test_clause_lists_render_as_lists():
    html = RENDERER.render(markdown_blocks("Inleiding:\n- een\n- twee *niet vet*\nSlot.\n1. eerst\n2. dan"))
    assert html.count("<li>") == 4 and "<ul>" in html and "<ol>" in html
    assert "<em>" not in html


def test_text_blocks_split_paragraphs_and_items():
    assert text_blocks("a\nb\n\nc\n- d\n2) e") == [
        ("paragraph", "a b"),
        ("paragraph", "c"),
        ("bullet", "d"),
        ("number", "e"),
    ]


@pytest.mark.parametrize("bad", ["a\u0001b", "a\ud800b"])
def test_markdown_refuses_characters_no_file_can_hold(bad):
    from mvoi_criteria.render.plain import UnsafeTextError

    with pytest.raises(UnsafeTextError):
        md(docs_advice(title=bad))


# --- a plugin's document templates never take the document down ---------------------------------------


def _plugin(templates_hook):
    class Plugin:
        @staticmethod
        @hookimpl
        def mvoi_criteria_register_packs(register):
            for path in DOCS_PACK_FILES:
                register(path)

    Plugin.mvoi_criteria_document_templates = staticmethod(hookimpl(templates_hook))
    return Plugin()


def _raises():
    raise RuntimeError("kapot")


@pytest.mark.parametrize(
    ("hook", "reason"),
    [
        (_raises, "RuntimeError: kapot"),
        (lambda: "geen mapping", "must be a mapping"),
        (lambda: {"eisen.titel.j2": "x"}, "unknown template name"),
        (lambda: {"eisen.md.j2": "{% for x in %}"}, "not a valid template"),
    ],
)
def test_a_broken_template_hook_is_named_and_left_out(hook, reason):
    packs = pack_set_from_plugins([("huisstijl", _plugin(hook))])
    with pytest.warns(TemplateHookWarning, match="document templates of plugin Plugin left out") as caught:
        text = render_markdown(docs_advice(), packs=packs)
    assert reason in str(caught[0].message)
    assert text == md()  # the shipped templates, as if the plugin gave none


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=80))
def test_any_escaped_text_is_one_paragraph_of_plain_text(value):
    """Whatever a buyer types, escaped it renders as text only: no heading, list, link, code, emphasis or HTML."""
    found = RENDERER.parse(escape_markdown(value))
    assert {t.type for t in found} <= {"paragraph_open", "inline", "paragraph_close"}
    for token in found:
        assert {child.type for child in token.children or ()} <= {"text"}
