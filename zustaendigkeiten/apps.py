from django.apps import AppConfig


class ZustaendigkeitenConfig(AppConfig):
    """ "Wer ist zuständig?": who answers for a Fachgebiet in a city or Kreis at which authority.

    Its own app because it belongs to neither side alone: an entry joins a Fachgebiet
    (fachgebiete) with a person and her authority (partner), and both of those pages show it.
    It depends on both; neither depends on it (their pages show its boxes through the sections
    listed in the settings, see common.sections and `zustaendigkeiten/sections.py`)."""

    default_auto_field = "django.db.models.BigAutoField"
    name = "zustaendigkeiten"
    verbose_name = "Wer ist zuständig?"
    # The office maintains every entry of every authority (common.roles).
    office_permissions = [("zustaendigkeit", "manage_zustaendigkeiten")]
