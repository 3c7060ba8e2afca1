"""The helpdesk app takes over its models from the ``support`` app: in the migration state only.

The tables already exist (created by ``support`` 0001-0005 under the same names, see ``Meta.db_table``),
so nothing runs against the database; ``support/0006_hand_over_to_split_apps`` then removes the models
from the ``support`` app's state and moves their content types to this app's label.
"""

import django.db.models.deletion
import django.utils.timezone
import support.helpdesk.models.reports
import wagtail.fields
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('support', '0005_outbox_created_at_db_default'),
        ('catalogue', '0003_cta_link_help_text'),
        ('wagtailcore', '0098_apitoken'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='ReferenceCounter',
                    fields=[
                        ('year', models.PositiveIntegerField(primary_key=True, serialize=False)),
                        ('last', models.PositiveIntegerField(default=0)),
                    ],
                    options={
                        'db_table': 'support_referencecounter',
                    },
                ),
                migrations.CreateModel(
                    name='SupportPage',
                    fields=[
                        ('page_ptr', models.OneToOneField(auto_created=True, on_delete=django.db.models.deletion.CASCADE, parent_link=True, primary_key=True, serialize=False, to=settings.WAGTAIL_PAGE_MODEL)),
                        ('intro', wagtail.fields.RichTextField(blank=True, help_text='Shown above the form.', verbose_name='introduction')),
                        ('contacts', wagtail.fields.RichTextField(blank=True, help_text="Support e-mail and the personal manager's phone, as the service rules state.", verbose_name='contacts')),
                        ('faq', wagtail.fields.StreamField([('faq', 2)], blank=True, block_lookup={0: ('wagtail.blocks.CharBlock', (), {'label': 'question', 'max_length': 300}), 1: ('wagtail.blocks.RichTextBlock', (), {'features': ['bold', 'italic', 'link', 'ol', 'ul'], 'label': 'answer'}), 2: ('wagtail.blocks.StructBlock', [[('question', 0), ('answer', 1)]], {})}, verbose_name='FAQ')),
                        ('consent_text', wagtail.fields.RichTextField(help_text='Consent to personal-data processing (152-FZ) the user accepts with the form.', verbose_name='consent text')),
                        ('success_text', models.TextField(blank=True, help_text='Optional extra text shown with the reference.', verbose_name='text after sending')),
                    ],
                    options={
                        'verbose_name': 'support page',
                        'db_table': 'support_supportpage',
                    },
                    bases=('wagtailcore.page',),
                ),
                migrations.CreateModel(
                    name='DutyShift',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('start', models.DateTimeField(verbose_name='start')),
                        ('end', models.DateTimeField(verbose_name='end')),
                        ('note', models.CharField(blank=True, max_length=200, verbose_name='note')),
                        ('engineer', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='engineer')),
                    ],
                    options={
                        'verbose_name': 'duty shift',
                        'verbose_name_plural': 'duty shifts',
                        'db_table': 'support_dutyshift',
                        'ordering': ['-start'],
                    },
                ),
                migrations.CreateModel(
                    name='FaultReport',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('reference', models.CharField(max_length=20, unique=True, verbose_name='reference')),
                        ('token_hash', models.CharField(editable=False, max_length=64)),
                        ('status', models.CharField(choices=[('new', 'New'), ('in_review', 'In review'), ('awaiting_info', 'Awaiting information'), ('in_progress', 'In progress'), ('resolved', 'Resolved'), ('not_a_fault', 'Not a fault'), ('closed', 'Closed')], default='new', max_length=16, verbose_name='status')),
                        ('language', models.CharField(default='ru', max_length=2, verbose_name='language')),
                        ('full_name', models.CharField(max_length=200, verbose_name='full name')),
                        ('uin', models.CharField(db_index=True, max_length=32, verbose_name='user identifier (UIN)')),
                        ('phone', models.CharField(db_index=True, max_length=20, verbose_name='contact phone')),
                        ('email', models.EmailField(blank=True, max_length=254, verbose_name='e-mail')),
                        ('description', models.TextField(verbose_name='description')),
                        ('environment', models.JSONField(blank=True, default=dict, verbose_name='environment details')),
                        ('consent_at', models.DateTimeField(verbose_name='consent given at')),
                        ('hints', models.JSONField(blank=True, default=list, verbose_name='triage hints')),
                        ('not_a_fault_reason', models.CharField(blank=True, choices=[('planned_maintenance', 'Planned maintenance'), ('outside_responsibility', "Failure of elements outside the organisation's responsibility"), ('incompatible_equipment', 'User equipment, software or technology incompatible with the service')], max_length=32, verbose_name='not a fault: reason')),
                        ('not_a_fault_note', models.TextField(blank=True, verbose_name='not a fault: note')),
                        ('maintenance_notice_id', models.PositiveIntegerField(blank=True, null=True, verbose_name='maintenance notice')),
                        ('created_at', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='created at')),
                        ('updated_at', models.DateTimeField(auto_now=True, verbose_name='updated at')),
                        ('first_response_at', models.DateTimeField(blank=True, null=True, verbose_name='first response at')),
                        ('resolved_at', models.DateTimeField(blank=True, null=True, verbose_name='resolved at')),
                        ('closed_at', models.DateTimeField(blank=True, null=True, verbose_name='closed at')),
                        ('anonymised_at', models.DateTimeField(blank=True, null=True, verbose_name='anonymised at')),
                        ('assignee', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='assignee')),
                        ('trainer', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='catalogue.simulatorpage', verbose_name='affected trainer')),
                    ],
                    options={
                        'verbose_name': 'fault report',
                        'verbose_name_plural': 'fault reports',
                        'db_table': 'support_faultreport',
                        'ordering': ['-created_at'],
                    },
                ),
                migrations.CreateModel(
                    name='TimelineEvent',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='time')),
                        ('kind', models.CharField(choices=[('created', 'Created'), ('transition', 'Status change'), ('assigned', 'Assigned'), ('note', 'Internal note'), ('reply', 'User reply'), ('viewed', 'Viewed')], max_length=12, verbose_name='kind')),
                        ('actor_label', models.CharField(blank=True, max_length=150, verbose_name='actor')),
                        ('from_status', models.CharField(blank=True, choices=[('new', 'New'), ('in_review', 'In review'), ('awaiting_info', 'Awaiting information'), ('in_progress', 'In progress'), ('resolved', 'Resolved'), ('not_a_fault', 'Not a fault'), ('closed', 'Closed')], max_length=16)),
                        ('to_status', models.CharField(blank=True, choices=[('new', 'New'), ('in_review', 'In review'), ('awaiting_info', 'Awaiting information'), ('in_progress', 'In progress'), ('resolved', 'Resolved'), ('not_a_fault', 'Not a fault'), ('closed', 'Closed')], max_length=16)),
                        ('public', models.BooleanField(default=False, verbose_name='shown to the user')),
                        ('message', models.TextField(blank=True, verbose_name='message')),
                        ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('report', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='events', to='helpdesk.faultreport')),
                    ],
                    options={
                        'verbose_name': 'timeline event',
                        'verbose_name_plural': 'timeline events',
                        'db_table': 'support_timelineevent',
                        'ordering': ['created_at', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='FaultAttachment',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('file', models.FileField(max_length=255, storage=support.helpdesk.models.reports.private_storage, upload_to='support/attachments/%Y/%m/')),
                        ('original_name', models.CharField(max_length=255)),
                        ('content_type', models.CharField(max_length=100)),
                        ('size', models.PositiveBigIntegerField()),
                        ('created_at', models.DateTimeField(default=django.utils.timezone.now)),
                        ('report', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='attachments', to='helpdesk.faultreport')),
                        ('event', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='helpdesk.timelineevent')),
                    ],
                    options={
                        'verbose_name': 'attachment',
                        'verbose_name_plural': 'attachments',
                        'db_table': 'support_faultattachment',
                    },
                ),
                migrations.AddIndex(
                    model_name='faultreport',
                    index=models.Index(fields=['status', 'created_at'], name='support_fau_status_c1508a_idx'),
                ),
    
            ],
        ),
    ]
