"""Hypothesis profiles for the whole repository: a quick one locally, a thorough one in CI.

HYPOTHESIS_PROFILE=dev|ci chooses; CI=true (set by .ci/run) picks ci by default.
"""

import os
import shutil
import tempfile

from hypothesis import HealthCheck, settings

settings.register_profile("dev", max_examples=40, deadline=None)
settings.register_profile("ci", max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci" if os.environ.get("CI") else "dev"))


_cache_dir: str | None = None


def pytest_configure(config):
    """Point the pack cache at a fresh directory for the whole run (subprocesses inherit it), so tests
    never read or write the user's cache and start cold."""
    global _cache_dir
    if "MVOI_CRITERIA_CACHE_DIR" not in os.environ:
        _cache_dir = tempfile.mkdtemp(prefix="mvoi-criteria-cache-")
        os.environ["MVOI_CRITERIA_CACHE_DIR"] = _cache_dir


def pytest_unconfigure(config):
    if _cache_dir is not None:
        shutil.rmtree(_cache_dir, ignore_errors=True)
