"""A scan of pack texts for demands of special-category or criminal personal data (GDPR art. 9, 10).

The library must never ask a supplier to register or report individuals' origin, religion, health or
disability, sexual orientation, political views, union membership, biometric or genetic data, or
criminal records. A sentence is a finding when it names such a category and a verb of collecting or
reporting, and neither is negated where it stands ("levert geen gegevens over afkomst" is fine, "niet
later dan een week levert hij de afkomst" is not), and the sentence does not limit itself to
anonymous, aggregated or voluntary figures, to measures, or to a ban. A per-person marker ("per
medewerker", "names") overrides those limits. The scan runs when a pack loads (plugins.py): a pack
with a finding is left out and named. It is a safety net for reviewers, not a legal judgement.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs

from .packs import Criterion, Pack

__all__ = ["CATEGORIES", "Finding", "scan_pack", "scan_sentence", "scan_text"]


def _words(*patterns: str) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(patterns) + r")\b", re.IGNORECASE)


CATEGORIES: dict[str, re.Pattern[str]] = {
    "origin or ethnicity": _words(
        r"etnisch\w*",
        r"etniciteit",
        r"afkomst",
        r"herkomst",
        r"migratieachtergrond",
        r"huidskleur",
        r"ras",
        r"geboorteland\w*",
        r"ethnic\w*",
        r"racial",
        r"race",
        r"migration background",
        r"skin colou?r",
        r"country of birth",
    ),
    "religion or belief": _words(
        r"religie\w*",
        r"religieuze overtuiging\w*",
        r"geloof",
        r"geloofsovertuiging\w*",
        r"levensbeschouwing\w*",
        r"godsdienst\w*",
        r"kerkgenootschap\w*",
        r"religion\w*",
        r"religious (?:belief|affiliation|conviction)s?",
        r"faith",
    ),
    "health or disability": _words(
        r"gezondheid\w*",
        r"ziekte\w*",
        r"ziektegeschiedenis",
        r"ziekmelding\w*",
        r"verzuimgegevens",
        r"diagnose\w*",
        r"medische \w+",
        r"medicijngebruik",
        r"handicap\w*",
        r"(?:arbeids)?beperking\w*",
        r"(?:chronische|psychische|lichamelijke|medische) aandoening\w*",
        r"(?:mental|physical|medical) (?:health|condition)s?",
        r"zwangerschap\w*",
        r"zwanger",
        r"pregnant",
        r"health\w*",
        r"medical \w+",
        r"illness\w*",
        r"diagnos[ie]s",
        r"disabilit\w*",
        r"disabled",
        r"sick leave",
        r"pregnanc\w*",
    ),
    "sexual orientation": _words(
        r"seksuele (?:geaardheid|oriëntatie|voorkeur)",
        r"geaardheid",
        r"(?:homo|bi|hetero)seksue(?:el|le)",
        r"lhbti\w*",
        r"(?:gay|lesbian|bisexual|homosexual)",
        r"seksleven",
        r"sexual orientation",
        r"sex life",
    ),
    "political views": _words(
        r"politieke \w+",
        r"partijlidmaatschap",
        r"partijvoorkeur",
        r"political \w+",
    ),
    "union membership": _words(
        r"vakbond\w*",
        r"lidmaatschap van een vakbond",
        r"(?:trade )?union membership",
        r"trade unions?",
    ),
    "biometric or genetic data": _words(
        r"biometrisch\w*",
        r"vingerafdruk\w*",
        r"gezichtsherkenningsgegevens",
        r"gegevens voor gezichtsherkenning",
        r"irisscan\w*",
        r"genetisch\w*",
        r"dna",
        r"biometric\w*",
        r"fingerprints?",
        r"facial recognition (?:data|templates?)",
        r"genetic\w*",
    ),
    "criminal records (art. 10)": _words(
        r"strafblad\w*",
        r"justitiële (?:gegevens|documentatie|antecedenten)",
        r"strafrechtelijke (?:gegevens|veroordeling\w*|verleden|antecedenten)",
        r"veroordeling\w*",
        r"strafbare feiten",
        r"criminal (?:record|records|history|convictions?|offences|offenses)",
        r"convictions?",
    ),
}

_DEMAND = _words(
    r"registr\w*",
    r"\w*(?:rapportage|overzicht|registratie|register|lijst|dossier)s?",
    r"ontvang\w*",
    r"informeer\w*",
    r"informeert",
    r"inform(?:s|ed)?",
    r"maintains?",
    r"keeps?",
    r"files?",
    r"documents?",
    r"documented",
    r"receives?",
    r"legt? (?:\w+ ){0,12}vast",
    r"leggen (?:\w+ ){0,12}vast",
    r"vastleg\w*",
    r"vastgeleg\w*",
    r"verzamel\w*",
    r"aan te leveren",
    r"aanlever\w*",
    r"levert? (?:\w+ ){0,12}aan",
    r"leveren (?:\w+ ){0,12}aan",
    r"lever\w*",
    r"verstrek\w*",
    r"rapport\w*",
    r"opgeven",
    r"opgave",
    r"geeft (?:\w+ ){0,12}op",
    r"overzicht",
    r"lijst",
    r"meld\w*",
    r"doorgeven",
    r"geeft (?:\w+ ){0,12}door",
    r"bijhouden",
    r"houdt (?:\w+ ){0,12}bij",
    r"overleg(?:t|gen)",
    r"stuurt",
    r"toesturen",
    r"overhandig\w*",
    r"deelt",
    r"delen",
    r"uitvra\w*",
    r"vraagt? (?:\w+ ){0,12}(?:uit|op|na)",
    r"vermeld\w*",
    r"noteer\w*",
    r"noteren",
    r"inventaris\w*",
    r"in kaart",
    r"toont",
    r"aantonen",
    r"inzage",
    r"verwerk\w*",
    r"bewaar\w*",
    r"controleert",
    r"register(?:s|ed|ing)?",
    r"record(?:s|ed|ing)?",
    r"collect(?:s|ed|ing)?",
    r"provides?",
    r"provided",
    r"submits?",
    r"submitted",
    r"reports?",
    r"reported",
    r"reporting",
    r"disclos\w*",
    r"lists?",
    r"shares?",
    r"keeps? track",
    r"stores?",
    r"supplies",
    r"supply",
    r"hand over",
    r"hands over",
    r"declares?",
    r"sends?",
    r"process(?:es)?",
    r"log(?:s|ged)?",
)

_NEGATOR = _words(r"geen", r"niet", r"nooit", r"no", r"not", r"never", r"none", r"nor", r"noch")
_WITHOUT = _words(r"zonder", r"without")
# Phrases with a negation word that do not negate the demand.
_NOT_NEGATING = _words(
    r"niet later dan",
    r"niet meer dan",
    r"niet minder dan",
    r"niet alleen",
    r"niet uitsluitend",
    r"niet zelden",
    r"no later than",
    r"not later than",
    r"no more than",
    r"no less than",
    r"not only",
    r"not just",
    r"zonder uitstel",
    r"without delay",
)
_BAN = _words(
    r"verbo(?:den|dt|dt het)",
    r"verbiedt",
    r"niet toegestaan",
    r"niet toelaatbaar",
    r"weiger\w*",
    r"prohibit\w*",
    r"forbid\w*",
    r"not (?:allowed|permitted)",
    r"refus\w*",
    r"must not",
    r"may not",
    r"shall not",
)
# Grounds of discrimination, not data: "op grond van afkomst", "regardless of religion".
_GROUNDS = _words(
    r"op grond van",
    r"ongeacht",
    r"ongeachte",
    r"discrimin\w*",
    r"regardless of",
    r"on (?:the )?grounds? of",
    r"irrespective of",
)
_LIMITED = _words(
    r"anoniem\w*",
    r"geanonimiseerd\w*",
    r"geaggregeerd\w*",
    r"op groepsniveau",
    r"totaalcijfers?",
    r"vrijwillig\w*",
    r"anonym\w*",
    r"aggregated?",
    r"at group level",
    r"voluntar\w*",
    r"alleen het aantal",
    r"only the number",
    r"maatregelen",
    r"beleid",
    r"aanpak",
    r"voorzieningen",
    r"toegankelijk\w*",
    r"measures",
    r"policy",
    r"approach",
    r"accessib\w*",
)
_PER_PERSON = _words(
    r"per (?:medewerker|werknemer|persoon|kandidaat|sollicitant|deelnemer|uitzendkracht|cliënt|bewoner)",
    r"van (?:iedere|elke) (?:medewerker|werknemer|kandidaat|sollicitant|uitzendkracht|deelnemer|cliënt)",
    r"(?:iedere|elke) (?:medewerker|werknemer|kandidaat|sollicitant|uitzendkracht)",
    r"namen",
    r"naam",
    r"individuele",
    r"persoonsgegevens",
    r"per (?:employee|worker|person|candidate|applicant|participant)",
    r"(?:each|every) (?:employee|worker|candidate|applicant)'?s?",
    r"names?",
    r"individual\w*",
    r"(?:elk|ieder) (?:teamlid|lid|personeelslid)",
    r"(?:elke|iedere) (?:beveiliger|chauffeur|schoonmaker|begeleider|kracht)",
    r"welke (?:medewerkers|werknemers|begeleiders|deelnemers|kandidaten|sollicitanten|chauffeurs)",
    r"which (?:staff(?: members)?|employees|workers|candidates|applicants|participants)",
    r"(?:each|every) (?:job )?(?:applicant|participant|staff member|team member)",
    r"personal data",
)
# People a result is made usable for ("voor mensen met een beperking"): a target group, not data.
_TARGET_GROUP = _words(
    r"(?:mensen|personen|gebruikers|bezoekers|inwoners|reizigers) met",
    r"(?:people|persons|users|visitors|residents|travellers) with",
)
_SPLIT_SENTENCES = re.compile(r"(?<=[.!?;:])\s+|\n\s*\n|\n\s*(?=[-*•] )")
_SEGMENT = re.compile(r"[,:()\u2013\u2014]| - ")


@attrs.frozen
class Finding:
    criterion: str
    field: str
    sentence: str
    category: str = "special-category data"


def _segments(sentence: str) -> list[tuple[int, int]]:
    bounds, start = [], 0
    for match in _SEGMENT.finditer(sentence):
        bounds.append((start, match.start()))
        start = match.end()
    bounds.append((start, len(sentence)))
    return bounds


def _segment_of(bounds: list[tuple[int, int]], position: int) -> tuple[int, int]:
    return next(b for b in bounds if b[0] <= position <= b[1])


def _tokens_between(text: str, start: int, end: int) -> int:
    return len(re.findall(r"\w+", text[start:end]))


def _negated(text: str, bounds: list[tuple[int, int]], span: tuple[int, int], before: int, after: int) -> bool:
    """A negation word within `before` words ahead of the span or `after` words behind it, in its segment."""
    low, high = _segment_of(bounds, span[0])
    if _NEGATOR.search(text, span[0], span[1]):  # inside a separable verb: "legt ... nooit vast"
        return True
    for match in _NEGATOR.finditer(text, low, high):
        if match.end() <= span[0] and _tokens_between(text, match.end(), span[0]) <= before:
            return True
        if match.start() >= span[1] and _tokens_between(text, span[1], match.start()) <= after:
            return True
    return any(match.end() <= span[0] for match in _WITHOUT.finditer(text, low, high))


def scan_sentence(sentence: str) -> str | None:
    """The category a sentence demands data about, or None when it demands none."""
    # Blank out phrases whose negation word negates nothing, keeping positions.
    text = _NOT_NEGATING.sub(lambda m: " " * len(m[0]), sentence)
    if _BAN.search(text):
        return None
    bounds = _segments(text)
    demands = [m.span() for m in _DEMAND.finditer(text)]
    open_demands = [d for d in demands if not _negated(text, bounds, d, before=3, after=3)]
    per_person = _PER_PERSON.search(text) is not None
    # A category tied to named or counted individuals is a demand even without a verb we know,
    # unless every verb of collecting in the sentence is negated.
    if not open_demands and (demands or not per_person):
        return None
    if not per_person and _LIMITED.search(text):
        return None
    for category, pattern in CATEGORIES.items():
        for match in pattern.finditer(text):
            span = match.span()
            if _negated(text, bounds, span, before=4, after=0):
                continue
            low, _high = _segment_of(bounds, span[0])
            if any(g.end() <= span[0] for g in _GROUNDS.finditer(text, low, span[0])):
                continue
            if not per_person and any(g.end() <= span[0] for g in _TARGET_GROUP.finditer(text, 0, span[0])):
                continue
            return category
    return None


def scan_text(text: str) -> list[str]:
    """Sentences of `text` that look like a demand for special-category or criminal data."""
    sentences = (s.strip() for s in _SPLIT_SENTENCES.split(text))
    return [s for s in sentences if s and scan_sentence(s) is not None]


def _texts(criterion: Criterion) -> Iterator[tuple[str, str]]:
    for index, variant in enumerate(criterion.variants):
        where = "base" if index == 0 else f"scaling[{index - 1}]"
        for name in ("text", "submission", "verification"):
            value = getattr(variant, name)
            if value is not None:
                yield f"{where}.{name}", value.nl
                if value.en:
                    yield f"{where}.{name}.en", value.en
        if variant.monitoring is not None:
            yield f"{where}.monitoring", variant.monitoring.indicator.nl
            if variant.monitoring.indicator.en:
                yield f"{where}.monitoring.en", variant.monitoring.indicator.en
        for level in variant.scoring:
            if level.score == 0:  # the lowest level describes what is not wanted, so it names bad practice
                continue
            yield f"{where}.scoring", level.nl
            if level.en:
                yield f"{where}.scoring.en", level.en


def scan_pack(pack: Pack) -> list[Finding]:
    """Every sentence of every text a bidder or contract manager reads that demands such data."""
    findings = []
    for criterion in pack.criteria:
        for field, text in _texts(criterion):
            for sentence in scan_text(text):
                category = scan_sentence(sentence) or "special-category data"
                findings.append(Finding(criterion.id, field, sentence, category))
    return findings
