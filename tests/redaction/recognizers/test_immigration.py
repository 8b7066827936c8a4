"""The tables are the specification: (text, the value(s) to redact or None).

Every value here is invented; none comes from the sample reports.
"""

from __future__ import annotations

import pytest

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
    status_extent,
)
from app.redaction.recognizers.registry import Gazetteers
from tests.redaction.recognizers._support import Expected, as_list, values


@pytest.fixture(scope="module")
def status(gazetteers: Gazetteers) -> ImmigrationStatusRecognizer:
    return ImmigrationStatusRecognizer(phrases=gazetteers.immigration_status)


@pytest.fixture(scope="module")
def nationality(gazetteers: Gazetteers) -> NationalityRecognizer:
    return NationalityRecognizer(
        countries=gazetteers.countries,
        demonyms=gazetteers.demonyms,
        codes=gazetteers.country_codes,
        cue_only=gazetteers.nationality_cue_only,
        languages=gazetteers.languages,
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("A# 212-345-678", "212-345-678"),  # the label stays visible
        ("A#: 212345678", "212345678"),
        ("A #212 345 678", "212 345 678"),
        ("A-212-345-678", "A-212-345-678"),  # the A prefix is part of the number
        ("A 212 345 678", "A 212 345 678"),
        ("A212345678", "A212345678"),
        ("A21234567", "A21234567"),  # 8 digits: older numbers
        ("He provided A-number A-312-456-789.", "A-312-456-789"),
        ("He provided A-number 312-456-789.", "312-456-789"),
        ("Alien Registration No. A 212 345 678", "A 212 345 678"),
        ("alien registration number: 098765432", "098765432"),
        ("Alien Registration Number (A#) 212-345-678", "212-345-678"),
        ("OTHER ID\nALIEN REG 232-846-763; PPT IND R2541204", "232-846-763"),
        ("Alien Reg. No. 232846763", "232846763"),
        ("SID NO.\t73363123\tALIENREG.NO.\t246605650\n", "246605650"),  # OCR glued the cue
        ("ALIENREGISTRATION NO. 232846763", "232846763"),
        ("MATRICULA NO. 8629741826 ALTEM REG. HO. 045-980-069", "045-980-069"),  # a scan
        ("ALIEM REG N0. 232846763", "232846763"),
        ("ALBUM REG. NO. 045-980-069", "045-980-069"),  # garbled past telling: a number
        ("VEH REG. NO. 045-980-069", None),  # another registration
        ("Altem reg. no. 045-980-069", None),  # garbled only in capitals
        ("OTHER ID: MATRICULA #1234567890; A# A212345678", "A212345678"),
        ("A#\n212-345-678", "212-345-678"),  # label on its own line
        ("USCIS # 212345678", "212345678"),
        ("A-File No. 21234567", "21234567"),
        ("alien registration no. A 278\n276 062. As", "A 278\n276 062"),  # wraps
        ("A# - 278-276-062\nARREST", "278-276-062"),
        ("He provided A-number A\n035 915 734. As", "A\n035 915 734"),
        ("a Notice to Appear bears the number A\n256 744 800. A", "A\n256 744 800"),
        # A scan's speck between two groups read as a mark.
        ("bears the number A 262\n731.135.\nSolis", "A 262\n731.135"),
        ("A# 262 731,135", "262 731,135"),
        ("A 262.731.135", "A 262.731.135"),
        ("A 262 731.", None),  # a mark ends it: six digits
        ("A 1,234,567 judgment", None),  # seven digits
        ("his A-number, A-290-\n646-246. He", "A-290-\n646-246"),  # wraps at a hyphen
        ("returned his file (A-\nNumber: 293934531).", "293934531"),  # the cue wraps
        ("Apt 2123456", None),  # an apartment, not an A-number
        ("Apt 212345678", None),
        ("A 312-555-0134", None),  # a phone number
        ("Event #: 7194938401", None),
        ("A# 2123456789", None),  # ten digits
        ("a 212 345 678", None),  # the prefix is a capital A
        ("A# 000-000-000", None),  # placeholder
        ("Section A 12 of the form", None),
    ],
)
def test_a_number(text: str, expected: Expected) -> None:
    assert values(ANumberRecognizer(), text) == as_list(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Passport G12345678 (Guatemala)", "G12345678"),
        ("presented a Mexican passport, no. G98765432", "G98765432"),
        ("(1) passport (Honduras) no. E1234567", "E1234567"),
        ("OTHER ID: PASSPORT HND #E1234567; A# 212-345-678", "E1234567"),
        ("a passport issued by Ecuador, no. A4455667", "A4455667"),
        ("a passport issued by\nMexico, no. Z70085205. A", "Z70085205"),  # wraps
        ("A PASSPORT ISSUED\nBY VENEZUELA, NO. 092892809.", "092892809"),  # wraps before "by"
        ("PPT# - VEN 092892809\tIR# - 18388584", "092892809"),  # a spaced dash after "#"
        ("PPT - 4 pages torn", None),  # a dash after no label mark
        ("Passport Number: 523456789", "523456789"),
        ("PASSPORT\nX7654321", "X7654321"),
        ("she presented a Honduran passport,\nno. R1166306. A", "R1166306"),
        ("presented a passport issued by Peru.", None),  # no number
        ("The visa foil in the passport bears no. 5512345", None),  # a visa number
        ("passport was seized, inventory #15473661", None),
        ("passport no. 12345", None),  # too short
        ("OTHER ID\tPPT GTM L60032965", "L60032965"),  # a country code, no "#"
        ("He identified himself with PPT MEX\nK31200033.", "K31200033"),  # wrapped
        ("he presented PPT PER\n057892036.\nNOTIFICATIONS", "057892036"),
        ("the PPT GTM was returned", None),  # no number after the code
        ("PASSPORT: NONE", None),
    ],
)
def test_passport(text: str, expected: Expected) -> None:
    assert values(PassportRecognizer(), text) == as_list(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I-94 123456789A1", "123456789A1"),
        ("I-94 no. 12345678901", "12345678901"),
        ("FBI: 6684400WE7 1-94#: 95808787475", "95808787475"),  # OCR's "1" for "I"
        ("He produced 1-94 #496995478TS.", "496995478TS"),  # ... and S for 5
        ("I-94 496995478TX", None),
        ("SHOWED l-94 #95808787475.", "95808787475"),
        ("pages 1-94 of 12345678901 bytes", None),  # a range, no number after it
        ("Form I-94 record number: 98765432101", "98765432101"),
        ("visa no. 12345678", "12345678"),
        ("The visa foil in the passport bears\nno. 7654321", "7654321"),
        ("VISA: K1234567", "K1234567"),
        ("visa foil number 23456789", "23456789"),
        ("showed B-2 visa foil no.\n57116177.", "57116177"),  # the number wraps
        ("overstayed a B-2 visa and has lived in Chicago since 2014", None),
        ("paid with a Visa card no. 41111111", None),  # a payment card
        ("a visa overstay. He provided A# 212-345-678", None),
        ("I-94 expired", None),
    ],
)
def test_visa(text: str, expected: Expected) -> None:
    assert values(VisaRecognizer(), text) == as_list(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("MATRICULA #1234509876", "1234509876"),
        ("matrícula consular 0123456789", "0123456789"),
        ("A matricula consular, no. 0123456789, was recovered.", "0123456789"),
        ("(1) consular ID card no. 4455667788", "4455667788"),
        ("A consular identification card, no. C7654321, was recovered.", "C7654321"),
        ("CONS ID: 1683-9808-02\nLANG: SPANISH", "1683-9808-02"),
        ("CONSULAR ID NO.\t1683-9808-02\tALIEN REG. NO.", "1683-9808-02"),
        ("A Guatemalan consular ID card, no.\n9441-5824-78, was", "9441-5824-78"),
        ("A MATRÍCULA CONSULAR, NO. 1607-4605-37, WAS", "1607-4605-37"),
        # The number wraps at a hyphen or a space.
        ("A Matrícula Consular, no. 3515-\n8983-68, was", "3515-\n8983-68"),
        ("A matricula consular\ncard, no. 4041-7012-70, was", "4041-7012-70"),
        ("A Guatemalan consular\nID card, no. 6677-1115-28, was", "6677-1115-28"),
        ("a consular ID card no. 4041701270", "4041701270"),
        ("MATRICULA CONSULAR NO. 3515 \n8983 68 WAS", "3515 \n8983 68"),
        ("MATRICULA # 3515-8983-68\n2019 ARREST", "3515-8983-68"),  # the next line's year
        ("consular ID no. 12-34", None),  # too few digits
        ("matrícula consular issued in 2019", None),
        ("a consular officer called at 0800 hrs", None),
        ("A tarjeta de identificación consular, no. 4337443576, was", "4337443576"),
        ("(1) tarjeta de identificación consular no. 4337443576\tRETURNED", "4337443576"),
    ],
)
def test_consular_id(text: str, expected: Expected) -> None:
    assert values(ConsularIdRecognizer(), text) == as_list(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He related that he is undocumented.", "undocumented"),
        ("He related that he has no legal status and has lived", "no legal status"),
        ("has no legal\nstatus", "no legal\nstatus"),  # wrapped at the margin
        ("lives here without legal status", "without legal status"),
        ("He stated that he has no immigration papers.", "no immigration papers"),
        ("HE STATED THAT HE HAS\nNO IMMIGRATION PAPERS.", "NO IMMIGRATION PAPERS"),
        # The words that introduce the status are part of it.
        ("He overstayed a B-2 visa in 2019.", "overstayed a B-2 visa"),
        ("He stated that he overstayed a B-2 tourist visa.", "overstayed a B-2 tourist visa"),
        ("HE OVERSTAYED A B 2 VISA. A", "OVERSTAYED A B 2 VISA"),  # the hyphen read as a space
        ("He stated that he ts on an H-OR work visa. As", "on an H-OR work visa"),  # 2B as OR
        ("HE STATED THAT HE QVERSTAYED A B-2 VISA. AS", "QVERSTAYED A B-2 VISA"),  # O as Q
        ("she overstayed her tourist visa", "overstayed her tourist visa"),
        ("He related that he is a visa overstay.", "a visa overstay"),
        ("he entered without inspection in 2015", "entered without inspection"),
        ("STATUS: EWI", "EWI"),
        ("She is a DACA recipient.", "a DACA recipient"),
        ("SHE IS A DACA RECIPIENT.", "A DACA RECIPIENT"),
        ("He is a TPS holder.", "a TPS holder"),
        ('He said he was a "DACA recipient".', 'a "DACA recipient'),
        ('he is a\n"TPS holder. A DHS check', 'a\n"TPS holder'),
        ("he is in Temporary Protected Status (TPS).", "in Temporary Protected Status (TPS)"),
        (
            "HE IS IN TEMPORARY\nPROTECTED STATUS (TPS). HE",
            "IN TEMPORARY\nPROTECTED STATUS (TPS)",
        ),
        ("He has a pending asylum case.", "a pending asylum case"),
        (
            "he has an asylum case pending\nbefore the immigration court. He",
            "an asylum case pending\nbefore the immigration court",
        ),
        ("She admitted that she is\nseeking asylum. She", "seeking asylum"),
        ("an asylum seeker", "an asylum seeker"),
        ("He is in removal proceedings.", "in removal proceedings"),
        ("subject to a final order of removal", "subject to a final order of removal"),
        ("she is a humanitarian parolee", "a humanitarian parolee"),
        ("He is a parolee.", "a parolee"),
        ("STATUS: PAROLED (CBP ONE)\nARREST", ("PAROLED", "CBP ONE")),
        ("He is a lawful permanent resident.", "a lawful permanent resident"),
        ("he is a\ngreen card holder. He", "a\ngreen card holder"),
        ("She is a U-visa applicant.", "a U-visa applicant"),
        ("She is a U visa applicant.", "a U visa applicant"),
        ("HE RELATED THAT HE IS A U\nVISA APPLICANT. HE", "A U\nVISA APPLICANT"),  # wrapped
        ("She is a T-\nvisa applicant.", "a T-\nvisa applicant"),
        ("She has a pending U-visa application.", "a pending U-visa application"),
        ("a T-visa applicant", "a T-visa applicant"),
        ("He advised that he is on an\nH-2B work visa. He", "on an\nH-2B work visa"),
        ("she is on an F-1 student visa", "on an F-1 student visa"),
        ("he is out of status on an expired visa.", "out of status on an expired visa"),
        ("He is a naturalized U.S. citizen.", "a naturalized U.S. citizen"),
        # Initials as typed without dots, or as OCR reads them.
        ("he is a naturalized US. citizen. A", "a naturalized US. citizen"),
        ("he is a naturalized US citizen", "a naturalized US citizen"),
        ("He is a refugee.", "a refugee"),
        ("An ICE detainer was lodged.", "An ICE detainer"),
        ("he was released with a Notice to Appear", "released with a Notice to Appear"),
        (
            "he was released by DHS with a Notice to Appear.",
            "released by DHS with a Notice to Appear",
        ),
        # Its B read as an 8, the line wrapped before it.
        ("he overstayed a\n8-2 tourist visa. A DHS", "overstayed a\n8-2 tourist visa"),
        ("HE OVERSTAYED A B-2 TOURIST. VISA. AS", "OVERSTAYED A B-2 TOURIST. VISA"),
        ("HE OVERSTAYED A B-2 TOURIST: VISA. A", "OVERSTAYED A B-2 TOURIST: VISA"),
        # Its "by" read glued to the agency with a mark on a scan.
        (
            "HE WAS RELEASED RY'DHS WITH A NOTICE TO APPEAR.",
            "RELEASED RY'DHS WITH A NOTICE TO APPEAR",
        ),
        (
            "he was paroled into the U.S. under CBP One.",
            "paroled into the U.S. under CBP One",
        ),
        (
            "he was previously removed from the United\nStates.",
            "previously removed from the United\nStates",
        ),
        ("IMM STAT: UNDOCUMENTED\tINTERP: Y", "UNDOCUMENTED"),
        ("IMMIGRATION STATUS: LPR", "LPR"),  # a status field: not a plate reader
        ("LANG:LITHUANIAN\tSTATUS:B-2 OVERSTAY\n", "B-2 OVERSTAY"),
        ("IMM STAT - VISA OVERSTAY", "VISA OVERSTAY"),
        ("BOND STATUS: OVERSTAY", None),  # another status
        ("IMM. STATUS (SELF-REPORTED): FINAL ORDER", "FINAL ORDER"),
        ("STATUS: ASYLUM PENDING", "ASYLUM PENDING"),
        ("LANG:NAHUATL\tSTATUS:PENDING ASYLUM", "PENDING ASYLUM"),
        ("LPR camera hit on the plate", None),  # licence-plate reader
        ("ICE was found on the sidewalk", None),
        ("He is on parole with IDOC; a parolee since 2020.", None),  # criminal parole
        ("He was paroled by IDOC in 2019.", None),
        ("he overstayed his welcome", None),
        ("tps report", None),  # acronyms match in capitals only
        ("a permanent marker", None),
        ("paid with a Visa card no. 41111111", None),  # a payment card
        ("He produced visa no. 99601427.", None),  # a visa number, not a status
        ("a final order of protection was entered", None),  # not immigration
        ("CENTRAL BOOKING NO - 49985894\tSTATUS - FINAL ORDER\nA-NUMBER", "FINAL ORDER"),
        ("CASE STATUS: CLOSED", None),
        ("MARITAL STATUS: LPR", None),
        ("PLATE STATUS: LPR HIT", None),
    ],
)
def test_immigration_status(
    status: ImmigrationStatusRecognizer, text: str, expected: Expected
) -> None:
    assert values(status, text) == as_list(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("CITIZENSHIP: MEX", "MEX"),
        ("CITIZENSHIP\nHonduras\nSSN", "Honduras"),
        ("Citizenship: GT", "GT"),
        ("CTZ: SLV", "SLV"),
        ("Nationality: Guatemalan", "Guatemalan"),
        ("COUNTRY OF CITIZENSHIP: El Salvador", "El Salvador"),
        ("CITIZENSHIP: USA", "USA"),
        ("CITIZENSHIP: MEX/USA", ("MEX", "USA")),
        ("he is a Venezuelan national", "Venezuelan"),
        ("and is a Venezuelan\nnational.", "Venezuelan"),
        ("is a citizen of Ecuador.", "Ecuador"),
        ("is a citizen of Georgia", "Georgia"),  # the country, with a cue
        ("He stated that he is also from Honduras.", "Honduras"),
        ("HE STATED THAT HE IS ALSO FROM INDIA.", "INDIA"),  # cue-only, after "is from"
        ("she is originally from Jordan", "Jordan"),
        ("He came from Chad in 2015", "Chad"),
        ("a call from Jordan Smith", None),  # a given name, no one "is from" it
        ("a letter from India Jones", None),
        ("a Polish national", "Polish"),
        ("a Spanish citizen", "Spanish"),
        ("presented a Mexican passport", "Mexican"),
        ("a passport issued by Peru", "Peru"),
        ("(1) passport (Peru) no. A1234567", "Peru"),
        ("He is a U.S. citizen.", "U.S."),
        ("an American citizen", "American"),
        ("the Guatemalan man", "Guatemalan"),
        ("He stated he was born in Hue, Vietnam (Vietnamese).", ("Vietnam", "Vietnamese")),
        ("born in Šiauliai, Lithuania (Lithuanian). He", ("Lithuania", "Lithuanian")),
        ("BORN IN ŁÓDŹ, POLAND (POLISH). HE", ("POLAND", "POLISH")),
        ("POB: Kaunas (Lithuanian)", "Lithuanian"),
        ("he is a Vietnamese national", "Vietnamese"),
        ("He stated that he is Lithuanian.", "Lithuanian"),
        ("She is Polish and has lived", "Polish"),
        ("a Polish man was seen", "Polish"),
        ("CITIZENSHIP\tUS\nDRIVER'S LIC. NO.", "US"),  # a form row
        ("PLACE OF BIRTH\tMemphis, TN\tCITIZENSHIP\tU.S.\tSTATE ID NO.", "U.S."),
        ("CITIZENSHIP\tUSA", "USA"),
        ("Subject - DOE, John\tCitizen Of - USA\nS/M/T", "USA"),
        ("Citizen Of: US\tPOB: Gary, IN", "US"),
        ("CTZ - CHN\tAGE - 69", "CHN"),
        ("POB: LODZ, POL\tCITZ: United States\nDL#", "United States"),
        ("CIT: MEX\tALIEN #: A 220 765 480", "MEX"),
        ("NATIONALITY - GUATEMALAN\nOCCUPATION", "GUATEMALAN"),
        ("the Consulate General of Guinea in Chicago was advised", "Guinea"),
        ("He speaks Vietnamese.", None),  # a language
        ("His primary language is Lithuanian.", None),
        ("The interview language was Polish", None),
        ("TAT R ARM - FLAG (POLISH)", None),  # no birthplace before it
        ("LANGUAGE: Creole (French)", None),
        ("SMT: TAT R UPPER ARM - FLAG OF POLAND, SCAR ABDOMEN", None),  # a tattoo
        ("a tattoo of the flag of Mexico on his arm", None),
        ("The Honda Civic was Japanese-made", None),
        ("The car is Japanese", None),
        ("he was returned to Nicaragua", "Nicaragua"),
        ("RACE: WHITE HISPANIC", None),  # races are not nationalities
        ("RACE: BLACK", None),
        ("a Latino male", None),
        ("Asian female", None),
        ("American Indian", None),
        ("He speaks Spanish.", None),  # a language
        ("interview conducted in Polish", None),
        ("He lives in Georgia", None),  # a US state
        ("Jordan Smith", None),  # a name
        ("Chad Johnson", None),
        ("Albuquerque, New Mexico", None),
        ("DL#/STATE: A123 4567 8901/IL", None),  # codes only after a citizenship cue
        ("IL 60616", None),
        ("MEX", None),
        ("CITIZENSHIP: N/A", None),
        ("CITIZENSHIP\nID TYPE: NONE", None),
        ("CITIZENSHIP\tID\tSSN\nGTM\t412-55-1234", None),  # header row of a grid
        ("CITIZENSHIP: GTM\tSSN: UNK", "GTM"),  # empty field: "ID" is a label here
        ("He speaks Haitian Creole.", None),  # a language
        ("turkey sandwich", None),
        # Before a noun a demonym says where someone or something is from.
        ("the Turkish Government", "Turkish"),
        ("the Spanish authorities handed him over", "Spanish"),
        ("a Polish passport", "Polish"),
        ("the Spanish\nauthorities", "Spanish"),
        ("she was of Greek-Cypriot origin", "Greek-Cypriot"),
        ("He speaks Spanish and English.", None),  # languages
        ("a Spanish interpreter", None),
        ("He speaks Spanish fluently.", None),
        ("HE WAS BORN IN CEBU CITY, PHILIPPINES\n(FILIPINO). HE", ("PHILIPPINES", "FILIPINO")),
    ],
)
def test_nationality(nationality: NationalityRecognizer, text: str, expected: Expected) -> None:
    assert values(nationality, text) == as_list(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("POB: Tegucigalpa, Honduras", "Tegucigalpa, Honduras"),
        (
            "PLACE OF BIRTH\nSan Pedro Sula, Cortes, Honduras\nCITIZENSHIP",
            "San Pedro Sula, Cortes, Honduras",
        ),
        ("Place of birth: Guadalajara, Jalisco, MX", "Guadalajara, Jalisco, MX"),
        ("PLACE OF BIRTH: QUETZALTENANGO, GTM", "QUETZALTENANGO, GTM"),
        ("POB: Chicago, IL\tRESIDENCE: 123 W. Main St", "Chicago, IL"),
        ("POB: Chicago, IL RESIDENCE: 123 W. Main St", "Chicago, IL"),
        (
            "stated that he was born in Puebla de Zaragoza, Puebla, Mexico and is a national",
            "Puebla de Zaragoza, Puebla, Mexico",
        ),
        ("She was born in the Dominican Republic.", "Dominican Republic"),
        ("He was born on 03/14/1991 in León, Guanajuato, Mexico.", "León, Guanajuato, Mexico"),
        ("born in\nGuatemala City", "Guatemala City"),
        # A town's name wrapped at a line end: its country after a comma says so.
        (
            "HE WAS BORN IN CIUDAD\nNEZAHUALCOYOTL, MEXICO AND IS",
            "CIUDAD\nNEZAHUALCOYOTL, MEXICO",
        ),
        ("born in San\nPedro Sula, Honduras.", "San\nPedro Sula, Honduras"),
        (
            "born in Ciudad Nezahualcóyotl, Estado\nde México, Mexico and is",
            "Ciudad Nezahualcóyotl, Estado\nde México, Mexico",
        ),
        ("HE WAS BORN IN CHICAGO\nHE STATED THAT", "CHICAGO"),  # the next sentence
        ("He was born in Gary, IN. He moved", "Gary, IN"),  # a state code, not "in"
        ("BORN IN SALEM, OR AND RAISED", "SALEM, OR"),
        ("TEL: 708-529-2021 BORNIN: San Juan, PR", "San Juan, PR"),  # a space lost
        ("BORN IN LIMA, PERU AND IS A PERUVIAN NATIONAL", "LIMA, PERU"),
        ("a native of Cuenca, Ecuador", "Cuenca, Ecuador"),
        ("born in Šiauliai, Lithuania and", "Šiauliai, Lithuania"),  # capitals beyond A-Z
        ("POB: Łódź, Poland", "Łódź, Poland"),
        ("born in Ciudad Juárez, Chihuahua, Mexico.", "Ciudad Juárez, Chihuahua, Mexico"),
        ("BORN IN ŁÓDŹ, POLAND (POLISH). HE", "ŁÓDŹ, POLAND"),
        ("born in Hue, Vietnam (Vietnamese). He", "Hue, Vietnam"),  # without the nationality
        ("POB - Nowy Targ (Małopolskie), Poland\nAGE - 47", "Nowy Targ (Małopolskie), Poland"),
        ("Birthplace - Fuzhou (Fujian), China\tE-Mail", "Fuzhou (Fujian), China"),
        ("BORN IN - Barquisimeto (Lara), Venezuela\tE-MAIL", "Barquisimeto (Lara), Venezuela"),
        ("PLACE OF BIRTH\tMemphis, TN\tCITIZENSHIP\tUSA", "Memphis, TN"),  # a form row
        ("PLACE OF BIRTH\tLOS ANGELES, CA\tSOCIAL SECURITY 212 64 4312", "LOS ANGELES, CA"),
        ("PLACE OF BIRTH\tCITIZENSHIP\tLANGUAGE\nLima, Peru", None),  # a header row
        ("PLACE OF BIRTH\tDRIVER'S LIC. NO.\tIR NO.", None),
        ("born in 1991", None),
        ("born in March 1991", None),
        ("born on March 14, 1991", None),
        ("PLACE OF BIRTH\nRESIDENCE\n123 W Main St", None),  # empty field
        ("POB: UNK", None),
        ("PLACE OF BIRTH\nDOB: 1991-03-14\tAGE: 33", None),  # the next row's label
        ("DOB\tAGE\tPLACE OF BIRTH\n03/14/1991\t33\tLIMA, PER", None),  # grid
        (
            "she was born in Santiago de los Caballeros, Dominican Republic (Dominican).",
            "Santiago de los Caballeros, Dominican Republic",
        ),
    ],
)
def test_place_of_birth(text: str, expected: Expected) -> None:
    assert values(PlaceOfBirthRecognizer(), text) == as_list(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The applicant was born in 1987 and lives in Van.", "Van"),
        ("he currently resides in Söke, Aydın.", "Söke, Aydın"),
        ("a lawyer practising in İzmir. The Government", "İzmir"),
        ("She and her son therefore moved back to Southwark.", "Southwark"),
        ("ARRESTEE STATED HE LIVES IN\nCICERO WITH HIS MOTHER", "CICERO"),
        ("residing in Bad Neuenahr.", "Bad Neuenahr"),
        ("property in the area of Famagusta, in northern Cyprus", "Famagusta"),
        ("situated in the locality known as Roukania. It had", "Roukania"),
        ("lives in Konstancin\u2011Jeziorna.", "Konstancin\u2011Jeziorna"),
        ("He lives in Apartment 3 with his sister.", None),  # a dwelling, not a place
        ("lives in the basement of the house", None),
        ("she moved to a shelter in March", None),
        ("moved to March 3 for trial", None),  # a month
        ("the City of Chicago Department of Police", None),  # an institution
        ("lives in Cook County Jail", None),
        ("a canvass of the area of Oakton St at S. Laramie Ave", None),  # a street
        ("LIVES IN THE AREA OF W. 59TH ST", None),
        ("ARREST MADE BY THE VILLAGE OF SUMMIT\nPOLICE DEPARTMENT.", None),
        (
            "situated in the municipality of Härjedalen in the county of Jämtland.",
            ("municipality of Härjedalen", "county of Jämtland"),
        ),
        ("a village in the District of Kyrenia. During", "District of Kyrenia"),
        ("was outside the Borough of Southwark and", "Borough of Southwark"),
        ("the District of Columbia Police Department", None),
        ("The applicant lives in Van. In 2008 he", "Van"),
    ],
)
def test_residence(text: str, expected: Expected) -> None:
    assert values(ResidenceRecognizer(), text) == as_list(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("He produced PPT PHL A5883788P.", "PHL"),
        ("PPT#:VEN 616504662\tB-2 VISA#:7049", "VEN"),
        ("PPT#: MEX W52572951\tMATRICULA#: 57", "MEX"),
        ("A#: 223428071; PPT\nMEX H23717492", "MEX"),  # the cue ends the line
        ("she presented PPT ROU\n54417938.", "ROU"),  # the number wraps
        ("PASSPORT # - E13945761 (MEX)\tCb No - 7610", "MEX"),
        ("he presented passport\n922655237 (Peru).", "Peru"),  # a name, the number wraps
        ("PASSPORT NO. G1234567 ( EL SALVADOR )", "EL SALVADOR"),
        ("HE PRODUCED PASSPORT T1410009\n(INDIA).", "INDIA"),  # the country wraps
        ("PASSPORT 11410009\n(IND) .", "IND"),  # as OCR reads it: T as 1
        ("passport 922655237\n\n(Peru)", None),  # a blank line between: not beside it
        ("passport 922655237 (expired)", None),  # parentheses, no country
        ("PPT NO. 12345678", None),  # no country printed
        ("the PPT was seized", None),
        ("PPT ABC A1234567", None),  # not a country code
        ("CITIZENSHIP: MEX", None),  # a field, not a passport: the nationality recognizer's
    ],
)
def test_passport_country(gazetteers: Gazetteers, text: str, expected: Expected) -> None:
    recognizer = PassportCountryRecognizer(
        codes=gazetteers.country_codes, countries=gazetteers.countries
    )
    assert values(recognizer, text) == as_list(expected)


@pytest.mark.parametrize(
    ("text", "core", "expected"),
    [
        # The words that introduce a status and what completes it, as the
        # recognizer spans a phrase, around a core found another way (OCR).
        (
            "he was previou: sly removed from the United\nStates. A DHS",
            "previou: sly removed",
            "previou: sly removed from the United\nStates",
        ),
        ("he is a DACA\nrecipient. An ICE", "DACA\nrecipient", "a DACA\nrecipient"),
        # An acronym after it as a scan reads it.
        (
            "he entered without inspection\n(EW!). He",
            "entered without inspection",
            "entered without inspection\n(EW!)",
        ),
        # ... with its closing parenthesis read as a full stop, or lost at a line end.
        (
            "he entered without inspection (EWN. He was",
            "entered without inspection",
            "entered without inspection (EWN.",
        ),
        (
            "he entered without inspection (EWI\nin 2001",
            "entered without inspection",
            "entered without inspection (EWI",
        ),
        # An opening parenthesis that goes on is no acronym of the status.
        (
            "he entered without inspection (EWI in 2001)",
            "entered without inspection",
            "entered without inspection",
        ),
        (
            "he is in Temporary Protected Status (TPS).",
            "Temporary Protected Status",
            "in Temporary Protected Status (TPS)",
        ),
        (
            "she has an asylum case pending before the immigration court.",
            "asylum case",
            "an asylum case pending before the immigration court",
        ),
        # A Notice to Appear OCR garbled, with the release that introduces it.
        (
            "SHE ADVISED THAT SHE\nWAS RELEASED BY DHS WITH A NOTIGE TO APPEAR. AN ICE",
            "NOTIGE TO APPEAR",
            "RELEASED BY DHS WITH A NOTIGE TO APPEAR",
        ),
        (
            "he was released by immigration authorities on a Notlce to Appear",
            "a Notlce to Appear",
            "released by immigration authorities on a Notlce to Appear",
        ),
        # A release before another status is no part of it.
        ("released on a DACA renewal", "DACA", "on a DACA"),
        # Nothing around it: the core alone.
        ("Status: no legal status; HAIR BRO", "no legal status", "no legal status"),
    ],
)
def test_status_extent(text: str, core: str, expected: str) -> None:
    start = text.index(core)
    got = status_extent(text, start, start + len(core))
    assert text[got[0] : got[1]] == expected
