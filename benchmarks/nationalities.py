"""Which TAB DEM mentions are nationality mentions (the benchmark's own list).

TAB's DEM type covers every demographic attribute: nationality, ethnicity, job
titles, ages, diagnoses. The immigration target is about nationality, so a DEM
mention counts as one when, once "national(s)", "citizen(s)" and articles are
set aside, it is a country's demonym or name ("Turkish", "a Polish national",
"United Kingdom", "Greek-Cypriot"). Ethnic groups without a state (Kurdish,
Sami, Basque, Roma) are not nationalities and are left out.

Written for this benchmark, independently of models/gazetteers/ (which the
detector uses), so that the nationality figure does not grade the detector's
own list against itself.
"""

from __future__ import annotations

import re

DEMONYMS = frozenset(
    """
afghan albanian algerian american andorran angolan antiguan argentine argentinian armenian
australian austrian azerbaijani azeri bahamian bahraini bangladeshi barbadian belarusian
belarussian belgian belizean beninese bhutanese bolivian bosnian botswanan brazilian british
bruneian bulgarian burkinabe burmese burundian cambodian cameroonian canadian cape-verdean
chadian chilean chinese colombian comorian congolese costa-rican croatian cuban cypriot czech
danish djiboutian dominican dutch ecuadorian egyptian emirati english equatoguinean eritrean
estonian eswatini ethiopian fijian filipino finnish french gabonese gambian georgian german
ghanaian greek grenadian guatemalan guinean guyanese haitian honduran hungarian icelandic
indian indonesian iranian iraqi irish israeli italian ivorian jamaican japanese jordanian
kazakh kazakhstani kenyan kiribati korean kosovar kosovan kuwaiti kyrgyz lao laotian latvian
lebanese liberian libyan liechtensteiner lithuanian luxembourgish luxembourger macedonian
malagasy malawian malaysian maldivian malian maltese marshallese mauritanian mauritian
mexican micronesian moldovan monegasque mongolian montenegrin moroccan mozambican namibian
nauruan nepalese nepali dutch new-zealander nicaraguan nigerian nigerien norwegian omani
pakistani palauan palestinian panamanian papuan paraguayan peruvian philippine polish
portuguese qatari romanian russian rwandan salvadoran salvadorean samoan sammarinese
saudi scottish senegalese serbian seychellois sierra-leonean singaporean slovak slovakian
slovene slovenian somali south-african south-sudanese spanish sri-lankan sudanese surinamese
swazi swedish swiss syrian taiwanese tajik tajikistani tanzanian thai togolese tongan
trinidadian tunisian turkish turkmen tuvaluan ugandan ukrainian uruguayan uzbek uzbekistani
vanuatuan venezuelan vietnamese welsh yemeni zambian zimbabwean soviet yugoslav yugoslavian
czechoslovak
""".split()
)

COUNTRIES = frozenset(
    """
afghanistan albania algeria andorra angola argentina armenia australia austria azerbaijan
bahamas bahrain bangladesh barbados belarus belgium belize benin bhutan bolivia bosnia
herzegovina botswana brazil brunei bulgaria burundi cambodia cameroon canada chad chile china
colombia comoros congo croatia cuba cyprus czechia denmark djibouti dominica ecuador egypt
eritrea estonia ethiopia fiji finland france gabon gambia georgia germany ghana greece grenada
guatemala guinea guyana haiti honduras hungary iceland india indonesia iran iraq ireland
israel italy jamaica japan jordan kazakhstan kenya kiribati korea kosovo kuwait kyrgyzstan
laos latvia lebanon lesotho liberia libya liechtenstein lithuania luxembourg macedonia
madagascar malawi malaysia maldives mali malta mauritania mauritius mexico micronesia moldova
monaco mongolia montenegro morocco mozambique myanmar namibia nauru nepal netherlands
nicaragua niger nigeria norway oman pakistan palau palestine panama paraguay peru philippines
poland portugal qatar romania russia rwanda samoa senegal serbia seychelles singapore
slovakia slovenia somalia spain sudan suriname sweden switzerland syria taiwan tajikistan
tanzania thailand togo tonga tunisia turkey turkmenistan tuvalu uganda ukraine uruguay
uzbekistan vanuatu venezuela vietnam yemen zambia zimbabwe england scotland wales
""".split()
)

COUNTRY_PHRASES = (
    "united kingdom",
    "united states",
    "united states of america",
    "russian federation",
    "czech republic",
    "slovak republic",
    "sierra leone",
    "sri lanka",
    "new zealand",
    "south africa",
    "el salvador",
    "costa rica",
    "dominican republic",
    "great britain",
    "soviet union",
    "former yugoslav republic of macedonia",
)

# Words set aside before the test: articles, "national(s)", "citizen(s)", "Republic of".
_FILLER = re.compile(
    r"\b(?:a|an|the|nationals?|citizens?|nationality|origin|descent|republic|federal|"
    r"kingdom|of|naturalized|naturalised)\b"
)


def is_nationality(span: str) -> bool:
    text = " ".join(re.sub(r"[^\w\s-]", " ", span.casefold()).split())
    for phrase in COUNTRY_PHRASES:
        if phrase in text:
            return True
    rest = _FILLER.sub(" ", text)
    words = rest.replace("-", " - ").split()
    if not words:
        return False
    # Compound demonyms: "sierra-leonean", "greek-cypriot" (each part a demonym).
    joined = "-".join(w for w in words if w != "-")
    if joined in DEMONYMS:
        return True
    parts = [w for w in words if w != "-"]
    return all(p in DEMONYMS or p in COUNTRIES for p in parts)
