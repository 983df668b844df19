from django.core.management.base import BaseCommand

from newsletter.services import dispatches_resume


class Command(BaseCommand):
    help = (
        "Hands every newsletter dispatch that is still running back to the worker, e.g. after the worker "
        "was killed. Safe to run at any time (ExecStartPre of the worker's systemd unit): nobody gets an "
        "issue twice."
    )

    def handle(self, *args, **options) -> None:
        resumed = dispatches_resume()
        if resumed:
            self.stdout.write(f"Versand fortgesetzt für Ausgabe(n): {', '.join(map(str, resumed))}")
        else:
            self.stdout.write("Kein laufender Newsletter-Versand.")
