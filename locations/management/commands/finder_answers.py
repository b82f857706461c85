"""Print the finder's answers for some inputs as a table (for staff checks and reports)."""

from django.core.management.base import BaseCommand

from locations.finder import Kind, find

# A sample across the cases: qualified districts, towns, typos, namesakes, neighbours, junk.
SAMPLE = [
    "46397",
    "Oeding (Südlohn)",
    "Epe (Gronau)",
    "Gronau-Epe",
    "Heek/Nienborg",
    "Ahaus (Münsterland)",
    "Weseke",
    "Maria Veen",
    "Alstaette",
    "Gemen",
    "Gemen (Schöppingen)",
    "Brinkerhook (Alstätte)",
    "Bochold",
    "Borken (Hessen)",
    "Gronau (Leine)",
    "Münster",
    "Winterswijk",
    "Heiden",
    "Ahausen",
    "xyz",
]


def describe(answer) -> str:
    if answer.kind == Kind.FOUND:
        office = answer.office.name if answer.office else "(kein Standort eingetragen)"
        text = f"{answer.place.label} → {office}"
        if answer.namesakes:
            text += f"; gleichnamig außerhalb: {', '.join(n.name for n in answer.namesakes)}"
        return text
    if answer.ambiguous:
        return "fragt nach: " + " oder ".join(answer.choices)
    if answer.kind == Kind.OUTSIDE:
        place = answer.outside_place
        where = f" ({place.display_name}, {place.region})" if place and place.region else ""
        text = (
            "außerhalb"
            + where
            + (", Niederlande: nicht betreut" if place and place.is_dutch else "")
        )
        return text + (
            f"; Meinten Sie: {', '.join(answer.suggestions)}" if answer.suggestions else ""
        )
    return "unbekannt" + (
        f"; Meinten Sie: {', '.join(answer.suggestions)}" if answer.suggestions else ""
    )


class Command(BaseCommand):
    help = "Show the finder's answer for each input (default: a sample of 20) as a Markdown table."

    def add_arguments(self, parser):
        parser.add_argument("inputs", nargs="*", help="what a citizen types")

    def handle(self, *args, **options):
        self.stdout.write("| Eingabe | Antwort |\n| --- | --- |")
        for query in options["inputs"] or SAMPLE:
            answer = find(" ".join(query.split()))
            self.stdout.write(f"| {query} | {describe(answer)} |")
