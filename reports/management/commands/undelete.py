from django.apps import apps
from django.core.management.base import BaseCommand, CommandError


# In ``reports`` because it may reach the models of every app; it works on any model that keeps
# a history (django-simple-history).
class Command(BaseCommand):
    help = "Bring back a deleted object from its history: undelete meetings.AgendaItem 42"

    def add_arguments(self, parser):
        parser.add_argument("model", help="app_label.ModelName, e.g. meetings.AgendaItem")
        parser.add_argument("pk", type=int)

    def handle(self, *args, model, pk, **options):
        try:
            model_class = apps.get_model(model)
        except (LookupError, ValueError):
            raise CommandError(f"No model {model!r}.") from None
        if not hasattr(model_class, "history"):
            raise CommandError(f"{model} keeps no history, so it cannot be brought back.")
        if model_class.objects.filter(pk=pk).exists():
            raise CommandError(f"{model} {pk} exists; there is nothing to bring back.")
        last = model_class.history.filter(id=pk).order_by("-history_date").first()
        if last is None or last.history_type != "-":
            raise CommandError(f"The history has no deletion of {model} {pk}.")
        last.instance.save()
        self.stdout.write(f"Brought back {model} {pk}: {last.instance}")
