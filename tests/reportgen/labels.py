"""What each shipped policy must do with a value: the one place this table lives.

Source: /work/shared/samples/README.md ("`federal_immigration` and `public` say what each shipped
policy must do with the value") and every (category, role) pair in the sample JSONs, which this
table reproduces exactly:

- Officers' names and star numbers, the RD number, charges, arrest date and location, and the
  arresting agency are released under both policies (Illinois FOIA 5 ILCS 140/2.15(a)).
- Public: the arrestee's and co-arrestees' name, alias, age, home address, tattoos (physical
  marks), language, CB number, and the bond are released (2.15(a): name, age, address; the
  README: "Names and home addresses are released to the public only for arrestees and
  co-arrestees"). Everything else is withheld: DOB, phone, e-mail, SSN, licences/TVDL, IR, FBI,
  SID, employer, vehicle plate and VIN, place of birth, citizenship, nationality, immigration
  status and immigration documents ("The public policy withholds IR numbers too").
  Victims', witnesses' and relatives' names and addresses are withheld (7(1)(c)).
- Federal immigration: everything about a non-officer person is withheld, including bond, CB
  number, age, language and tattoos (TRUST Act 5 ILCS 805/15(h), MCC 2-173-030).
- Juvenile arrestee (under 18): the whole record is withheld under both policies
  (705 ILCS 405/1-7); every value but the agency's name is `withhold`.
"""

from __future__ import annotations

from typing import Literal

Action = Literal["withhold", "release"]

ROLES = ("arrestee", "co_arrestee", "victim", "witness", "relative", "officer", "none")

CATEGORIES = (
    "PERSON_NAME",
    "OFFICER_NAME",
    "ALIAS",
    "HOME_ADDRESS",
    "DATE_OF_BIRTH",
    "AGE",
    "PHONE",
    "EMAIL",
    "SSN",
    "DRIVERS_LICENSE",
    "TVDL",
    "PLACE_OF_BIRTH",
    "NATIONALITY",
    "COUNTRY_OF_CITIZENSHIP",
    "IMMIGRATION_STATUS",
    "A_NUMBER",
    "PASSPORT_NUMBER",
    "VISA_NUMBER",
    "CONSULAR_ID",
    "LANGUAGE",
    "TATTOOS",
    "EMPLOYER",
    "VEHICLE_PLATE",
    "VIN",
    "CB_NUMBER",
    "IR_NUMBER",
    "FBI_NUMBER",
    "SID",
    "RD_NUMBER",
    "STAR_NUMBER",
    "CHARGE",
    "ARREST_DATE",
    "ARREST_LOCATION",
    "BOND",
    "AGENCY",
)

# Released under both policies, whatever the role (FOIA 2.15(a) items, and officers).
RELEASED_TO_ALL = frozenset(
    {
        "OFFICER_NAME",
        "STAR_NUMBER",
        "RD_NUMBER",
        "CHARGE",
        "ARREST_DATE",
        "ARREST_LOCATION",
        "AGENCY",
    }
)
# Released to the public only when the value belongs to an arrestee or co-arrestee.
PUBLIC_FOR_ARRESTEES = frozenset(
    {"PERSON_NAME", "ALIAS", "AGE", "HOME_ADDRESS", "TATTOOS", "LANGUAGE", "CB_NUMBER"}
)
ARRESTEE_ROLES = frozenset({"arrestee", "co_arrestee"})
# Released to the public whatever the role (the bond is a fact of the case, role "none").
PUBLIC_ANY_ROLE = frozenset({"BOND"})
# The one value a juvenile record still releases.
JUVENILE_RELEASED = frozenset({"AGENCY"})


def label(category: str, role: str, *, juvenile: bool) -> tuple[Action, Action]:
    """(federal_immigration, public) for one value."""
    if category not in CATEGORIES:
        raise ValueError(f"unknown category {category}")
    if role not in ROLES:
        raise ValueError(f"unknown role {role}")
    if juvenile:
        action: Action = "release" if category in JUVENILE_RELEASED else "withhold"
        return action, action
    if category in RELEASED_TO_ALL:
        return "release", "release"
    public: Action = "withhold"
    if category in PUBLIC_ANY_ROLE or (category in PUBLIC_FOR_ARRESTEES and role in ARRESTEE_ROLES):
        public = "release"
    return "withhold", public
