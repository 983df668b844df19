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

from . import content_services
from .access import Role, arbeitskreis_view, first_post_refusal, may_delete_post, may_edit_post
from .content_forms import PostEditForm, ReplyForm, ThreadForm
from .models.content import Post, PostAttachment
from .view_helpers import arbeitskreis_context, form_status, logged_file_response, mark_posts

_FORM = {"methods": ("GET", "POST"), "write": "POST"}


@arbeitskreis_view()
def thread_list(request, arbeitskreis):
    threads = arbeitskreis.threads.select_related("created_by")
    page = Paginator(threads, settings.SIKO_PAGE_SIZE).get_page(request.GET.get("seite"))
    return render(
        request,
        "facharbeitskreise/threads/thread_list.html",
        arbeitskreis_context(arbeitskreis, page=page, total=page.paginator.count),
    )


def _thread_page(request, arbeitskreis, thread, form, status=200):
    # Posts come through the thread (and it through the area), attachments by prefetch: each knows
    # its post, thread and area, so attachment.get_download_url costs no query.
    posts = Paginator(
        thread.posts.select_related("author__partner").prefetch_related(
            Prefetch("attachments", queryset=PostAttachment.objects.select_related("file").defer("file__text"))
        ),
        settings.SIKO_PAGE_SIZE,
    ).get_page(request.GET.get("seite"))
    mark_posts(request.user, arbeitskreis, posts)
    return render(
        request,
        "facharbeitskreise/threads/thread_detail.html",
        arbeitskreis_context(arbeitskreis, thread=thread, page=posts, form=form),
        status=status,
    )


@arbeitskreis_view()
def thread_detail(request, arbeitskreis, pk: int):
    thread = get_object_or_404(arbeitskreis.threads, pk=pk)
    return _thread_page(request, arbeitskreis, thread, ReplyForm())


@arbeitskreis_view(methods=("POST",), write="POST")
def thread_reply(request, arbeitskreis, pk: int):
    thread = get_object_or_404(arbeitskreis.threads, pk=pk)
    form = ReplyForm(request.POST, request.FILES)
    status = form_status(arbeitskreis, form)
    if form.is_valid():
        post = content_services.post_reply(
            thread=thread, user=request.user, body=form.cleaned_data["body"], upload=form.cleaned_data["attachment"]
        )
        messages.success(request, "Ihre Antwort wurde veröffentlicht.")
        last_page = (thread.posts.count() - 1) // settings.SIKO_PAGE_SIZE + 1
        return redirect(f"{thread.get_absolute_url()}?seite={last_page}#beitrag-{post.pk}")
    return _thread_page(request, arbeitskreis, thread, form, status=status)


@arbeitskreis_view(**_FORM)
def thread_create(request, arbeitskreis):
    form = ThreadForm(request.POST or None, request.FILES or None)
    status = form_status(arbeitskreis, form)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        thread = content_services.thread_create(
            arbeitskreis=arbeitskreis,
            user=request.user,
            title=data["title"],
            body=data["body"],
            upload=data["attachment"],
        )
        messages.success(request, f"Die Diskussion „{thread.title}“ wurde eröffnet.")
        return redirect(thread.get_absolute_url())
    return render(
        request,
        "facharbeitskreise/threads/thread_form.html",
        arbeitskreis_context(arbeitskreis, form=form),
        status=status,
    )


@arbeitskreis_view(**_FORM)
def post_edit(request, arbeitskreis, pk: int):
    post = get_object_or_404(Post.objects.select_related("thread"), thread__arbeitskreis=arbeitskreis, pk=pk)
    if not may_edit_post(request.user, post):
        raise PermissionDenied("Sie können nur Ihre eigenen Beiträge bearbeiten.")
    form = PostEditForm(request.POST or None, instance=post)
    status = form_status(arbeitskreis, form)
    if request.method == "POST" and form.is_valid():
        content_services.post_edit(post=post, body=form.cleaned_data["body"])
        messages.success(request, "Ihr Beitrag wurde geändert.")
        return redirect(post.get_absolute_url())
    return render(
        request,
        "facharbeitskreise/threads/post_form.html",
        arbeitskreis_context(arbeitskreis, form=form, post=post, thread=post.thread),
        status=status,
    )


@arbeitskreis_view()
def attachment_download(request, arbeitskreis, pk: int):
    attachment = get_object_or_404(
        PostAttachment.objects.select_related("file").defer("file__text"),
        post__thread__arbeitskreis=arbeitskreis,
        pk=pk,
    )
    return logged_file_response(request, arbeitskreis, attachment.file, f"facharbeitskreise.post:{attachment.post_id}")


@arbeitskreis_view(methods=("GET", "POST"), write=True)
def post_delete(request, arbeitskreis, pk: int):
    post = get_object_or_404(Post.objects.select_related("thread", "author"), thread__arbeitskreis=arbeitskreis, pk=pk)
    thread = post.thread
    if not may_delete_post(request.user, arbeitskreis, post):
        raise PermissionDenied("Sie können nur Ihre eigenen Beiträge löschen.")
    first = content_services.is_first_post(post)
    refusal = first_post_refusal(request.user, arbeitskreis, post, first=first)
    if request.method == "POST" and refusal is None:
        remaining = content_services.post_delete(post=post)
        if remaining is None:
            messages.success(request, f"Die Diskussion „{thread.title}“ wurde mit allen Beiträgen gelöscht.")
            return redirect("facharbeitskreise:thread_list", slug=arbeitskreis.slug)
        messages.success(request, "Der Beitrag wurde gelöscht.")
        return redirect(remaining.get_absolute_url())
    return render(
        request,
        "facharbeitskreise/threads/post_delete.html",
        arbeitskreis_context(
            arbeitskreis,
            post=post,
            thread=thread,
            first=first,
            refusal=refusal,
            attachment_count=post.attachments.count(),
            own=post.author_id == request.user.pk,
        ),
        status=403 if refusal else 200,
    )


@arbeitskreis_view(need=Role.LEITUNG, methods=("GET", "POST"), write=True)
def thread_delete(request, arbeitskreis, pk: int):
    thread = get_object_or_404(arbeitskreis.threads, pk=pk)
    if request.method == "POST":
        content_services.thread_delete(thread=thread)
        messages.success(request, f"Die Diskussion „{thread.title}“ wurde mit allen Beiträgen gelöscht.")
        return redirect("facharbeitskreise:thread_list", slug=arbeitskreis.slug)
    return render(
        request,
        "facharbeitskreise/threads/thread_delete.html",
        arbeitskreis_context(
            arbeitskreis,
            thread=thread,
            post_count=thread.posts.count(),
            attachment_count=PostAttachment.objects.filter(post__thread=thread).count(),
        ),
    )
