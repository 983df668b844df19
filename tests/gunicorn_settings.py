"""sikoportal.settings.production for a gunicorn that a test starts.

Unchanged except for where collectstatic puts the files (a temporary directory instead of the
checkout's staticfiles/): the manifest storage of production needs them to render a page.
"""

import os

from sikoportal.settings.production import *  # noqa: F403

STATIC_ROOT = os.environ["SIKO_TEST_STATIC_ROOT"]
