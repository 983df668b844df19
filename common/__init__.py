"""The portal's bottom layer (like healthchecks' `hc/lib`): pieces every app needs and none owns.

Mail building and sending, the admin bases, the one Markdown renderer with its policies, the
office group's permissions, the open rubrics and the office's contact details. `common` imports
no app of ours (settings only through `django.conf.settings`), so every app may import it;
tests/common/test_layer.py keeps it that way.
"""
