"""Recognizers for immigration documents, status, nationality and place of birth.

Under the Welcoming City Ordinance (MCC 2-173-030) and the TRUST Act these are
withheld from every requester, so recall matters; but a word such as "Spanish",
"Hispanic" or "Georgia" is not a nationality, and redacting released text is a
failure too, so ambiguous words need a cue.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import ClassVar

import regex

from app.redaction.recognizers.base import (
    FORM_LABELS,
    NO,
    SEP,
    TEXT_SEP,
    WS,
    ValuePattern,
    ValueRecognizer,
    alternation,
    bounded,
    preceded_by,
)
from app.redaction.types import Category

# --- A-number -----------------------------------------------------------------

# Nine digits (current numbers) or eight (older ones), grouped 3-3-3 / 2-3-3 with
# one kind of separator, or run together. Not followed by another digit, so a
# phone number (3-3-4) or a longer reference never yields a truncated A-number.
# A space-grouped number may wrap at the right margin ("A 212\n345 678"); on a
# scan a space between its groups may come off as a speck read as a mark ("A 262\n
# 731.135."): a full stop or comma right before the next group's digit.
_GAP = r"(?:[ ]|[ ]?\n|[.,](?=\d))"
# Prose wraps a hyphenated number after a hyphen: "A-290-" / "646-246".
_HY = r"-(?:[ \t]*\n[ \t]*)?"
_A9 = rf"(?:\d{{3}}{_HY}\d{{3}}{_HY}\d{{3}}|\d{{3}}{_GAP}\d{{3}}{_GAP}\d{{3}}|\d{{9}})"
_A8 = rf"(?:\d{{2}}{_HY}\d{{3}}{_HY}\d{{3}}|\d{{2}}{_GAP}\d{{3}}{_GAP}\d{{3}}|\d{{8}})"
_A_DIGITS = rf"(?:{_A9}|{_A8})(?![ -]?\d)"
# The capital "A" prefix belongs to the number ("A-212-345-678"); "A#" is a label.
# The prefix may end a line ("...bears the number A\n256 744 800").
_A_PREFIXED = rf"(?-i:A)(?:{_HY}|[ ]?\n[ \t]*|[ ])?{_A_DIGITS}"
_A_CUE = (
    r"(?:(?<![\w-])(?-i:A)[ \t]?(?:-[ \t]*\n?[ \t]*)?(?:\#|No\.|Nbr\.?|Num\.?|Number)(?![a-z])"
    r"|\bA-file" + NO + r"?"
    r"|\balien(?:[ \t]*registration)?" + NO + r"|\balien[ \t]*registration\b"
    # "ALIEN REG 232-846-763", "Alien Reg. No."; a scan's OCR may glue the
    # words ("ALIENREG.NO.").
    r"|\balien[ \t]*reg\b\.?(?:" + NO + r")?"
    # ... and in small print garbled by a scan, in capitals ("ALTEM REG. HO."):
    # five letters after "AL", "REG" whole, its "NO." read as "HO." or "N0.".
    r"|\b(?-i:AL[A-Z1l|]{3})[ \t]*(?-i:REG)\b\.?(?:[ \t]*(?-i:NO|HO|N0)\b\.?)?"
    r"|\bUSCIS" + NO + r")"
)


class ANumberRecognizer(ValueRecognizer):
    """Alien registration numbers: "A# 212-345-678", "A-212-345-678", "A212345678".

    Does not match: "Apt 2123456" (no A prefix on the digits), phone numbers
    (3-3-4 digits), ten-digit event numbers.
    """

    ENTITY = Category.A_NUMBER
    NAME = "a_number"
    PATTERNS = (
        ValuePattern(
            "a_number_cued",
            _A_CUE + SEP + r"(?:\((?-i:A)[ -]?(?:\#|number)\)[ \t]*)?"
            rf"(?P<value>(?:(?-i:A)(?:[ -]|[ ]?\n)?)?{_A_DIGITS})",
            0.95,
        ),
        ValuePattern("a_number_prefixed", rf"(?<![\w#/-])(?P<value>{_A_PREFIXED})", 0.6, False),
    )
    CONTEXT = ("alien", "registration", "uscis", "immigration", "ice", "a-number", "a#")

    def invalidate_result(self, pattern_text: str) -> bool | None:
        digits = regex.sub(r"\D", "", pattern_text)
        return len(set(digits)) <= 1  # all one digit is a placeholder, not a number


# --- Passport, visa, consular ID ------------------------------------------------

_CAPWORDS = r"(?-i:[A-Z][\w'’.-]*)(?:[ \t]+(?-i:[A-Z][\w'’.-]*)){0,3}"
_PASSPORT_FILLER = (
    r"(?:[ \t]*\n?[ \t]*(?:\([^()\n]{1,40}\)"  # passport (Poland); may wrap a line
    r"|,?[ \t]*issued(?:[ \t]+|[ \t]*\n[ \t]*)(?:by|in)(?:[ \t]+|[ \t]*\n[ \t]*)(?:the[ \t]+)?"
    + _CAPWORDS  # issued by Poland
    + r"|(?-i:[A-Z]{2,3})(?=[ \t]*[\#:])"  # PASSPORT POL #...
    # PPT GTM L60032965; the number may start the next line ("PPT MEX\nK31200033")
    r"|(?-i:[A-Z]{3})(?=(?:[ \t]+|[ \t]*\n[ \t]*)(?-i:[A-Z0-9]{0,3}\d))"
    r"|\#|:|,|(?<=[\#:][ \t]?)-|no\.?|nbr\.?|num\.?|number|book|card)){0,5}"
)


class PassportRecognizer(ValueRecognizer):
    """Passport numbers after a passport cue: "Passport G12345678", "Mexican passport,
    no. G98765432", "passport (Peru) no. E1234567", "PASSPORT HND #E1234567".

    Does not match a number with no passport cue (too many 6-9 character references
    on a report look the same), nor a visa foil number printed in a passport.
    """

    ENTITY = Category.PASSPORT
    NAME = "passport"
    PATTERNS = (
        ValuePattern(
            "passport_cued",
            r"\b(?:passport|PPT)\b" + _PASSPORT_FILLER + r"[ \t]*\n?[ \t]*"
            r"(?P<value>(?-i:[A-Z0-9]{6,9}))(?![\w-])",
            0.9,
        ),
    )
    CONTEXT = ("passport",)

    def invalidate_result(self, pattern_text: str) -> bool | None:
        # A passport number has digits; a run of capitals here is a word or a label.
        return not any(c.isdigit() for c in pattern_text) or bool(
            super().invalidate_result(pattern_text)
        )


_NUMBER_WORD = r"(?:\#|no\.|number|nbr\.?|num\.?)"
# Words between a cue and its number, within one sentence: "visa foil in the
# passport bears no. 7654321". No digits (a number in between ends the search), no
# sentence end, and not "card" (a Visa payment card number is not a visa).
_SHORT_FILLER = r"(?:(?!card\b)(?!\n[ \t]*\n)[^\d.;:#]){0,40}?"


class VisaRecognizer(ValueRecognizer):
    """Visa and I-94 numbers: "I-94 123456789A1", "I-94 no. 12345678901", "visa no.
    12345678", "the visa foil in the passport bears no. 7654321".

    Does not match visa types ("B-2 visa": that is IMMIGRATION_STATUS), or Visa
    payment cards.
    """

    ENTITY = Category.VISA
    NAME = "visa"
    PATTERNS = (
        ValuePattern(
            "i94",
            # OCR reads the "I" as "1" or "l" ("1-94#: 95808787475"), and the last
            # digit after a letter as the letter it looks like ("496995478TS"); the
            # number's strict shape keeps a "1-94" range out.
            r"\b[I1l]-?94(?:[ \t]+(?:admission|arrival(?:/departure)?|record|form))*"
            + NO
            + r"?"
            + SEP
            + r"(?P<value>(?-i:\d{9}[A-Z][\dSO]|\d{11}))(?![\w-])",
            0.95,
        ),
        ValuePattern(
            "visa_number",
            r"\bvisa(?:[ \t]+(?:foil|control|stamp))?\b"
            + _SHORT_FILLER
            + _NUMBER_WORD
            + r"[ \t]*:?[ \t]*\n?[ \t]*(?P<value>(?-i:[A-Z]{0,2}\d{6,10}))(?![\w-])",
            0.85,
        ),
        ValuePattern(
            "visa_label",
            r"\bvisa(?:[ \t]+(?:foil|control))?[ \t]*:[ \t]*"
            r"(?P<value>(?-i:[A-Z]{0,2}\d{6,10}))(?![\w-])",
            0.85,
        ),
    )
    CONTEXT = ("visa", "i-94", "foil")


# A consular card number: digits, possibly grouped ("1683-9808-02", "0123 4567 89").
# Its groups may wrap at a hyphen or a space ("no. 3515-" / "8983-68").
_CONSULAR_NUMBER = (
    r"(?-i:[A-Z]{0,2}(?:\d{3,5}(?:(?:-|[ ])(?:[ \t]*\n[ \t]*)?\d{2,5}){1,3}(?![- ]?\d)"
    r"|\d{6,13}))"
)


class ConsularIdRecognizer(ValueRecognizer):
    """Consular ID card numbers: "MATRICULA #1234509876", "matrícula consular, no.
    0123456789", "consular identification card, no. C7654321", "CONS ID: 1683-9808-02",
    "a Guatemalan consular ID card, no.\\n9441-5824-78".

    Does not match a number without a consular cue.
    """

    ENTITY = Category.CONSULAR_ID
    NAME = "consular_id"
    PATTERNS = (
        ValuePattern(
            "consular_id_cued",
            r"(?:\bmatr[ií]cula(?:[ \t]+consular)?(?:[ \t]+de[ \t]+identificaci[oó]n)?"
            # The cue may wrap at a line's end ("consular" / "ID card, no.").
            r"|\bMCAS\b|\bconsul(?:ar|ate)"
            + WS
            + r"(?:ID|identification|identity|card)(?:[ \t]+card)?"
            # Other countries' cards: "tarjeta de identificación consular" (Guatemala,
            # Honduras, El Salvador), "cédula consular".
            r"|\b(?:tarjeta[ \t]+de[ \t]+)?identificaci[oó]n[ \t]+consular"
            r"|\bc[eé]dula[ \t]+consular"
            r"|(?-i:\bCONS\.?[ \t]+ID\b))"
            # "a matricula consular" / "card, no. ...": the card itself, whose word
            # the filler leaves out (a Visa card is no visa).
            + rf"(?:{WS}(?:ID{WS})?card\b)?"
            + _SHORT_FILLER
            + _NUMBER_WORD
            + r"?"
            + SEP
            + rf"(?P<value>{_CONSULAR_NUMBER})(?![\w-])",
            0.95,
        ),
    )
    CONTEXT = ("matricula", "matrícula", "consular")

    def invalidate_result(self, pattern_text: str) -> bool | None:
        return not 6 <= sum(c.isdigit() for c in pattern_text) <= 13 or bool(
            super().invalidate_result(pattern_text)
        )


# --- Immigration status -------------------------------------------------------

_CRIMINAL_PAROLE = (
    r"\b(?:IDOC|department[ \t]+of[ \t]+corrections|parole[ \t]+(?:agent|officer)|MSR"
    r"|mandatory[ \t]+supervised[ \t]+release|on[ \t]+parole[ \t]+for)\b"
)


def _is_acronym(phrase: str) -> bool:
    letters = [c for c in phrase if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters)


# The words that introduce a status are part of it as reports word it: "he is *a
# DACA recipient*", "he is *in Temporary Protected Status (TPS)*", "he is *on an
# H-2B work visa*", "he is *subject to a final order of removal*".
# (The phrase may be quoted, 'he is a "TPS holder"', or a scan's speck read as a
# quote before it: the article still belongs to it.)
_STATUS_ARTICLE = r"(?:a|an|his|her|their)"
_STATUS_LEAD = (
    rf"(?:(?:subject{WS}to|in|on|under){WS})?(?:{_STATUS_ARTICLE}{WS}[\"“'‘]?)?(?:pending{WS})?"
)
# Visas as a status: "B-2 tourist visa", "expired visa", "H-2B work visa", "F-1
# visa". At least one qualifier, so a bare "visa" (a payment card, a visa number)
# is not a status; never "Visa card".
# (On a scan the hyphen may be read as a space: "overstayed a B 2 visa"; or its
# digit as a letter: "on an H-OR work visa", a hyphened code in capitals.)
_VISA_TYPE = (
    r"(?:(?-i:[A-Z])[- ]?\d{1,2}(?-i:[A-Z])?(?:/(?-i:[A-Z])[- ]?\d{1,2}(?-i:[A-Z])?)?"
    # (a B read as an 8: "overstayed a 8-2 tourist visa")
    r"|(?-i:[A-Z]-[A-Z0-9]{1,2})|8-[12])"
)
_VISA_KIND = (
    r"(?:tourist|student|visitor'?s?|work|temporary|non-?immigrant|employment|business|travel"
    r"|exchange(?:[ \t]+visitor)?|fianc[eé]e?|religious[ \t]+worker|investor|spousal)"
)
_VISA_STATE = r"(?:expired|lapsed|valid|current)"
_VISA = (
    rf"(?=(?:{_VISA_STATE}|{_VISA_TYPE}|{_VISA_KIND})[ \t\n])"
    # (a scan's speck read as a mark after its kind: "B-2 TOURIST. VISA", "TOURIST: VISA")
    rf"(?:{_VISA_STATE}{WS})?(?:{_VISA_TYPE}{WS})?(?:{_VISA_KIND}[.,:;]?{WS})?visas?\b"
    r"(?![ \t]*(?:card|debit|credit)\b)"
)
# (its O read as a Q on a scan: "QVERSTAYED")
_OVERSTAY = rf"[oq]verstay(?:ed|ing|s)?{WS}(?:(?:a|an|his|her|their|the){WS})?(?:{_VISA}|visas?\b)"
# (its "by" may come off a scan glued to the agency with a mark: "RY'DHS")
_RELEASED_LEAD = (
    rf"released{WS}(?:(?:by{WS}|[a-z]{{2}}['’`.,]?(?=DHS|ICE|CBP))(?:the{WS})?"
    rf"(?:DHS|ICE|CBP|immigration(?:{WS}authorities)?"
    rf"|Border{WS}Patrol){WS})?(?:with|on){WS}(?:an?{WS})?"
)
_RELEASED_NTA = rf"{_RELEASED_LEAD}Notice{WS}to{WS}Appear"
# What may follow a status and still be part of it: "(TPS)", "pending before the
# immigration court", "on an expired visa", "under CBP One", "from the United States".
_STATUS_TAIL = (
    # (the acronym as a scan may read it: "(EW!)", "(TP$)", and "(EWN." with its
    # closing parenthesis read as a full stop or lost)
    r"(?:[ \t]*\n?[ \t]*\((?-i:[A-Z][A-Z0-9!|$-]{1,7})(?:\)|\.(?=\s|$)|(?=[ \t]*(?:\n|$)))"
    rf"|{WS}pending(?:{WS}(?:before|in|with|at){WS}(?:the{WS}|an?{WS})?"
    rf"(?:immigration{WS}(?:court|judge)|USCIS|EOIR))?"
    rf"|{WS}(?:on|with){WS}(?:{_STATUS_ARTICLE}{WS})?{_VISA}"
    rf"|{WS}under{WS}(?:the{WS})?(?:(?-i:CBP){WS}One|(?-i:DACA|TPS)|humanitarian{WS}parole)"
    rf"|{WS}from{WS}the{WS}(?:United{WS}States|U\.S\.|country))"
)
# Labels of an immigration-status field, and short values that are a status only in
# such a field ("LPR" elsewhere is a licence-plate reader; "final order" may be an
# order of protection).
_STATUS_LABEL = (
    r"(?:\b(?:immigration|immig\.?|imm\.?)[ \t]+stat(?:us|\.)?\b"
    # a bare STATUS label, unless it is another status ("MARITAL STATUS")
    r"|(?<!\b(?:marital|case|warrant|bond|report|custody|employment|vehicle|plate|payment)"
    r"[ \t])\bstatus\b)(?:[ \t]*\([^()\n]{1,30}\))?"
)
_FIELD_ONLY_STATUS = (
    rf"(?:(?-i:LPR)|final{WS}order(?:{WS}of{WS}removal)?|NTA{WS}issued"
    # "STATUS: B-2 OVERSTAY", "IMM STAT - VISA OVERSTAY"
    rf"|(?:(?-i:[A-Z])-?\d{{1,2}}(?-i:[A-Z])?{WS})?(?:visa{WS})?overstay(?:ed|er)?)"
)


_LEAD_BEFORE = regex.compile(rf"(?<![\w'’-]){_STATUS_LEAD}\Z", regex.IGNORECASE)
# ... and a Notice to Appear's ("released by DHS with a *NOTIGE TO APPEAR*", its
# core found as OCR garbled it), as `_RELEASED_NTA` spans it.
_RELEASED_BEFORE = regex.compile(rf"(?<![\w'’-]){_RELEASED_LEAD}\Z", regex.IGNORECASE)
_APPEAR_END = regex.compile(r"(?i)\bappear\Z")
_TAIL_AFTER = regex.compile(rf"{_STATUS_TAIL}{{0,2}}(?![\w'’])", regex.IGNORECASE)


def status_extent(text: str, start: int, end: int) -> tuple[int, int]:
    """A status phrase's core at text[start:end] with the words that introduce it
    and what completes it, as `ImmigrationStatusRecognizer` spans it: "he was
    *previously removed*" -> "previously removed from the United States"."""
    lead = _LEAD_BEFORE.search(text, max(0, start - 40), start)
    if _APPEAR_END.search(text, start, end):
        lead = _RELEASED_BEFORE.search(text, max(0, start - 60), start) or lead
    tail = _TAIL_AFTER.match(text, end)
    return (lead.start() if lead else start), (tail.end() if tail else end)


class ImmigrationStatusRecognizer(ValueRecognizer):
    """Status wording from the gazetteer ("no legal status", "DACA recipient", "ICE
    detainer"...), visas as a status ("overstayed a B-2 tourist visa", "on an H-2B
    work visa"), and the value of an IMMIGRATION STATUS field. The span is the whole
    phrase with the words that introduce it and what completes it: "a DACA
    recipient", "in Temporary Protected Status (TPS)", "an asylum case pending
    before the immigration court", "out of status on an expired visa", "released by
    DHS with a Notice to Appear".

    Does not match: "LPR" (licence-plate reader) outside a status field, bare "ICE",
    "overstayed" without a visa, a Visa payment card, parole wording in a sentence
    about criminal parole (IDOC, parole agent).
    """

    ENTITY = Category.IMMIGRATION_STATUS
    NAME = "immigration_status"
    GUARDS: ClassVar[dict[str, str]] = {"criminal_parole": _CRIMINAL_PAROLE}

    def __init__(self, *, phrases: Sequence[str], supported_language: str = "en") -> None:
        self._phrases = tuple(phrases)
        super().__init__(supported_language=supported_language)

    def build_patterns(self) -> tuple[ValuePattern, ...]:
        words = [p for p in self._phrases if not _is_acronym(p)]
        acronyms = [p for p in self._phrases if _is_acronym(p)]
        cores = [alternation(words), _OVERSTAY, _RELEASED_NTA, _VISA]
        if acronyms:
            cores.append("(?-i:" + alternation(acronyms) + ")")
        core = "(?:" + "|".join(cores) + ")"
        return (
            ValuePattern(
                "status_phrase",
                bounded(rf"(?P<value>{_STATUS_LEAD}{core}{_STATUS_TAIL}{{0,2}})"),
                0.85,
            ),
            ValuePattern(
                "status_field",
                _STATUS_LABEL
                + TEXT_SEP
                + rf"(?P<value>{core}|{_FIELD_ONLY_STATUS})(?=[ \t]*(?:[\t;,]|$))",
                0.9,
            ),
        )

    def accept(
        self, text: str, match: regex.Match[str], start: int, end: int, pattern: ValuePattern
    ) -> bool:
        if "parole" not in text[start:end].lower():
            return True
        window = text[max(0, start - 80) : min(len(text), end + 80)]
        return self.guard("criminal_parole").search(window) is None


# --- Nationality --------------------------------------------------------------


def _cases(names: Iterable[str]) -> list[str]:
    """Names as written and in capitals: forms print "MEXICO", narratives "Mexico".
    Matching is otherwise case-sensitive so that "turkey" or "chad" stay words."""
    out: list[str] = []
    for name in names:
        out.extend({name, name.upper()})
    return out


def _cs(names: Iterable[str]) -> str:
    return "(?-i:" + alternation(_cases(names), ignore_case=False) + ")"


_CITIZENSHIP_LABEL = (
    r"\b(?:(?:country[ \t]+of[ \t]+)?citizenship|ctzn?|citz|nationality|nat'?l"
    r"|country[ \t]+of[ \t]+(?:nationality|origin)"
    # "Citizen Of: US", "CIT: MEX": only as a label, with its separator.
    r"|citizen[ \t]+of(?=[ ]*[:#\-–]|\t)|(?-i:CIT)(?=[ ]*[:#]))\b"
    r"(?:[ \t]*/[ \t]*nationality)?"
)
_NATIONALITY_AFTER = (
    r"(?=(?:[ \t]*-|[ \t]+|[ \t]*\n[ \t]*)(?:national|citizen|citizenship|nationality|passport"
    r"|consulate|embassy|origin|descent|heritage|born|immigrant|migrant"
    r"|man|woman|men|women|male|female|boy|girl|family|couple)s?\b)"
)
# A demonym in parentheses after a place of birth: "born in Hue, Vietnam
# (Vietnamese)", "POB: Vilnius (Lithuanian)". The cue must be on the same line.
# The place may wrap before its demonym ("BORN IN CEBU CITY, PHILIPPINES\n(FILIPINO)").
_BIRTH_CUE_BEFORE = (
    r"(?:\bborn\b|\bnative[ \t]+of\b|\bPOB\b|\bP\.O\.B\b|\bbirth\w*)"
    r"[^()\n]{0,80}(?:\n[^()\n]{0,80})?\Z"
)
# A country or demonym inside a tattoo description ("TAT R ARM - FLAG OF POLAND")
# describes the tattoo, which is released, not the person's nationality.
_IN_TATTOO = (
    r"(?:\bflag[ \t]+of[ \t]+(?:the[ \t]+)?|\bmap[ \t]+of[ \t]+(?:the[ \t]+)?"
    r"|(?-i:\b(?:TATS?|TATTOOS?)\b)[^\n]{0,60}[ ]-[ ][^\n]{0,40})\Z"
)
# "he is Lithuanian" describes a person; "his language is Polish" does not.
_LANGUAGE_BEFORE = (
    r"\b(?:language|tongue|dialect|spoken|speaks?|spoke|speaking|interpret\w*|translat\w*)\b"
    r"[^.;\n]{0,30}\Z"
)


# After a language name these words make it the language ("Spanish interpreter",
# "Polish and English", "speaks Spanish fluently"), not a nationality.
_NOT_A_NATIONALITY_NOUN = (
    r"(?i:(?:speaking|speakers?|speaks|language|languages|interpreters?|interpretation"
    r"|translat\w*|version|text|class(?:es)?|course|lessons?|teacher|words?|food|cuisine"
    r"|restaurant|sausage|music|and|or|with|to|by|at|for|from|of|as|in|on|into|is|was"
    r"|were|but|the|a|an|who|which|that|he|she|they|when|while|through|via|only|well"
    r"|only|too|also|then|\w+ly)\b)"
)


class NationalityRecognizer(ValueRecognizer):
    """Citizenship and nationality: "CITIZENSHIP: MEX", "Citizenship\\nMexico",
    "CITIZENSHIP\\tUSA" (a form row), "CTZ - CHN", "Citizen Of: US", "a Venezuelan
    national", "a Polish man", "citizen of Poland", "is also from Honduras", "Mexican
    passport", "he is Lithuanian", and a demonym in parentheses after a place of birth
    ("born in Hue, Vietnam (Vietnamese)").

    Does not match: race and ethnicity words (Hispanic, Latino, Black, White); a
    language used as a language ("speaks Spanish", "his primary language is Polish",
    "Polish" without a nationality cue); two- and three-letter country codes away
    from a citizenship label, and two-letter codes after a bare tab ("CITIZENSHIP\\tID"
    is a header row); words that are also names or US states (Georgia, Jordan, Chad,
    American, Indian) without a cue; "New Mexico".
    """

    ENTITY = Category.NATIONALITY
    NAME = "nationality"
    CONTEXT = ("citizen", "citizenship", "national", "nationality", "passport", "consulate")
    GUARDS: ClassVar[dict[str, str]] = {
        "birth_cue_before": _BIRTH_CUE_BEFORE,
        "language_before": _LANGUAGE_BEFORE,
        "in_tattoo": _IN_TATTOO,
    }

    def __init__(
        self,
        *,
        countries: Sequence[str],
        demonyms: Sequence[str],
        codes: Sequence[str],
        cue_only: Sequence[str],
        languages: Sequence[str],
        supported_language: str = "en",
    ) -> None:
        self._countries = tuple(countries)
        self._demonyms = tuple(demonyms)
        self._codes = tuple(codes)
        self._cue_only = frozenset(n.lower() for n in cue_only)
        self._languages = frozenset(n.lower() for n in languages)
        super().__init__(supported_language=supported_language)

    def build_patterns(self) -> tuple[ValuePattern, ...]:
        # A demonym that is also a language ("Polish"), starts one ("Haitian Creole")
        # or is ambiguous ("American") needs a nationality cue; the rest may be bare.
        ambiguous = self._cue_only | self._languages | {n.split()[0] for n in self._languages}
        bare_demonyms = [d for d in self._demonyms if d.lower() not in ambiguous]
        bare_countries = [c for c in self._countries if c.lower() not in self._cue_only]
        names = _cs([*self._countries, *self._demonyms])
        countries = _cs(self._countries)
        demonyms = _cs(self._demonyms)
        person_demonyms = _cs([d for d in self._demonyms if d.lower() not in self._cue_only])
        # Before a noun a demonym is a nationality, even one that is also a language
        # ("the Turkish authorities", "a Polish passport", "English law"); "American"
        # and "Indian" are left out, being also parts of race terms on US forms.
        adjective_demonyms = _cs(
            [d for d in self._demonyms if d.lower() not in ("american", "indian")]
        )
        # "Haitian Creole", "Mexican Spanish": the next word continues a language.
        tails = {w for n in self._languages for w in n.split()[1:]}
        language_tails = "(?i:" + alternation(tails) + ")" if tails else "(?!)"
        bare_country_names = _cs(bare_countries)
        # A code must fill its field: after an empty CITIZENSHIP field the next line
        # may start with a label such as "ID TYPE", and "ID" is also Indonesia.
        codes = "(?-i:" + alternation(self._codes) + r")(?=\t|[ ]*(?:[/,;&()]|$))"
        value_or_code = rf"(?:{names}(?![\w'’])|{codes})"
        # After a bare tab only names, three-letter codes and the forms of "US": a
        # two-letter code there may be the next column header ("ID", "IR").
        long_codes = [c for c in self._codes if len(c) >= 3 or c.upper() == "US"]
        tab_value = rf"(?:{names}(?![\w'’])|(?-i:" + alternation(long_codes) + r")(?![\w.]))"
        return (
            ValuePattern(
                "citizenship_label",
                _CITIZENSHIP_LABEL
                + TEXT_SEP
                + rf"(?P<value>{value_or_code})"
                + rf"(?:[ \t]*(?:/|,|&|and)[ \t]*(?P<value2>{value_or_code}))?",
                0.95,
            ),
            ValuePattern(
                "citizenship_row",
                _CITIZENSHIP_LABEL + rf"\t(?P<value>{tab_value})(?=[ ]*(?:\t|$))",
                0.9,
            ),
            ValuePattern(
                "citizen_of",
                rf"\b(?:citizen|national|subject|citizenship|consulate(?:{WS}general)?|embassy)s?"
                rf"{WS}of{WS}(?:the{WS})?"
                rf"(?P<value>{countries})(?![\w'’])",
                0.9,
            ),
            ValuePattern(
                "from_country",
                rf"\bfrom{WS}(?:the{WS})?(?P<value>{bare_country_names})(?![\w'’])",
                0.85,
            ),
            # "he is also from India", "she is originally from Jordan": someone
            # being from a country says where they belong, so even a name that
            # is also a given name or a word (India, Jordan, Chad) is the country.
            ValuePattern(
                "is_from_country",
                rf"\b(?:is|are|was|were|comes?|came)(?:{WS}(?:also|originally))?"
                rf"{WS}from{WS}(?:the{WS})?(?P<value>{countries})(?![\w'’])",
                0.85,
            ),
            ValuePattern(
                "issued_by_country",
                r"(?:\bissued[ \t]+(?:by|in)[ \t]+(?:the[ \t]+)?|\bpassport[ \t]*\([ \t]*)"
                + rf"(?P<value>{countries})(?![\w'’])",
                0.85,
            ),
            ValuePattern(
                "demonym_with_cue",
                rf"(?<![\w'’-])(?P<value>{demonyms}){_NATIONALITY_AFTER}",
                0.9,
            ),
            ValuePattern(
                "demonym_after_birthplace",
                rf"\([ \t]*(?P<value>{demonyms})[ \t]*\)",
                0.9,
            ),
            ValuePattern(
                "is_demonym",
                # a person is the subject: "he is", "the arrestee is", "Ms. Ruiz is"
                r"(?<=\b(?:he|she|they|who|arrestee|victim|witness|subject|offender|suspect"
                r"|driver|complainant|mother|father|wife|husband|brother|sister|cousin|son"
                r"|daughter|(?-i:\p{Lu}[\p{L}'’-]+))[ \t]+)"
                rf"(?:is|was|are|were)[ \t]+(?:also[ \t]+|both[ \t]+)?"
                rf"(?P<value>{person_demonyms})(?![\w'’])(?![ \t]*-)"
                r"(?![ \t]+(?:speaking|speakers?|language|interpreters?|translators?|food"
                r"|cuisine|restaurant|sausage|music)\b)",
                0.85,
            ),
            ValuePattern(
                "us_citizen",
                r"(?<![\w.])(?P<value>(?-i:U\.S\.A\.|U\.S\.|USA|US|United[ \t]+States"
                r"(?:[ \t]+of[ \t]+America)?))(?=[ \t]+citizen)",
                0.85,
            ),
            ValuePattern(
                "demonym_before_noun",
                rf"(?<![\w'’-])(?P<value>{adjective_demonyms}(?:-{demonyms})?){WS}"
                rf"(?!{_NOT_A_NATIONALITY_NOUN}|(?:{language_tails})\b)"
                rf"(?=\p{{L}}[\p{{L}}-]+(?![\w'’]))",
                0.7,
            ),
            # "of Greek-Cypriot origin": two demonyms joined are one origin.
            ValuePattern("demonym_pair", bounded(rf"{demonyms}-{demonyms}"), 0.7, False),
            ValuePattern("demonym", bounded(_cs(bare_demonyms)), 0.6, False),
            ValuePattern("country", bounded(bare_country_names), 0.5, False),
        )

    def accept(
        self, text: str, match: regex.Match[str], start: int, end: int, pattern: ValuePattern
    ) -> bool:
        if pattern.name == "demonym_after_birthplace":
            return preceded_by(text, match.start(), self.guard("birth_cue_before"), 120)
        if pattern.name == "is_demonym" and preceded_by(
            text, start, self.guard("language_before"), 60
        ):
            return False
        if not pattern.cued and preceded_by(text, start, self.guard("in_tattoo"), 120):
            return False
        # "New Mexico" is a US state; "Mexico" inside it is not a nationality.
        return text[max(0, start - 4) : start].lower() != "new "


# --- Place of birth -----------------------------------------------------------

# A capitalised place word in any script: "Puebla", "León", "Šiauliai", "Łódź", "D.F.",
# "O'Hare", "QUETZALTENANGO", "TX".
# In a report typed in capitals every word is capitalised: the small words of the
# sentence around a place ("BORN IN LIMA, PERU AND IS A ...") are no part of it.
_CAPS_FUNCTION_WORD = (
    r"(?-i:(?:AND|IS|WAS|ARE|WERE|HE|SHE|THEY|HIS|HER|THEIR|A|AN|IN|ON|AT|TO|FROM|WITH|BUT"
    r"|WHERE|WHEN|WHO|THAT|THIS|BY|FOR|AS|OR|IT|HAS|HAD|HAVE|BEEN|SINCE|UNTIL)(?![\w'’]))"
)
# Right after a comma a state's code is one ("Gary, IN", "Salem, OR").
_PLACE_WORD = (
    rf"(?-i:(?:(?<=,\s*)|(?!{_CAPS_FUNCTION_WORD}))\p{{Lu}}[^\W\d_]*(?:['’.\-][^\W\d_]+)*\.?)"
)
_CONNECTOR = (
    r"(?-i:de[ \t]+(?:la|las|los)|de|del|la|las|los|da|das|do|dos|y|of|the|el|di|du|des|al"
    r"|van|von)"
)
_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b"
)
# A word followed by ":" or "#" is the next form label, not part of the place; and
# words are joined by spaces only, since a tab in page text is a column break.
_NOT_LABEL = r"(?![^\W\d_]+[ \t]*[:#])"
# A state's code with a full stop ends the sentence ("Gary, IN. He moved").
_PLACE_NAME = (
    rf"{_NOT_LABEL}{_PLACE_WORD}"
    rf"(?:(?<!(?<!\p{{L}})\p{{Lu}}{{2}}\.)[ ]+"
    rf"(?:{_CONNECTOR}[ ]+)?{_NOT_LABEL}{_PLACE_WORD}){{0,4}}"
)
# A place may carry its region in parentheses before the country: "Nowy Targ
# (Małopolskie), Poland". Not at the end: "Hue, Vietnam (Vietnamese)" ends with a
# nationality, which is not part of the place.
_PLACE_PART = rf"{_PLACE_NAME}(?:[ ]*\([ ]*{_PLACE_NAME}[ ]*\)(?=,))?"
PLACE = rf"(?!{_MONTHS}){_PLACE_PART}(?:,{WS}{_PLACE_PART}){{0,4}}"
# In prose a town's name may wrap ("born in Ciudad" / "Nezahualcoyotl, Mexico"):
# a word or two on the next line belong to it when a comma (and the country)
# follows them; otherwise the next line is the next sentence.
_PROSE_PART = (
    rf"{_PLACE_PART}(?:[ ]*\n[ ]*(?:{_CONNECTOR}[ ]+)?{_NOT_LABEL}{_PLACE_WORD}"
    rf"(?:[ ]+(?:{_CONNECTOR}[ ]+)?{_PLACE_WORD})?(?=,))?"
)
_PROSE_PLACE = rf"(?!{_MONTHS}){_PROSE_PART}(?:,{WS}{_PROSE_PART}){{0,4}}"
# In a form row ("PLACE OF BIRTH\tMemphis, TN\tCITIZENSHIP\tUSA") the value follows a
# bare tab. A header row looks the same ("PLACE OF BIRTH\tCITIZENSHIP"), so there the
# place must have a comma and fill the cell.
_PLACE_IN_ROW = rf"(?!{_MONTHS}){_PLACE_PART}(?:,[ ]+{_PLACE_PART}){{1,4}}"
_POB_LABEL = (
    r"(?:\bplace[ \t]+of[ \t]+birth|\bbirth[ \t]?place|\bPOB\b|\bP\.O\.B\.?"
    r"|\b(?:country|city)[ \t]+of[ \t]+birth)(?:[ \t]*\([^()\n]{1,30}\))?"
)


class PlaceOfBirthRecognizer(ValueRecognizer):
    """Place of birth: "POB: Tegucigalpa, Honduras", "PLACE OF BIRTH\\nQUETZALTENANGO, GTM",
    "Birthplace - Fuzhou (Fujian), China", "PLACE OF BIRTH\\tMemphis, TN" (a form row),
    "born in Puebla de Zaragoza, Puebla, Mexico and ...", "born in Šiauliai,
    Lithuania", "BORN IN - Łódź, Poland", "a native of Guatemala". The value is the
    place only, up to the end of the place name.

    Does not match "born in 1991" or "born in March" (a date), nor the next form
    label when the field is empty, nor a header row ("PLACE OF BIRTH\\tCITIZENSHIP").
    """

    ENTITY = Category.PLACE_OF_BIRTH
    NAME = "place_of_birth"
    TRIM = " \t\n,;:."
    PATTERNS = (
        ValuePattern(
            "pob_label",
            _POB_LABEL + r"(?:[ \t]+(?:is|was))?" + TEXT_SEP + rf"(?P<value>{PLACE})",
            0.9,
        ),
        ValuePattern(
            "pob_row",
            _POB_LABEL + rf"\t(?P<value>{_PLACE_IN_ROW})(?=[ ]*(?:\t|$))",
            0.85,
        ),
        ValuePattern(
            "born_in",
            # "BORNIN:": a scan's form label with its space lost (no English word).
            r"\bborn(?:[ \t]+and[ \t]+raised)?(?:[ \t]+on[ \t]+[\w ,/.-]{4,25}?[ \t]+in|[ \t]*in)"
            r"(?:[ \t]*[:\-–](?=[ \t]))?" + WS + rf"(?:the[ \t]+)?(?P<value>{_PROSE_PLACE})",
            0.85,
        ),
        ValuePattern(
            "native_of",
            r"\bnative[ \t]+of" + WS + rf"(?:the[ \t]+)?(?P<value>{PLACE})",
            0.85,
        ),
    )
    CONTEXT = ("born", "birth", "pob", "native")

    def invalidate_result(self, pattern_text: str) -> bool | None:
        return pattern_text.upper() in FORM_LABELS or bool(super().invalidate_result(pattern_text))


# "lives in Wrocław", "residing in Bad Neuenahr", "moved back to Southwark", "a
# lawyer practising in Bayonne", "the area of Famagusta": where a person lives,
# lived or works narrows down who they are as much as a place of birth does.
_RESIDENCE_CUE = (
    r"\b(?:(?:lives|lived|living|resides|resided|residing|settled|practising|practicing"
    r"|domiciled|stays|stayed|staying)[ \t]+in"
    r"|(?:moved|relocated)(?:[ \t]+back)?[ \t]+to"
    r"|(?:area|locality|village|town|city)(?:[ \t]+known[ \t]+as|[ \t]+of))"
)
# "the municipality of Härjedalen", "the Borough of Southwark": the kind of place
# is part of its name, and goes with it.
_PLACE_KIND = (
    r"\b(?:borough|municipality|district|county|province|region|department|prefecture"
    r"|governorate|commune|canton|oblast|voivodeship)[ \t]+of"
)
# Not a place: a dwelling ("lives in Apartment 3"), an institution ("lives in
# Cook County Jail"), a month ("moved to Chicago in May" keeps "Chicago") or a
# street.
_NOT_A_RESIDENCE = (
    r"(?!(?-i:Apartment|Apt|Unit|Room|Suite|Building|House|Jail|Prison|Hotel|Shelter"
    r"|Station|Beat|Area|Lockup|Headquarters|Custody|Court|Hospital|Church|School"
    r"|January|February|March|April|June|July|August|September|October|November"
    r"|December|The|This|That|His|Her|Their|Our)\b"
    # "the area of W. 59th St": a compass point starts a street.
    r"|(?-i:[NSEW])\.[ \t])"
)

# Prose is not a form: a place name there ends at the sentence's next word, also
# in capitals ("LIVES IN CICERO WITH HIS MOTHER"), and at a full stop ("lives in
# Van. In 2008"). Hyphens include the non-breaking one ("Konstancin‑Jeziorna").
_INSTITUTION_WORDS = (
    r"police|sheriff|county|department|dept|court|district|municipal|jail|prison|hospital"
    r"|university|school|government|council|consulate"
)
_PROSE_WORD_STOP = (
    r"(?!(?i:with|his|her|their|and|or|but|the|for|since|until|from|where|when|while"
    r"|in|at|on|to|of|it|he|she|they|we|a|an|is|was|who|which|that|after|before"
    rf"|{_INSTITUTION_WORDS})\b)"
)
_PROSE_PLACE_WORD = r"(?-i:\p{Lu}[^\W\d_]*(?:['’\-\u2010\u2011][^\W\d_]+)*)"
_PROSE_PLACE_NAME = (
    rf"{_PROSE_WORD_STOP}{_PROSE_PLACE_WORD}"
    rf"(?:[ ]+(?:{_CONNECTOR}[ ]+)?{_PROSE_WORD_STOP}{_PROSE_PLACE_WORD}){{0,3}}+"
)
# "the City of Chicago Department of Police": a place naming an institution is
# the institution's name, not where somebody lives.
_INSTITUTION_AFTER = rf"(?![ \t]*\n?[ \t]*(?i:{_INSTITUTION_WORDS})\b)"
_RESIDENCE = rf"(?>{_PROSE_PLACE_NAME}(?:,[ ]+{_PROSE_PLACE_NAME}){{0,2}}){_INSTITUTION_AFTER}"


class ResidenceRecognizer(ValueRecognizer):
    """A place a person lives, lived or works, named in prose: "lives in Van",
    "residing in Bad Neuenahr", "moved back to Southwark", "practising in
    İzmir", "the area of Famagusta", "lives in Miechucino, Poland", "the
    municipality of Härjedalen" (the kind of place included).

    Only a capitalised place name right after the cue: "lives in the
    apartment", "moved to a shelter" and "lives in Apartment 3" are no places.
    """

    ENTITY = Category.PLACE
    NAME = "residence_cue"
    TRIM = " \t\n,;:."
    PATTERNS = (
        ValuePattern(
            "residence_cue",
            _RESIDENCE_CUE + WS + rf"{_NOT_A_RESIDENCE}(?P<value>{_RESIDENCE})",
            0.75,
        ),
        ValuePattern(
            "place_kind",
            rf"(?P<value>{_PLACE_KIND}{WS}{_NOT_A_RESIDENCE}{_RESIDENCE})",
            0.75,
        ),
    )

    def invalidate_result(self, pattern_text: str) -> bool | None:
        if _A_STREET.search(pattern_text):
            # "a canvass of the area of Oakton St": a street is where something
            # happened (an arrest location is released), and an address has a
            # category of its own.
            return True
        return pattern_text.upper() in FORM_LABELS or bool(super().invalidate_result(pattern_text))


_A_STREET = regex.compile(
    r"(?i)\b(?:st|street|ave|avenue|rd|road|blvd|boulevard|dr|drive|ct|court|pl|place|ln|lane"
    r"|pkwy|parkway|hwy|highway|expy|expressway|ter|terrace)\.?$"
)


class PassportCountryRecognizer(ValueRecognizer):
    """The issuing country printed with a passport: "PPT MEX G1234567",
    "PPT#: VEN 616504662", "PASSPORT # - E13945761 (MEX)", "presented passport
    922655237 (Peru)". The country is the holder's citizenship as surely as a
    CITIZENSHIP field is.

    Only codes from the country-code gazetteer (in capitals) count, or a country
    name in parentheses, and only right beside a passport cue and its number
    ("PPT NO. 123" has no country).
    """

    ENTITY = Category.NATIONALITY
    NAME = "passport_country"

    def __init__(
        self,
        *,
        codes: Sequence[str],
        countries: Sequence[str] = (),
        supported_language: str = "en",
    ) -> None:
        self._codes = tuple(c for c in codes if len(c) == 3 and c.isupper())
        self._countries = tuple(countries)
        super().__init__(supported_language=supported_language)

    def build_patterns(self) -> tuple[ValuePattern, ...]:
        code = "(?-i:" + alternation(self._codes) + ")"
        # In parentheses a name is as plain as a code; the wording may wrap there.
        in_parens = code if not self._countries else f"{code}|{alternation(self._countries)}"
        number = r"(?-i:[A-Z0-9]{0,3}\d[A-Z0-9]{4,9})"
        return (
            ValuePattern(
                "code_before_number",
                # The cue may end a line or a cell ("...; PPT" / "MEX H23717492").
                rf"\b(?:PPT|PASSPORT)\b[ \t]*(?:\#|NO\.?)?[ \t]*[:\-]?[ \t]*\n?[ \t]*"
                rf"(?P<value>{code})(?:[ \t]+|[ \t]*\n[ \t]*){number}\b",
                0.85,
            ),
            ValuePattern(
                "code_after_number",
                # The country may wrap too: "PASSPORT T1410009" / "(INDIA).".
                rf"\b(?:PPT|PASSPORT)\b(?:[^\n]{{0,24}}?|[ \t]*\n[ \t]*){number}"
                rf"[ \t]*\n?[ \t]*\([ \t]*(?P<value>{in_parens})[ \t]*\)",
                0.85,
            ),
        )
