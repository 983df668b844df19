from django.apps import AppConfig


class DevtoolsConfig(AppConfig):
    """The benchmark commands; development and test settings only (see the package docstring)."""

    name = "devtools"
    verbose_name = "Entwicklungswerkzeuge"
