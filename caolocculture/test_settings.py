"""Settings for pytest: the real settings, with a throwaway key since tests run with DEBUG off."""

import os
import tempfile
import uuid

os.environ.setdefault("SECRET_KEY", "test-only-insecure-key")
# Uploads go to a scratch folder, shared with the worker process through the environment.
os.environ.setdefault("MEDIA_ROOT", tempfile.mkdtemp(prefix="caoloc-test-media-"))
# The cache is the real one (Redis, when the broker is); this run's keys are its own, shared
# with the processes it starts (gunicorn, workers) and with no earlier run.
os.environ.setdefault("CACHE_KEY_PREFIX", f"test-{uuid.uuid4().hex[:8]}")

from .settings import *  # noqa: E402, F403

# Fast hashing in tests: real PBKDF2 costs ~0.3 s per persona.
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Tasks run in-process in tests; the worker tests switch a real worker on for themselves, and a
# process they start beside it (gunicorn) is told CELERY_TASK_ALWAYS_EAGER=False.
CELERY_TASK_ALWAYS_EAGER = envbool("CELERY_TASK_ALWAYS_EAGER", "True")  # noqa: F405

# Tests serve static files from the source folders, as development does (no collectstatic).
STORAGES = {**STORAGES, "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}  # noqa: F405
WHITENOISE_USE_FINDERS = True

# The test server speaks plain HTTP; production redirects to HTTPS.
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
