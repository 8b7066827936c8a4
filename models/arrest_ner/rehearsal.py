"""Plain English for rehearsal: sentences whose entities the stock model labels itself.

Fine-tuning on arrest reports alone would teach the NER that the world is police forms, and its
other labels (ORG, GPE, DATE, MONEY ...) would drift or collapse. Rehearsal mixes in text that
the *stock* pipeline has annotated with its own predictions, so the updated model is asked to
keep answering as before wherever the domain data says nothing.

The sentences are built from the templates and fillers below, written for this purpose (news,
business, travel, science, courts, sport, everyday life). The fillers are only there to make the
text varied; their labels are never used: `train.py` runs the stock model over the sentences and
keeps what it predicts, except for PERSON.

PERSON is the label being retrained, and the templates know where they put a person: those spans
are the targets, not the stock model's guesses. The names come from famous-name fillers and from
`names.TRAIN_*` (many languages), with and without a title ("Mr Okoye", "Dr. A. Lindgren"), so
that names in ordinary prose stay names after training on police forms.
"""

from __future__ import annotations

import random
import re
from typing import NamedTuple

from models.arrest_ner import names

Span = tuple[int, int]


class Passage(NamedTuple):
    text: str
    persons: tuple[Span, ...]  # the person names the templates put in


_TEMPLATES = (
    "{org} said on {date} that it would open a new office in {city}.",
    "Shares of {org} fell {percent} after the company reported a loss of {money}.",
    "The {nat} government announced new trade rules with {country} last {weekday}.",
    "{person} flew from {city} to {city2} on {date} to attend the {event}.",
    "More than {number} people visited the {facility} during the {season} of {year}.",
    "The {river} flows through {country} before it reaches the {sea}.",
    "Under the {law}, employers must keep records for {duration}.",
    "{person}, a professor at {university}, published a study on {topic} in {year}.",
    "The meeting between {person} and {person2} lasted {duration} and ended at {time}.",
    "{org} agreed to buy {org2} for {money}, the two companies said on {weekday}.",
    "Temperatures in {city} reached {temp} degrees on {date}.",
    "The {ordinal} edition of the {event} will take place in {city} in {month}.",
    "She speaks {language} and {language2} and has lived in {country} since {year}.",
    "The novel {work} was translated into {language} in {year}.",
    "{person} was elected mayor of {city} with {percent} of the vote.",
    "A flight from {city} to {city2} takes about {duration}.",
    "The {nat} team won the match {score} at the {facility} on {weekday} night.",
    "Construction of the {facility} cost {money} and took {duration}.",
    "The company {org} employs {number} people in {state} and {state2}.",
    "In {year}, {country} and {country2} signed an agreement on fishing in the {sea}.",
    "The museum in {city} will show {work} from {date} until {date2}.",
    "{person} joined {org} as chief financial officer in {month} {year}.",
    "The court in {city} ruled on {date} that the contract was void.",
    "Rain is expected across {region} on {weekday}, with up to {quantity} in places.",
    "About {percent} of households in {state} own a car, a survey by {org} found.",
    "The {product} went on sale in {country} for {money}.",
    "{person} and her husband moved to {city}, {state} in {year}.",
    "The bridge over the {river} reopened at {time} on {date}.",
    "Delegates from {number} countries gathered in {city} for the {event}.",
    "The {nat} ambassador met {person} at the {org} headquarters.",
    "Police in {city} said the road near {facility} was closed for {duration}.",
    "He paid {money} for a {product} and returned it {duration} later.",
    "{university} received a grant of {money} from {org} to study {topic}.",
    "The storm moved from the {sea} toward {region} overnight.",
    "Lawmakers in {state} passed the {law} by a vote of {score}.",
    "Tickets for the {event} in {city} sold out within {duration}.",
    "The hospital in {city} treated {number} patients on {date}.",
    "{person} ran the {event} in {runtime}, a personal best.",
    "The exchange rate fell to {rate} {currency} per dollar on {weekday}.",
    "The {ordinal} chapter of {work} is set in {city} during the {decade}.",
    "A spokesperson for {org} declined to comment on the report.",
    "Farmers in {region} expect a smaller harvest this {season}.",
    "{person} has written for {newspaper} since {year}.",
    "The train from {city} arrives at {time} every {weekday}.",
    "{country} will host the {event} in {year}, {org} confirmed.",
    "The city council of {city} approved a budget of {money} for {year}.",
    "Students at {university} protested on {date} against higher fees.",
    "The {nat} writer {person} won the prize for {work}.",
    "Her grandparents came to {city} from {country} in the {decade}.",
    "The report by {org} counted {number} new businesses in {region} last year.",
    # Formal, legal and administrative register.
    "Section {n} of the {law} provides that a request must be answered within {duration}.",
    "Under Article {n} of the {treaty}, everyone has the right to a fair hearing.",
    "The {court} dismissed the appeal on {date}, finding no violation of Article {n}.",
    "The applicant, {person}, was born in {year} and lives in {city}.",
    "On {date} the {ministry} rejected the request, and the decision was served on {date2}.",
    "The Government submitted their observations on {date}; {person} replied on behalf of "
    "the applicant.",
    "The hearing before the {court} took place in public on {date}.",
    "Paragraph {n} of the regulations was amended by the {law} in {year}.",
    "The {ministry} awarded {money} in compensation, to be paid within {duration}.",
    "The committee, chaired by {person}, met {number} times between {year} and {year2}.",
    "According to the {ordinal} report of {org}, {percent} of the claims were settled.",
    "The case was adjourned until {date} because the witness, {person}, was abroad.",
    "A copy of the judgment was sent to the {court} in {city} on {weekday}.",
    "The {treaty} entered into force with respect to {country} on {date}.",
    "The contract, signed in {city} on {date}, was governed by {nat} law.",
    # Everyday, travel, science, sport.
    "We drove from {city} to {city2} in {duration} and stopped once near the {river}.",
    "My sister works for {org} and commutes to {city} every {weekday}.",
    "The recipe calls for {quantity} of flour and takes {duration} to bake.",
    "Researchers at {university} found that {percent} of adults sleep less than seven hours.",
    "The {nat} climber reached the summit of {mountain} on {date}.",
    "{person} scored twice as {team} beat {team2} {score} on {weekday}.",
    "The festival in {city} drew {number} visitors over {duration}.",
    "The eruption of {mountain} in {year} forced {number} people to leave their homes.",
    "The {product} costs {money} in {country} and about {money2} in {country2}.",
    "Our flight to {city2} was delayed by {duration} because of fog at {facility}.",
    "The album was recorded in {city} in {year} and released by {org} in {month}.",
    "The church on the hill above {city} was built in the {decade}.",
    "During the {season}, ferries cross the {sea} twice a day.",
    "{person} coached the {nat} national team from {year} to {year2}.",
    "The library lends {number} books a year and opens at {time} on weekdays.",
    "{person} was born in {town} in {year} and now lives in {town2}.",
    "The firm, based in {town}, has a second office in {city}.",
    "She grew up in {town}, a small town near {city}.",
    "{person}, a lawyer practising in {town}, represented the family.",
    "The road between {town} and {town2} was closed on {date}.",
    "He was born in {town2}, {country}, and moved to {state} in {year}.",
    "A court in {town} heard the case in {month} {year}.",
    "Flooding in {town} and {town2} forced {number} families from their homes.",
    "The nearest hospital is in {town2}, {duration} away by car.",
    "Within that Division, the Board that would consider the case was set up under Rule {n}.",
    "The Committee of Ministers and the Secretariat received the file on {date}.",
    "The Tribunal found that the Authority had acted lawfully under Schedule {n}.",
    "Mr Justice {surname} held that the Council's decision was unreasonable.",
    "The Registry informed {person} on {date} that the Chamber had decided the case.",
)

_HEADINGS = (
    "BACKGROUND",
    "PROCEDURE",
    "THE FACTS",
    "SUMMARY",
    "NEWS IN BRIEF",
    "Introduction",
    "Findings",
    "Section {n}",
    "Article {n}",
    "Part {n}",
    "ANNEX",
    "Notes",
    "Business",
    "Weather",
    "Sport",
    "Local news",
    "Conclusions",
    "Methods",
    "Travel",
    "Chapter {n}",
)


def _opts(text: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in text.split("|") if x.strip())


_FILL: dict[str, tuple[str, ...]] = {
    "org": _opts(
        "Microsoft | Boeing | the World Bank | Siemens | Toyota | the Red Cross | Amazon | Nestlé "
        "| the United Nations | Caterpillar | Walgreens | United Airlines | the Federal Reserve | "
        "Motorola | Kraft Heinz | the European Commission | Unilever | Samsung | the Chicago "
        "Board of Trade | Accenture | Deloitte | Northwestern Mutual | the National Weather "
        "Service | Allstate | Abbott Laboratories | Baxter"
    ),
    "org2": _opts(
        "a Texas software firm | Hyatt | Morningstar | Grubhub | Archer Daniels Midland | "
        "McDonald's | Exelon | Mondelez | Tyson Foods | Zebra Technologies"
    ),
    "city": _opts(
        "Chicago | Paris | Lagos | Mumbai | Toronto | São Paulo | Warsaw | Manila | Mexico City | "
        "Kyiv | Nairobi | Seoul | Berlin | Denver | Atlanta | Boston | Milwaukee | Springfield | "
        "Guadalajara | Istanbul | Cairo | Lima | Dublin | Athens | Hanoi | Sydney | Madrid | "
        "Bogotá | Accra | Detroit | Houston"
    ),
    "town": _opts(
        "Izmir | Konya | Bursa | Gaziantep | Wellingborough | Bristol | Leeds | Swansea | Cork "
        "| Galway | Lublin | Rzeszów | Łódź | Poznań | Ternopil | Lviv | Kharkiv | Oaxaca "
        "| Puebla | Zacatecas | Michoacán | San Pedro Sula | Quetzaltenango | Cuenca | Arequipa "
        "| Ibadan | Kano | Enugu | Kumasi | Tamale | Mombasa | Kisumu | Cebu | Davao | Iloilo "
        "| Da Nang | Huế | Aleppo | Homs | Mosul | Erbil | Herat | Peshawar | Lahore | Multan "
        "| Thessaloniki | Patras | Plovdiv | Cluj-Napoca | Timișoara | Košice | Brno | Tartu "
        "| Kaunas | Tbilisi | Kutaisi | Yerevan | Gyumri | Aurora | Joliet | Naperville | Elgin "
        "| Waukegan | Cicero | Evanston | Skokie | Gary | Kenosha | Bloomington | Champaign"
    ),
    "town2": _opts(
        "Islington | Southwark | Hackney | Croydon | Salford | Wolverhampton | Kraków | Gdańsk "
        "| Odesa | Dnipro | Monterrey | Tijuana | Morelia | Celaya | León | Santa Ana | Comayagua "
        "| Cochabamba | Medellín | Cali | Barranquilla | Abeokuta | Onitsha | Eldoret | Bacolod "
        "| Zamboanga | Antalya | Trabzon | Samsun | Diyarbakır | Kayseri | Rockford | Peoria "
        "| Schaumburg | Oak Park | Berwyn | Bolingbrook | Des Plaines | Hammond | Racine"
    ),
    "city2": _opts(
        "London | Tokyo | New York | Los Angeles | Frankfurt | Dallas | Miami | Rome | Bangkok | "
        "Vancouver | Peoria | Rockford | Tegucigalpa | Kraków"
    ),
    "country": _opts(
        "France | Nigeria | India | Canada | Brazil | Poland | the Philippines | Mexico | Ukraine "
        "| Kenya | South Korea | Germany | Turkey | Egypt | Peru | Ireland | Greece | Vietnam | "
        "Australia | Spain | Colombia | Ghana | Japan | Guatemala | Honduras | Venezuela | China "
        "| Pakistan | Ethiopia | Italy"
    ),
    "country2": _opts("Norway | Chile | Morocco | Portugal | Indonesia | Argentina | Sweden"),
    "nat": _opts(
        "French | Nigerian | Indian | Canadian | Brazilian | Polish | Filipino | Mexican | "
        "Ukrainian | Kenyan | Korean | German | Turkish | Irish | Greek | Japanese | Italian | "
        "Spanish | American | British | Chinese | Colombian"
    ),
    "person": _opts(
        "John Smith | Mary Johnson | Angela Merkel | Barack Obama | Emma Thompson | David Miller "
        "| Sarah Connor | Michael Brown | Linda Martinez | James O'Brien | Patricia Lee | Robert "
        "Wilson | Jennifer Davis | Charles Moore | Susan Taylor | Thomas Anderson | Karen White | "
        "Daniel Harris | Nancy Clark | Paul Lewis | Maria Gonzalez | Ahmed Hassan | Chen Wei | "
        "Priyanka Gupta | Olga Petrova"
    ),
    "person2": _opts(
        "the prime minister | Emmanuel Macron | Justin Trudeau | Elizabeth Warren | Rahm Emanuel "
        "| Lori Lightfoot | Oprah Winfrey | George Clooney | Serena Williams"
    ),
    "date": _opts(
        "March 3 | June 21, 2019 | January 1st | 12 October 2020 | Tuesday | last week | May 5, "
        "2021 | September 30 | the first of April | December 24, 2018 | yesterday | August 2 | "
        "February 14, 2022 | November 11 | July 4, 1976"
    ),
    "date2": _opts("the end of May | January 2025 | next spring | October 31 | June 30, 2024"),
    "year": _opts("1998 | 2005 | 2012 | 2016 | 2019 | 2021 | 2023 | 1989 | 1975 | 2010"),
    "month": _opts("January | March | May | August | October | December"),
    "weekday": _opts("Monday | Tuesday | Wednesday | Thursday | Friday | Saturday | Sunday"),
    "season": _opts("summer | winter | spring | autumn"),
    "decade": _opts("1950s | 1970s | 1990s | 1920s"),
    "percent": _opts("12% | 3.5 percent | 40% | two percent | 61 percent | 8.2%"),
    "money": _opts(
        "$2 billion | $450 million | €3.1 million | $12,000 | $75 | £900,000 | $1.2 trillion | "
        "500 dollars | $38.5 million"
    ),
    "number": _opts("3,000 | twelve | 45 | 1.5 million | hundreds of | 250 | 20,000"),
    "duration": _opts(
        "three years | two hours | six months | 45 minutes | a decade | ten days | 18 months | a "
        "week"
    ),
    "time": _opts("8:30 a.m. | noon | 10 p.m. | 6:15 in the morning | midnight | 3 o'clock"),
    "temp": _opts("98 | minus 12 | 35 | 104"),
    "quantity": _opts("three inches | 50 millimetres | two feet | 10 centimetres"),
    "runtime": _opts("two hours and ten minutes | 3:05:12 | under four hours"),
    "rate": _opts("17.2 | 4,100 | 0.92 | 151"),
    "currency": _opts("pesos | hryvnias | euros | yen | rupees"),
    "score": _opts("3-1 | 2-0 | 52 to 47 | 89-12"),
    "ordinal": _opts("first | second | third | tenth | 25th | 100th"),
    "event": _opts(
        "Olympic Games | World Cup | Chicago Marathon | Lollapalooza | G20 summit | Super Bowl | "
        "Cannes Film Festival | World Economic Forum | Tour de France | Second World War | Great "
        "Chicago Fire"
    ),
    "facility": _opts(
        "Wrigley Field | O'Hare International Airport | the Golden Gate Bridge | Union Station | "
        "the Art Institute | Soldier Field | the Eiffel Tower | Navy Pier | Midway Airport | the "
        "Willis Tower | Heathrow Airport | Millennium Park"
    ),
    "river": _opts("Mississippi | Danube | Nile | Rhine | Amazon | Chicago River | Vistula"),
    "sea": _opts(
        "Atlantic Ocean | Black Sea | Pacific | Mediterranean | Gulf of Mexico | Baltic Sea"
    ),
    "region": _opts(
        "the Midwest | Central America | the Balkans | West Africa | the Great Lakes | Southeast "
        "Asia | the Andes | Scandinavia | the Sahara | New England"
    ),
    "state": _opts("Illinois | Texas | California | Ohio | Indiana | Wisconsin | New York"),
    "state2": _opts("Michigan | Florida | Iowa | Georgia | Arizona | Minnesota"),
    "law": _opts(
        "Freedom of Information Act | Civil Rights Act | Clean Air Act | Americans with "
        "Disabilities Act | Affordable Care Act | Patriot Act"
    ),
    "university": _opts(
        "the University of Chicago | Harvard University | Loyola University | Oxford University | "
        "Stanford | DePaul University | MIT | Northwestern University"
    ),
    "topic": _opts("climate change | sleep | urban planning | migration | language learning"),
    "language": _opts("Spanish | French | Polish | Arabic | Tagalog | Mandarin | Hindi"),
    "language2": _opts("English | German | Portuguese | Korean | Russian | Italian"),
    "work": _opts(
        "War and Peace | The Great Gatsby | One Hundred Years of Solitude | Hamlet | The Starry "
        "Night | Things Fall Apart | Don Quixote | The Jungle"
    ),
    "product": _opts("iPhone | PlayStation | Model 3 | Kindle | Boeing 737 | Windows 11"),
    "n": _opts("1 | 2 | 3 | 5 | 6 | 8 | 10 | 12 | 14 | 34 | 41 | 13(2) | 6 § 1"),
    "year2": _opts("2000 | 2008 | 2014 | 2018 | 2022 | 2024"),
    "money2": _opts("$20 | €150 | 3,000 pesos | £45 | ¥12,000"),
    "treaty": _opts(
        "Convention | European Convention on Human Rights | Geneva Convention | Treaty of Rome "
        "| Paris Agreement | Protocol No. 1 | Charter of Fundamental Rights"
    ),
    "court": _opts(
        "Supreme Court | Court of Appeal | District Court | Constitutional Court | High Court "
        "| Administrative Court | Circuit Court of Cook County | European Court of Human Rights"
    ),
    "ministry": _opts(
        "Ministry of Justice | Ministry of Education | Home Office | Department of Labor "
        "| Social Security Administration | Ministry of Finance | city council"
    ),
    "mountain": _opts("Mount Everest | Kilimanjaro | Mont Blanc | Mount Etna | Denali | Aconcagua"),
    "team": _opts("Chicago Fire | Real Madrid | the Cubs | Bayern Munich | the Bulls | Ajax"),
    "team2": _opts("Arsenal | the White Sox | Juventus | the Packers | Boca Juniors | Celtic"),
    "newspaper": _opts("the Chicago Tribune | The New York Times | Le Monde | the Guardian"),
}


_TITLES = ("Mr", "Mr.", "Ms", "Ms.", "Mrs", "Mrs.", "Dr", "Dr.", "Judge", "Professor")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


def _person(rng: random.Random, key: str) -> tuple[str, Span | None]:
    """A person filler and the span of the name in it (a title is not part of the name)."""
    if rng.random() < 0.35:
        text = rng.choice(_FILL[key])
        return text, (None if text.startswith("the ") else (0, len(text)))
    given = rng.choice(names.TRAIN_GIVEN)
    surname = rng.choice(names.TRAIN_SURNAMES)
    initial = f"{rng.choice('ABCDEFGHJKLMNPRSTW')}."
    name = rng.choice(
        (
            f"{given} {surname}",
            f"{given} {surname}",
            surname,
            f"{given} {initial} {surname}",
            f"{initial} {surname}",
            f"{initial}{rng.choice('ABCDEFGHJKLMNPRSTW')}. {surname}",
        )
    )
    if " " not in name or name[1] == "." or rng.random() < 0.3:
        title = f"{rng.choice(_TITLES)} "
        return title + name, (len(title), len(title) + len(name))
    return name, (0, len(name))


def _fill(template: str, rng: random.Random) -> tuple[str, list[Span]]:
    """The template filled in, and the spans of the person names put into it."""
    out: list[str] = []
    persons: list[Span] = []
    pos = 0
    length = 0
    for m in _PLACEHOLDER.finditer(template):
        out.append(template[pos : m.start()])
        length += m.start() - pos
        key = m.group(1)
        if key in ("person", "person2"):
            value, span = _person(rng, key)
            if span is not None:
                persons.append((length + span[0], length + span[1]))
        elif key == "surname":
            value = rng.choice(names.TRAIN_SURNAMES)
            persons.append((length, length + len(value)))
        else:
            value = rng.choice(_FILL[key])
        out.append(value)
        length += len(value)
        pos = m.end()
    out.append(template[pos:])
    text = "".join(out)
    return text[0].upper() + text[1:], persons


def _wrap(text: str, width: int) -> str:
    """Break a paragraph into lines of about `width` characters, as a PDF page prints it.

    Only spaces become line breaks, so every offset into the text stays valid.
    """
    chars = list(text)
    line_start = 0
    last_space = -1
    for i, ch in enumerate(chars):
        if ch == " ":
            if i - line_start > width and last_space > line_start:
                chars[last_space] = "\n"
                line_start = last_space + 1
            last_space = i
    return "".join(chars)


def rehearsal_texts(n: int, seed: int) -> list[Passage]:
    """`n` passages with the spans of the person names the templates put in, by seed.

    Most are a paragraph of one to five sentences; half of the paragraphs are broken into lines
    the way the detector reads a PDF page (`PageText.text` joins lines with "\n"), and some
    start with a heading or a paragraph number. Without that, the model would learn from the
    reports alone that a capitalised word at the start of a line is a surname.
    """
    rng = random.Random(seed)
    out: list[Passage] = []
    for _ in range(n):
        text = ""
        persons: list[Span] = []
        for _k in range(rng.choice((1, 2, 3, 3, 4, 5))):
            sentence, spans = _fill(rng.choice(_TEMPLATES), rng)
            offset = len(text) + (1 if text else 0)
            persons.extend((offset + a, offset + b) for a, b in spans)
            text = f"{text} {sentence}" if text else sentence
        prefix = ""
        if rng.random() < 0.15:
            prefix = f"{rng.randint(1, 60)}. "
        if rng.random() < 0.5:
            text = _wrap(text, rng.randint(45, 110))
        if rng.random() < 0.2:
            prefix = rng.choice(_HEADINGS).format(n=rng.randint(1, 14)) + "\n" + prefix
        out.append(
            Passage(prefix + text, tuple((len(prefix) + a, len(prefix) + b) for a, b in persons))
        )
    return out
