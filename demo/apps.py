from django.apps import AppConfig


class DemoConfig(AppConfig):
    """`manage.py load_demo` and `demo_totp`; development and test settings only (see the package docstring)."""

    name = "demo"
    verbose_name = "Demo-Daten"
