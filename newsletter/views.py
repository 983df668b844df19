"""Pages for members (archive, one-click subscription) and the public links in mails."""

from __future__ import annotations

from allauth.core import ratelimit
from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_not_required
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from common.redirects import redirect_back

from . import content, services, tokens
from .forms import SubscribeForm
from .models import Issue, Subscriber


def archive(request):
    issues = Issue.objects.published().order_by("-issue_date", "-number")
    page = Paginator(issues, settings.SIKO_PAGE_SIZE).get_page(request.GET.get("seite"))
    subscription = Subscriber.objects.filter(user=request.user).first()
    return render(
        request,
        "newsletter/archive.html",
        {"page": page, "total": page.paginator.count, "subscription": subscription},
    )


def issue_detail(request, pk: int):
    issue = get_object_or_404(Issue.objects.published(), pk=pk)
    return render(
        request,
        "newsletter/issue_detail.html",
        {
            "issue": issue,
            "body_html": content.render_html(issue.body),
            "links": content.parse_portal_links(issue.portal_links),
        },
    )


@require_POST
def member_subscription(request):
    """The one-click switch on the archive page and in the profile."""
    action = request.POST.get("aktion")
    if action == "abonnieren":
        services.member_subscribe(user=request.user)
        messages.success(request, f"Sie erhalten den Newsletter ab der nächsten Ausgabe an {request.user.email}.")
    elif action == "abbestellen":
        services.member_unsubscribe(user=request.user)
        messages.success(request, "Sie haben den Newsletter abbestellt und erhalten keine weiteren Ausgaben.")
    else:
        messages.error(request, "Diese Aktion ist unbekannt. Bitte versuchen Sie es erneut.")
    return redirect_back(request, "newsletter:archive")


@login_not_required
@require_http_methods(["GET", "POST"])
def subscribe(request):
    """Sign-up by address for staff of partner authorities without an account (double opt-in)."""
    form = SubscribeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if not ratelimit.consume(request, action="newsletter_subscribe"):
            form.add_error(
                None,
                "Von Ihrem Netzwerk kamen in kurzer Zeit sehr viele Anmeldungen. Bitte versuchen Sie es in "
                "einer Stunde erneut.",
            )
            return render(request, "newsletter/subscribe.html", {"form": form}, status=429)
        services.subscription_request(email=form.cleaned_data["email"], name=form.cleaned_data["name"])
        return redirect("newsletter:subscribe_done")
    return render(request, "newsletter/subscribe.html", {"form": form})


@login_not_required
def subscribe_done(request):
    # The same page whatever the address's state: it tells nobody who is subscribed.
    return render(request, "newsletter/subscribe_done.html", {"days": settings.SIKO_NEWSLETTER_CONFIRM_DAYS})


@login_not_required
@require_http_methods(["GET", "POST"])
def confirm(request, token: str):
    """GET only asks: link scanners in mail gateways open links, and that is no consent."""
    try:
        subscriber = tokens.subscriber_for_confirmation(token)
    except tokens.TokenExpired:
        return render(request, "newsletter/confirm.html", {"state": "expired", **_days()})
    except tokens.TokenInvalid:
        return render(request, "newsletter/confirm.html", {"state": "invalid"})
    if request.method == "POST":
        try:
            state = "done" if services.subscription_confirm(subscriber=subscriber) else "already"
        except services.NewsletterError:
            state = "unsubscribed"
    else:
        state = {
            Subscriber.Status.PENDING: "ask",
            Subscriber.Status.CONFIRMED: "already",
            Subscriber.Status.UNSUBSCRIBED: "unsubscribed",
        }[subscriber.status]
    return render(request, "newsletter/confirm.html", {"state": state, "subscriber": subscriber})


def _days() -> dict:
    return {"days": settings.SIKO_NEWSLETTER_CONFIRM_DAYS}


# RFC 8058 one-click: mail clients POST "List-Unsubscribe=One-Click" to this URL from
# outside any browser session, so they cannot send a CSRF token. The signed token in the
# URL is what authorises the request, and the only effect is the token owner's opt-out.
@csrf_exempt
@login_not_required
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token: str):
    """GET shows a button (link scanners prefetch links); POST unsubscribes, without login."""
    try:
        subscriber = tokens.subscriber_for_unsubscribe(token)
    except tokens.TokenInvalid:
        return render(request, "newsletter/unsubscribe.html", {"state": "invalid"})
    if subscriber is None:
        # Deleted meanwhile: nothing is sent to it any more, which is what the person wants.
        state = "done"
    elif request.method == "POST":
        services.subscription_cancel(subscriber=subscriber, via=Subscriber.UnsubscribedVia.LINK)
        state = "done"
    else:
        state = "already" if subscriber.status == Subscriber.Status.UNSUBSCRIBED else "ask"
    return render(request, "newsletter/unsubscribe.html", {"state": state})
