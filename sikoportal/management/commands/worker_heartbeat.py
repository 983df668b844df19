"""Start the worker's heartbeat chain (ExecStartPre of sikoportal-worker.service); see sikoportal.health."""

from django.core.management.base import BaseCommand

from sikoportal.health import ensure_heartbeat


class Command(BaseCommand):
    help = (
        "Stellt den Herzschlag des Hintergrund-Workers ein, falls keiner wartet (/readyz prüft sein Alter). "
        "Wiederholbar; läuft vor jedem Start des Workers."
    )

    def handle(self, *args, **options) -> None:
        if ensure_heartbeat():
            self.stdout.write("Herzschlag des Workers eingestellt.")
        else:
            self.stdout.write("Ein Herzschlag wartet bereits (oder es gibt keine Datenbank-Warteschlange).")
