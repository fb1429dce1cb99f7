"""The HTTP service: a JSON API for municipal tools and a form page for buyers (`mvoi-criteria serve`).

Needs the `web` extra (`pip install "mvoi-criteria[web]"`).
"""

from .app import create_app
from .limits import Settings

__all__ = ["Settings", "create_app"]
