"""Made by `mvoi-criteria pack new`: registers every YAML file in this folder. Nothing to change here."""

from mvoi_criteria.kit import register_pack_folder

mvoi_criteria_register_packs = register_pack_folder(__name__)
