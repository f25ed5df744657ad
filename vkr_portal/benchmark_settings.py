"""The settings gunicorn runs the portal with in the benchmark's load scenario only: the
portal's own (from the environment, DEBUG off) and the benchmark's URL configuration, so that
the fair floors of vkr_portal/benchmark_urls.py answer through gunicorn as they do in process.

Never the settings of a running portal: `DJANGO_SETTINGS_MODULE` names it only in the
environment of the gunicorn that vkr_portal/benchmarking/load.py starts. Not inside that
package: its `__init__` imports models, which settings must not.
"""

from vkr_portal.settings import *  # noqa: F403
from vkr_portal.settings import DEBUG, STORAGES

ROOT_URLCONF = "vkr_portal.benchmark_urls"

if not DEBUG:
    # The load requests no static file, so the compressed copies WhiteNoise would serve
    # (nine tenths of collectstatic's time) are left out; the hashed names and the manifest
    # that every page's {% static %} reads are production's.
    STORAGES = {
        **STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
    }
