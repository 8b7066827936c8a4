"""Build every custom recognizer once, at startup, from the gazetteer files.

Nothing is loaded at import time: `build_recognizers()` reads the gazetteers and
compiles the patterns, and `app.main`'s lifespan calls it once. A missing or empty
gazetteer stops startup (`ModelUnavailable`) instead of silently detecting less.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pycountry
from presidio_analyzer import EntityRecognizer

from app.redaction.errors import ModelUnavailable
from app.redaction.recognizers.identity import (
    AgeRecognizer,
    DateOfBirthRecognizer,
    DriversLicenseRecognizer,
    LicensePlateRecognizer,
    ReportEmailRecognizer,
    ReportPhoneRecognizer,
    SsnRecognizer,
    StateIdRecognizer,
    VinRecognizer,
)
from app.redaction.recognizers.immigration import (
    ANumberRecognizer,
    ConsularIdRecognizer,
    ImmigrationStatusRecognizer,
    NationalityRecognizer,
    PassportCountryRecognizer,
    PassportRecognizer,
    PlaceOfBirthRecognizer,
    ResidenceRecognizer,
    VisaRecognizer,
)
from app.redaction.recognizers.person_attrs import (
    AddressRecognizer,
    AliasRecognizer,
    ArrestLocationRecognizer,
    LanguageRecognizer,
    PhysicalMarksRecognizer,
)
from app.redaction.recognizers.police import (
    BondRecognizer,
    CbNumberRecognizer,
    ChargeRecognizer,
    FbiNumberRecognizer,
    IrNumberRecognizer,
    RdNumberRecognizer,
    SidNumberRecognizer,
    StarNumberRecognizer,
)

# An inline comment starts at whitespace followed by "#" ("MEX  # Mexico"); a "#"
# inside an entry (none today) would need no whitespace before it.
_INLINE_COMMENT = r"\s+#.*$"


def load_gazetteer(path: Path) -> tuple[str, ...]:
    """Entries of one gazetteer file: one per line, UTF-8; blank lines and lines
    starting with "#" are skipped, inline comments removed, duplicates dropped."""
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ModelUnavailable(f"gazetteer {path.name} cannot be read") from exc
    entries: dict[str, None] = {}
    for line in raw.splitlines():
        entry = re.sub(_INLINE_COMMENT, "", line).strip()
        if entry and not entry.startswith("#"):
            entries[entry] = None
    if not entries:
        raise ModelUnavailable(f"gazetteer {path.name} is empty")
    return tuple(entries)


@dataclass(frozen=True, slots=True)
class Gazetteers:
    countries: tuple[str, ...]
    demonyms: tuple[str, ...]
    country_codes: tuple[str, ...]
    nationality_cue_only: tuple[str, ...]
    languages: tuple[str, ...]
    immigration_status: tuple[str, ...]
    cities: tuple[str, ...]

    @classmethod
    def load(cls, directory: Path) -> Gazetteers:
        cue_only = load_gazetteer(directory / "nationality_cue_only.txt")
        return cls(
            countries=_merge(
                load_gazetteer(directory / "countries.txt"), iso_country_names(), cue_only
            ),
            demonyms=load_gazetteer(directory / "demonyms.txt"),
            country_codes=_merge(
                load_gazetteer(directory / "country_codes.txt"), iso_country_codes(), ()
            ),
            nationality_cue_only=cue_only,
            languages=load_gazetteer(directory / "languages.txt"),
            immigration_status=load_gazetteer(directory / "immigration_status.txt"),
            cities=load_gazetteer(directory / "cities.txt"),
        )


def iso_country_names() -> tuple[str, ...]:
    """ISO 3166-1 names from pycountry (maintained with the standard): short, common
    and official names. Inverted forms ("Korea, Republic of") and names with a
    note in parentheses are left out: reports never print them that way."""
    names: dict[str, None] = {}
    for country in pycountry.countries:
        for attr in ("name", "common_name", "official_name"):
            value = getattr(country, attr, None)
            if value and not any(ch in value for ch in ",()"):
                names[value] = None
    return tuple(names)


def iso_country_codes() -> tuple[str, ...]:
    return tuple(c.alpha_3 for c in pycountry.countries)


def _merge(
    ours: tuple[str, ...], maintained: tuple[str, ...], cue_only: tuple[str, ...]
) -> tuple[str, ...]:
    # Our lists add variants and former names; a name that is also a common word
    # or a US place ("Jersey", "Georgia") stays cue-only whatever the source.
    excluded = {c.casefold() for c in cue_only}
    merged = dict.fromkeys(ours)
    merged.update(dict.fromkeys(n for n in maintained if n.casefold() not in excluded))
    return tuple(merged)


def build_recognizers(gazetteer_dir: Path) -> list[EntityRecognizer]:
    """One instance of every custom recognizer, ready for a RecognizerRegistry."""
    g = Gazetteers.load(gazetteer_dir)
    return [
        # immigration
        ANumberRecognizer(),
        PassportRecognizer(),
        VisaRecognizer(),
        ConsularIdRecognizer(),
        ImmigrationStatusRecognizer(phrases=g.immigration_status),
        NationalityRecognizer(
            countries=g.countries,
            demonyms=g.demonyms,
            codes=g.country_codes,
            cue_only=g.nationality_cue_only,
            languages=g.languages,
        ),
        PlaceOfBirthRecognizer(),
        ResidenceRecognizer(),
        PassportCountryRecognizer(codes=g.country_codes, countries=g.countries),
        # identity
        SsnRecognizer(),
        DriversLicenseRecognizer(),
        StateIdRecognizer(),
        LicensePlateRecognizer(),
        VinRecognizer(),
        ReportEmailRecognizer(),
        ReportPhoneRecognizer(),
        DateOfBirthRecognizer(),
        AgeRecognizer(),
        # police
        CbNumberRecognizer(),
        IrNumberRecognizer(),
        FbiNumberRecognizer(),
        SidNumberRecognizer(),
        RdNumberRecognizer(),
        StarNumberRecognizer(),
        BondRecognizer(),
        ChargeRecognizer(),
        # person attributes
        AliasRecognizer(),
        LanguageRecognizer(languages=g.languages),
        PhysicalMarksRecognizer(),
        AddressRecognizer(cities=g.cities),
        ArrestLocationRecognizer(),
    ]
