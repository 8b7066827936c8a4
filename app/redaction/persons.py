"""Names and the roles a report gives them.

A report says who someone is in a handful of ways: a rank before an officer's
name ("Det. V. MORENO #3010"), a cue word before a third party ("Witness Pamela
Smith", "the arrestee's sister, Ana Ruiz", "Ana Ruiz (SISTER)"), an honorific
("Mr. Ruiz"). These patterns find the name and the role together; propagation
then carries the role to every other mention of the same person.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from app.redaction.types import Role

# A capitalised name token: "Garcia", "GARCIA-LOPEZ", "O'Brien", "McCarthy", "Adán".
TOKEN = r"\p{Lu}(?:[\p{L}'’]|-(?=\p{L}))*"
INITIAL = r"\p{Lu}\."
# Particles inside Hispanic, Dutch, Arabic... names, in any case: forms print
# "DULCE MARIA BECERRA DE LA TORRE", and "DE LA" must not use up the words a
# name may have.
PARTICLE = (
    r"(?i:de|del|de\s+la|de\s+los|de\s+las|la|las|los|da|das|do|dos|van|von|der|den|bin|ibn"
    r"|al|el|y)"
)
_GIVEN = rf"(?:{TOKEN}|\p{{Lu}}\p{{Ll}}{{0,2}}\.)"  # "Ma." and "Wm." are given names too
# Within a name, words are separated by spaces or by one line break: narrative
# text wraps in the middle of names ("María Sara\nCastillo").
_WS = r"(?:[ ]+|[ ]*\n[ ]*)"  # never a tab: a tab is a column break
_TAIL = rf"(?:{_WS}(?:{PARTICLE}{_WS})?(?:{TOKEN}|{INITIAL}))"

# "GARCIA-LOPEZ, Juan Carlos" / "GUTIERREZ PARDO, Manuel R."
# Never across a tab: a tab is a column break, the next cell is another field.
# Up to four surname words ("COJ PÉREZ AJANEL, Alexander", "DE LA TORRE ESCAMILLA,
# BALTAZAR", "de la Torre Escamilla, Baltazar"); the comma may end a line.
LAST_FIRST = (
    rf"{TOKEN}(?:[ ]+(?:{PARTICLE}[ ]+)?{TOKEN}){{0,3}},[ ]*\n?[ ]*{TOKEN}"
    rf"(?:[ ]+(?:{TOKEN}|{INITIAL}))*"
)
# "Juan Carlos Garcia-Lopez", "V. MORENO", "Ma. Teresa Aquino"
FIRST_LAST = rf"(?:{_GIVEN}|{INITIAL})(?:{_TAIL}){{1,4}}"
NAME = rf"(?:{LAST_FIRST}|{FIRST_LAST}|{TOKEN})"

# Ranks and roles printed before an officer's name, in any case ("LT. E. LIM").
TITLES = (
    r"(?i:P\.\s?O\.|PO|Officer|Ofc\.|Det\.|Detective|Sgt\.|Sergeant|Lt\.|Lieutenant|Cmdr\.|"
    r"Commander|Capt\.|Captain|Insp\.|Inspector|Dep\.|Deputy|Trooper|Inv\.|Investigator|"
    r"Chief|Cpl\.|Corporal|Sheriff|Marshal|R/O|Youth\s+Officer|Evidence\s+Technician|"
    r"FTO|Lockup\s+keeper|Supt\.|Superintendent)"
)
HONORIFICS = r"Mr\.?|Mrs\.?|Ms\.?|Miss|Señor|Sr\.|Sra\."
RELATIONS = (
    r"father|mother|sister|brother|wife|husband|son|daughter|cousin|aunt|uncle|grandmother|"
    r"grandfather|grandson|granddaughter|girlfriend|boyfriend|partner|spouse|niece|nephew|"
    r"stepfather|stepmother|stepson|stepdaughter|fianc[eé]e?|mother-in-law|father-in-law|"
    r"brother-in-law|sister-in-law|parent|guardian|roommate|employer|landlord|friend"
)

_B = r"(?<![\p{L}\p{N}])"

_STAR = (
    r"(?:[ \t]*(?:#[ \t]?(?P<star>\d{3,6})|(?i:Star)[ \t]*(?:#|No\.?)?[ \t]*(?P<star>\d{3,6})|"
    r"\((?:(?i:Star)[ \t]*)?(?:#|No\.?)?[ \t]*(?P<star>\d{3,6})\)))?"
)


@dataclass(frozen=True, slots=True)
class NameCue:
    start: int
    end: int
    role: Role
    detector: str
    star_start: int = -1
    star_end: int = -1


_OFFICER = regex.compile(
    # The name may start the next line of a paragraph ("BILINGUAL OFFICER" / "S. SOBCZAK").
    rf"{_B}(?:{TITLES})(?:[ \t]+|[ \t]*\n[ \t]*)"
    rf"(?P<name>{LAST_FIRST}|(?:{INITIAL}[ \t]*)?{TOKEN}(?:[ ]+(?!(?i:star)\b){TOKEN})?){_STAR}",
    regex.VERSION1,
)
_ROLE_CUE_TEMPLATES: tuple[tuple[str, Role, str], ...] = (
    (
        rf"{_B}(?:[Tt]he[ \t]+)?(?:[Vv]ictim|VICTIM)(?:'s)?,?[ \t]+(?P<name>{{name}})",
        Role.VICTIM,
        "cue_victim",
    ),
    (
        rf"{_B}(?:[Ii]ndependent[ \t]+|[Tt]he[ \t]+|[Ee]ye)?(?:[Ww]itness|WITNESS|[Cc]omplainant|"
        rf"COMPLAINANT|[Rr]eporting[ \t]+party|[Ll]oss[ \t]+prevention[ \t]+(?:agent|officer)|"
        rf"[Ss]ecurity[ \t]+(?:guard|officer)|[Ss]tore[ \t]+(?:employee|manager)|"
        rf"[Cc]ashier|[Bb]ystander)s?,?[ \t]+(?P<name>{{name}})",
        Role.WITNESS,
        "cue_witness",
    ),
    (
        rf"{_B}(?:[Aa]rrestee|ARRESTEE|[Oo]ffender|OFFENDER|[Ss]uspect|[Dd]efendant|"
        rf"[Aa]ccused)(?:'s)?[ \t]*:?[ \t]+(?P<name>{{name}})",
        Role.ARRESTEE,
        "cue_arrestee",
    ),
    (
        rf"{_B}(?:[Cc]o-?arrestee|CO-?ARRESTEE|[Cc]o-?defendant)s?:?[ \t]+(?P<name>{{name}})",
        Role.CO_ARRESTEE,
        "cue_co_arrestee",
    ),
    (
        # In any case: typed reports print "KRAWCZYK'S FATHER, KRAWCZYK, PAWEŁ".
        rf"{_B}(?:(?i:his|her|their)|(?:(?i:the)[ \t]+)?(?i:arrestee|offender|subject|victim|"
        rf"defendant)(?i:'s|’s)|{TOKEN}(?i:'s|’s))[ \t]+(?i:{RELATIONS}),?[ \t]+(?P<name>{{name}})",
        Role.RELATIVE,
        "cue_relative",
    ),
    (rf"(?P<name>{{name}})[ \t]*\((?i:{RELATIONS})\)", Role.RELATIVE, "cue_relative"),
    (
        # "FOFANA, OLUWASEUN (CB 17162819), DOB ..., of 2249 W Wabansia Ave, was
        # also arrested and charged": the subject of the sentence, its words up
        # to the cue within the sentence (no full stop before a new sentence).
        # A line may open it after a heading: then as "LAST, First" only.
        r"(?:^|(?<=[.!?][ \t\n]+)|(?<=\n)(?=\p{Lu}[\p{L}'’-]*,))"
        r"(?P<name>{name})(?=[ \t]*[(,])"
        r"(?:(?![.!?][ \t\n]+\p{Lu}[\p{Ll} ])[^;])"
        r"{1,200}?[ \t\n]+(?i:was|were)[ \t\n]+(?i:also)[ \t\n]+(?i:arrested|charged)\b",
        Role.CO_ARRESTEE,
        "cue_co_arrestee",
    ),
    (rf"{_B}(?:{HONORIFICS})[ \t]+(?P<name>{{name}})", Role.UNKNOWN, "cue_honorific"),
)
# Each cue is tried with the name shapes in turn, so that "Witness Martin West,
# DOB ..." is not lost to "Martin West, DOB" read as "LAST, First".
_NAME_SHAPES = (LAST_FIRST, FIRST_LAST, TOKEN)
_ROLE_CUES: tuple[tuple[tuple[regex.Pattern[str], ...], Role, str], ...] = tuple(
    (tuple(regex.compile(t.replace("{name}", shape)) for shape in _NAME_SHAPES), role, det)
    for t, role, det in _ROLE_CUE_TEMPLATES
)

_NAME_IN_VALUE = regex.compile(rf"{LAST_FIRST}|{FIRST_LAST}")
# Parts of a street address that have a name's shape: a compass initial after a
# house number ("7035 *S. LARAMIE* AVE"), and a town and its state before a ZIP
# code ("*BERWYN, IL* 60402"). No person's name sits between a house number and
# a street, or before a ZIP code.
_AFTER_HOUSE_NUMBER = regex.compile(r"(?<![\w-])\d{1,6}[ ]+\Z")
_COMPASS_INITIAL = regex.compile(r"(?:[NSEW]|NE|NW|SE|SW)\.?[ ]")
_STATE_AND_ZIP = regex.compile(r",[ ]*[A-Z]{2}[ ]+\d{5}(?:-\d{4})?\b")
_FIRST_LAST_ONLY = regex.compile(FIRST_LAST)
_WHO_AFTER_COMMA = regex.compile(r"(?i),[ ]*(?:who|whom|whose)\b")
# A relation word before a name of two words or more ("HUSBAND GREGORY PRESCOTT").
_RELATION_WORD = regex.compile(rf"(?i:{RELATIONS})[ ]+(?=\S+[ ]+\S)")

# Words that look like names to a pattern but are form words or places. Months
# that are also given names ("Jan Kowalski", "Jun Liu", "May", "April", "June",
# "August") are not here: a date has its digits, a name does not.
STOPWORDS = frozenset(
    w.casefold()
    for w in (
        "The Arrestee Offender Suspect Victim Witness Officer Police Department Dept Chicago "
        "Illinois Report Arrest Name Unknown None Street Avenue Ave Road Blvd Boulevard Drive "
        "Court Place Lane Apt Unit Suite North South East West Date Time Beat District Unit "
        "Approved Narrative Charges Statute Description Class Type Bond Star Page Event CB RD "
        "IR FBI SID DL SSN DOB AGE SEX RACE HGT WGT EYES HAIR Hispanic White Black Asian "
        "Mexican Spanish English Interpreter He She They His Her Their On At In Of And Was "
        "Were During Mr Mrs Ms Det Sgt Lt PO Monday Tuesday Wednesday Thursday Friday Saturday "
        "Sunday January February March September October November "
        "December Feb Mar Apr Jul Aug Sep Sept Oct Nov Dec Area Bureau Detectives "
        "Supplementary Continued Custody Interview Notifications Family Disposition Investigation "
        "Co-Arrestees Witnesses Victims Lockup Booking Processing Property Inventory Medical "
        "Yes No "
        "Fingerprinted Photographed Released Returned Inventoried Cook County Sheriff State "
        "Federal Immigration ICE CBP DHS Emergency Contact Residence Phone Employer Citizenship "
        "Birth Place Language Tattoo Tattoos Scars Marks Other Clear Male Female Hrs Approx "
        "Last First Middle Information Address Contact Relationship Role Status Arresting "
        "Assisting Agency Location Statement Summary Offense Incident Case Number Juvenile "
        "St Rd Dr Pl Ct Ln Pkwy Hwy Blvd Ter Cir Sq Expy Star Blk Block Res Add Addr Tel "
        "Contact Birthdate Cell Home Work Ppt Passport Visa Sid Code Ph Hm Wk Email Aka Nka "
        # Words a narrative in capitals puts right after a name ("VICTIM KWAME
        # NWACHUKWU RELATED THAT ...", "MACAPAGAL-TAN STATED HE ...").
        "Stated Related Advised Reported Declined Positively Identified Pushed Punched "
        "Struck Threatened Attempted Observed Admitted Provided Produced That Who Which "
        "Whom Whose While Where When Also Is Has Had Been To"
    ).split()
)


_STREET = frozenset(
    "st street ave avenue av rd road blvd boulevard dr drive pl place ct court ln lane "
    "pkwy parkway hwy highway ter terrace cir circle sq expy way".split()
)


def officer_mentions(text: str) -> Iterator[NameCue]:
    for m in _OFFICER.finditer(text):
        s, e = m.span("name")
        # A title that ends a line may be a header's label ("ZONE/BEAT  R/O"
        # over "Nov. 23, 2020 ...", as a scan's rows are read): what starts the
        # next line is a name only if it is no form word.
        if "\n" in text[m.start() : s] and looks_like_form_words(text[s:e]):
            continue
        star = m.span("star") if m.group("star") else (-1, -1)
        yield NameCue(s, e, Role.OFFICER, "cue_officer", star[0], star[1])


def role_cues(text: str) -> Iterator[NameCue]:
    for shapes, role, detector in _ROLE_CUES:
        taken: list[tuple[int, int]] = []
        for pattern in shapes:
            for m in pattern.finditer(text):
                s, e = m.span("name")
                if looks_like_form_words(text[s:e]):
                    # "VICTIM KWAME NWACHUKWU RELATED THAT": the name ends before
                    # the narrative's next word.
                    trimmed = without_trailing_form_words(text, s, e)
                    if trimmed is None:
                        continue
                    s, e = trimmed
                if (
                    len(text[s:e].strip(" .")) < 2  # "CO-ARRESTEE\tD.O.B.": not a name
                    or any(a < e and s < b for a, b in taken)
                ):
                    continue
                taken.append((s, e))
                yield NameCue(s, e, role, detector)


# A cell that is a surname in capitals, a full stop and given names ("COSTIGAN.
# Brendan"): "LAST, First" with its comma read as a full stop on a scan. Whole
# cells only: in prose the same shape ends a sentence.
_LAST_STOP_FIRST = regex.compile(r"\p{Lu}[\p{Lu}'’-]+\.[ ]\p{Lu}\p{Ll}+(?:[ ]\p{Lu}\p{Ll}+)?")


def names_in(text: str) -> Iterator[tuple[int, int]]:
    """Name-shaped spans inside a labelled value ("GARCIA, Juan (CB 123)").

    Leading form words are skipped: in "WITNESS GOMEZ, Ana" the row's type cell
    ran into the name cell, and only "GOMEZ, Ana" is the name.
    """
    start = len(text) - len(text.lstrip())
    whole = _LAST_STOP_FIRST.fullmatch(text.strip())
    if whole is not None and text[start:].split(".")[0].casefold() not in STOPWORDS:
        yield start, start + whole.end()
        return
    pos = 0
    while pos < len(text):
        m = _NAME_IN_VALUE.search(text, pos)
        if m is None:
            return
        lead = _RELATION_WORD.match(text, m.start(), m.end())
        if lead is not None and "," not in text[m.start() : lead.end()]:
            # "Wife Ingrid Heidy Funes Pérez Ajanel at ...": the relation is no
            # word of the name, and would take the place of its last word.
            pos = lead.end()
            continue
        if _in_an_address(text, m):
            pos = m.end()
            continue
        first = m.group().split(",")[0].split()[0]
        # "KEBEDE, HIWOT SELAM DOB 30-MAR-1987", "OLUWASEUN ASANTE PH +1 ...": the
        # next field's label in capitals ends the name, it does not void it.
        span = without_trailing_form_words(text, m.start(), m.end())
        if span is not None and first.casefold() not in STOPWORDS:
            yield span
            pos = span[1]
            continue
        if first.casefold() in STOPWORDS or looks_like_form_words(m.group()):
            # "GREGORY PRESCOTT, WHO WILL ATTEND": no "LAST, First" after all, but
            # the words before ", who" are a person's name.
            before = (
                _FIRST_LAST_ONLY.match(text, m.start(), m.end())
                if _WHO_AFTER_COMMA.search(m.group())
                else None
            )
            if before is not None and first.casefold() not in STOPWORDS:
                span = without_trailing_form_words(text, before.start(), before.end())
                if span is None and not looks_like_form_words(before.group()):
                    span = before.span()
                lead = _RELATION_WORD.match(text, span[0], span[1]) if span else None
                if span is not None and lead is not None:
                    span = (lead.end(), span[1])  # "HUSBAND GREGORY PRESCOTT"
                if span is not None:
                    yield span
                    pos = span[1]
                    continue
            # Retry just after the form word.
            pos = m.start() + len(first)
            continue
        yield m.span()
        pos = m.end()


def _in_an_address(text: str, m: regex.Match[str]) -> bool:
    """A name-shaped match that is a street after its house number, or a town and
    state before a ZIP code (see `_AFTER_HOUSE_NUMBER` and the patterns by it)."""
    if _COMPASS_INITIAL.match(text, m.start()) and _AFTER_HOUSE_NUMBER.search(
        text, max(0, m.start() - 8), m.start()
    ):
        return True
    comma = text.find(",", m.start(), m.end())
    return comma >= 0 and _STATE_AND_ZIP.match(text, comma) is not None


_NAME_PIECE = regex.compile(rf"{TOKEN}(?:[ ]+(?:{PARTICLE}[ ]+)?{TOKEN}){{0,3}}")


def is_name_piece(text: str) -> bool:
    """The wrapped rest of a name in a cell ("Leticia Villaseñor" over "Cuevas"):
    capitalised name words, none of them a form word."""
    words = text.split()
    return (
        _NAME_PIECE.fullmatch(text.strip()) is not None
        and not looks_like_form_words(text)
        and not any(w.casefold() in STOPWORDS for w in words)
    )


# Labels of the fields a typed row prints after a name, in capitals.
_FIELD_LABELS = frozenset(
    {
        "DOB", "D.O.B.", "ADDR", "ADDRESS", "RES", "PH", "PH#", "PHONE", "TEL", "CELL", "AGE",
        "SEX", "RACE", "HT", "WT", "AKA", "CB", "CB#", "IR", "IR#", "SID", "SID#", "FBI",
        "FBI#", "DL", "DL#", "EMAIL", "POB", "CTZ", "CITZ", "A#",
    }
)  # fmt: skip


def without_trailing_form_words(text: str, start: int, end: int) -> tuple[int, int] | None:
    """The name without the form words in capitals that end it, when there are any
    and what is left is still a name of two words or more."""
    words = list(regex.finditer(r"\S+", text[start:end]))
    keep = len(words)
    # The next field's label ends the name, whatever follows it ("KHOURY,
    # ABDELRAHMAN DOB JAN. 4": "JAN" may be a given name).
    for k in range(2, len(words)):
        if words[k].group().rstrip(":") in _FIELD_LABELS:
            keep = k
            break
    while (
        keep
        and words[keep - 1].group().isupper()
        and (words[keep - 1].group().casefold() in STOPWORDS)
    ):
        keep -= 1
    if keep == len(words) or keep < 2:
        return None
    new_end = start + len(text[start : start + words[keep - 1].end()].rstrip(",;:"))
    if looks_like_form_words(text[start:new_end]):
        return None
    return start, new_end


def looks_like_form_words(name: str) -> bool:
    """True for "INFORMATION TYPE", "The Victim" or "W. Argyle St": not a name."""
    words = regex.findall(r"[\p{L}'’\-]+", name)
    if not words or words[0].casefold() in STOPWORDS or words[-1].casefold() in _STREET:
        return True
    return any(w.isupper() and len(w) > 1 and w.casefold() in STOPWORDS for w in words)


def name_tokens(name: str) -> list[str]:
    """Normalised tokens of a name, titles and particles dropped, order kept."""
    cleaned = regex.sub(rf"^(?:{TITLES}|{HONORIFICS})\s+", "", name.strip())
    tokens = regex.findall(r"[\p{L}'’\-]+", cleaned)
    return [
        t.casefold().strip("-'’")
        for t in tokens
        if len(t.strip("-'’.")) > 1 and not regex.fullmatch(PARTICLE, t)
    ]


def surname_of(name: str) -> list[str]:
    """Surname tokens: before the comma in "LAST, First", else the last token."""
    if "," in name:
        return name_tokens(name.split(",")[0])
    toks = name_tokens(name)
    return toks[-1:] if toks else []


def name_variants(name: str) -> set[str]:
    """Strings under which the same person appears elsewhere in a report."""
    name = " ".join(name.split())
    variants = {name}
    if "," in name:
        last, _, first = name.partition(",")
        last, first = last.strip(), first.strip()
        if first:
            variants.add(f"{first} {last}")
            # "Salvador Rene" -> also "Salvador NAVARRETE" without the middle name.
            variants.add(f"{first.split()[0]} {last}")
        surname = last
    else:
        parts = name.split()
        surname = parts[-1] if len(parts) > 1 else name
        if len(parts) > 2:
            variants.add(f"{parts[0]} {parts[-1]}")
            variants.add(f"{parts[-1]}, {parts[0]}")
        if len(parts) >= 2:
            variants.add(f"{surname}, {' '.join(parts[:-1])}")
    variants.add(surname)
    # Compound surnames ("MORENO FAJARDO", "Garcia-Lopez") are often shortened to
    # their first part in the narrative ("MORENO was advised").
    for piece in regex.split(r"[ \t\-]+", surname):
        if (
            len(piece) >= 4
            and piece.casefold() not in STOPWORDS
            and not regex.fullmatch(PARTICLE, piece)
        ):
            variants.add(piece)
    out = {v for v in variants if len(v) >= 3 and v.casefold() not in STOPWORDS}
    if is_short_surname(surname) and surname != name:
        # "VO, THANH" and later "Vo stated": a two-letter surname is the person's
        # too, once the whole name was found (propagation matches it by case).
        out.add(surname)
    return out


# Two-letter words that are also surnames (He, Do, An, Oh, Go, So) or state codes
# (MA, ME, IN) are too common alone in a report to be read as the person.
_SHORT_NOT_NAMES = frozenset(
    "am an as at be by do go he hi id if in is it me my no of oh ok on or so to tv up us "
    "we mr ms dr st jr sr pm al ak az ar ca co ct de fl ga hi ia il ks ky la ma md mi mn mo "
    "ms mt nc nd ne nh nj nm nv ny oh ok or pa ri sc sd tn tx ut va vt wa wi wv wy".split()
)


def is_short_surname(word: str) -> bool:
    """A two-letter surname ("Vo", "Ng", "Wu") that may be searched for alone."""
    return (
        len(word) == 2
        and word.isalpha()
        and word.casefold() not in _SHORT_NOT_NAMES
        and word.casefold() not in STOPWORDS
    )
