"""The authorities, accounts, Redaktion grants and closed areas of the benchmark corpus
(devtools.benchmark_corpus builds its content on top)."""

from __future__ import annotations

import random
from collections.abc import Callable

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Permission
from django.utils import timezone
from django.utils.text import slugify

from demo import behoerden as demo_behoerden
from demo import data as demo_data
from facharbeitskreise.models import Arbeitskreis, ArbeitskreisUserObjectPermission
from facharbeitskreise.models.base import CONTRIBUTE, LEAD, VIEW
from fachgebiete.models import Fachgebiet, FachgebietUserObjectPermission
from partner.models import Partner, PartnerKind, PartnerType, User

from .corpus_text import CITIES, FIRST_NAMES, FUNCTIONS, LAST_NAMES, UNITS, TextMaker, chunks, compounds, zipf

MEMBER_EMAIL = "mitglied@benchmark.sikoruhr.nrw.de"
MULTI_MEMBER_EMAIL = "mehrfachmitglied@benchmark.sikoruhr.nrw.de"
MULTI_MEMBER_ARBEITSKREISE = 10

BATCH = 2000

EXTRA_PARTNERS = [
    ("Hauptzollamt Duisburg", "HZA Duisburg", PartnerType.ZOLL, "Duisburg"),
    ("Hauptzollamt Dortmund", "HZA Dortmund", PartnerType.ZOLL, "Dortmund"),
    ("Hauptzollamt Essen", "HZA Essen", PartnerType.ZOLL, "Essen"),
    ("Polizeipräsidium Duisburg", "PP Duisburg", PartnerType.LANDESPOLIZEI, "Duisburg"),
    ("Polizeipräsidium Essen", "PP Essen", PartnerType.LANDESPOLIZEI, "Essen"),
    ("Polizeipräsidium Gelsenkirchen", "PP Gelsenkirchen", PartnerType.LANDESPOLIZEI, "Gelsenkirchen"),
    ("Polizeipräsidium Dortmund", "PP Dortmund", PartnerType.LANDESPOLIZEI, "Dortmund"),
    ("Staatsanwaltschaft Duisburg", "StA Duisburg", PartnerType.JUSTIZ, "Duisburg"),
    (
        "Finanzamt für Steuerstrafsachen und Steuerfahndung Essen",
        "FA StraBu Essen",
        PartnerType.FINANZVERWALTUNG,
        "Essen",
    ),
]


class PeopleBuilder:
    def __init__(
        self, *, documents: int, users: int, arbeitskreise: int, seed: int, out: Callable[[str], None]
    ) -> None:
        self.documents, self.users_wanted, self.arbeitskreise_wanted = documents, max(users, 2), max(arbeitskreise, 1)
        self.rng = random.Random(seed)
        self.out = out
        self.texts = TextMaker(self.rng, compounds())
        self.counts: dict[str, int] = {}
        self.file_number = 0

    # Reference data ------------------------------------------------------------------------

    def partners(self) -> list[Partner]:
        partners = []
        for entry in demo_behoerden.PARTNERS:
            fields = {key: value for key, value in entry.items() if key not in ("slug", "domains")}
            partners.append(Partner.objects.get_or_create(slug=entry["slug"], defaults=fields)[0])
        for name, short_name, partner_type, city in EXTRA_PARTNERS:
            partner, _created = Partner.objects.get_or_create(
                slug=slugify(name.replace("ä", "ae").replace("ü", "ue")),
                defaults={
                    "name": name,
                    "short_name": short_name,
                    "kind": PartnerKind.NETZWERKPARTNER,
                    "type": partner_type,
                    "city": city,
                    "description": f"{name}: Netzwerkpartner der Sicherheitskooperation Ruhr.",
                },
            )
            partners.append(partner)
        self.counts["Behörden"] = len(partners)
        return partners

    def fachgebiete(self) -> list[Fachgebiet]:
        real = []
        for position, entry in enumerate(demo_data.FACHGEBIETE, start=1):
            real.append(
                Fachgebiet.objects.get_or_create(
                    slug=entry["slug"],
                    defaults={"name": entry["name"], "description": entry["description"], "position": position},
                )[0]
            )
        return real

    def people(self, partners: list[Partner]) -> list[User]:
        rng = self.rng
        password = make_password(None)  # unusable: these accounts never log in with a password
        # Bigger authorities have more staff: a Zipf-like spread over the partners.
        weights = zipf(len(partners), 0.8)
        shuffled = partners[:]
        rng.shuffle(shuffled)
        duisburg_customs = next((p for p in partners if p.short_name == "HZA Duisburg"), partners[0])
        rows = []
        for i in range(self.users_wanted):
            if i == 0:
                email = MEMBER_EMAIL
            elif i == 1:
                email = MULTI_MEMBER_EMAIL
            else:
                email = f"nutzer{i:05d}@benchmark.sikoruhr.nrw.de"
            partner = duisburg_customs if i in (2, 3) else rng.choices(shuffled, weights=weights)[0]
            rows.append(
                User(
                    email=email,
                    first_name=rng.choice(FIRST_NAMES),
                    last_name=rng.choice(LAST_NAMES),
                    partner=partner,
                    unit=rng.choice(UNITS),
                    function=rng.choice(FUNCTIONS),
                    password=password,
                    status=User.Status.ADMITTED,
                    is_active=True,  # bulk_create skips User.save(), which derives it from the status
                    # Two contact persons at the HZA Duisburg for sure, ~10 % of everyone else.
                    is_contact_person=i in (2, 3) or (i > 3 and rng.random() < 0.1),
                )
            )
        users = []
        for chunk in chunks(rows, BATCH):
            users += User.objects.bulk_create(chunk)
        self.counts["Nutzerinnen und Nutzer"] = len(users)
        self.counts["davon Ansprechpersonen"] = sum(1 for user in users if user.is_contact_person)
        return users

    def editors(self, fachgebiete: list[Fachgebiet], users: list[User]) -> None:
        permission = Permission.objects.get(codename="edit_fachgebiet", content_type__app_label="fachgebiete")
        candidates = users[4:] or users
        FachgebietUserObjectPermission.objects.bulk_create(
            [
                FachgebietUserObjectPermission(content_object=fachgebiet, user=user, permission=permission)
                for fachgebiet in fachgebiete
                for user in self.rng.sample(candidates, min(3, len(candidates)))
            ],
            ignore_conflicts=True,
        )

    def arbeitskreise(self) -> list[Arbeitskreis]:
        rng = self.rng
        names = [(entry["name"], entry["kind"]) for entry in demo_data.ARBEITSKREISE]
        topics = [fg["name"] for fg in demo_data.FACHGEBIETE] + ["Clan-Monitoring", "Schrottimmobilien", "Kfz-Handel"]
        for city in CITIES:
            for topic in topics:
                names.append((f"Projekt {topic} {city}", Arbeitskreis.Kind.PROJEKT))
        names = names[: self.arbeitskreise_wanted]
        taken = set(Arbeitskreis.objects.values_list("name", flat=True))
        rows = []
        for name, kind in names:
            if name in taken:
                name = f"{name} (Benchmark)"
            archived = rng.random() < 0.06
            rows.append(
                Arbeitskreis(
                    name=name,
                    slug=slugify(name.replace("ü", "ue").replace("ö", "oe").replace("ä", "ae"))[:150],
                    kind=kind,
                    description=self.texts.line("", 240),
                    is_confidential=rng.random() < 0.2,
                    is_archived=archived,
                    archived_at=timezone.now() if archived else None,
                )
            )
        arbeitskreise = Arbeitskreis.objects.bulk_create(rows)
        self.counts["Arbeitskreise"] = len(arbeitskreise)
        self.counts["davon vertraulich"] = sum(1 for arbeitskreis in arbeitskreise if arbeitskreis.is_confidential)
        return arbeitskreise

    def grants(self, arbeitskreise: list[Arbeitskreis], users: list[User]) -> None:
        rng = self.rng
        perms = {
            codename: Permission.objects.get(codename=codename, content_type__app_label="facharbeitskreise")
            for codename in (VIEW, CONTRIBUTE, LEAD)
        }
        active = [arbeitskreis for arbeitskreis in arbeitskreise if not arbeitskreis.is_archived] or arbeitskreise
        member_arbeitskreise = {
            0: [active[0]],
            1: rng.sample(arbeitskreise, min(MULTI_MEMBER_ARBEITSKREISE, len(arbeitskreise))),
        }
        rows = []
        for position, user in enumerate(users):
            chosen = member_arbeitskreise.get(position) or rng.sample(
                arbeitskreise, min(rng.randint(1, 3), len(arbeitskreise))
            )
            for arbeitskreis in chosen:
                codenames = [VIEW]
                if position > 1 and rng.random() < 0.15:
                    codenames.append(CONTRIBUTE)
                rows += [
                    ArbeitskreisUserObjectPermission(content_object=arbeitskreis, user=user, permission=perms[codename])
                    for codename in codenames
                ]
        # One lead per area (view ⊂ contribute ⊂ lead).
        for arbeitskreis in arbeitskreise:
            lead = rng.choice(users[2:] or users)
            rows += [
                ArbeitskreisUserObjectPermission(content_object=arbeitskreis, user=lead, permission=perms[codename])
                for codename in (VIEW, CONTRIBUTE, LEAD)
            ]
        for chunk in chunks(rows, BATCH * 5):
            ArbeitskreisUserObjectPermission.objects.bulk_create(chunk, ignore_conflicts=True)
        self.counts["Zugänge zu Bereichen (Zeilen)"] = len(rows)
