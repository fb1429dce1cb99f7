"""Hypothesis profiles for the whole repository: a quick one locally, a thorough one in CI.

HYPOTHESIS_PROFILE=dev|ci chooses; CI=true (set by .ci/run) picks ci by default.
"""

import os

from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=40, deadline=None)
settings.register_profile("ci", max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


def pytest_configure(config):
    """Point the pack cache at a fresh directory for the whole run (subprocesses inherit it), so tests
    never read or write the user's cache and start cold."""
    import tempfile

    os.environ.setdefault("MVOI_CRITERIA_CACHE_DIR", tempfile.mkdtemp(prefix="mvoi-criteria-cache-"))
