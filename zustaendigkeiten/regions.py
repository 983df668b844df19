"""The fixed list of places a responsibility is registered for: the Ruhr region as the
Regionalverband Ruhr defines it (its eleven kreisfreie Städte and four Kreise), and "landesweit"
for authorities that answer for all of North Rhine-Westphalia (LKA, Finanzverwaltung, Justiz …).

A kreisangehörige Stadt (Recklinghausen, Marl, Unna …) is covered by its Kreis: staff of such a
town register under the Kreis. Values are stable (stored and used in addresses); labels may change.
"""

from __future__ import annotations

from django.db import models


class Region(models.TextChoices):
    BOCHUM = "bochum", "Bochum"
    BOTTROP = "bottrop", "Bottrop"
    DORTMUND = "dortmund", "Dortmund"
    DUISBURG = "duisburg", "Duisburg"
    ESSEN = "essen", "Essen"
    GELSENKIRCHEN = "gelsenkirchen", "Gelsenkirchen"
    HAGEN = "hagen", "Hagen"
    HAMM = "hamm", "Hamm"
    HERNE = "herne", "Herne"
    MUELHEIM = "muelheim", "Mülheim an der Ruhr"
    OBERHAUSEN = "oberhausen", "Oberhausen"
    ENNEPE_RUHR_KREIS = "ennepe-ruhr-kreis", "Ennepe-Ruhr-Kreis"
    KREIS_RECKLINGHAUSEN = "kreis-recklinghausen", "Kreis Recklinghausen"
    KREIS_UNNA = "kreis-unna", "Kreis Unna"
    KREIS_WESEL = "kreis-wesel", "Kreis Wesel"
    LANDESWEIT = "landesweit", "landesweit (NRW)"


# Words a search for the place may use besides its name: the Kreis's towns, the state.
SEARCH_WORDS: dict[str, str] = {
    Region.ENNEPE_RUHR_KREIS: (
        "EN-Kreis Schwelm Witten Hattingen Gevelsberg Ennepetal Herdecke Wetter Sprockhövel Breckerfeld"
    ),
    Region.KREIS_RECKLINGHAUSEN: (
        "Recklinghausen Marl Dorsten Gladbeck Herten Castrop-Rauxel Datteln Oer-Erkenschwick Haltern Waltrop"
    ),
    Region.KREIS_UNNA: "Unna Lünen Kamen Bergkamen Schwerte Selm Werne Holzwickede Fröndenberg",
    Region.KREIS_WESEL: "Wesel Moers Dinslaken Kamp-Lintfort Voerde Neukirchen-Vluyn Rheinberg Xanten",
    Region.LANDESWEIT: "Nordrhein-Westfalen NRW Land",
}
