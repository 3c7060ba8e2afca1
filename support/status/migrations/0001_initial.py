"""The status app takes over its models from the ``support`` app: in the migration state only.

The tables already exist (created by ``support`` 0001-0005 under the same names, see ``Meta.db_table``),
so nothing runs against the database; ``support/0006_hand_over_to_split_apps`` then removes the models
from the ``support`` app's state and moves their content types to this app's label.
"""

import django.db.models.deletion
import django.utils.timezone
import modelcluster.fields
import support.status.models.notices
import wagtail.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('support', '0005_outbox_created_at_db_default'),
        ('catalogue', '0003_cta_link_help_text'),
        ('wagtailcore', '0098_apitoken'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='StatusPage',
                    fields=[
                        ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                        ('intro', wagtail.fields.RichTextField(blank=True, verbose_name='introduction')),
                        ('subscribe_intro', models.TextField(blank=True, help_text='Shown above the subscription form: what subscribers receive and how often.', verbose_name='subscription text')),
                        ('consent_text', models.TextField(blank=True, help_text='Consent to personal-data processing (152-FZ) the subscriber must accept.', verbose_name='consent text')),
                    ],
                    options={
                        'verbose_name': 'service status page',
                        'db_table': 'support_statuspage',
                    },
                    bases=('wagtailcore.page',),
                ),
                migrations.CreateModel(
                    name='WorkingDayException',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('date', models.DateField(unique=True, verbose_name='date')),
                        ('is_working', models.BooleanField(help_text='Ticked: a working day; empty: a day off.', verbose_name='working day')),
                        ('note', models.CharField(blank=True, help_text='Decree or reason.', max_length=255, verbose_name='note')),
                    ],
                    options={
                        'verbose_name': 'working-day exception',
                        'verbose_name_plural': 'working-day exceptions',
                        'db_table': 'support_workingdayexception',
                        'ordering': ['-date'],
                    },
                ),
                migrations.CreateModel(
                    name='MaintenanceNoticePage',
                    fields=[
                        ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                        ('description', wagtail.fields.RichTextField(help_text='What happens and why.', verbose_name='description')),
                        ('starts_at', models.DateTimeField(help_text='Moscow time (MSK, UTC+3).', verbose_name='window start')),
                        ('ends_at', models.DateTimeField(help_text='Moscow time (MSK, UTC+3).', verbose_name='window end')),
                        ('kind', models.CharField(choices=[('planned', 'Planned maintenance'), ('security', 'Critical security update')], default='planned', max_length=16, verbose_name='kind')),
                        ('justification', models.TextField(blank=True, help_text='Required for a critical security update: why it cannot wait for 3 working days.', verbose_name='justification')),
                        ('impact', models.CharField(choices=[('maintenance', 'Unavailable (maintenance)'), ('degraded', 'Degraded performance')], default='maintenance', max_length=16, verbose_name='impact')),
                        ('whole_platform', models.BooleanField(default=False, verbose_name='whole platform')),
                        ('components', models.JSONField(blank=True, default=list, verbose_name='components')),
                        ('cancelled', models.BooleanField(default=False, verbose_name='cancelled')),
                        ('completed_at', models.DateTimeField(blank=True, help_text='Set when the works end before the window.', null=True, verbose_name='completed early at')),
                        ('trainers', modelcluster.fields.ParentalManyToManyField(blank=True, related_name='+', to='catalogue.simulatorpage', verbose_name='affected trainers')),
                    ],
                    options={
                        'verbose_name': 'maintenance notice',
                        'verbose_name_plural': 'maintenance notices',
                        'db_table': 'support_maintenancenoticepage',
                    },
                    bases=('wagtailcore.page',),
                ),
                migrations.CreateModel(
                    name='MaintenanceUpdate',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('sort_order', models.IntegerField(blank=True, editable=False, null=True)),
                        ('posted_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='posted at')),
                        ('kind', models.CharField(choices=[('note', 'Update'), ('extended', 'Extended'), ('cancelled', 'Cancelled'), ('completed', 'Completed early')], default='note', max_length=16, verbose_name='kind')),
                        ('message', models.TextField(verbose_name='message')),
                        ('page', modelcluster.fields.ParentalKey(on_delete=django.db.models.deletion.CASCADE, related_name='updates', to='status.maintenancenoticepage')),
                    ],
                    options={
                        'db_table': 'support_maintenanceupdate',
                        'ordering': ['sort_order'],
                        'abstract': False,
                    },
                ),
                migrations.CreateModel(
                    name='NoticeDispatch',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('notice_key', models.UUIDField(db_index=True, verbose_name='notice translation key')),
                        ('notice_title', models.CharField(max_length=255, verbose_name='notice')),
                        ('event', models.CharField(choices=[('published', 'Announced'), ('changed', 'Changed'), ('cancelled', 'Cancelled'), ('reminder', 'Reminder'), ('completed', 'Works completed')], max_length=16, verbose_name='event')),
                        ('fingerprint', models.CharField(max_length=32, verbose_name='revision fingerprint')),
                        ('sent_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='sent at')),
                        ('recipients', models.PositiveIntegerField(default=0, verbose_name='recipients')),
                    ],
                    options={
                        'verbose_name': 'maintenance notification',
                        'verbose_name_plural': 'maintenance notifications',
                        'db_table': 'support_noticedispatch',
                        'ordering': ['-sent_at'],
                        'constraints': [models.UniqueConstraint(fields=('notice_key', 'event', 'fingerprint'), name='maint_dispatch_once')],
                    },
                ),
                migrations.CreateModel(
                    name='Subscriber',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('email', models.EmailField(blank=True, max_length=254, verbose_name='e-mail')),
                        ('phone', models.CharField(blank=True, max_length=20, verbose_name='phone (E.164)')),
                        ('language', models.CharField(default='ru', max_length=8, verbose_name='language')),
                        ('all_trainers', models.BooleanField(default=True, verbose_name='all notices')),
                        ('token', models.CharField(default=support.status.models.notices._new_token, editable=False, max_length=64, unique=True)),
                        ('consent_at', models.DateTimeField(verbose_name='consent given at')),
                        ('email_confirmed_at', models.DateTimeField(blank=True, null=True, verbose_name='e-mail confirmed at')),
                        ('unsubscribed_at', models.DateTimeField(blank=True, null=True, verbose_name='unsubscribed at')),
                        ('created_at', models.DateTimeField(auto_now_add=True)),
                        ('trainers', models.ManyToManyField(blank=True, related_name='+', to='catalogue.simulatorpage', verbose_name='trainers')),
                    ],
                    options={
                        'verbose_name': 'maintenance subscriber',
                        'verbose_name_plural': 'maintenance subscribers',
                        'db_table': 'support_subscriber',
                        'ordering': ['-created_at'],
                    },
                ),
    
            ],
        ),
    ]
