"""Invented data pools for the synthetic report generator.

Every person, business and number built from these pools is fictitious. Street names are real
Chicago streets (addresses are assembled at random), and statutes are real Illinois citations,
because a detector must cope with the real vocabulary. Nothing here is taken from the shared
sample reports: the samples are an evaluation slice, and copying them would tune detection to it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Culture:
    """How people of one naming tradition are named."""

    male: tuple[str, ...]
    female: tuple[str, ...]
    surnames: tuple[str, ...]
    two_surnames: float = 0.0  # chance of a paternal + maternal surname (Hispanic usage)
    middle: float = 0.3  # chance of a second given name
    feminine: tuple[tuple[str, str], ...] = ()  # surname suffix changes for women


@dataclass(frozen=True, slots=True)
class Country:
    name: str
    code: str  # the three-letter code records systems print (CTZ: MEX)
    demonym: str
    cities: tuple[tuple[str, str], ...]  # (city, region)
    cultures: tuple[str, ...]
    languages: tuple[str, ...]
    passport: str  # pattern: L = letter, D = digit
    # wordings of the consular ID it issues ({nat}: the demonym); empty when it issues none
    consular: tuple[str, ...] = ()


def _t(text: str) -> tuple[str, ...]:
    return tuple(x.strip() for x in text.split(",") if x.strip())


CULTURES: dict[str, Culture] = {
    "mexican": Culture(
        male=_t(
            "José Luis, Juan Carlos, Jesús, Miguel Ángel, Efraín, Rigoberto, Abelardo, Héctor, "
            "Ulises, Leobardo, Nicolás, Eleazar, Joaquín, Teodoro, Arturo, Fidel, Gerardo, "
            "Isidro, Margarito, Baltazar, Rosendo, Saúl, Octavio, Crisanto, Evaristo, Braulio"
        ),
        female=_t(
            "Guadalupe, Yesenia, Rocío, Araceli, Maribel, Leticia, Xóchitl, Itzel, Marisol, "
            "Nayeli, Consuelo, Berenice, Esperanza, Dulce María, Citlali, Socorro, Paloma, "
            "Reyna, Jacqueline, Viridiana, Anahí, Zulema"
        ),
        surnames=_t(
            "Hernández, Zepeda, Ocampo, Barragán, Escamilla, Villaseñor, Cuevas, Arredondo, "
            "Tapia, Olvera, Bustos, Zavala, Saucedo, Luján, Anaya, Quezada, Trejo, Valdivia, "
            "Cervantes, Mejía, Peña, Ibarra, Orozco, Lozano, Becerra, Zúñiga, Nava, Camacho, "
            "Solís, Gallegos, Meléndez, Sandoval, de la Torre, del Real, Montoya, Rangel"
        ),
        two_surnames=0.55,
        middle=0.35,
    ),
    "central_american": Culture(
        male=_t(
            "Wilmer, Edgardo, Selvin, Yoni, Élmer, Darwin, Marvin, Kevin Josué, Byron, Osmín, "
            "Nery, Walter, Érick, Mynor, Santos, Bayron, Alexander, Josué, Gildardo, Henry"
        ),
        female=_t(
            "Yessica, Dilcia, Karla Patricia, Iris, Glenda, Marleny, Wendy, Ingrid, Sindy, "
            "Keila, Evelyn, Lourdes, Rosibel, Yadira, Heidy, Nohemí, Brenda Lisseth"
        ),
        surnames=_t(
            "Xicará, Coj, Tzoc, Pérez Ajanel, Chávez, Batz, Mazariegos, Ordóñez, Portillo, "
            "Alvarado, Zelaya, Funes, Cálix, Banegas, Amaya, Rivas, Escobar, Interiano, Canales, "
            "Mendoza, Girón, Lemus, Quiñónez, Sical, Ramos, Ayala, Melgar, Cabrera, Cruz"
        ),
        two_surnames=0.6,
        middle=0.4,
    ),
    "south_american": Culture(
        male=_t(
            "Yorman, Jhonatan, Freddy, Andrés Felipe, Wilson, Jhon Fredy, Leonardo, Yeferson, "
            "Darío, Orlando, Edinson, Renzo, Gustavo Adolfo, Franklin, Yonaiker, Luis Ángel"
        ),
        female=_t(
            "Yorgelis, Daniela, Yuliana, Mariangel, Katherine, Luz Dary, Milagros, Yuleisy, "
            "Génesis, Nathaly, Marisela, Rosangela, Ana Lucía, Yaneth"
        ),
        surnames=_t(
            "Quintero, Betancourt, Urdaneta, Bermúdez, Montilla, Guevara, Rengifo, Palacios, "
            "Ocampo, Mosquera, Cifuentes, Arboleda, Lugo, Colmenares, Ugarte, Huamán, Quispe, "
            "Mamani, Chirinos, Tovar, Pacheco, Zambrano, Caicedo, Villegas"
        ),
        two_surnames=0.5,
        middle=0.35,
    ),
    "caribbean": Culture(
        male=_t(
            "Yunior, Wander, Yasiel, Ramón Antonio, Starlin, Frandy, Wilkin, Jean-Robert, Ricot"
        ),
        female=_t("Yokasta, Altagracia, Yudelka, Marie-Ange, Nadège, Yamilé, Dayanara"),
        surnames=_t(
            "Polanco, Almánzar, Batista, Tejada, Hiraldo, Santana, Pierre-Louis, Jean-Baptiste, "
            "Desrosiers, Cabral, Valdés, Marrero, Fermín"
        ),
        two_surnames=0.35,
    ),
    "haitian": Culture(
        male=_t("Jean-Robert, Ricot, Wilner, Jean-Claude, Frantz, Widlin, Fritznel, Dieuseul"),
        female=_t("Marie-Ange, Nadège, Guerline, Mirlande, Roseline, Fabienne, Islande"),
        surnames=_t(
            "Pierre-Louis, Jean-Baptiste, Desrosiers, Célestin, Dorvil, Saint-Fleur, Augustin, "
            "Lafortune, Théodore, Exantus, Beauséjour"
        ),
        middle=0.2,
    ),
    "cuban": Culture(
        male=_t("Yoandy, Yusniel, Osmany, Yoel, Lázaro, Yunieski, Reinier, Dairon, Yasmany"),
        female=_t("Yaimara, Yanelis, Odalys, Yusleidy, Dayamí, Mailén, Yudith"),
        surnames=_t(
            "Rodríguez, Fonseca, Cárdenas, Echevarría, Llanes, Zayas, Oliva, Despaigne, "
            "Valdivia-Rojas, Hechavarría, Alfonso"
        ),
        two_surnames=0.5,
        middle=0.2,
    ),
    "polish": Culture(
        male=_t(
            "Grzegorz, Wojciech, Krzysztof, Mirosław, Zbigniew, Łukasz, Paweł, Bartłomiej, "
            "Tadeusz, Przemysław, Jarosław, Stanisław, Dariusz, Mateusz, Radosław"
        ),
        female=_t(
            "Małgorzata, Agnieszka, Bożena, Jolanta, Grażyna, Katarzyna, Dorota, Elżbieta, "
            "Beata, Urszula, Wiesława, Joanna"
        ),
        surnames=_t(
            "Wiśniewski, Wójcik, Zieliński, Szymański, Dąbrowski, Jankowski, Mazur, Krawczyk, "
            "Piotrowski, Grabowski, Pawłowski, Michalski, Zając, Król, Wieczorek, Jabłoński, "
            "Majewski, Olszewski, Stępień, Malinowski, Górecki, Sikora, Baran, Chmielewski"
        ),
        middle=0.15,
        feminine=(("ski", "ska"), ("cki", "cka"), ("dzki", "dzka")),
    ),
    "ukrainian": Culture(
        male=_t(
            "Oleksandr, Dmytro, Bohdan, Vasyl, Taras, Mykola, Yurii, Andrii, Serhii, Volodymyr, "
            "Ihor, Roman, Denys"
        ),
        female=_t("Oksana, Yuliia, Nataliia, Iryna, Halyna, Olena, Svitlana, Khrystyna, Liudmyla"),
        surnames=_t(
            "Shevchuk, Bondarenko, Tkachenko, Kravchuk, Melnyk, Hrytsenko, Lysenko, Savchuk, "
            "Oliinyk, Marchenko, Rudenko, Kovalchuk, Yaremchuk, Zhuravlov, Sokolov"
        ),
        middle=0.0,
        feminine=(("ov", "ova"), ("lov", "lova")),
    ),
    "balkan": Culture(
        male=_t("Dragan, Milorad, Nikola, Arben, Besnik, Mirza, Emir, Goran, Zoran, Dejan, Flamur"),
        female=_t("Jelena, Snežana, Mirela, Vjosa, Amra, Dragana, Lejla, Teuta"),
        surnames=_t(
            "Petrović, Jovanović, Krasniqi, Gashi, Hodžić, Mehmedović, Babić, Kovačević, "
            "Berisha, Hoxha, Marković, Delić, Šehić"
        ),
    ),
    "romanian": Culture(
        male=_t("Ionuț, Vasile, Constantin, Mihai, Florin, Cătălin, Gheorghe, Adrian"),
        female=_t("Ioana, Mihaela, Florentina, Georgiana, Alina, Ramona"),
        surnames=_t("Popescu, Dumitrescu, Ionescu, Stoica, Munteanu, Lungu, Ciobanu, Rusu"),
    ),
    "lithuanian": Culture(
        male=_t("Mindaugas, Tomas, Darius, Vytautas, Rimantas, Žydrūnas"),
        female=_t("Rasa, Jurgita, Aušra, Inga, Laima"),
        surnames=_t("Petrauskas, Kazlauskas, Jankauskas, Žukauskas, Paulauskas, Urbonas"),
        feminine=(("as", "ienė"),),
    ),
    "west_african": Culture(
        male=_t(
            "Oluwaseun, Chukwuemeka, Babatunde, Kwabena, Yaw, Kofi, Mamadou, Abdoulaye, Ousmane, "
            "Ibrahima, Emeka, Adewale, Tunde, Kwame"
        ),
        female=_t(
            "Adaeze, Folasade, Ngozi, Abena, Akosua, Fatoumata, Aminata, Mariama, Chiamaka, "
            "Oluwakemi, Awa"
        ),
        surnames=_t(
            "Adeyemi, Okonkwo, Oyelaran, Nwachukwu, Asante, Boateng, Owusu, Diallo, Ndiaye, "
            "Traoré, Camara, Sow, Fofana, Balogun, Eze, Obi, Mensah-Bonsu, Agyeman"
        ),
        middle=0.25,
    ),
    "east_african": Culture(
        male=_t("Tesfaye, Abdirahman, Dawit, Yonas, Abdi, Mohamed Nur, Bereket, Kibrom"),
        female=_t("Hiwot, Selam, Fadumo, Hodan, Meseret, Ayaan, Saba"),
        surnames=_t("Gebremedhin, Warsame, Haile, Tesfamariam, Farah, Abdullahi, Wolde, Kebede"),
    ),
    "south_asian": Culture(
        male=_t(
            "Harpreet, Gurpreet, Rajesh, Sandeep, Mohammed Iqbal, Imran, Arjun, Venkatesh, "
            "Rakibul, Anwar, Sanjay, Kiran, Bikash, Tenzin"
        ),
        female=_t("Priya, Navneet, Sunita, Fatima, Nusrat, Lakshmi, Shabnam, Anjali, Parveen"),
        surnames=_t(
            "Singh, Kaur, Chaudhry, Raghunathan, Reddy, Iyer, Qureshi, Siddiqui, Hossain, "
            "Rahman, Thapa, Gurung, Bhattarai, Desai, Malhotra, Sandhu, Butt, D'Souza"
        ),
        middle=0.2,
    ),
    "chinese": Culture(
        male=_t("Wei, Jianguo, Hao, Zhiqiang, Jun, Bo, Ming, Xiaolong"),
        female=_t("Li Na, Xiu Ying, Mei, Yan, Jing, Xiaoyan, Fang"),
        surnames=_t("Zhang, Liu, Huang, Zhou, Xu, Guo, Zheng, Liang, Deng, Yuan"),
        middle=0.0,
    ),
    "korean": Culture(
        male=_t("Ji-hoon, Min-jun, Sung-ho, Dong-hyun, Jae-won"),
        female=_t("Seo-yeon, Min-ji, Hye-jin, Eun-ji"),
        surnames=_t("Hwang, Choi, Jung, Kang, Yoon, Jang, Shin"),
        middle=0.0,
    ),
    "vietnamese": Culture(
        male=_t("Van Minh, Quoc Bao, Duc Anh, Thanh Tung, Huu Phuoc"),
        female=_t("Thi Lan, Ngoc Anh, Thu Trang, Thi Hoa"),
        surnames=_t("Nguyen, Tran, Pham, Huynh, Vo, Dang, Bui"),
        middle=0.0,
    ),
    "filipino": Culture(
        male=_t("Jose Mari, Rodel, Jomar, Arnel, Reynaldo, Mark Anthony, Joel"),
        female=_t("Maricel, Rowena, Jocelyn, Mary Grace, Analyn, Divina"),
        surnames=_t("Bautista, Dimaculangan, Macaraeg, Macapagal-Tan, Soriano, Dizon, Manalo"),
        middle=0.2,
    ),
    "arab": Culture(
        male=_t(
            "Mohammed, Yousef, Omar, Khaled, Mahmoud, Ahmad, Tariq, Bilal, Hussein, Samir, "
            "Abdelrahman, Rami"
        ),
        female=_t("Rania, Layla, Nour, Samira, Huda, Mariam, Dalia, Amal, Rasha"),
        surnames=_t(
            "Al-Sayed, Haddad, Abu-Khalil, Nasser, Khoury, Al-Tamimi, Abdallah, Odeh, Salem, "
            "Mansour, El-Amin, Hamdan, Qasem, Ibrahim"
        ),
        middle=0.1,
    ),
    "anglo": Culture(
        male=_t(
            "Tyler, Brandon, Dustin, Kyle, Cody, Travis, Nathan, Gregory, Dale, Wesley, Garrett"
        ),
        female=_t("Ashley, Brittany, Heather, Courtney, Megan, Amber, Kelsey, Tiffany, Dana"),
        surnames=_t(
            "Whitaker, Holloway, Pruitt, Dawson, Mercer, Beckett, Langford, Fenwick, Garner, "
            "Hollis, Prescott, Tillman, Bradshaw, Ashworth, Kimball"
        ),
        middle=0.3,
    ),
    "irish": Culture(
        male=_t("Declan, Cormac, Seamus, Brendan, Eamon, Cian, Padraig, Ronan"),
        female=_t("Siobhan, Aoife, Niamh, Caitlin, Maeve, Bridget, Roisin"),
        surnames=_t(
            "O'Shea, Gallagher, McNamara, Fitzgerald, O'Donnell, Keane, Mulcahy, Doherty, "
            "McGuinness, O'Rourke, Flanagan, Costigan"
        ),
        middle=0.25,
    ),
    "african_american": Culture(
        male=_t("DeShawn, Jamal, Tyrone, Darnell, Marquis, Terrence, Andre, Jaylen, Cedric"),
        female=_t("Latoya, Shanice, Keisha, Tamika, Imani, Ebony, Kiara, Aaliyah"),
        surnames=_t(
            "Whitfield, Coleman, Jenkins, Dorsey, Gaines, Blackwell, Tolliver, McKinney, "
            "Pettaway, Hollins, Rucker, Battle"
        ),
        middle=0.4,
    ),
    "italian": Culture(
        male=_t("Salvatore, Vincenzo, Carmine, Domenico, Gianluca"),
        female=_t("Francesca, Giuseppina, Carmela, Antonella"),
        surnames=_t("Esposito, Dell'Aquila, Caruso, Lombardi, D'Amico, Ferraro, Marchetti"),
    ),
    "greek": Culture(
        male=_t("Konstantinos, Dimitrios, Panagiotis, Spyros"),
        female=_t("Eleni, Vasiliki, Despina"),
        surnames=_t("Papadopoulos, Karagiannis, Alexopoulos, Stavropoulos"),
    ),
}

# Officers come from the whole city; pools kept apart from civilians so a surname never means two
# people. (A surname shared by officer and arrestee would make the truth ambiguous.)
OFFICER_CULTURES: dict[str, Culture] = {
    "officer": Culture(
        male=_t(
            "Kevin, Brian, Daniel, Robert, Timothy, Patrick, Anthony, Marcus, Raymond, Edward, "
            "Luis, Carlos, Javier, Andrew, Steven, Derrick, Victor, Thomas, Peter, Jose"
        ),
        female=_t(
            "Kathleen, Maria, Angela, Nicole, Denise, Colleen, Teresa, Monica, Yolanda, Laura, "
            "Stephanie, Erin"
        ),
        surnames=_t(
            "Callahan, Quinlan, Garrity, Foley, Hanrahan, Nowicki, Sobczak, Mrozek, Kaczmarek, "
            "Zielke, Lombardo, Santangelo, Bianchi, DiMaggio, Ruggiero, Delgado, Estrada, "
            "Carrasco, Ybarra, Navarro, Washburn, Griggs, Tolbert, Pemberton, Redmond, Shaw, "
            "Kim, Lim, Castellanos, Maldonado, Halloran, Dunleavy, McDermott, Szczepanski, "
            "Wojtowicz, Brannigan, Okafor, Sotelo, Pappas, Stanek, Kerrigan, Boyle, Moy"
        ),
    )
}

RANKS_CPD = (
    ("P.O.", 5),
    ("Officer", 2),
    ("Det.", 3),
    ("Sgt.", 2),
    ("Lt.", 1),
    ("PO", 1),
)
RANKS_COUNTY = (("Dep.", 3), ("Deputy", 2), ("Ofc.", 3), ("Officer", 2), ("Sgt.", 2), ("Inv.", 1))

NICKNAMES = _t(
    "Flaco, Güero, Chino, Gordo, Shorty, Tito, Pelón, Gato, Toro, Chuy, Pollo, Tank, Lefty, "
    "Boogie, Kuba, Sasha, Bebo, Peewee, Spider, Duke, Memo, Cuate, Big Lou, Smiley, Zorro, "
    "Tigre, Ñoño, Junebug, Slim, Pájaro, Dino, Baby J, Ace"
)

# Chicago streets: (name, type, directions it runs with). Surnames must never equal a street name.
STREETS: tuple[tuple[str, str, str], ...] = (
    ("Ashland", "Ave", "NS"),
    ("Damen", "Ave", "NS"),
    ("California", "Ave", "NS"),
    ("Kedzie", "Ave", "NS"),
    ("Pulaski", "Rd", "NS"),
    ("Cicero", "Ave", "NS"),
    ("Central Park", "Ave", "NS"),
    ("Sawyer", "Ave", "NS"),
    ("Spaulding", "Ave", "NS"),
    ("Trumbull", "Ave", "NS"),
    ("Homan", "Ave", "NS"),
    ("Kostner", "Ave", "NS"),
    ("Keeler", "Ave", "NS"),
    ("Kildare", "Ave", "NS"),
    ("Laramie", "Ave", "NS"),
    ("Central", "Ave", "NS"),
    ("Austin", "Ave", "NS"),
    ("Narragansett", "Ave", "NS"),
    ("Harlem", "Ave", "NS"),
    ("Racine", "Ave", "NS"),
    ("Halsted", "St", "NS"),
    ("Wentworth", "Ave", "S"),
    ("Cottage Grove", "Ave", "S"),
    ("Wolcott", "Ave", "NS"),
    ("Hoyne", "Ave", "NS"),
    ("Leavitt", "St", "NS"),
    ("Oakley", "Ave", "NS"),
    ("Rockwell", "St", "NS"),
    ("Talman", "Ave", "NS"),
    ("Albany", "Ave", "NS"),
    ("Troy", "St", "NS"),
    ("Drake", "Ave", "NS"),
    ("Hamlin", "Ave", "NS"),
    ("Springfield", "Ave", "NS"),
    ("Karlov", "Ave", "NS"),
    ("Komensky", "Ave", "NS"),
    ("Lawndale", "Ave", "NS"),
    ("Ridgeway", "Ave", "NS"),
    ("Christiana", "Ave", "NS"),
    ("Sheridan", "Rd", "N"),
    ("Clark", "St", "N"),
    ("Elston", "Ave", "N"),
    ("Devon", "Ave", "W"),
    ("Peterson", "Ave", "W"),
    ("Foster", "Ave", "W"),
    ("Irving Park", "Rd", "W"),
    ("Addison", "St", "W"),
    ("Diversey", "Ave", "W"),
    ("Wrightwood", "Ave", "W"),
    ("Schubert", "Ave", "W"),
    ("Dickens", "Ave", "W"),
    ("Cortland", "St", "W"),
    ("Wabansia", "Ave", "W"),
    ("North", "Ave", "W"),
    ("Division", "St", "W"),
    ("Augusta", "Blvd", "W"),
    ("Chicago", "Ave", "W"),
    ("Grand", "Ave", "W"),
    ("Ohio", "St", "W"),
    ("Kinzie", "St", "W"),
    ("Roosevelt", "Rd", "W"),
    ("Ogden", "Ave", "W"),
    ("16th", "St", "W"),
    ("18th", "St", "W"),
    ("21st", "Pl", "W"),
    ("24th", "St", "W"),
    ("31st", "St", "W"),
    ("35th", "St", "W"),
    ("38th", "Pl", "W"),
    ("43rd", "St", "W"),
    ("47th", "St", "W"),
    ("51st", "St", "W"),
    ("55th", "St", "W"),
    ("59th", "St", "W"),
    ("63rd", "St", "W"),
    ("71st", "St", "E"),
    ("79th", "St", "E"),
    ("87th", "St", "E"),
    ("103rd", "St", "E"),
    ("Marquette", "Rd", "W"),
    ("Garfield", "Blvd", "W"),
    ("Pershing", "Rd", "W"),
    ("Grace", "St", "W"),
    ("Byron", "St", "W"),
    ("Berteau", "Ave", "W"),
    ("Leland", "Ave", "W"),
    ("Argyle", "St", "W"),
    ("Bryn Mawr", "Ave", "W"),
    ("Rosemont", "Ave", "W"),
    ("Touhy", "Ave", "W"),
    ("Howard", "St", "W"),
)

# ZIP codes by side of the city (so an address on the far North Side does not carry 60617).
ZIPS = {
    "N": _t("60613, 60614, 60618, 60625, 60626, 60630, 60634, 60639, 60640, 60641, 60645, 60659"),
    "S": _t("60609, 60615, 60617, 60619, 60620, 60621, 60628, 60629, 60632, 60636, 60638, 60643"),
    "W": _t("60612, 60622, 60623, 60624, 60644, 60647, 60651, 60608, 60616, 60607"),
    "E": _t("60617, 60619, 60649, 60637, 60653"),
}

UNITS = _t(
    "Apt 1, Apt 2F, Apt 3R, Apt 1N, Apt 204, Unit 3, Unit B, #2, #1R, Bsmt, Rear, 2nd Fl, Apt G"
)

SUBURBS: tuple[tuple[str, str], ...] = (
    ("Cicero", "60804"),
    ("Berwyn", "60402"),
    ("Melrose Park", "60160"),
    ("Maywood", "60153"),
    ("Franklin Park", "60131"),
    ("Stickney", "60402"),
    ("Summit", "60501"),
    ("Blue Island", "60406"),
    ("Des Plaines", "60016"),
    ("Skokie", "60076"),
    ("Niles", "60714"),
    ("Harvey", "60426"),
    ("Calumet City", "60409"),
    ("Bellwood", "60104"),
)
SUBURB_STREETS = _t(
    "S. 49th Ct, W. 26th St, S. Austin Blvd, W. Cermak Rd, S. Laramie Ave, Ridgeland Ave, "
    "W. 31st St, Lake St, N. 25th Ave, Broadway, Mannheim Rd, River Rd, Oakton St, Dempster St, "
    "Western Ave, Wentworth Ave, 147th St, Sibley Blvd"
)

AGENCIES_OTHER: tuple[tuple[str, str, str], ...] = (
    # (agency name, short form, street address of the station: "Illinois" spelled out, so a
    # letterhead never reads like a place of birth such as "Cicero, IL")
    (
        "Cook County Sheriff's Police Department",
        "CCSPD",
        "1401 S. Maybrook Dr, Maywood, Illinois 60153",
    ),
    ("Cook County Sheriff's Office", "CCSO", "2700 S. California Ave, Chicago, Illinois 60608"),
    ("Cicero Police Department", "Cicero PD", "1 N. Cicero Ave, Cicero, Illinois 60804"),
    ("Berwyn Police Department", "Berwyn PD", "6401 W. 31st St, Berwyn, Illinois 60402"),
    (
        "Melrose Park Police Department",
        "Melrose Park PD",
        "1 N. Broadway, Melrose Park, Illinois 60160",
    ),
    (
        "Village of Summit Police Department",
        "Summit PD",
        "5810 S. Archer Rd, Summit, Illinois 60501",
    ),
    (
        "Blue Island Police Department",
        "Blue Island PD",
        "13031 S. Greenwood Ave, Blue Island, Illinois",
    ),
    ("Des Plaines Police Department", "Des Plaines PD", "1111 E. Touhy Ave, Des Plaines, Illinois"),
    ("Skokie Police Department", "Skokie PD", "7300 Niles Center Rd, Skokie, Illinois 60077"),
)

EMPLOYERS = _t(
    "El Molcajete Restaurant, Northside Roofing LLC, Midway Auto Body, Golden Crust Bakery, "
    "Windy City Pallet Co., Lakeview Dental Group, Prairie State Landscaping, Rosita's Tamales, "
    "Second City Drywall Inc., Harbor Freight Logistics, Belmont Cleaners, Zaragoza Auto Repair, "
    "Metro Steel Fabricators, Cermak Fresh Foods, Polonia Deli, Sweet Home Cafe, "
    "Jade Garden Restaurant, Clybourn Car Wash, UrbanNest Property Mgmt, Sun Valley Nursing Home, "
    "Patel Brothers Grocery, Baba's Kitchen, Kedzie Tire Shop, Rapid Courier Services, "
    "Ambassador Hotel Group, Lincoln Square Bakery, Maxwell Street Demolition, "
    "Pilsen Printing Co., Evergreen Home Care, Brightway Janitorial Services, "
    "Sabor Latino Supermercado, Nowak Construction, Silver Spoon Catering, Chicagoland Movers, "
    "Ridge Food Distributors, Northwest Plastics Inc., Lucky Star Nails, Three Rivers Produce"
)
OCCUPATIONS = _t(
    "line cook, dishwasher, drywall installer, roofer, warehouse associate, forklift operator, "
    "housekeeper, delivery driver, home health aide, mechanic, landscaper, cashier, "
    "carpenter, painter, nanny, security guard, janitor, baker, welder, rideshare driver"
)

EMAIL_DOMAINS = _t("gmail.com, yahoo.com, outlook.com, hotmail.com, icloud.com, aol.com, proton.me")

TATTOO_PLACES = _t(
    "R FOREARM, L FOREARM, R UPPER ARM, L UPPER ARM, NECK, L NECK, CHEST, UPPER BACK, "
    "LOWER BACK, R HAND, L HAND, R LEG, L CALF, R SHOULDER, L WRIST, FINGERS, ABDOMEN, FACE"
)
TATTOO_IMAGES = _t(
    "ROSE, PRAYING HANDS, DRAGON, LION HEAD, CLOCK, CROSS, SACRED HEART, TRIBAL, STAR, "
    "DICE, CROWN, SPIDER WEB, TEARDROP, BUTTERFLY, KOI FISH, MAP OF MEXICO, AZTEC CALENDAR, "
    "EAGLE AND SNAKE, PANTHER, DOVE, HEARTBEAT LINE, COMPASS, SANTA MUERTE, ANCHOR, WOLF, "
    "BARCODE, FLAG OF POLAND, CHICAGO STAR, HOURGLASS, CLOWN MASKS, MOUNTAINS, FEATHER"
)
TATTOO_SCRIPTS = _t(
    "MOM, LOYALTY, ELENA, 773, FAITH, BLESSED, MI VIDA, ONLY GOD CAN JUDGE ME, DESTINY, ANGEL, "
    "KASIA, RIP TONY, LUNA, AMOR ETERNO, NO FEAR, 1997, MAMA MIA, HOPE"
)
# words of tattoo images that keep their capital in prose ("a map of Mexico")
PLURAL_IMAGES = frozenset({"MOUNTAINS", "CLOWN MASKS", "PRAYING HANDS", "DICE"})
PROPER_WORDS = frozenset({"Mexico", "Poland", "Chicago", "Aztec", "Santa", "Muerte"})
# SMT body-location codes in words, for tattoos described in prose
PLACE_WORDS = {"R": "right", "L": "left"}
SCAR_PROSE = {
    "SCAR L EYEBROW": "scar through the left eyebrow",
    "SCAR R CHEEK": "scar on the right cheek",
    "SCAR ABDOMEN (GSW)": "gunshot scar on the abdomen",
    "SCAR L KNEE": "scar on the left knee",
    "BURN MARK R HAND": "burn mark on the right hand",
    "BIRTHMARK NECK": "birthmark on the neck",
    "MISSING R INDEX FINGER": "missing right index finger",
    "PIERCING L EYEBROW": "piercing in the left eyebrow",
}
SCARS = (
    "SCAR L EYEBROW",
    "SCAR R CHEEK",
    "SCAR ABDOMEN (GSW)",
    "SCAR L KNEE",
    "BURN MARK R HAND",
    "BIRTHMARK NECK",
    "MISSING R INDEX FINGER",
    "PIERCING L EYEBROW",
)

CAR_MAKES = _t(
    "2011 Toyota Camry, 2014 Nissan Altima, 2008 Chevrolet Silverado, 2016 Honda Accord, "
    "2012 Ford Escape, 2019 Hyundai Elantra, 2006 GMC Sierra, 2015 Dodge Charger, "
    "2010 Jeep Grand Cherokee, 2017 Kia Optima, 2013 Ford F-150, 2009 Chrysler Town & Country"
)
CAR_COLORS = _t("black, white, silver, gray, red, blue, maroon, green, gold")
VIN_WMI = _t("1FT, 1G1, 1GC, 2T1, 3N1, 5NP, 1C4, 2C3, KNA, JTD, 1HG, 4T1, 3GT")

# (statute, description, class, type)
CHARGES: tuple[tuple[str, str, str, str], ...] = (
    ("720 ILCS 5/12-3.2(a)(2)", "DOMESTIC BATTERY - PHYSICAL CONTACT", "A", "M"),
    ("720 ILCS 5/12-3(a)(2)", "BATTERY - MAKES PHYSICAL CONTACT", "A", "M"),
    ("720 ILCS 5/12-3.05(d)(4)", "AGGRAVATED BATTERY - PEACE OFFICER", "2", "F"),
    ("720 ILCS 5/16-25(a)(2)", "RETAIL THEFT - ALTER/TRANSFER PRICE TAG", "A", "M"),
    ("720 ILCS 5/16-1(a)(1)(A)", "THEFT - KNOWINGLY OBTAIN CONTROL", "A", "M"),
    ("720 ILCS 5/19-1(a)", "BURGLARY", "2", "F"),
    ("720 ILCS 5/18-1(a)", "ROBBERY", "2", "F"),
    ("720 ILCS 5/21-1(a)(1)", "CRIMINAL DAMAGE TO PROPERTY", "A", "M"),
    ("720 ILCS 5/21-3(a)(1)", "CRIMINAL TRESPASS TO LAND", "B", "M"),
    ("720 ILCS 5/26-1(a)(1)", "DISORDERLY CONDUCT - BREACH OF PEACE", "C", "M"),
    ("720 ILCS 5/31-1(a)", "RESIST/OBSTRUCT PEACE OFFICER", "A", "M"),
    ("720 ILCS 5/12-30(a)(1)", "VIOLATE ORDER OF PROTECTION", "A", "M"),
    ("720 ILCS 5/24-1.6(a)(1)", "AGGRAVATED UNLAWFUL USE OF WEAPON - VEHICLE", "4", "F"),
    ("720 ILCS 570/402(c)", "POSSESS AMT CONTROLLED SUBSTANCE", "4", "F"),
    ("720 ILCS 5/12-1(a)", "ASSAULT - PLACE IN FEAR OF BATTERY", "C", "M"),
    ("720 ILCS 5/17-3(a)(1)", "FORGERY - MAKE/ALTER DOCUMENT", "3", "F"),
    ("15 ILCS 335/14B(a)(3)", "POSSESS FRAUDULENT IDENTIFICATION CARD", "4", "F"),
    ("625 ILCS 5/11-501(a)(1)", "DUI - BAC 0.08 OR MORE", "A", "M"),
    ("625 ILCS 5/6-303(a)", "DRIVING ON SUSPENDED LICENSE", "A", "M"),
    ("625 ILCS 5/6-101(a)", "DRIVING WITHOUT A VALID LICENSE", "A", "M"),
    ("625 ILCS 5/4-103(a)(1)", "POSSESSION OF STOLEN MOTOR VEHICLE", "2", "F"),
    ("625 ILCS 5/11-402(a)", "LEAVING SCENE OF ACCIDENT - PROPERTY DAMAGE", "A", "M"),
    ("720 ILCS 5/26.5-3(a)", "HARASSMENT THROUGH ELECTRONIC COMMUNICATIONS", "B", "M"),
)
CHARGE_KIND = {
    "DOMESTIC": "domestic",
    "BATTERY": "battery",
    "ASSAULT": "battery",
    "THEFT": "theft",
    "ROBBERY": "theft",
    "BURGLARY": "theft",
    "DUI": "traffic",
    "LICENSE": "traffic",
    "MOTOR VEHICLE": "traffic",
    "ACCIDENT": "traffic",
    "WEAPON": "weapon",
    "CONTROLLED": "narcotics",
    "FRAUDULENT": "fraud",
    "FORGERY": "fraud",
    "TRESPASS": "trespass",
    "DAMAGE": "trespass",
    "DISORDERLY": "trespass",
    "PROTECTION": "domestic",
    "HARASSMENT": "domestic",
    "RESIST": "battery",
}

RELATIONSHIPS_M = _t("brother, father, uncle, cousin, son, husband, brother-in-law, stepfather")
RELATIONSHIPS_F = _t("sister, mother, aunt, cousin, daughter, wife, girlfriend, grandmother")

# Immigration status wordings, as officers write them: (wording, documents it implies, the verb
# a sentence needs before it: "he is a DACA recipient", "he has no lawful status", "he entered
# without inspection").
IMMIGRATION_STATUSES: tuple[tuple[str, str, str], ...] = (
    ("undocumented", "", "is"),
    ("no lawful status", "", "has"),
    ("no immigration papers", "", "has"),
    ("entered without inspection", "", ""),
    ("crossed the border illegally", "", ""),
    ("overstayed a B-2 tourist visa", "visa", ""),
    ("overstayed a B-2 visa", "visa", ""),
    ("a pending asylum case", "a", "has"),
    ("no legal status", "", "has"),
    ("a parolee", "a", "is"),
    ("entered without inspection (EWI)", "", ""),
    ("a final order of removal", "a", "has"),
    ("out of status on an expired visa", "visa", "is"),
    ("a DACA recipient", "a", "is"),
    ("in Temporary Protected Status (TPS)", "a", "is"),
    ("a TPS holder", "a", "is"),
    ("seeking asylum", "a", "is"),
    ("an asylum case pending before the immigration court", "a", "has"),
    ("a lawful permanent resident", "a", "is"),
    ("a green card holder", "a", "is"),
    ("paroled into the U.S. under CBP One", "a", "was"),
    ("released by DHS with a Notice to Appear", "a", "was"),
    ("subject to a final order of removal", "a", "is"),
    ("previously removed from the United States", "a", "was"),
    ("on an H-2B work visa", "visa", "is"),
    ("on an F-1 student visa", "visa", "is"),
    ("a U visa applicant", "a", "is"),
    ("a refugee", "a", "is"),
    ("a naturalized U.S. citizen", "", "is"),
)
# Short form for form fields: wording printed in a "STATUS" box
IMMIGRATION_STATUS_SHORT = _t(
    "UNDOCUMENTED, NO LEGAL STATUS, EWI, VISA OVERSTAY, DACA, TPS, ASYLUM PENDING, LPR, "
    "PAROLEE, NTA ISSUED, FINAL ORDER, OUT OF STATUS, DACA RECIPIENT, B-2 OVERSTAY, "
    "FINAL ORDER OF REMOVAL, PENDING ASYLUM, PAROLED (CBP ONE), ILLEGAL ALIEN"
)

LANGUAGE_NOTES = _t(
    "interpreter requested, interpreter provided, via LanguageLine, limited English, "
    "no English, interpreter needed, speaks some English, needs interpreter, "
    "LEP - interpreter used, interpreter by phone"
)
# how a note is attached to the language: "Spanish (interpreter requested)", "Spanish, ..."
LANGUAGE_NOTE_JOINS = (" ({})", ", {}", " - {}", "; {}", " / {}")

COUNTRIES: tuple[Country, ...] = (
    Country(
        "Mexico",
        "MEX",
        "Mexican",
        (
            ("Celaya", "Guanajuato"),
            ("Morelia", "Michoacán"),
            ("Zacatecas", "Zacatecas"),
            ("Iguala", "Guerrero"),
            ("Tlaquepaque", "Jalisco"),
            ("San Luis Potosí", "San Luis Potosí"),
            ("Ciudad Nezahualcóyotl", "Estado de México"),
            ("Tehuacán", "Puebla"),
            ("Durango", "Durango"),
            ("Apatzingán", "Michoacán"),
            ("Juchitán", "Oaxaca"),
            ("León", "Guanajuato"),
        ),
        ("mexican",),
        ("Spanish", "Spanish", "Spanish", "Mixteco", "Zapoteco", "Nahuatl"),
        "LDDDDDDDD",
        (
            "matrícula consular",
            "Matrícula Consular de Alta Seguridad",
            "matricula consular card",
            "{nat} consular ID (matrícula)",
        ),
    ),
    Country(
        "Guatemala",
        "GTM",
        "Guatemalan",
        (
            ("Quetzaltenango", "Quetzaltenango"),
            ("Huehuetenango", "Huehuetenango"),
            ("San Marcos", "San Marcos"),
            ("Cobán", "Alta Verapaz"),
            ("Chichicastenango", "Quiché"),
        ),
        ("central_american",),
        ("Spanish", "K'iche'", "Mam", "Q'anjob'al"),
        "LDDDDDDDD",
        ("{nat} consular ID card", "tarjeta de identificación consular"),
    ),
    Country(
        "Honduras",
        "HND",
        "Honduran",
        (("San Pedro Sula", "Cortés"), ("La Ceiba", "Atlántida"), ("Choluteca", "Choluteca")),
        ("central_american",),
        ("Spanish", "Garifuna"),
        "LDDDDDDD",
        ("{nat} consular ID", "matrícula consular"),
    ),
    Country(
        "El Salvador",
        "SLV",
        "Salvadoran",
        (("San Miguel", "San Miguel"), ("Santa Ana", "Santa Ana"), ("Usulután", "Usulután")),
        ("central_american",),
        ("Spanish",),
        "LDDDDDDDD",
        ("{nat} consular ID", "matrícula consular"),
    ),
    Country(
        "Venezuela",
        "VEN",
        "Venezuelan",
        (("Maracaibo", "Zulia"), ("Barquisimeto", "Lara"), ("Valencia", "Carabobo")),
        ("south_american",),
        ("Spanish",),
        "DDDDDDDDD",
    ),
    Country(
        "Colombia",
        "COL",
        "Colombian",
        (("Medellín", "Antioquia"), ("Cali", "Valle del Cauca"), ("Pereira", "Risaralda")),
        ("south_american",),
        ("Spanish",),
        "LLDDDDDD",
    ),
    Country(
        "Ecuador",
        "ECU",
        "Ecuadorian",
        (("Cuenca", "Azuay"), ("Guayaquil", "Guayas"), ("Azogues", "Cañar")),
        ("south_american",),
        ("Spanish", "Kichwa"),
        "LDDDDDDDD",
        ("{nat} consular card", "matrícula consular"),
    ),
    Country(
        "Peru",
        "PER",
        "Peruvian",
        (("Arequipa", "Arequipa"), ("Huancayo", "Junín")),
        ("south_american",),
        ("Spanish", "Quechua"),
        "DDDDDDDDD",
    ),
    Country(
        "Dominican Republic",
        "DOM",
        "Dominican",
        (("Santiago de los Caballeros", "Santiago"), ("San Francisco de Macorís", "Duarte")),
        ("caribbean",),
        ("Spanish",),
        "LLDDDDDDD",
    ),
    Country(
        "Haiti",
        "HTI",
        "Haitian",
        (("Port-au-Prince", "Ouest"), ("Cap-Haïtien", "Nord"), ("Les Cayes", "Sud")),
        ("haitian",),
        ("Haitian Creole", "French"),
        "LLDDDDDDD",
    ),
    Country(
        "Cuba",
        "CUB",
        "Cuban",
        (("Havana", "La Habana"), ("Santiago de Cuba", "Santiago de Cuba"), ("Holguín", "Holguín")),
        ("cuban",),
        ("Spanish",),
        "LDDDDDDD",
    ),
    Country(
        "Poland",
        "POL",
        "Polish",
        (("Nowy Targ", "Małopolskie"), ("Białystok", "Podlaskie"), ("Łódź", "Łódzkie")),
        ("polish",),
        ("Polish",),
        "LLDDDDDDD",
    ),
    Country(
        "Ukraine",
        "UKR",
        "Ukrainian",
        (("Lviv", "Lviv Oblast"), ("Ternopil", "Ternopil Oblast"), ("Kharkiv", "Kharkiv Oblast")),
        ("ukrainian",),
        ("Ukrainian", "Russian"),
        "LLDDDDDD",
    ),
    Country(
        "Serbia",
        "SRB",
        "Serbian",
        (("Niš", "Nišava"), ("Kragujevac", "Šumadija")),
        ("balkan",),
        ("Serbian",),
        "DDDDDDDDD",
    ),
    Country(
        "Kosovo",
        "XKX",
        "Kosovar",
        (("Prizren", "Prizren"), ("Pejë", "Pejë")),
        ("balkan",),
        ("Albanian",),
        "LDDDDDDDD",
    ),
    Country(
        "Romania",
        "ROU",
        "Romanian",
        (("Suceava", "Suceava"), ("Iași", "Iași"), ("Cluj-Napoca", "Cluj")),
        ("romanian",),
        ("Romanian",),
        "DDDDDDDD",
    ),
    Country(
        "Lithuania",
        "LTU",
        "Lithuanian",
        (("Kaunas", "Kaunas County"), ("Šiauliai", "Šiauliai County")),
        ("lithuanian",),
        ("Lithuanian",),
        "DDDDDDDD",
    ),
    Country(
        "Nigeria",
        "NGA",
        "Nigerian",
        (("Ibadan", "Oyo State"), ("Enugu", "Enugu State"), ("Lagos", "Lagos State")),
        ("west_african",),
        ("Yoruba", "Igbo", "English"),
        "LDDDDDDDD",
    ),
    Country(
        "Ghana",
        "GHA",
        "Ghanaian",
        (("Kumasi", "Ashanti Region"), ("Tema", "Greater Accra")),
        ("west_african",),
        ("Twi", "English"),
        "LDDDDDDD",
    ),
    Country(
        "Senegal",
        "SEN",
        "Senegalese",
        (("Thiès", "Thiès Region"), ("Touba", "Diourbel")),
        ("west_african",),
        ("Wolof", "French"),
        "LDDDDDDD",
    ),
    Country(
        "Guinea",
        "GIN",
        "Guinean",
        (("Kankan", "Kankan Region"), ("Labé", "Labé Region")),
        ("west_african",),
        ("Fula", "French"),
        "LDDDDDDD",
    ),
    Country(
        "Ethiopia",
        "ETH",
        "Ethiopian",
        (("Bahir Dar", "Amhara"), ("Hawassa", "Sidama")),
        ("east_african",),
        ("Amharic", "Tigrinya"),
        "LLDDDDDDD",
    ),
    Country(
        "Somalia",
        "SOM",
        "Somali",
        (("Baidoa", "Bay"), ("Kismayo", "Lower Juba")),
        ("east_african",),
        ("Somali",),
        "LDDDDDDD",
    ),
    Country(
        "India",
        "IND",
        "Indian",
        (("Ludhiana", "Punjab"), ("Hyderabad", "Telangana"), ("Vadodara", "Gujarat")),
        ("south_asian",),
        ("Punjabi", "Telugu", "Gujarati", "Hindi"),
        "LDDDDDDD",
    ),
    Country(
        "Pakistan",
        "PAK",
        "Pakistani",
        (("Gujranwala", "Punjab"), ("Faisalabad", "Punjab")),
        ("south_asian",),
        ("Urdu", "Punjabi"),
        "LLDDDDDDD",
    ),
    Country(
        "Bangladesh",
        "BGD",
        "Bangladeshi",
        (("Sylhet", "Sylhet Division"), ("Chattogram", "Chattogram Division")),
        ("south_asian",),
        ("Bengali",),
        "LLDDDDDDD",
    ),
    Country(
        "Nepal",
        "NPL",
        "Nepali",
        (("Pokhara", "Gandaki"), ("Biratnagar", "Koshi")),
        ("south_asian",),
        ("Nepali",),
        "LLDDDDDDD",
    ),
    Country(
        "China",
        "CHN",
        "Chinese",
        (("Fuzhou", "Fujian"), ("Taishan", "Guangdong"), ("Wenzhou", "Zhejiang")),
        ("chinese",),
        ("Mandarin", "Cantonese", "Fuzhounese"),
        "LDDDDDDDD",
    ),
    Country(
        "South Korea",
        "KOR",
        "South Korean",
        (("Daegu", "North Gyeongsang"), ("Incheon", "Incheon")),
        ("korean",),
        ("Korean",),
        "LDDDDDDDD",
    ),
    Country(
        "Vietnam",
        "VNM",
        "Vietnamese",
        (("Da Nang", "Da Nang"), ("Hue", "Thua Thien Hue"), ("Can Tho", "Can Tho")),
        ("vietnamese",),
        ("Vietnamese",),
        "LDDDDDDD",
    ),
    Country(
        "Philippines",
        "PHL",
        "Filipino",
        (("Cebu City", "Cebu"), ("Batangas City", "Batangas"), ("Iloilo City", "Iloilo")),
        ("filipino",),
        ("Tagalog", "Cebuano", "Ilocano"),
        "LDDDDDDDL",
    ),
    Country(
        "Iraq",
        "IRQ",
        "Iraqi",
        (("Mosul", "Nineveh"), ("Basra", "Basra")),
        ("arab",),
        ("Arabic",),
        "LDDDDDDDD",
    ),
    Country(
        "Syria",
        "SYR",
        "Syrian",
        (("Homs", "Homs Governorate"), ("Aleppo", "Aleppo Governorate")),
        ("arab",),
        ("Arabic",),
        "DDDDDDDDD",
    ),
    Country(
        "Jordan",
        "JOR",
        "Jordanian",
        (("Irbid", "Irbid Governorate"), ("Zarqa", "Zarqa Governorate")),
        ("arab",),
        ("Arabic",),
        "LDDDDDDD",
    ),
    Country(
        "Yemen",
        "YEM",
        "Yemeni",
        (("Taiz", "Taiz Governorate"), ("Ibb", "Ibb Governorate")),
        ("arab",),
        ("Arabic",),
        "DDDDDDDD",
    ),
    Country(
        "Greece",
        "GRC",
        "Greek",
        (("Thessaloniki", "Central Macedonia"), ("Tripoli", "Peloponnese")),
        ("greek",),
        ("Greek",),
        "LLDDDDDDD",
    ),
    Country(
        "Ireland",
        "IRL",
        "Irish",
        (("Galway", "County Galway"), ("Limerick", "County Limerick")),
        ("irish",),
        ("English",),
        "LLDDDDDDD",
    ),
    Country(
        "Italy",
        "ITA",
        "Italian",
        (("Palermo", "Sicily"), ("Bari", "Apulia")),
        ("italian",),
        ("Italian",),
        "LLDDDDDDD",
    ),
)

US = Country(
    "United States",
    "USA",
    "American",
    (
        ("Chicago", "IL"),
        ("Cicero", "IL"),
        ("Gary", "IN"),
        ("Houston", "TX"),
        ("Los Angeles", "CA"),
        ("Milwaukee", "WI"),
        ("Memphis", "TN"),
        ("San Juan", "PR"),
        ("Rockford", "IL"),
        ("Laredo", "TX"),
        ("Detroit", "MI"),
    ),
    (
        "mexican",
        "african_american",
        "anglo",
        "irish",
        "polish",
        "african_american",
        "caribbean",
        "italian",
        "greek",
        "korean",
        "filipino",
        "arab",
    ),
    ("English",),
    "DDDDDDDDD",
)

CITIZENSHIP_WORDS_US = ("USA", "United States", "U.S.", "US")

# Surnames that must not be used for anyone, because they are also street or place words in the
# report (a surname equal to a street would make an address look like a name reference).
FORBIDDEN_SURNAMES = frozenset(s[0].lower() for s in STREETS) | frozenset(
    x.lower() for x, _ in SUBURBS
)
