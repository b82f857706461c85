"""The subscription models now live in the subscriptions app (its migration 0001).

State only: the tables stay, under their old names, owned by that app.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("pressroom", "0005_series_newest_index"),
        ("subscriptions", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.DeleteModel(name="Delivery"),
                migrations.DeleteModel(name="SubscriptionEvent"),
                migrations.DeleteModel(name="Subscription"),
            ],
        ),
    ]
