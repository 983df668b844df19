from django.core.management.base import BaseCommand

from newsletter.services import data_cleanup


class Command(BaseCommand):
    help = (
        "Deletes unconfirmed newsletter subscriptions after their link expired, old opt-out records and the "
        "addresses of old deliveries (data minimisation; run daily)."
    )

    def handle(self, *args, **options) -> None:
        report = data_cleanup()
        self.stdout.write(
            f"{report.unconfirmed_deleted} unbestätigte Anmeldung(en) gelöscht, "
            f"{report.optouts_deleted} alte Abmeldung(en) gelöscht, "
            f"{report.deliveries_anonymised} Zustellung(en) anonymisiert."
        )
