"""The notifications app takes over its models from the ``support`` app: in the migration state only.

The tables already exist (created by ``support`` 0001-0005 under the same names, see ``Meta.db_table``),
so nothing runs against the database; ``support/0006_hand_over_to_split_apps`` then removes the models
from the ``support`` app's state and moves their content types to this app's label.
"""

import django.db.models.deletion
import django.db.models.functions.datetime
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('support', '0005_outbox_created_at_db_default'),
        ('contenttypes', '0002_remove_content_type_name'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='OutboxMessage',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('channel', models.CharField(choices=[('email', 'e-mail'), ('sms', 'SMS')], max_length=8, verbose_name='channel')),
                        ('recipient', models.CharField(help_text='E-mail address or E.164 phone.', max_length=254, verbose_name='recipient')),
                        ('language', models.CharField(choices=[('ru', 'Russian'), ('en', 'English')], default='ru', max_length=2, verbose_name='language')),
                        ('template', models.CharField(max_length=100, verbose_name='template')),
                        ('context', models.JSONField(blank=True, default=dict, verbose_name='context')),
                        ('subject', models.CharField(blank=True, max_length=255, verbose_name='subject')),
                        ('body', models.TextField(verbose_name='body')),
                        ('status', models.CharField(choices=[('pending', 'pending'), ('sent', 'sent'), ('failed', 'failed'), ('cancelled', 'cancelled')], db_index=True, default='pending', max_length=10, verbose_name='status')),
                        ('attempts', models.PositiveSmallIntegerField(default=0, verbose_name='attempts')),
                        ('next_attempt_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='next attempt at')),
                        ('last_error', models.TextField(blank=True, verbose_name='last error')),
                        ('sent_at', models.DateTimeField(blank=True, null=True, verbose_name='sent at')),
                        ('created_at', models.DateTimeField(db_default=django.db.models.functions.datetime.Now(), editable=False, verbose_name='created at')),
                        ('dedup_key', models.CharField(blank=True, help_text='Callers set it to make sure a message is queued once, never twice.', max_length=200, null=True, unique=True, verbose_name='deduplication key')),
                        ('source_id', models.CharField(blank=True, max_length=64)),
                        ('source_type', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to='contenttypes.contenttype')),
                    ],
                    options={
                        'verbose_name': 'outbox message',
                        'verbose_name_plural': 'outbox messages',
                        'db_table': 'support_outboxmessage',
                        'ordering': ['-created_at', '-pk'],
                        'indexes': [models.Index(fields=['status', 'next_attempt_at'], name='support_out_status_c6e692_idx'), models.Index(fields=['source_type', 'source_id'], name='support_out_source__92463c_idx')],
                    },
                ),
    
            ],
        ),
    ]
