"""Signals of the document machinery, for apps that build on stored files (e.g. the search index)."""

from django.dispatch import Signal

# Sent after the text of stored files was (re-)extracted and saved; kwargs: file_ids (list[int]).
text_extracted = Signal()
