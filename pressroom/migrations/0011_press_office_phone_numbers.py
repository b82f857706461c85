import re

from django.db import migrations, models


def one_number_per_line(apps, schema_editor):
    """ "(0 28 61) 82 21 - 11 / 13" was two numbers behind one link: now two lines."""
    office_model = apps.get_model("pressroom", "PressOffice")
    for office in office_model.objects.all():
        first, *others = [part.strip() for part in office.phone.split("/")]
        lines = [first] if first else []
        for other in others:
            if re.fullmatch(r"\d{1,4}", other) and first:
                # Only the last digits differ: the first number with its ending replaced.
                keep = len(re.sub(r"\D", "", first)) - len(other)
                positions = [i for i, char in enumerate(first) if char.isdigit()]
                lines.append(first[: positions[keep]] + other)
            elif other:
                lines.append(other)
        office.phone = "\n".join(lines)
        office.save(update_fields=["phone"])


class Migration(migrations.Migration):
    dependencies = [
        ("pressroom", "0010_correction_withdrawal"),
    ]

    operations = [
        migrations.AlterField(
            model_name="pressoffice",
            name="phone",
            field=models.TextField(
                blank=True,
                help_text="Eine Nummer je Zeile, mit Vorwahl, wie sie angezeigt werden soll, z. B. „(0 28 61) 82 21 - 11“. Jede Nummer wird einzeln verlinkt.",
                verbose_name="Telefon",
            ),
        ),
        migrations.RunPython(one_number_per_line, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="pressoffice",
            name="phone_link",
        ),
    ]
