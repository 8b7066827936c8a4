"""Names that the report generator never prints, for substitution and for an unseen-names test.

The generator (tests/reportgen/pools.py) draws people from finite pools. Training only on those
would let the model learn the pools by heart, and a held-out report with the same pools would not
show it. So some training chunks have their gold names replaced by names from here
(`data.swap_names`), and the evaluation also scores held-out pages whose names are replaced by a
second, disjoint half of this list that training never sees.

The lists are common given names and surnames of many languages, written for this purpose. Any
word that also occurs in the generator's pools is dropped at import, and the rest is split in two
halves by a stable hash: `TRAIN_*` for substitution during training, `EVAL_*` for evaluation.
"""

from __future__ import annotations

import zlib


def _words(text: str) -> tuple[str, ...]:
    return tuple(w.strip() for w in text.split(",") if w.strip())


_GIVEN = _words(
    """
    Aino, Kofi, Tomasz, Ingrid, Matteo, Siobhan, Haruto, Yuki, Amara, Chinedu, Oluwaseun, Abebe,
    Tigist, Mehmet, Elif, Ayşe, Farid, Leila, Rustam, Dilnoza, Nguyen, Thanh, Minh, Linh, Bao,
    Priya, Arjun, Rohan, Sunita, Deepak, Kavya, Imran, Ayesha, Bilal, Nadia, Omar, Layla, Yousef,
    Samira, Karim, Rania, Hamza, Soo-jin, Min-jun, Ji-woo, Hye-won, Wei, Xiaoming, Mei, Jun, Lan,
    Olga, Igor, Pavel, Anya, Svetlana, Marek, Zuzana, Ondřej, Lucie, Bence, Réka, Zsófia, Mihai,
    Ioana, Radu, Florin, Giorgi, Nino, Levan, Armen, Anahit, Lars, Sigrid, Henrik, Astrid, Jens,
    Pieter, Femke, Joost, Anouk, Sebastián, Ximena, Rodrigo, Valentina, Maximiliano, Camila,
    Thiago, Larissa, Caio, Fernanda, João, Beatriz, Aurélien, Margaux, Théo, Clémence, Gaëlle,
    Seamus, Aoife, Ciarán, Niamh, Declan, Bronagh, Hamish, Isla, Fergus, Morag, Gwen, Rhys,
    Dafydd, Aled, Kwabena, Akosua, Yaw, Efua, Tendai, Chipo, Themba, Nomvula, Sipho, Zanele,
    Desta, Meron, Bekele, Selam, Adaeze, Ngozi, Emeka, Ifeanyi, Oksana, Marta, Jakub, Filip,
    Hanna, Eero, Mikko, Saara, Björn, Freya, Ólafur, Guðrún, Dov, Yael, Noa, Itai, Shira,
    Francesca, Giuseppe, Lorenzo, Chiara, Salvatore, Rosaria, Dolores, Inés, Álvaro, Rocío,
    Marcelo, Graciela, Anselmo, Lucinda, Tobias, Greta, Dieter, Annika, Wolfgang, Heike
    """
)

_SURNAMES = _words(
    """
    Virtanen, Mensah, Lindqvist, Nakamura, Okonkwo, Adeyemi, Tesfaye, Yılmaz, Demir, Karimov,
    Tran, Pham, Hoang, Sharma, Iyer, Chaudhry, Qureshi, Haddad, Khoury, Mansour, Farouk,
    Park, Choi, Jeong, Zhang, Huang, Zhou, Liang, Ivanova, Petrov, Smirnov, Novák, Dvořák,
    Horváth, Nagy, Popescu, Ionescu, Beridze, Kapanadze, Hakobyan, Sargsyan, Johansson,
    Andersen, Nilsen, de Vries, van Dijk, Janssen, Bakker, Fuentes-Arce, Villanueva, Iturbide,
    Echeverría, Salazar, Montenegro, Carvalho, Ferreira, Azevedo, Gonçalves, Dubois, Lefèvre,
    Moreau, Girard, Fontaine, O'Sullivan, MacLeod, Fitzgerald, Gallagher, McAllister, Lloyd,
    Pritchard, Boateng, Owusu, Asante-Darko, Moyo, Dlamini, Ndlovu, Khumalo, Girma, Alemu,
    Eze, Nwosu, Obi, Abubakar, Kowalczyk, Lewandowski, Nieminen, Korhonen, Sigurðsson,
    Gunnarsdóttir, Friedman, Rosenberg, Ben-David, Esposito, Romano, Colombo, Ricci, Greco,
    Marchetti, Ferraro, Castillo-Ibáñez, Aranda, Bustamante, Cordero, Espinoza, Figueroa,
    Lindgren, Holm, Schneider, Hoffmann, Krüger, Wagner, Becker, Schulz, Zimmermann, Vogel,
    Abernathy, Whitfield, Holloway, Thornton, Blackwood, Kensington, Ashworth, Okoye, Balogun,
    Adeleke, Onyango, Kiplagat, Wanjiru, Achterberg, Dimitriou, Mavros, Kalnins, Ozols,
    Jankauskas, Petraitis, Tamm, Saar, Rahimi, Tehrani, Ghorbani, Siddiqui, Baig, Malik
    """
)


def _pool_words() -> frozenset[str]:
    """Every word of the generator's name pools, casefolded."""
    from tests.reportgen import pools

    words: set[str] = set()
    for culture in (*pools.CULTURES.values(), *pools.OFFICER_CULTURES.values()):
        for name in (*culture.male, *culture.female, *culture.surnames):
            words.update(w.casefold() for w in name.replace("-", " ").split())
    words.update(w.casefold() for n in pools.NICKNAMES for w in n.split())
    return frozenset(words)


def _fresh(names: tuple[str, ...], taken: frozenset[str]) -> tuple[str, ...]:
    return tuple(
        n for n in names if not any(w.casefold() in taken for w in n.replace("-", " ").split())
    )


def _half(names: tuple[str, ...], which: int) -> tuple[str, ...]:
    return tuple(n for n in names if zlib.crc32(n.encode()) % 2 == which)


_TAKEN = _pool_words()
GIVEN = _fresh(_GIVEN, _TAKEN)
SURNAMES = _fresh(_SURNAMES, _TAKEN)
TRAIN_GIVEN, EVAL_GIVEN = _half(GIVEN, 0), _half(GIVEN, 1)
TRAIN_SURNAMES, EVAL_SURNAMES = _half(SURNAMES, 0), _half(SURNAMES, 1)
