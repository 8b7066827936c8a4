"""Detect: spaCy NER + Presidio + our recognizers + form labels + role cues.

Every source proposes candidates (category, role, span, priority). Overlaps are
settled by evidence strength: a form label beats a pattern, a pattern beats the
statistical model. Propagation then finds every other mention of each person
and identifier, roles are attached to attributes (whose address is this?), and
the whole-document juvenile condition is evaluated.
"""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import logging
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from importlib import metadata
from pathlib import Path
from typing import Any

import regex

from app.redaction import form_labels, persons, tables, value_roles
from app.redaction.candidates import (
    P_LABEL,
    P_MODEL,
    P_PATTERN,
    PERSONAL_ATTRIBUTES,
    Candidate,
)
from app.redaction.domain_ner import DomainNer, load_domain_ner
from app.redaction.isolation import FanOut
from app.redaction.model_check import verify_model
from app.redaction.ner_engine import load_stock_pipeline, ner_only_engine, pipe_artifacts
from app.redaction.offline import make_tldextract_offline
from app.redaction.orientation import upright_view
from app.redaction.propagation import Seam, fold, propagate
from app.redaction.recognizers.base import FORM_LABELS
from app.redaction.recognizers.person_attrs import STATE_CODE
from app.redaction.seams import cell_seams
from app.redaction.types import Category, Finding, PageText, Role

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Detection:
    findings: tuple[Finding, ...]
    juvenile: bool


def _presidio_version() -> str:
    try:
        return metadata.version("presidio-analyzer")
    except metadata.PackageNotFoundError:  # pragma: no cover
        return "unknown"


def _load_spacy(model_name: str) -> Any:
    # The stock pipeline with its NER alone: nothing else it computes is read
    # (ner_engine.py says what detection reads, and why the rest is left out).
    return load_stock_pipeline(model_name)


# The stock model's entities, as the NER configuration below maps them.
_MODEL_ENTITIES = frozenset({"PERSON_NER", "PLACE_NER"})


class Detector:
    """Heavy: holds the spaCy pipeline and the Presidio analyzer. Build once."""

    def __init__(
        self,
        analyzer: Any,
        model_info: str,
        domain: DomainNer | None = None,
        known_places: frozenset[str] = frozenset(),
        status_phrases: tuple[str, ...] = (),
        demonyms: tuple[str, ...] = (),
        languages: tuple[str, ...] = (),
    ) -> None:
        self._analyzer = analyzer
        self._domain = domain
        # The status gazetteer, for OCR pages that garble a phrase's spacing.
        self.status_phrases = status_phrases
        # The demonym gazetteer, for OCR pages that split a demonym in two words.
        self.demonyms = demonyms
        # The language gazetteer, for OCR pages that misread a name's apostrophe.
        self.languages = languages
        # Folded country and city names: the model's places in capitals must be one.
        self._known_places = known_places
        self.model_info = model_info if domain is None else f"{model_info}; {domain.model_info}"
        self.presidio_version = _presidio_version()
        # Only the entities some recognizer supports: asking for others makes
        # Presidio log a warning on every call.
        self._entities = sorted(analyzer.get_supported_entities(language="en"))
        self._pattern_entities = [e for e in self._entities if e not in _MODEL_ENTITIES]

    @classmethod
    def load(cls, model_name: str, gazetteer_dir: Path, model_manifest: Path) -> Detector:
        from presidio_analyzer import AnalyzerEngine
        from presidio_analyzer.nlp_engine import NerModelConfiguration
        from presidio_analyzer.predefined_recognizers import (
            EmailRecognizer,
            PhoneRecognizer,
            SpacyRecognizer,
            UsItinRecognizer,
            UsSsnRecognizer,
        )

        from app.redaction.recognizers.ordered_registry import OrderedRecognizerRegistry
        from app.redaction.recognizers.registry import Gazetteers, build_recognizers

        make_tldextract_offline()
        nlp = _load_spacy(model_name)
        ner_config = NerModelConfiguration(
            model_to_presidio_entity_mapping={
                "PERSON": "PERSON_NER",
                "GPE": "PLACE_NER",
                "LOC": "PLACE_NER",
                "FAC": "PLACE_NER",
            },
            labels_to_ignore=[
                "ORG",
                "NORP",
                "DATE",
                "TIME",
                "CARDINAL",
                "ORDINAL",
                "MONEY",
                "QUANTITY",
                "PERCENT",
                "PRODUCT",
                "EVENT",
                "WORK_OF_ART",
                "LAW",
                "LANGUAGE",
            ],
        )
        # Presidio's engine over the loaded pipeline (never engine.load(), which
        # would download a missing model), with words standing in for lemmas.
        engine = ner_only_engine(nlp, model_name, ner_config)
        registry = OrderedRecognizerRegistry(supported_languages=["en"])
        registry.add_recognizer(
            SpacyRecognizer(supported_language="en", supported_entities=["PERSON_NER", "PLACE_NER"])
        )
        # Presidio's own recognizers add a second opinion on the identifiers they
        # know; ours remain the primary ones for arrest-report formats.
        for presidio_recognizer in (
            EmailRecognizer(),
            UsSsnRecognizer(),
            UsItinRecognizer(),
            PhoneRecognizer(supported_regions=("US",)),
        ):
            registry.add_recognizer(presidio_recognizer)
        for recognizer in build_recognizers(gazetteer_dir):
            registry.add_recognizer(recognizer)
        analyzer = AnalyzerEngine(registry=registry, nlp_engine=engine, supported_languages=["en"])
        # The domain NER (models/arrest_ner) knows police-style names the stock
        # model misses; it complements the stock PERSON output, which still adds
        # recall on general prose.
        domain = load_domain_ner(model_manifest.parent / "arrest_ner" / "model", model_manifest)
        g = Gazetteers.load(gazetteer_dir)
        known = frozenset(fold(n) for n in (*g.countries, *g.cities))
        return cls(
            analyzer,
            verify_model(nlp, model_name, model_manifest),
            domain,
            known,
            status_phrases=g.immigration_status,
            demonyms=g.demonyms,
            languages=g.languages,
        )

    # -- the step -----------------------------------------------------------------

    def detect(self, pages: Sequence[PageText], *, fan_out: FanOut | None = None) -> Detection:
        """`fan_out`: how to spread the pages' own work (both models and each page's
        recognizers, about half of detection) over processes; None: here, in order."""
        live = _with_text(pages)
        # Each page's candidates depend on that page alone: a split changes no
        # result, only where the work runs. Too few pages to split: the domain
        # model reads them in another process while the stock model reads here.
        if fan_out is None:
            found = [self._pages_candidates(live)]
        elif len(fan_out.groups(live)) > 1:
            found = fan_out.map(self._pages_candidates, live)
        else:
            found = [self._pages_candidates(live, names_elsewhere=fan_out)]
        return self.detect_from(pages, [c for group in found for c in group])

    def pages_candidates(self, pages: Sequence[PageText]) -> list[Candidate]:
        """What `detect` finds on each of these pages alone (both models, the
        recognizers, labels and cues), in page order: the part of detection a
        caller may run on runs of pages in other processes (pipeline.py)."""
        return self._pages_candidates(_with_text(pages))

    def detect_from(self, pages: Sequence[PageText], candidates: list[Candidate]) -> Detection:
        """`detect`, given every page's own candidates (`pages_candidates`, in page
        order): what spans pages (seams, propagation, roles) and the findings."""
        seams = _page_seams(pages)
        candidates.extend(self._seam_candidates(pages, seams))
        candidates = _resolve_overlaps(candidates)
        # Roles first, so that every propagated copy carries its owner's role.
        candidates = _attach_roles(pages, candidates)
        candidates = self._settle_places(pages, propagate(pages, candidates, seams))
        candidates = _resolve_overlaps(candidates)
        candidates = _attach_roles(pages, candidates, final=True)
        candidates = value_roles.share_roles(pages, candidates)
        candidates = [c for c in candidates if c.priority > 0]
        findings = tuple(_to_finding(pages[c.page], c) for c in candidates)
        findings = tuple(f for f in findings if f.boxes)
        photos = tuple(
            Finding(Category.PHOTO, Role.UNKNOWN, page.index, 0, 0, (rect,), 1.0, "image", "")
            for page in pages
            for rect in page.images
            if rect.width >= 24 and rect.height >= 24  # logos and rules are smaller
        )
        return Detection(findings + photos, _is_juvenile(pages, candidates))

    def _pages_candidates(
        self, pages: Sequence[PageText], *, names_elsewhere: FanOut | None = None
    ) -> list[Candidate]:
        """Each page's candidates from both models and the recognizers, in page order.

        `names_elsewhere`: the domain model runs in a process of its own meanwhile."""
        candidates: list[Candidate] = []
        # Both models read every page in batches (nlp.pipe), a batch at a time.
        texts = [page.text for page in pages]
        stock: Iterable[Any] = pipe_artifacts(self._analyzer.nlp_engine, texts)
        names: Iterable[Sequence[tuple[int, int, float]]]
        domain = self._domain
        if domain is None:
            names = [() for _ in texts]
        elif names_elsewhere is not None and texts:
            elsewhere = names_elsewhere.start(lambda: list(domain.pipe_person_spans(texts)))
            stock = list(stock)  # few pages: the stock model's work is what overlaps
            names = elsewhere.result()
        else:
            names = domain.pipe_person_spans(texts)
        for page, artifacts, domain_names in zip(pages, stock, names, strict=True):
            candidates.extend(self._page_candidates(page, artifacts, domain_names))
        return candidates

    def _seam_candidates(self, pages: Sequence[PageText], seams: Sequence[Seam]) -> list[Candidate]:
        """Values broken by a page break: "...HE PROVIDED ALIEN REGISTRATION NO. A 274
        435" ends page 1 and "608. A MATRICULA..." starts page 2, past the footer and
        the next page's running header. The last body line of a page and the first
        of the next (each line of its top that is no running header) are read as
        one text; a value that runs across the join is
        found there and marked on both pages (as fragments: neither piece is a
        value to search for on its own)."""
        out: list[Candidate] = []
        for seam in seams:
            out.extend(self._seam_pieces(seam, pages[seam.first_page], pages[seam.second_page]))
        return out

    def _seam_pieces(self, seam: Seam, a: PageText, b: PageText) -> list[Candidate]:
        """`a` and `b`: the seam's two pages as detection reads them (for a cell
        seam, the same upright view twice)."""
        out: list[Candidate] = []
        text = seam.text_of(a, b)
        # The model's names and places are not read at a seam, so neither model
        # runs on it: the tokenizer gives the context enhancer its words.
        results = self._analyzer.analyze(
            text=text,
            language="en",
            entities=self._pattern_entities,
            nlp_artifacts=self._analyzer.nlp_engine.tokens_only(text),
        )
        for r in results:
            category = _pattern_category(r)
            if category is None:
                continue
            pieces = seam.pieces(r.start, r.end)
            # Within a cell, a value on one line may need the other as its evidence:
            # "...; PPT MEX" over "V04794186" makes "MEX" the passport's country.
            whole = seam.within(r.start, r.end) if pieces is None and a is b else None
            spans = pieces if pieces is not None else [whole] if whole is not None else []
            name = _detector_name((r.recognition_metadata or {}).get("recognizer_name", "pattern"))
            for page_index, start, end in spans:
                out.append(
                    Candidate(
                        category,
                        Role.OFFICER if category is Category.STAR_NUMBER else Role.UNKNOWN,
                        page_index,
                        start,
                        end,
                        float(r.score),
                        name,
                        P_PATTERN,
                        fragment=pieces is not None,
                    )
                )
        return out

    def _known_place_at(self, text: str, start: int, end: int) -> bool:
        """ "Melrose Park", "Arlington Heights": the small model reads a town of two
        words as a person. A one-word town ("Berwyn", "Lincoln") may be a name too,
        so it is taken back only where it closes a street ("S. 49TH CT, BERWYN")."""
        words = text[start:end].split()
        if not words or fold(" ".join(words)) not in self._known_places:
            return False
        return len(words) >= 2 or bool(_AFTER_A_STREET.search(text, max(0, start - 30), start))

    def _place_as_last_first(self, text: str, c: Candidate) -> bool:
        """ "BORN IN CIUDAD\nNEZAHUALCOYOTL, MEXICO": a town and its country in
        capitals look like "LAST, FIRST"; no given name is a country or a state."""
        if c.detector != "name_pattern":
            return False
        _, comma, after = text[c.start : c.end].partition(",")
        return bool(comma) and fold(" ".join(after.split())) in self._known_places

    def _settle_places(self, pages: Sequence[PageText], cands: list[Candidate]) -> list[Candidate]:
        """Other mentions of a place keep the model's weak evidence, so that a
        released arrest location or agency name that holds them wins, and pass
        the same checks ("Chicago" in "Chicago Police Department" is no place)."""
        out: list[Candidate] = []
        for c in cands:
            if c.category is Category.PLACE and c.detector == "propagation":
                if not _plausible_place(pages[c.page].text, c.start, c.end, self._known_places):
                    continue
                c = replace(c, priority=P_MODEL)
            out.append(c)
        return _cities_of_arrest_locations(pages, out)

    def _page_candidates(
        self,
        page: PageText,
        artifacts: Any,
        domain_names: Sequence[tuple[int, int, float]],
    ) -> list[Candidate]:
        """`artifacts`: the stock model's reading of the page (Presidio NlpArtifacts);
        `domain_names`: the domain model's PERSON spans in it."""
        out: list[Candidate] = []
        text = page.text
        results = self._analyzer.analyze(
            text=text, language="en", entities=self._entities, nlp_artifacts=artifacts
        )
        for r in results:
            entity = r.entity_type
            if entity == "PERSON_NER" and self._known_place_at(text, r.start, r.end):
                entity = "PLACE_NER"
            if entity == "PERSON_NER":
                if _plausible_model_name(text[r.start : r.end]):
                    s, e = _strip_title(text, r.start, r.end)
                    out.append(
                        Candidate(
                            Category.PERSON,
                            Role.UNKNOWN,
                            page.index,
                            s,
                            e,
                            float(r.score),
                            "spacy_ner",
                            P_MODEL,
                        )
                    )
                continue
            if entity == "PLACE_NER":
                if _plausible_place(text, r.start, r.end, self._known_places):
                    out.append(
                        Candidate(
                            Category.PLACE,
                            Role.UNKNOWN,
                            page.index,
                            _place_start(text, r.start),
                            r.end,
                            float(r.score),
                            "spacy_ner",
                            P_MODEL,
                            fragment=True,
                        )
                    )
                continue
            category = _pattern_category(r)
            if category is None:
                continue
            name = (r.recognition_metadata or {}).get("recognizer_name", "pattern")
            role = Role.OFFICER if category is Category.STAR_NUMBER else Role.UNKNOWN
            out.append(
                Candidate(
                    category,
                    role,
                    page.index,
                    r.start,
                    r.end,
                    float(r.score),
                    _detector_name(name),
                    P_PATTERN,
                    # A place name ("lives in Cicero") is also a word of agency
                    # names and addresses: never searched for as text.
                    fragment=category is Category.PLACE,
                )
            )
        if self._domain is not None:
            for start, end, score in domain_names:
                s, e = _strip_title(text, start, end)
                if (
                    e > s
                    and not persons.looks_like_form_words(text[s:e])
                    and not self._known_place_at(text, s, e)
                ):
                    out.append(
                        Candidate(
                            Category.PERSON,
                            Role.UNKNOWN,
                            page.index,
                            s,
                            e,
                            score,
                            "domain_ner",
                            P_MODEL,
                        )
                    )
        # Layout reasoning runs on the page as a reader sees it (turned pages).
        view = upright_view(page)
        labelled, inert = _label_candidates(view)
        out = [
            c
            for c in out
            if c.detector not in ("spacy_ner", "domain_ner")
            or not any(a < c.end and c.start < b for a, b in inert)
        ]
        out.extend(labelled)
        out.extend(c for c in _cue_candidates(page) if not self._place_as_last_first(page.text, c))
        out.extend(_table_birth_dates(view))
        out.extend(_table_cell_candidates(view))
        roles = _line_roles(view)
        out.extend(
            c
            for c in _section_name_cells(view, roles)
            if not self._known_place_at(view.text, c.start, c.end)
        )
        # A value that wraps inside a cell of a form grid ("...; B-2" over "visa
        # foil no."): the two halves read as one text, like a page seam.
        for seam in cell_seams(view):
            out.extend(self._seam_pieces(seam, view, view))
        # The agency's own address, and whatever else was read into it ("1 N.
        # BROADWAY, MELROSE PARK" is no "LAST, First" name), stays readable.
        # Unless a label names it as someone's: "HOME ADDRESS\t3661 W Addison St"
        # at the top of a continuation page, under the agency's name.
        someones = [
            (c.start, c.end)
            for c in out
            if c.detector == "form_label"
            and c.category is Category.ADDRESS
            and not _letterhead_address(view, c)  # not the agency's name in that cell
        ]
        letterhead = [
            (c.start, c.end)
            for c in out
            if _letterhead_address(view, c)
            and not any(a < c.end and c.start < b for a, b in someones)
        ]
        out = [c for c in out if not any(a < c.end and c.start < b for a, b in letterhead)]
        return _apply_sections(view, out, roles)


# A page's running footer ("PAGE 1 OF 2", "CPD-11.388 (Rev. 2/20)  Page 1 of 2",
# a rule) and the next page's running header ("CASE # - 18-157690 (CONT'D)",
# "INCIDENT # ... (CONTINUATION)") stand between the two halves of a sentence.
_FOOTER_LINE = regex.compile(rf"(?i){tables.PAGE_NUMBER}|^[\s\-=_*.]*$")
_HEADER_LINE = regex.compile(
    r"(?i)\bcont(?:'|’)?d\b|\bcont\.|\bcontinu(?:ed|ation)\b|\bpage\s+\d+\b|^[\s\-=_*.]*$"
)
_SEAM_LINES = 6  # how far into a page its running header or footer may reach


def _page_seams(pages: Sequence[PageText]) -> list[Seam]:
    """Each page break's seams: the last body line of a page with each line at the
    top of the next that is no running header."""
    out: list[Seam] = []
    for a, b in itertools.pairwise(pages):
        tail = _body_tail(a)
        if tail is not None:
            out.extend(Seam(a.index, tail, b.index, head) for head in _body_heads(b))
    return out


def _body_tail(page: PageText) -> tuple[int, int] | None:
    """The last line of a page's text above its running footer."""
    lines = page.lines
    for line in reversed(lines[-_SEAM_LINES:]):
        if not _FOOTER_LINE.search(page.text[line.start : line.end]):
            return line.start, line.end
    return None


def _body_heads(page: PageText) -> list[tuple[int, int]]:
    """The lines that may continue the previous page's last sentence: the first
    lines of a page that are no running header. A header can be any line of the
    top band ("CB # - 74107363  RECORDS DIV NO - JB-294536" under "(CONT.)"), so
    each of them is tried; only a value that runs across the join counts."""
    return [
        (ln.start, ln.end)
        for ln in page.lines[:_SEAM_LINES]
        if not _HEADER_LINE.search(page.text[ln.start : ln.end])
    ]


# "Chicago Police Department", "Cook County Sheriff's Office": the place names the
# agency, which is released; and a place the model finds in form capitals must
# look like a name.
_AGENCY_AFTER = regex.compile(
    r"\s*(?:Police|Sheriff|County|Department|Dept|PD|Fire|Municipal|District|Court|"
    r"Circuit|Consulate)\b",
    regex.IGNORECASE,
)
_PLACE_SHAPE = regex.compile(r"^(?:the\s+)?\p{Lu}[\p{L}'’.\-]*(?:[\s,]+\p{L}[\p{L}'’.\-]*){0,4}$")


def _cities_of_arrest_locations(
    pages: Sequence[PageText], cands: list[Candidate]
) -> list[Candidate]:
    """ "7100 BLOCK OF W. 31ST ST, MELROSE PARK": the city closing an arrest location
    is part of it, and released with it, not a place of its own."""
    ends = {
        (c.page, c.end): i for i, c in enumerate(cands) if c.category is Category.ARREST_LOCATION
    }
    if not ends:
        return cands
    out = list(cands)
    dropped: set[int] = set()
    for j, c in enumerate(cands):
        if c.category is not Category.PLACE:
            continue
        text = pages[c.page].text
        for k in range(c.start, max(-1, c.start - 4), -1):
            i = ends.get((c.page, k))
            if i is not None and regex.fullmatch(r"[ \t]*,?[ \t\n]*", text[k : c.start]):
                out[i] = replace(out[i], end=max(out[i].end, c.end))
                dropped.add(j)
                break
    return [c for j, c in enumerate(out) if j not in dropped]


# "the municipality of Härjedalen", "Borough of Southwark": the kind of place is
# part of its name.
_PLACE_KIND_BEFORE = regex.compile(
    r"(?i:borough|municipality|district|county|province|region|city|village|town|"
    r"department|state|prefecture|governorate)[ \t]+of[ \t]+$"
)


def _place_start(text: str, start: int) -> int:
    m = _PLACE_KIND_BEFORE.search(text, max(0, start - 20), start)
    return m.start() if m else start


# A street is where something happened, and an address has its own category; a
# city after a street ("MANNHEIM RD AT OAKTON ST, HARVEY") belongs to that street.
_STREET_SUFFIX = (
    r"(?i:st|street|ave|avenue|rd|road|blvd|boulevard|dr|drive|ct|court|pl|place|ln|lane"
    r"|pkwy|parkway|hwy|highway|expy|expressway|way|ter|terrace)\.?"
)
_STREET_NAME = regex.compile(rf"\b{_STREET_SUFFIX}$")
_AFTER_A_STREET = regex.compile(rf"\b{_STREET_SUFFIX}[ \t]*,[ \t\n]*$")


def _plausible_place(text: str, start: int, end: int, known: frozenset[str]) -> bool:
    value = text[start:end]
    if not _PLACE_SHAPE.match(value) or len(value) < 3 or "\t" in value:
        return False
    if _STREET_NAME.search(value) or _AFTER_A_STREET.search(text, max(0, start - 30), start):
        return False
    if _AGENCY_WORDS.search(value):
        return False  # "the Blue Island\nPolice Department" names the agency
    if value.isupper() and fold(" ".join(value.split())) not in known:
        # The small model reads form capitals ("AGREED", "BLK") as places.
        return False
    return not _AGENCY_AFTER.match(text, end)


_AGENCY_WORDS = regex.compile(
    r"\b(?:POLICE|SHERIFF'?S?|DEPARTMENT|DEPT\.?|BUREAU|HEADQUARTERS|MARSHAL|PRECINCT|"
    r"STATION|COURTHOUSE|AGENCY)\b",
    regex.IGNORECASE,
)


def _letterhead_address(page: PageText, c: Candidate) -> bool:
    """The agency's own address printed under its name at the top of the page,
    or the agency's name read as an address value ("ADDRESS" over the agency
    cell of a grid).

    It is not personal data, and redacting it would only make the released
    page harder to read.
    """
    if c.category is not Category.ADDRESS:
        return False
    value = page.text[c.start : c.end]
    if not any(ch.isdigit() for ch in value) and _AGENCY_WORDS.search(value):
        return True
    if c.detector == "form_label":
        return False
    li = _line_index(page, c.start)
    if li < 0 or li > 4 or page.lines[li].rect.y0 > page.height * 0.15:
        return False
    above = page.text[page.lines[max(0, li - 2)].start : page.lines[li].start]
    return bool(_AGENCY_WORDS.search(above))


# Presidio's entity names for the predefined recognizers we run, in our terms.
# An ITIN is the tax number of people without an SSN: as private as an SSN.
_PRESIDIO_ENTITIES = {
    "EMAIL_ADDRESS": Category.EMAIL,
    "US_SSN": Category.SSN,
    "US_ITIN": Category.SSN,
    "PHONE_NUMBER": Category.PHONE,
}
# Presidio scores weak, context-free matches low (a bare 9-digit number as an SSN
# at 0.05); those are noise on a page full of case and booking numbers.
_PRESIDIO_MIN_SCORE = 0.5


def _pattern_category(result: Any) -> Category | None:
    """Our category of a pattern recognizer's result, or None to drop it: an
    entity we do not know, or a weak context-free Presidio match."""
    category = _PRESIDIO_ENTITIES.get(result.entity_type)
    if category is not None:
        return category if result.score >= _PRESIDIO_MIN_SCORE else None
    try:
        return Category(result.entity_type)
    except ValueError:
        return None


def _detector_name(name: str) -> str:
    return str(regex.sub(r"(?<!^)(?=[A-Z])", "_", name)).lower().replace("__", "_")


_TITLE_PREFIX = regex.compile(rf"^(?:{persons.TITLES}|{persons.HONORIFICS})\s+")


def _strip_title(text: str, start: int, end: int) -> tuple[int, int]:
    m = _TITLE_PREFIX.match(text[start:end])
    if m:
        start += m.end()
    while end > start and text[end - 1] in ".,;:'’ ":
        end -= 1
    return start, end


# Field labels in capitals the small model has tagged as a PERSON on their own
# (a scan's "VIN" beside a vehicle's number): spread by propagation to every label
# of the kind, and withheld, they failed verification.
_LABEL_NOT_NAME = frozenset({"VIN", "PLATE", "MAKE", "MODEL", "COLOR", "LIC", "TAG"}) | {
    label for label in FORM_LABELS if " " not in label
}


def _plausible_model_name(span: str) -> bool:
    """spaCy tags form fragments in capitals as PERSON; keep what looks like a name."""
    if any(ch.isdigit() for ch in span) or len(span.strip()) < 3:
        return False
    words = regex.findall(r"[\p{L}'’\-]+", span)
    if not words or not all(w[0].isupper() for w in words if len(w) > 2):
        return False
    if len(words) == 1 and words[0] in _LABEL_NOT_NAME:
        return False
    return not any(w.casefold() in persons.STOPWORDS for w in words)


def _label_candidates(page: PageText) -> tuple[list[Candidate], list[tuple[int, int]]]:
    """Findings read off form labels, and the spans of values that are not
    about a person ("OCC: BAKER", "HAIR: BLK")."""
    out: list[Candidate] = []
    inert: list[tuple[int, int]] = []
    text = page.text
    for lv in form_labels.find_labelled_values(page):
        spec = lv.spec
        if spec.inert:
            inert.append((lv.start, lv.end))
            continue
        role = lv.row_role or spec.role or Role.UNKNOWN
        weak = spec.category is Category.PERSON and role is Role.ARRESTEE and lv.row_role is None
        if spec.category is Category.PERSON or spec.parse_names:
            value = text[lv.start : lv.end]
            # A labelled value holds one name; the rest of a long value (a whole
            # narrative line under "CO-ARRESTEES:") is left to the recognizers.
            spans = list(persons.names_in(value))[:1]
            if not spans and lv.fragment and persons.is_name_piece(value):
                spans = [(0, len(value))]  # the wrapped rest of a name: "Cuevas"
            if not spans and spec.category is Category.PERSON:
                spans = [(0, len(value))]  # fail closed: the whole value is the name
            for s, e in spans:
                out.append(
                    Candidate(
                        Category.PERSON,
                        role,
                        page.index,
                        lv.start + s,
                        lv.start + e,
                        0.9,
                        "form_label",
                        P_LABEL,
                        weak,
                    )
                )
            if spec.category is Category.PERSON:
                continue
        if spec.category is not None:
            out.append(
                Candidate(
                    spec.category,
                    role,
                    page.index,
                    lv.start,
                    lv.end,
                    0.9,
                    "form_label",
                    P_LABEL,
                    fragment=lv.fragment,
                )
            )
        elif spec.role is not None:
            # A value about a role (EMERGENCY CONTACT: ...): remember the zone so
            # that phones and addresses inside it get the role.
            out.append(
                Candidate(
                    Category.PERSON,
                    spec.role,
                    page.index,
                    lv.start,
                    lv.start,
                    0.0,
                    "role_zone:" + str(lv.end),
                    0,
                )
            )
    return out, inert


_CAPS_LAST_FIRST = regex.compile(
    r"(?<![\p{L}\p{N}])\p{Lu}[\p{Lu}'’\-]+(?:[ ]\p{Lu}[\p{Lu}'’\-]+){0,4},[ ]*"
    r"\p{Lu}[\p{L}'’\-]+(?:[ ]+(?:\p{Lu}[\p{L}'’\-]+|\p{Lu}\.)){0,2}"
)


_ROW_TAG = regex.compile(r"(?:^|(?<=[\t ]))(?P<tag>[VW]\d{1,2})[ \t]*[:\-][ \t]*\Z", regex.M)
# "PARK, IL 60160", "CICERO, IL": the end of an address, not "LAST, FIRST".
_CITY_STATE_ZIP = regex.compile(
    r"\p{Lu}[\p{Lu}'’\-]+(?:[ ]\p{Lu}[\p{Lu}'’\-]+){0,2},[ ]*"
    + STATE_CODE
    + r"(?:[ \t]+\d{5}(?:-\d{4})?)?(?=[ \t]*(?:\n|$|[.,;)]|PH\b|\t))"
)


# A name may wrap onto the next line of prose ("for Northside Roofing" / "LLC").
_ORG = (
    # A word of three letters or more with a period ends it ("... Roofing LLC. He").
    r"\p{Lu}[\p{L}\p{N}&'’.\-]*(?:(?<!\p{L}{3}\.)(?:[ ]+|[ ]*\n[ ]*)"
    r"(?:&|and|of|de|del|la|the|y)?[ ]*"
    r"\p{Lu}[\p{L}\p{N}&'’.\-]*){0,6}"
)
# "works as a line cook for Sunrise Produce", "employed as a housekeeper at Los
# Arcos": the employer's name follows the job.
_EMPLOYER_NAME = regex.compile(
    rf"\b(?:works?|worked|working|employed|is\s+employed|job)\b[^.\n]{{0,60}}?"
    rf"\b(?:for|at|by|with)\s+(?:the\s+)?(?P<org>{_ORG})"
)


def _table_cell_candidates(page: PageText) -> list[Candidate]:
    """Findings from the cells of person tables, piece by piece (see tables.py)."""
    out: list[Candidate] = []
    text = page.text
    for piece in tables.table_pieces(page):
        spec = piece.spec
        value = text[piece.start : piece.end]
        if spec.inert or form_labels.is_null_value(value):
            continue
        if spec.category is Category.PERSON or spec.parse_names:
            category = Category.PERSON
            role = piece.row_role or spec.role or Role.UNKNOWN
            weak = piece.row_role is None and role is Role.ARRESTEE
        elif spec.category is not None:
            category, role, weak = spec.category, piece.row_role or Role.UNKNOWN, False
        else:
            continue
        out.append(
            Candidate(
                category,
                role,
                page.index,
                piece.start,
                piece.end,
                0.85,
                "form_label",
                P_LABEL,
                weak,
                # A name's pieces are names ("DARNELL"), worth finding again.
                fragment=piece.fragment and category is not Category.PERSON,
            )
        )
    return out


_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?"
# A date as tables print it; the year may wrap onto the next line of its cell.
_DATE = regex.compile(
    rf"(?<![\p{{L}}\p{{N}}])(?:\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}|"
    rf"\d{{1,2}}[ -]{_MONTH}[ \t\n-]+\d{{4}}|{_MONTH}[ ]+\d{{1,2}},?[ \t\n]+\d{{4}})"
    rf"(?![\p{{L}}\p{{N}}])",
    regex.IGNORECASE,
)
_DOB_HEADER = regex.compile(r"\b(?:D\.?O\.?B\.?|BIRTH\s*DATE|DATE\s+OF\s+BIRTH)(?=\W|$)")
_OTHER_DATE_HEADER = regex.compile(r"\b(?:ARREST|REPORT|INCIDENT|OCCURRED|DATE/TIME|TIME)\b")


def _table_birth_dates(page: PageText) -> list[Candidate]:
    """Dates in the rows of a table whose header has a date-of-birth column.

    Table headers wrap ("AG\nE", "SEX/\nRACE") and cells run together, so a
    column cannot always be matched to its values; but when the only date a
    table's header announces is the date of birth, every date in its rows is one.
    """
    out: list[Candidate] = []
    lines = page.lines
    for i, line in enumerate(lines):
        header = page.text[line.start : line.end]
        # A line with a date in it holds values ("DOB: 18 DEC 1986  AGE: 31"): no header.
        if "\t" not in header or not _DOB_HEADER.search(header) or _DATE.search(header):
            continue
        if _OTHER_DATE_HEADER.search(_DOB_HEADER.sub("", header)):
            continue
        # The rows run to the next section, table, footer or wide gap, or to the
        # end of the page; `end` is where the rows' text ends.
        above = line
        end = lines[-1].end if i + 24 >= len(lines) - 1 else lines[i + 24].start
        for row in lines[i + 1 : i + 25]:
            row_text = page.text[row.start : row.end]
            if (
                form_labels.section_role(row_text) is not False
                or _DOB_HEADER.search(row_text)
                # The page's footer ("Printed 05 Oct 2024  Page 1 of 2") or a gap
                # wider than a row's: the table has ended.
                or _FOOTER_LINE.search(row_text)
                or row.rect.y0 - above.rect.y1 > 2.5 * max(above.rect.height, 6.0)
                or _prose_line(row_text)
                # The header of another table, of another date ("SOC. SEC. #  TIME
                # ARREST DATE" under a row of the arrestee's labels and values):
                # its dates are no births.
                or (
                    "\t" in row_text
                    and _OTHER_DATE_HEADER.search(row_text)
                    and not _DATE.search(row_text)
                )
            ):
                end = row.start
                break
            above = row
        spans = [m.span() for m in _DATE.finditer(page.text, line.end, end)]
        spans += _wrapped_dates(page, line.end, end)
        out.extend(
            Candidate(
                Category.DATE_OF_BIRTH,
                Role.UNKNOWN,
                page.index,
                a,
                b,
                0.8,
                "table_dob_column",
                P_PATTERN,
            )
            for a, b in spans
        )
    return out


# A line of prose, no row of a table: one cell of eight words or more, three of
# them in small letters ("On 2020-04-10 at approximately 1232 hrs, R/OS ..."). The
# narrative's heading ends a table, but a scan may garble it ("1 IARRATIVE"), and
# the narrative's first date was read as a date of birth (a child's: the whole
# report withheld).
def _prose_line(text: str) -> bool:
    words = text.split()
    return "\t" not in text and len(words) >= 8 and sum(w[:1].islower() for w in words) >= 3


_DATE_HEAD = regex.compile(
    rf"(?<![\p{{L}}\p{{N}}])(?:\d{{1,2}}[ -]{_MONTH}|{_MONTH}[ ]+\d{{1,2}},?)(?=\t|\n|$)",
    regex.IGNORECASE,
)


def _wrapped_dates(page: PageText, start: int, end: int) -> list[tuple[int, int]]:
    """ "16 Jan" closing a cell whose year wrapped to the next line of the cell:
    the year is the 4-digit word on the next line, in the same column."""
    out: list[tuple[int, int]] = []
    for m in _DATE_HEAD.finditer(page.text, start, end):
        boxes = page.boxes_for_span(m.start(), m.end())
        if not boxes:
            continue
        li = _line_index(page, m.start())
        if li + 1 >= len(page.lines):
            continue
        nxt = page.lines[li + 1]
        for wi in range(nxt.first_word, nxt.end_word):
            word = page.words[wi]
            if regex.fullmatch(r"\d{4}", word.text) and abs(word.rect.x0 - boxes[0].x0) < 6:
                out.append(m.span())
                ws = page.word_starts[wi]
                out.append((ws, ws + len(word.text)))
                break
    return out


def _cue_candidates(page: PageText) -> list[Candidate]:
    out: list[Candidate] = []
    text = page.text
    for m in _EMPLOYER_NAME.finditer(text):
        s, e = m.span("org")
        while e > s and text[e - 1] in ".,;:":
            e -= 1
        if e > s and text[s:e].casefold() not in persons.STOPWORDS:
            out.append(
                Candidate(
                    Category.EMPLOYER,
                    Role.UNKNOWN,
                    page.index,
                    s,
                    e,
                    0.75,
                    "employer_cue",
                    P_PATTERN,
                )
            )
    for cue in persons.officer_mentions(text):
        out.append(
            Candidate(
                Category.PERSON,
                Role.OFFICER,
                page.index,
                cue.start,
                cue.end,
                0.9,
                cue.detector,
                P_LABEL,
            )
        )
        if cue.star_start >= 0:
            out.append(
                Candidate(
                    Category.STAR_NUMBER,
                    Role.OFFICER,
                    page.index,
                    cue.star_start,
                    cue.star_end,
                    0.9,
                    "cue_officer",
                    P_LABEL,
                )
            )
    for cue in persons.role_cues(text):
        out.append(
            Candidate(
                Category.PERSON,
                cue.role,
                page.index,
                cue.start,
                cue.end,
                0.85,
                cue.detector,
                P_PATTERN,
            )
        )
    # "GARCIA-LOPEZ, Juan": a surname in capitals, a comma and a given name is a
    # name in every police form, whatever its position.
    for m in _CAPS_LAST_FIRST.finditer(text):
        start, end = m.span()
        if _CITY_STATE_ZIP.match(text, start):
            continue  # "MELROSE\nPARK, IL 60160" ends an address
        if persons.looks_like_form_words(m.group()):
            # "KEBEDE, HIWOT SELAM DOB ...": the next field's label ends the name.
            trimmed = persons.without_trailing_form_words(text, start, end)
            if trimmed is None:
                continue
            start, end = trimmed
        # "V1: MCKINNEY, EBONY DOB ...": a typed report's row tag gives the role.
        tag = _ROW_TAG.search(text, max(0, start - 12), start)
        tag_role = form_labels.row_role_of(tag.group("tag")) if tag else None
        role = tag_role or Role.UNKNOWN
        out.append(
            Candidate(
                Category.PERSON,
                role,
                page.index,
                start,
                end,
                0.85,
                "name_pattern",
                P_PATTERN,
            )
        )
    return out


def _line_roles(page: PageText) -> list[Role | None]:
    """The role of the section each line of the page sits in (None: no person's)."""
    line_roles: list[Role | None] = []
    current: Role | None = None
    for line in page.lines:
        announced = form_labels.section_role(form_labels.line_text(page, line))
        if announced is not False:
            current = announced if isinstance(announced, Role) else None
        line_roles.append(current)
    return line_roles


# Sections whose cells name other people than the arrestee (whose own block
# has the employer's and the places' names in cells of the same shape).
_NAMES_SECTIONS = frozenset({Role.RELATIVE, Role.VICTIM, Role.WITNESS, Role.CO_ARRESTEE})
_TITLE_WORD = regex.compile(r"\p{Lu}\p{Ll}[\p{L}'’\-]*")


def _titled_name(text: str) -> bool:
    words = text.split()
    return (
        persons.is_name_piece(text)
        and all(_TITLE_WORD.fullmatch(w) or regex.fullmatch(persons.PARTICLE, w) for w in words)
        and form_labels.single_label(text) is None
    )


def _section_name_cells(page: PageText, roles: Sequence[Role | None]) -> list[Candidate]:
    """Names in the cells of a scanned form's person sections ("PERSONS
    NOTIFIED": "WIFE | Rocío / Luján-Villaseñor | CONTACT | 847-...").

    On a scan the small labels in shaded cells are often read past knowing
    ("ae" for WIFE, "EYES" for MOTHER), and the model finds no name in a row of
    cells. A cell of two to four capitalised words in small letters, or of one
    whose cell wraps onto another such line under it, is a name there: the
    forms print labels and codes in capitals, and an address or a phone has
    digits. The wrapped line is a piece of the name too.
    """
    if not page.ocr:
        return []
    segs = form_labels.segments(page)
    out: list[Candidate] = []
    for seg in segs:
        if roles[seg.line] not in _NAMES_SECTIONS:
            continue
        text = page.text[seg.start : seg.end]
        if not _titled_name(text):
            continue
        h = seg.rect.height
        under = next(
            (
                o
                for o in segs
                if o.line == seg.line + 1
                and abs(o.rect.x0 - seg.rect.x0) < 3
                and -0.3 * h <= o.rect.y0 - seg.rect.y1 < h
                and _titled_name(page.text[o.start : o.end])
            ),
            None,
        )
        if len(text.split()) < 2 and under is None:
            continue
        for part in (seg, under):
            if part is not None:
                out.append(
                    Candidate(
                        Category.PERSON,
                        Role.UNKNOWN,
                        page.index,
                        part.start,
                        part.end,
                        0.8,
                        "section_cell",
                        P_LABEL,
                    )
                )
    return out


def _apply_sections(
    page: PageText, cands: list[Candidate], line_roles: Sequence[Role | None]
) -> list[Candidate]:
    """Give unknown (or weak) roles the role of the section they sit in
    (`line_roles`: `_line_roles(page)`)."""
    line_starts = [ln.start for ln in page.lines]

    def role_at(pos: int) -> Role | None:
        idx = bisect.bisect_right(line_starts, pos) - 1
        return line_roles[idx] if 0 <= idx < len(line_roles) else None

    out = []
    for c in cands:
        section = role_at(c.start)
        if section in (None, Role.UNKNOWN):
            out.append(c)
            continue
        if c.category is Category.PERSON and (c.role is Role.UNKNOWN or c.weak_role):
            # Officers are listed in the section's cells; a name in prose that
            # runs on after it ("... at the request of Mr. Montoya") is not
            # released as an officer's for where it stands.
            if section is not Role.OFFICER or c.detector == "form_label":
                c = replace(c, role=section, weak_role=False)
        elif (
            c.category in PERSONAL_ATTRIBUTES
            and c.role is Role.UNKNOWN
            and c.detector == "form_label"
            and section is not Role.OFFICER
        ):
            # A labelled field inside a "VICTIM 1" or "CO-ARRESTEE" block is that
            # person's, whatever name happens to be printed nearest to it.
            c = replace(c, role=section)
        out.append(c)
    return out


def _resolve_overlaps(cands: Sequence[Candidate]) -> list[Candidate]:
    """Keep the strongest evidence where candidates overlap, page by page.

    Same-strength overlaps are all kept (both get a box if either is redacted):
    when two patterns disagree, failing closed costs a little over-redaction.
    PERSON candidates of the same span are merged into one, with the most
    specific role. Overlaps only happen within a page, so each page is settled
    on its own: the work grows with the page count, not with its square.
    """
    by_page: dict[int, list[Candidate]] = {}
    for c in cands:
        by_page.setdefault(c.page, []).append(c)
    out: list[Candidate] = []
    for page in sorted(by_page):
        out.extend(_resolve_page(by_page[page]))
    return out


def _resolve_page(cands: Sequence[Candidate]) -> list[Candidate]:
    zones = [c for c in cands if c.priority == 0]
    cands = _drop_shadowed(cands)
    # "4700 BLOCK OF N. 25TH AVE" is a place of arrest, never someone's home: a
    # location found with at least the same evidence outranks an address pattern.
    locations = [c for c in cands if c.category is Category.ARREST_LOCATION]
    cands = [
        c
        for c in cands
        if not (
            c.category is Category.ADDRESS
            and any(
                k.page == c.page
                and k.start < c.end
                and c.start < k.end
                and k.priority >= c.priority
                for k in locations
            )
        )
    ]
    real = sorted(
        (c for c in cands if c.priority > 0),
        key=lambda c: (c.page, -c.priority, -(c.end - c.start), c.start),
    )
    kept: list[Candidate] = []
    for c in real:
        clash = False
        for i, k in enumerate(kept):
            if k.page != c.page or not (k.start < c.end and c.start < k.end):
                continue
            if k.category is c.category and k.start <= c.start and c.end <= k.end:
                clash = True  # a duplicate or a piece of an accepted value
                if c.category is Category.PERSON and _more_specific(c, k):
                    kept[i] = replace(k, role=c.role, weak_role=c.weak_role)
                break
            if k.priority > c.priority:
                if k.category is c.category and c.start <= k.start and k.end <= c.end:
                    # The same value read further by a weaker source ("A# 250-863-"
                    # over a line break, then "868."): the stronger reading stopped
                    # short, and the rest must go too.
                    continue
                clash = True
                break

        if not clash:
            kept.append(c)
    # Two spans of one name ("OKONKWO, KWABENA" found by propagation, and
    # "OKONKWO, KWABENA THREATENED" by a capitals pattern in a narrative in
    # capitals) are one person: the unknown one takes the known one's role.
    # The same holds for a name split in two findings that touch ("IBARRA" +
    # "DE LA TORRE, Yesenia"): one space apart is one name.
    for i, c in enumerate(kept):
        if c.category is Category.PERSON and c.role is Role.UNKNOWN:
            for k in kept:
                if (
                    k.category is Category.PERSON
                    and k.role is not Role.UNKNOWN
                    and k.page == c.page
                    and k.start <= c.end + 1
                    and c.start <= k.end + 1
                ):
                    kept[i] = replace(c, role=k.role)
                    break
    return sorted(kept + zones, key=lambda c: (c.page, c.start, c.end))


def _drop_shadowed(cands: Sequence[Candidate]) -> list[Candidate]:
    """Drop findings that another finding on the same text explains better.

    - A name the model found where an alias is printed ("bearing the name Ana
      Ruiz") is the alias: its role and rule are the alias's.
    - A nationality copied by propagation onto a word a recognizer read as a
      language ("his primary language is Ukrainian") is the language.
    """

    def shadowed(c: Candidate) -> bool:
        for k in cands:
            if k is c or k.page != c.page or not (k.start < c.end and c.start < k.end):
                continue
            if (
                c.category is Category.PERSON
                and c.role is Role.UNKNOWN
                and k.category is Category.ALIAS
            ):
                return True
            if (
                c.category is Category.NATIONALITY
                and c.detector == "propagation"
                and k.category is Category.LANGUAGE
                and k.detector != "propagation"
            ):
                return True
        return False

    return [c for c in cands if not shadowed(c)]


def _more_specific(new: Candidate, old: Candidate) -> bool:
    if old.role is Role.UNKNOWN or (old.weak_role and not new.weak_role):
        return new.role is not Role.UNKNOWN
    return False


def _attach_roles(
    pages: Sequence[PageText], cands: list[Candidate], *, final: bool = False
) -> list[Candidate]:
    """Attributes take the role of their owner: the zone they are in, else the
    nearest preceding non-officer person on the page within a few lines.

    The first pass runs before propagation so that copies inherit a role; the
    final pass sees every mention of every person, so the roles that came from
    context alone (a recognizer's find in prose) are worked out again.
    """
    out: list[Candidate] = []
    zones = [c for c in cands if c.priority == 0]
    people = [c for c in cands if c.category is Category.PERSON and c.priority > 0]
    for c in cands:
        if c.priority == 0:
            out.append(c)  # role zones stay for the next pass
            continue
        from_context = c.detector not in ("form_label", "propagation") and not (
            c.detector.startswith("cue_")
        )
        if c.category in PERSONAL_ATTRIBUTES and (
            c.role is Role.UNKNOWN or (final and from_context)
        ):
            previous = pages[c.page - 1] if c.page > 0 else None
            c = replace(c, role=_owner_role(pages[c.page], c, zones, people, previous))
        # A labelled address (RESIDENCE) is a home even when the cell beside it
        # is EMPLOYER; only free text needs the employer cue.
        if (
            c.category is Category.ADDRESS
            and c.detector != "form_label"
            and _employer_context(pages[c.page].text, c.start)
        ):
            c = replace(c, category=Category.EMPLOYER, detector=c.detector + "+employer_cue")
        out.append(c)
    return out


def _owner_role(
    page: PageText,
    c: Candidate,
    zones: list[Candidate],
    people: list[Candidate],
    previous: PageText | None = None,
) -> Role:
    for z in zones:
        zone_end = int(z.detector.split(":", 1)[1])
        if z.page == c.page and z.start <= c.start < zone_end:
            return z.role
    # "the victim, a juvenile aged 15": a role word just before the value names
    # its owner even when no name is printed.
    cue = _OWNER_CUE.search(page.text[max(0, c.start - 48) : c.start])
    if cue is not None and c.detector != "form_label":
        return _owner_role_word(cue.group("who"))
    # One list of line starts for all the lookups below (this runs per finding).
    starts = [ln.start for ln in page.lines]
    line_of = _line_index(page, c.start, starts)
    best: Candidate | None = None
    # A value read off a form field belongs to the form's subject, not to the
    # emergency contact printed in a cell on an earlier row; on its own row (a
    # VICTIM row of a table) it is that person's.
    in_zones = [
        (z.start, int(z.detector.split(":", 1)[1]))
        for z in zones
        if z.page == c.page and z.role not in (Role.ARRESTEE, Role.CO_ARRESTEE)
    ]
    for p in people:
        if p.page != c.page or p.start > c.start or p.role is Role.OFFICER:
            continue
        if (
            c.detector == "form_label"
            and any(a <= p.start < b for a, b in in_zones)
            and _line_index(page, p.start, starts) != line_of
        ):
            continue
        if line_of - _line_index(page, p.start, starts) > 14:
            continue
        if best is None or p.start > best.start:
            best = p
    if best is not None and not _section_between(page.text[best.end : c.start]):
        return best.role
    if best is None and previous is not None:
        # The sentence began on the page before ("...HIS COUSIN, ANA RUIZ, WHO
        # RESIDES AT" / page 2: "7590 N AUSTIN AVE, ..."): its owner is there.
        role = _owner_across_the_break(page, c, people, previous)
        if role is not None:
            return role
    # Nobody before it: on a form grid the value's row may come before the name's
    # row in reading order ("AKA:" printed beside the NAME label). Take a person
    # printed on the next few lines.
    after = [
        p
        for p in people
        if p.page == c.page
        and p.start > c.end
        and p.role is not Role.OFFICER
        and _line_index(page, p.start, starts) - line_of <= 3
        and not _section_between(page.text[c.end : p.start])
    ]
    if after:
        return min(after, key=lambda p: p.start).role
    return Role.UNKNOWN


def _owner_across_the_break(
    page: PageText, c: Candidate, people: list[Candidate], previous: PageText
) -> Role | None:
    tail = _body_tail(previous)
    if tail is None or not any(a <= c.start < b for a, b in _body_heads(page)):
        return None
    last_lines = previous.lines[-_SEAM_LINES:]
    if not last_lines:
        return None
    before = [
        p
        for p in people
        if p.page == previous.index
        and p.role is not Role.OFFICER
        and last_lines[0].start <= p.start < tail[1]
    ]
    if not before:
        return None
    best = max(before, key=lambda p: p.start)
    if _section_between(previous.text[best.end : tail[1]]):
        return None
    return best.role


_OWNER_ROLES = {
    "victim": Role.VICTIM,
    "witness": Role.WITNESS,
    "complainant": Role.WITNESS,
    **{
        r: Role.RELATIVE
        for r in (
            "father mother sister brother wife husband son daughter cousin aunt uncle "
            "grandmother grandfather girlfriend boyfriend spouse niece nephew"
        ).split()
    },
}


def _owner_role_word(word: str) -> Role:
    """The role a word like "victims" or "witness" names (plural or not)."""
    key = word.casefold()
    for candidate in (key, key.removesuffix("s"), key.removesuffix("es")):
        if candidate in _OWNER_ROLES:
            return _OWNER_ROLES[candidate]
    return Role.UNKNOWN


_OWNER_CUE = regex.compile(
    r"\b(?:the|a|an|his|her|their|two|three|both|another|one|other|each)\s+(?:\w+\s+){0,2}?(?P<who>"
    + "|".join(sorted(_OWNER_ROLES, key=len, reverse=True))
    + r")(?:es|s)?\b[^.;\n]{0,30}$",
    regex.IGNORECASE,
)


def _section_between(text: str) -> bool:
    """A section header between two spans ends the first one's block."""
    return any(form_labels.section_role(raw) is not False for raw in text.split("\n")[1:])


def _line_index(page: PageText, pos: int, starts: Sequence[int] | None = None) -> int:
    """Index of the line holding offset `pos`; pass `starts` when asking often."""
    if starts is None:
        starts = [ln.start for ln in page.lines]
    return bisect.bisect_right(starts, pos) - 1


_EMPLOYER_CUE = regex.compile(
    r"(?:works?|worked|working|employed|employment|employer|job|workplace|shift|supervisor)"
    r"\b[^.\n]{0,80}$|(?:located|situated)\s+at\s*$",
    regex.IGNORECASE,
)


def _employer_context(text: str, start: int) -> bool:
    window = text[max(0, start - 120) : start]
    # Stop at a sentence end: "… employed. He lives at <address>" is a home.
    window = regex.split(r"\.\s+(?=\p{Lu})|\n\n", window)[-1]
    cue = _EMPLOYER_CUE.search(window)
    if cue is None:
        return False
    # A cue on the line before, in a row of labels that names a home first, is
    # a column's label ("HOME ADDRESS  :  EMPLOYER ADDRESS" over the home address
    # and the employer's): form labels place the values under their columns.
    line_start = window.rfind("\n", 0, cue.start()) + 1
    if "\n" not in window[line_start:]:
        return True
    return not any(
        (label := form_labels.single_label(cell.strip())) is not None
        and form_labels.spec_for(label.group("label")).category is Category.ADDRESS
        for cell in window[line_start : cue.start()].split("\t")
    )


def _to_finding(page: PageText, c: Candidate) -> Finding:
    text = page.text[c.start : c.end]
    # An address without its number is a piece of one ("Chicago" on the second
    # line of a cell): its words alone are no address (see Finding.fragment).
    piece = c.category is Category.ADDRESS and not any(ch.isdigit() for ch in text)
    return Finding(
        category=c.category,
        role=c.role,
        page=c.page,
        start=c.start,
        end=c.end,
        boxes=page.boxes_for_span(_box_start(page, c.start), _box_end(page, c.end)),
        score=round(c.score, 3),
        detector=c.detector,
        text=text,
        fragment=c.fragment or piece,
    )


# On a scan, the boxes OCR gives the characters of a word are its guess, and a
# possessive's apostrophe takes the width of the letter before it ("LOZANO'S":
# the box of "LOZANO" stopped at its N, measured). A value ending inside a word
# whose rest is a possessive or marks is boxed to the word's end.
_WORD_REST = regex.compile(r"(?:['’`´][sS]?)?[.,;:)\]]*")


def _box_end(page: PageText, end: int) -> int:
    if not page.ocr or end >= len(page.text) or page.text[end] not in "'’`´":
        return end
    rest = _WORD_REST.match(page.text, end)
    if rest is None or (rest.end() < len(page.text) and not page.text[rest.end()].isspace()):
        return end
    return rest.end()


# ... and a value starting inside a word after a mark or two OCR made of a glyph
# ("E£45814940," for E45814940, where the number was found again from its
# digits on): the box takes in the word's start, which may be the value's own
# first letter read as the mark ("£45814940"). Never past a digit or a second
# letter: "CB#86119528" keeps its label.
_MARKED_WORD_START = regex.compile(r"\p{Lu}?[^\p{L}\p{N}\s]{1,2}|[^\p{L}\p{N}\s]\p{Lu}?")


def _box_start(page: PageText, start: int) -> int:
    if not page.ocr or start == 0 or page.text[start - 1].isspace():
        return start
    at = start
    while at > 0 and start - at < 3 and not page.text[at - 1].isspace():
        at -= 1
    if at > 0 and not page.text[at - 1].isspace():
        return start  # more than two characters of the word before the value
    return at if _MARKED_WORD_START.fullmatch(page.text, at, start) else start


def _with_text(pages: Sequence[PageText]) -> list[PageText]:
    """The pages detection reads: a blank page has nothing for the models."""
    return [page for page in pages if page.text.strip()]


# --- Juvenile -------------------------------------------------------------------------

_DATE_FORMATS = (
    "%m/%d/%Y",
    "%Y-%m-%d",
    "%d %b %Y",
    "%d %B %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%m-%d-%Y",
    "%m/%d/%y",
    "%b. %d, %Y",
    "%d-%b-%Y",
    "%Y/%m/%d",
    "%m.%d.%Y",
)


def parse_date(value: str) -> dt.date | None:
    # "Sept." is September cut short; "September" itself must stay whole.
    cleaned = " ".join(regex.sub(r"\bSept\b", "Sep", value).split()).strip(" .,;()")
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(cleaned, fmt).date()
        except ValueError:
            continue
    return None


# Words that say the arrested person is a juvenile. "juvenile victim" or
# "juvenile witness" say nothing about the arrestee and do not count.
_JUVENILE_MARK = regex.compile(
    r"\bJUVENILE\s+(?:ARREST(?:EE)?|REPORT|RECORD|CASE|CUSTODY|OFFENDER|SUBJECT|SUSPECT|"
    r"DETAINEE|DELINQUEN\w*)\b|\bJUV(?:ENILE)?\s*[:\t]\s*(?:Y|YES)\b|\bMINOR\s+ARRESTEE\b",
    regex.IGNORECASE,
)


def _is_juvenile(pages: Sequence[PageText], cands: Sequence[Candidate]) -> bool:
    arrested = (Role.ARRESTEE, Role.CO_ARRESTEE)
    reference = _reference_date(pages, cands)
    adult_lines = {
        (c.page, _line_index(pages[c.page], c.start))
        for c in cands
        if c.category is Category.DATE_OF_BIRTH
        and c.role in arrested
        and (age := _age_at(pages[c.page].text[c.start : c.end], reference)) is not None
        and age >= 18
    }
    for c in cands:
        if c.category is Category.AGE and c.role in arrested:
            value = pages[c.page].text[c.start : c.end].strip(" .,;:")
            digits = regex.search(r"\d{1,3}", value)
            if not digits or regex.fullmatch(r"\d{1,3}", value):
                if digits and int(digits.group()) < 18:
                    return True
                continue
            # An age OCR garbled ("4B" for 48, "3t"): its letters folded to the
            # digits they look like, and no child's when a date of birth on its
            # row says adult; else, failing closed, its first digits.
            folded = value.translate(_AGE_DIGITS)
            if regex.fullmatch(r"\d{1,3}", folded):
                if int(folded) < 18:
                    return True
                continue
            if (c.page, _line_index(pages[c.page], c.start)) in adult_lines:
                continue
            if int(digits.group()) < 18:
                return True
    for c in cands:
        if c.category is Category.DATE_OF_BIRTH and c.role in arrested:
            age = _age_at(pages[c.page].text[c.start : c.end], reference)
            if age is not None and 0 <= age < 18:
                return True
    return any(_JUVENILE_MARK.search(p.text) for p in pages)


_AGE_DIGITS = str.maketrans("BSsOoIli!|Z", "85500111112")


def _age_at(value: str, reference: dt.date | None) -> int | None:
    """Age on `reference` of a person born on the date `value`, if both are known."""
    born = parse_date(value)
    if born is None or reference is None:
        return None
    return reference.year - born.year - ((reference.month, reference.day) < (born.month, born.day))


def _reference_date(pages: Sequence[PageText], cands: Sequence[Candidate]) -> dt.date | None:
    for c in cands:
        if c.category is Category.ARREST_DATE:
            d = parse_date(pages[c.page].text[c.start : c.end])
            if d:
                return d
    # Else the first date printed that is not a date of birth (report date).
    dobs = {(c.page, c.start) for c in cands if c.category is Category.DATE_OF_BIRTH}
    for page in pages:
        for m in regex.finditer(r"\b\d{1,2}/\d{1,2}/\d{4}\b|\b\d{4}-\d{2}-\d{2}\b", page.text):
            if (page.index, m.start()) not in dobs:
                d = parse_date(m.group())
                if d:
                    return d
    return None
