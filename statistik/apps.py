from django.apps import AppConfig


class StatistikConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "statistik"
    verbose_name = "Statistik"

    def ready(self) -> None:
        from suche.signals import search_performed

        from .counting import count_search

        search_performed.connect(count_search, dispatch_uid="statistik-count-search")
