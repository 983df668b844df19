from __future__ import annotations

from django.contrib.auth.decorators import login_not_required
from django.shortcuts import render

from facharbeitskreise.models import Arbeitsbereich
from fachgebiete.models import Fachgebiet
from partner.models import Partner, User


def home(request):
    context = {
        "partner_count": Partner.objects.active().count(),
        "fachgebiete": list(Fachgebiet.objects.fachgebiete()),
        "rubriken": list(Fachgebiet.objects.rubriken()),
        "my_areas": list(Arbeitsbereich.objects.member_of(request.user).order_by("name")),
    }
    if request.user.is_geschaeftsstelle:
        context["pending_admissions"] = User.objects.awaiting_admission().count()
    return render(request, "sikoportal/home.html", context)


def _legal_page(template_name: str):
    @login_not_required
    def view(request):
        return render(request, template_name)

    return view


impressum = _legal_page("sikoportal/impressum.html")
datenschutz = _legal_page("sikoportal/datenschutz.html")
barrierefreiheit = _legal_page("sikoportal/barrierefreiheit.html")
