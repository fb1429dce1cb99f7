"""Schemas are found both as package data (wheel) and in the repository (editable install)."""

from importlib import resources
from pathlib import Path

from mvoi_criteria import validation

REPOSITORY = Path(__file__).resolve().parents[1]


def test_editable_install_reads_the_repository_schemas(monkeypatch):
    def no_schema_package(name):
        raise ModuleNotFoundError(name)

    validation.schema_folder.cache_clear()
    monkeypatch.setattr(resources, "files", no_schema_package)
    monkeypatch.setattr(validation, "__file__", str(REPOSITORY / "src" / "mvoi_criteria" / "validation.py"))
    try:
        folder = validation.schema_folder()
        assert folder.joinpath("tender-profile.schema.json").is_file()
        assert folder == REPOSITORY / "schemas"
    finally:
        validation.schema_folder.cache_clear()
