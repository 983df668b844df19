"""Discussion threads of an area.

Every member may discuss (start threads, reply, attach files to a post): talking to each other is
what membership is for, and a post is signed by its author. Contributing to the area's document
collection (versioned, "Ergebnisse") stays with contributors and leads. Authors edit their own
posts only; nobody edits someone else's words.

Deleting: authors delete their own posts, the Leitung moderates (any post, whole threads). The
first post opens the thread, so deleting it deletes the thread with it; an author may do that
only while nobody else has replied — otherwise others' words would go too, which is for the Leitung
to decide. Attachments' files go with their posts.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods

from . import content_services
from .access import ARCHIVED_MESSAGE, Role, area_for
from .content_forms import PostEditForm, ReplyForm, ThreadForm
from .content_views import area_context, logged_file_response, only, refused_archived
from .models.content import Post, PostAttachment

FIRST_POST_REFUSAL = (
    "Dieser Beitrag eröffnet die Diskussion, und andere Mitglieder haben bereits geantwortet. Mit ihm würde "
    "die ganze Diskussion samt diesen Antworten gelöscht; darüber entscheidet die Leitung des Bereichs. "
    "Sie können Ihren Beitrag aber bearbeiten."
)


def thread_list(request, slug: str):
    area = area_for(request, slug)
    if refusal := only(request, "GET"):
        return refusal
    threads = area.threads.select_related("created_by")
    page = Paginator(threads, settings.SIKO_PAGE_SIZE).get_page(request.GET.get("seite"))
    return render(
        request,
        "facharbeitskreise/threads/thread_list.html",
        area_context(area, page=page, total=page.paginator.count),
    )


def _thread_page(request, area, thread, form, status=200):
    # Posts come through the thread (and it through the area), attachments by prefetch: each knows
    # its post, thread and area, so attachment.get_download_url costs no query.
    posts = Paginator(
        thread.posts.select_related("author__partner").prefetch_related(
            Prefetch("attachments", queryset=PostAttachment.objects.select_related("file").defer("file__text"))
        ),
        settings.SIKO_PAGE_SIZE,
    ).get_page(request.GET.get("seite"))
    return render(
        request,
        "facharbeitskreise/threads/thread_detail.html",
        area_context(area, thread=thread, page=posts, form=form),
        status=status,
    )


def thread_detail(request, slug: str, pk: int):
    area = area_for(request, slug)
    if refusal := only(request, "GET"):
        return refusal
    thread = get_object_or_404(area.threads, pk=pk)
    return _thread_page(request, area, thread, ReplyForm())


def thread_reply(request, slug: str, pk: int):
    area = area_for(request, slug)
    if refusal := only(request, "POST"):
        return refusal
    thread = get_object_or_404(area.threads, pk=pk)
    form = ReplyForm(request.POST, request.FILES)
    refused = refused_archived(request, area, form)
    if not refused and form.is_valid():
        post = content_services.post_reply(
            thread=thread, user=request.user, body=form.cleaned_data["body"], upload=form.cleaned_data["attachment"]
        )
        messages.success(request, "Ihre Antwort wurde veröffentlicht.")
        last_page = (thread.posts.count() - 1) // settings.SIKO_PAGE_SIZE + 1
        return redirect(f"{thread.get_absolute_url()}?seite={last_page}#beitrag-{post.pk}")
    return _thread_page(request, area, thread, form, status=403 if refused else 200)


@require_http_methods(["GET", "POST"])
def thread_create(request, slug: str):
    area = area_for(request, slug)
    form = ThreadForm(request.POST or None, request.FILES or None)
    refused = refused_archived(request, area, form)
    if request.method == "POST" and not refused and form.is_valid():
        data = form.cleaned_data
        thread = content_services.thread_create(
            area=area, user=request.user, title=data["title"], body=data["body"], upload=data["attachment"]
        )
        messages.success(request, f"Die Diskussion „{thread.title}“ wurde eröffnet.")
        return redirect(thread.get_absolute_url())
    return render(
        request,
        "facharbeitskreise/threads/thread_form.html",
        area_context(area, form=form),
        status=403 if refused else 200,
    )


@require_http_methods(["GET", "POST"])
def post_edit(request, slug: str, pk: int):
    area = area_for(request, slug)
    post = get_object_or_404(Post.objects.select_related("thread"), thread__area=area, pk=pk)
    if post.author_id != request.user.pk:
        raise PermissionDenied("Sie können nur Ihre eigenen Beiträge bearbeiten.")
    form = PostEditForm(request.POST or None, instance=post)
    refused = refused_archived(request, area, form)
    if request.method == "POST" and not refused and form.is_valid():
        content_services.post_edit(post=post, body=form.cleaned_data["body"])
        messages.success(request, "Ihr Beitrag wurde geändert.")
        return redirect(post.get_absolute_url())
    return render(
        request,
        "facharbeitskreise/threads/post_form.html",
        area_context(area, form=form, post=post, thread=post.thread),
        status=403 if refused else 200,
    )


def attachment_download(request, slug: str, pk: int):
    area = area_for(request, slug)
    if refusal := only(request, "GET"):
        return refusal
    attachment = get_object_or_404(
        PostAttachment.objects.select_related("file").defer("file__text"), post__thread__area=area, pk=pk
    )
    return logged_file_response(request, area, attachment.file, f"facharbeitskreise.post:{attachment.post_id}")


@require_http_methods(["GET", "POST"])
def post_delete(request, slug: str, pk: int):
    area = area_for(request, slug)
    post = get_object_or_404(Post.objects.select_related("thread", "author"), thread__area=area, pk=pk)
    thread = post.thread
    is_lead = area.user_role.covers(Role.LEITUNG)
    if not is_lead and post.author_id != request.user.pk:
        raise PermissionDenied("Sie können nur Ihre eigenen Beiträge löschen.")
    first = content_services.is_first_post(post)
    refusal = None
    if area.is_archived:
        refusal = ARCHIVED_MESSAGE
    elif first and not is_lead and thread.posts.exclude(author=request.user).exists():
        refusal = FIRST_POST_REFUSAL
    if request.method == "POST" and refusal is None:
        remaining = content_services.post_delete(post=post)
        if remaining is None:
            messages.success(request, f"Die Diskussion „{thread.title}“ wurde mit allen Beiträgen gelöscht.")
            return redirect("facharbeitskreise:thread_list", slug=area.slug)
        messages.success(request, "Der Beitrag wurde gelöscht.")
        return redirect(remaining.get_absolute_url())
    return render(
        request,
        "facharbeitskreise/threads/post_delete.html",
        area_context(
            area,
            post=post,
            thread=thread,
            first=first,
            refusal=refusal,
            attachment_count=post.attachments.count(),
            own=post.author_id == request.user.pk,
        ),
        status=403 if refusal else 200,
    )


@require_http_methods(["GET", "POST"])
def thread_delete(request, slug: str, pk: int):
    area = area_for(request, slug, Role.LEITUNG)
    thread = get_object_or_404(area.threads, pk=pk)
    refusal = ARCHIVED_MESSAGE if area.is_archived else None
    if request.method == "POST" and refusal is None:
        content_services.thread_delete(thread=thread)
        messages.success(request, f"Die Diskussion „{thread.title}“ wurde mit allen Beiträgen gelöscht.")
        return redirect("facharbeitskreise:thread_list", slug=area.slug)
    return render(
        request,
        "facharbeitskreise/threads/thread_delete.html",
        area_context(
            area,
            thread=thread,
            refusal=refusal,
            post_count=thread.posts.count(),
            attachment_count=PostAttachment.objects.filter(post__thread=thread).count(),
        ),
        status=403 if refusal else 200,
    )
