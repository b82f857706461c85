"""Subscriptions move out of pressroom into their own app, rows and tables untouched.

Only Django's model state moves (the tables keep their pressroom_ names,
see the models' db_table); the content types are relabelled so that
permissions, group assignments and admin history stay attached.
"""

import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models

MOVED = ["subscription", "subscriptionevent", "delivery"]


def relabel_content_types(apps, schema_editor, old="pressroom", new="subscriptions"):
    ContentType = apps.get_model("contenttypes", "ContentType")
    ContentType.objects.filter(app_label=new, model__in=MOVED).delete()  # made by nothing yet
    ContentType.objects.filter(app_label=old, model__in=MOVED).update(app_label=new)


def restore_content_types(apps, schema_editor):
    relabel_content_types(apps, schema_editor, old="subscriptions", new="pressroom")


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("pressroom", "0005_series_newest_index"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='Subscription',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('email', models.EmailField(max_length=254, verbose_name='E-Mail-Adresse')),
                        ('scope', models.CharField(choices=[('all', 'alle Pressemitteilungen'), ('series', 'eine Serie'), ('topic', 'ein Thema')], max_length=10, verbose_name='Umfang')),
                        ('scope_key', models.CharField(editable=False, max_length=30)),
                        ('language', models.CharField(choices=[('de', 'Deutsch'), ('en', 'Englisch'), ('nl', 'Niederländisch'), ('tr', 'Türkisch'), ('uk', 'Ukrainisch'), ('ar', 'Arabisch')], max_length=10, verbose_name='Sprache')),
                        ('state', models.CharField(choices=[('pending', 'angefragt, noch nicht bestätigt'), ('confirmed', 'bestätigt'), ('unsubscribed', 'abgemeldet')], default='pending', max_length=12, verbose_name='Status')),
                        ('requested_at', models.DateTimeField(verbose_name='angefragt am')),
                        ('confirmed_at', models.DateTimeField(blank=True, null=True, verbose_name='bestätigt am')),
                        ('unsubscribed_at', models.DateTimeField(blank=True, null=True, verbose_name='abgemeldet am')),
                        ('series', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='subscriptions', to='pressroom.series', verbose_name='Serie')),
                        ('topic', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='subscriptions', to='pressroom.topic', verbose_name='Thema')),
                    ],
                    options={
                        'verbose_name': 'E-Mail-Abonnement',
                        'verbose_name_plural': 'E-Mail-Abonnements',
                        'db_table': 'pressroom_subscription',
                        'ordering': ['-requested_at'],
                    },
                ),
                migrations.CreateModel(
                    name='Delivery',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('email', models.EmailField(max_length=254, verbose_name='E-Mail-Adresse')),
                        ('status', models.CharField(choices=[('pending', 'wartet'), ('sending', 'wird gesendet'), ('sent', 'gesendet'), ('failed', 'endgültig fehlgeschlagen'), ('cancelled', 'entfallen')], default='pending', max_length=10, verbose_name='Status')),
                        ('attempts', models.PositiveSmallIntegerField(default=0, verbose_name='Versuche')),
                        ('next_attempt_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='nächster Versuch')),
                        ('lease_until', models.DateTimeField(blank=True, null=True, verbose_name='reserviert bis')),
                        ('sent_at', models.DateTimeField(blank=True, null=True, verbose_name='gesendet am')),
                        ('last_error', models.TextField(blank=True, verbose_name='letzter Fehler')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='angelegt am')),
                        ('release', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='deliveries', to='pressroom.pressrelease', verbose_name='Pressemitteilung')),
                        ('subscription', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='deliveries', to='subscriptions.subscription', verbose_name='Abonnement')),
                    ],
                    options={
                        'verbose_name': 'Versand',
                        'verbose_name_plural': 'Versandprotokoll',
                        'db_table': 'pressroom_delivery',
                        'ordering': ['-created_at', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='SubscriptionEvent',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('kind', models.CharField(choices=[('requested', 'angefragt (Bestätigungsmail gesendet)'), ('reminded', 'erneut angefragt'), ('confirmed', 'bestätigt (Double-Opt-in)'), ('unsubscribed', 'abgemeldet')], max_length=12, verbose_name='Ereignis')),
                        ('at', models.DateTimeField(verbose_name='Zeitpunkt')),
                        ('detail', models.CharField(blank=True, max_length=200, verbose_name='Einzelheiten')),
                        ('subscription', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='subscriptions.subscription')),
                    ],
                    options={
                        'verbose_name': 'Nachweis-Eintrag',
                        'verbose_name_plural': 'Nachweis-Einträge',
                        'db_table': 'pressroom_subscriptionevent',
                        'ordering': ['at', 'pk'],
                    },
                ),
                migrations.AddConstraint(
                    model_name='subscription',
                    constraint=models.UniqueConstraint(fields=('email', 'scope_key'), name='unique_subscription'),
                ),
                migrations.AddIndex(
                    model_name='delivery',
                    index=models.Index(fields=['status', 'next_attempt_at'], name='delivery_due_idx'),
                ),
                migrations.AddConstraint(
                    model_name='delivery',
                    constraint=models.UniqueConstraint(fields=('subscription', 'release'), name='unique_delivery_subscription'),
                ),
                migrations.AddConstraint(
                    model_name='delivery',
                    constraint=models.UniqueConstraint(fields=('release', 'email'), name='unique_delivery_email'),
                ),
            ],
        ),
        migrations.RunPython(relabel_content_types, restore_content_types),
    ]
