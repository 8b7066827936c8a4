"""Recognizers for police record numbers, officers' star numbers, bond and charges.

Several of these are released to the public (RD numbers, star numbers, charges,
bond), so a false positive here can label a withheld number as a released one.
That is why every number pattern requires its own cue and none guesses from shape
alone, except the Illinois SID format, which nothing else on a report shares.
"""

from __future__ import annotations

from app.redaction.recognizers.base import NO, SEP, WS, ValuePattern, ValueRecognizer
from app.redaction.types import Category


class CbNumberRecognizer(ValueRecognizer):
    """Central Booking numbers: "CB #: 12345678", "(CB 23456789)", "CB No. 12345678",
    "CB #\\n12345678", "CB # - 12345678", "Cb No - 12345678", "Central Booking No:
    12345678", "BOOKING NO. 20191234567", "ARREST #: 12345678": 7 to 11 digits (the
    suburban booking numbers carry the year: 2019 and seven digits).

    Does not match: star numbers, RD or IR numbers, digits with no booking cue, a
    booking date or time ("booking no later than 1400 hrs" has no number word).
    """

    ENTITY = Category.CB_NUMBER
    NAME = "cb_number"
    PATTERNS = (
        ValuePattern(
            "cb_cued",
            r"(?:(?-i:\bCB\b|\bCb\b(?=[ \t]*(?:No\b|\#)))|(?<!\w)C\.B\."
            r"|\b(?:central[ \t]+)?booking(?=" + NO + r")"
            r"|\barrest(?=[ \t]*(?:\#|no\.|number\b|nbr\b)))"
            + NO
            + r"?"
            + SEP
            + r"(?P<value>\d{7,11})(?![\w-])",
            0.95,
        ),
    )
    CONTEXT = ("cb", "booking")


class IrNumberRecognizer(ValueRecognizer):
    """Identification Record numbers: "IR #: 2345678", "IR no. 1234567", "I.R. 1234567",
    "Ir No - 1234567".

    Does not match: numbers without an IR cue, the Spanish word "ir".
    """

    ENTITY = Category.IR_NUMBER
    NAME = "ir_number"
    PATTERNS = (
        ValuePattern(
            "ir_cued",
            r"(?:(?-i:\bIR\b|\bIr\b(?=[ \t]*(?:No\b|\#)))|(?<!\w)I\.R\."
            r"|\bidentification[ \t]+record)" + NO + r"?" + SEP + r"(?P<value>\d{4,9})(?![\w-])",
            0.95,
        ),
    )
    CONTEXT = ("ir", "identification")


class FbiNumberRecognizer(ValueRecognizer):
    """FBI numbers (UCN): "FBI #: 1234567XB9", "FBI no. 762341KL3", "UCN 123456AB7",
    "FBI no. 856421 LW4" (a gap read on a scan).

    Does not match: "FBI #: NONE", "FBI agents", anything without a digit.
    """

    ENTITY = Category.FBI_NUMBER
    NAME = "fbi_number"
    PATTERNS = (
        ValuePattern(
            "fbi_cued",
            r"(?:\bFBI|\bUCN)"
            + NO
            + r"?"
            + SEP
            # A scan may read a gap between the digits and the letters ("856421 LW4").
            + r"(?P<value>(?-i:\d{6,7}[ ][A-Z]{1,2}\d{1,2}|(?=[A-Z]{0,9}\d)[A-Z0-9]{6,10}))"
            + r"(?![\w-])",
            0.95,
        ),
    )
    CONTEXT = ("fbi", "ucn")


_SID = r"(?-i:(?:[A-Z]{2})?\d{6,9})"


class SidNumberRecognizer(ValueRecognizer):
    """Illinois State Police SID numbers: "SID #: IL12345678", "SID IL01234567",
    "SID #\\n23456789", "state ID number IL12345678"; "IL" and 8 digits also bare.

    Does not match: the first name "Sid", a licence or ID-card number ("state ID
    card A123-4567-8901" is STATE_ID).
    """

    ENTITY = Category.SID_NUMBER
    NAME = "sid_number"
    PATTERNS = (
        ValuePattern(
            "sid_cued",
            r"(?:(?-i:\bSID\b)\)?(?:/ISP)?|\bISP\b(?=[ \t]*(?:\#|no|number))"
            r"|\bstate[ \t]+(?:ID|identification)[ \t]+(?=\#|no\b|number))"
            + NO
            + r"?"
            + SEP
            + rf"(?P<value>{_SID})(?![\w-])",
            0.95,
        ),
        ValuePattern("sid_il_format", r"(?<![\w-])(?P<value>(?-i:IL)\d{8})(?![\w-])", 0.5, False),
    )
    CONTEXT = ("sid", "isp", "state")


class RdNumberRecognizer(ValueRecognizer):
    """Records Division case numbers: "RD #: JA123456", "RD Number: JA-123456",
    "RD no. HZ123456": one or two letters and six digits.

    Does not match: the same shape without an RD cue (plates, passports look
    alike, and RD numbers are released, so guessing would release them), "Rd"
    (road).
    """

    ENTITY = Category.RD_NUMBER
    NAME = "rd_number"
    PATTERNS = (
        ValuePattern(
            "rd_cued",
            r"(?:(?-i:\bRD\b)|(?<!\w)R\.D\.|\brecords[ \t]+division)"
            + NO
            + r"?"
            + SEP
            + r"(?P<value>(?-i:[A-Z]{1,2}-?\d{6}))(?![\w-])",
            0.95,
        ),
    )
    CONTEXT = ("rd", "records")


_RANK = (
    r"(?:P\.[ ]?O\.|(?-i:PO)|police[ \t]+officer|officer|ofc\.?|off\.|det\.?|detective"
    r"|sgt\.?|sergeant|lt\.?|lieutenant|cmdr\.?|commander|capt\.?|captain|insp\.?|inspector"
    r"|inv\.?|investigator|agent|chief|supt\.?|superintendent|deputy|dep\.|FTO|F\.T\.O\.)"
)
# An officer's name as printed after the rank: "J. Smith", "John Walsh",
# "KELLY, Thomas", "O'BRIEN". Capitalised words only, at most four.
_OFFICER_NAME = r"(?!box\b)(?-i:[A-Z][\w'’.-]*)(?:,?[ \t]+(?-i:[A-Z][\w'’.-]*)){0,3}"


class StarNumberRecognizer(ValueRecognizer):
    """Officers' star (badge) numbers: "P.O. John Walsh #4321", "Sgt. KELLY, Thomas
    #2468", "Lt. Garza (Star #7531)", "STAR #: 20345".

    Does not match: "#2" after a street (a unit), "CB #: 12345678", "Event #",
    "PO Box 1234", numbers longer than six digits.
    """

    ENTITY = Category.STAR_NUMBER
    NAME = "star_number"
    PATTERNS = (
        ValuePattern(
            "rank_name_number",
            rf"(?<![\w.]){_RANK}[ \t]+{_OFFICER_NAME}[ \t]*,?[ \t]*(?:\([ \t]*)?(?:star[ \t]*)?"
            r"(?:\#|no\.)[ \t]*(?P<value>\d{1,6})(?![\w-])",
            0.9,
        ),
        ValuePattern(
            "star_label",
            r"\bstar" + NO + r"?" + SEP + r"(?P<value>\d{1,6})(?![\w-])",
            0.9,
        ),
    )
    CONTEXT = ("star", "badge", "officer")


_MONEY = r"\$[ \t]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d{2})?(?![\d,])"
_BOND_WORD = r"(?:\b[DIC]-?bond|\bbond|\bbail)\b"


class BondRecognizer(ValueRecognizer):
    """Bond amounts next to a bond cue: "BOND AMOUNT: $2,500", "Bond was set at
    $50,000 (I-BOND)", "$1,000 D-Bond", "bail of $5,000.00".

    Does not match: other money ("$16 USC" in a wallet, "valued at $284.35"), or a
    bond cue and an amount in different sentences.
    """

    ENTITY = Category.BOND
    NAME = "bond"
    PATTERNS = (
        ValuePattern(
            "bond_then_amount",
            _BOND_WORD + r"[^$\n.;]{0,40}?" + rf"(?P<value>{_MONEY})",
            0.9,
        ),
        ValuePattern(
            "amount_then_bond",
            rf"(?P<value>{_MONEY})[ \t]*\(?[ \t]*(?:cash[ \t]+)?{_BOND_WORD}",
            0.9,
        ),
    )
    CONTEXT = ("bond", "bail")


# Illinois Compiled Statutes: "720 ILCS 5/16-1(a)(1)(A)", "625 ILCS 5/11-501(a)(2)",
# "720 ILCS 570/402(c)", with an optional " - DESCRIPTION" in capitals as the
# narrative prints it. Also Chicago Municipal Code and US Code sections.
_ILCS = (
    r"\d{1,3}" + WS + r"ILCS" + WS + r"\d{1,4}/\d+[A-Z]?(?:[.-]\d+[A-Z]?)*(?:\([A-Z0-9.]{1,5}\))*"
)
_DESCRIPTION = r"(?:[ \t]+-[ \t]+(?-i:[A-Z][A-Z0-9/'&,() -]*[A-Z)]))?"


class ChargeRecognizer(ValueRecognizer):
    """Charge citations: Illinois statutes ("720 ILCS 5/16-1(a)(1)(A) - THEFT"),
    Municipal Code of Chicago sections ("MCC 8-4-010"), US Code ("8 USC 1326").

    Does not match the charge description on its own (a table cell of words): the
    citation is what identifies a charge reliably.
    """

    ENTITY = Category.CHARGE
    NAME = "charge"
    PATTERNS = (
        ValuePattern("ilcs", rf"(?<![\w/])(?P<value>{_ILCS}{_DESCRIPTION})", 0.95),
        ValuePattern(
            "mcc",
            r"(?<![\w/])(?P<value>(?:(?:MCC|municipal[ \t]+code)[ \t]+(?:§[ \t]*)?"
            r"\d{1,2}-\d{1,3}-\d{2,4}(?:\([A-Z0-9]{1,3}\))*"
            r"|\d{1,2}-\d{1,3}-\d{2,4}(?:\([A-Z0-9]{1,3}\))*[ \t]+MCC))(?![\w-])",
            0.9,
        ),
        ValuePattern(
            "usc",
            r"(?<![\w/])(?P<value>\d{1,2}[ \t]+U\.?S\.?C\.?"
            + WS
            + r"(?:§+[ \t]*)?\d{2,5}[A-Z]?(?:\([A-Z0-9]{1,3}\))*)(?![\w-])",
            0.9,
        ),
    )
    CONTEXT = ("charge", "ilcs", "statute", "violation")
