"""Sociale veiligheid criteria pack: registers its pack.yaml with mvoi-criteria."""

from importlib.resources import files

from mvoi_criteria import hookimpl


@hookimpl
def mvoi_criteria_register_packs(register):
    register(files(__name__) / "pack.yaml")
