"""Demo support data for ``load_demo``: two on-call engineers with a fortnight of shifts, and fault
reports in every state of the workflow with their timelines and notifications, so that a newcomer
opens a working queue (new, overdue, awaiting information, in progress, resolved, not a fault).

Reports go through the same code as real ones (``submit_report`` and the workflow's transitions), so
their timelines and outbox messages are what staff would see. Runs once: demo reports are recognised
by their ``DEMO-`` user identifiers.
"""

import contextlib
import io
from datetime import datetime, time, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction
from django.utils import timezone

from catalogue.queries import live_trainers
from support.helpdesk import workflow
from support.helpdesk.admin import SUPPORT_GROUP
from support.helpdesk.models.reports import DutyShift, FaultReport, NotAFaultReason
from support.helpdesk.services import submit_report

ENGINEERS = [
    ("duty.ivanov", "Алексей", "Иванов"),
    ("duty.petrova", "Мария", "Петрова"),
]
SHIFT_DAYS = 14

# (uin, full name, phone, e-mail, language, trainer index, description, actions, age in hours)
REPORTS = [
    (
        "DEMO-1001",
        "Смирнов Олег Викторович",
        "+79161234501",
        "o.smirnov@example.com",
        "ru",
        0,
        "После обновления тренажёр зависает на экране загрузки сценария, шлем Quest 3.",
        [],
        1,
    ),
    (
        "DEMO-1002",
        "Кузнецова Анна Сергеевна",
        "+79161234502",
        "",
        "ru",
        1,
        "Не открывается WebGL-демо: чёрный экран в браузере на рабочем ноутбуке.",
        [],
        30,
    ),
    (
        "DEMO-1003",
        "John Miller",
        "+447911123456",
        "j.miller@example.com",
        "en",
        2,
        "The assessment report is not saved at the end of the scenario.",
        [("review", {}), ("request_info", {"message": "Which version of the trainer is installed?"})],
        20,
    ),
    (
        "DEMO-1004",
        "Попов Дмитрий Андреевич",
        "+79161234504",
        "d.popov@example.com",
        "ru",
        3,
        "Контроллер не распознаёт жест захвата инструмента в третьем шаге.",
        [("review", {}), ("start_work", {})],
        6,
    ),
    (
        "DEMO-1005",
        "Волкова Елена Игоревна",
        "+79161234505",
        "",
        "ru",
        4,
        "Сборка для Windows не скачивается: ссылка выдаёт ошибку.",
        [
            ("review", {}),
            ("start_work", {}),
            ("resolve", {"message": "Ссылка на сборку исправлена, скачивание работает."}),
        ],
        50,
    ),
    (
        "DEMO-1006",
        "Соколов Иван Петрович",
        "+79161234506",
        "i.sokolov@example.com",
        "ru",
        5,
        "На старом планшете тренажёр запускается с артефактами изображения.",
        [
            (
                "review",
                {},
            ),
            (
                "not_a_fault",
                {
                    "reason": NotAFaultReason.INCOMPATIBLE_EQUIPMENT,
                    "note": "Планшет без поддержки WebGL 2, см. системные требования.",
                },
            ),
        ],
        75,
    ),
]


def _engineers():
    group = Group.objects.filter(name=SUPPORT_GROUP).first()
    users = []
    for username, first, last in ENGINEERS:
        user, created = get_user_model().objects.get_or_create(
            username=username,
            defaults={"first_name": first, "last_name": last, "email": f"{username}@example.com"},
        )
        if created:
            user.set_unusable_password()  # demo people, not accounts to sign in with
            user.save()
        if group:
            user.groups.add(group)
        users.append(user)
    return users


def _shifts(engineers):
    """Day and night shifts for the next fortnight, the engineers taking turns; Sunday night is left
    open, so the roster shows what a gap looks like."""
    if DutyShift.objects.exists():
        return 0
    zone = timezone.get_current_timezone()
    today = timezone.localdate()
    shifts = []
    for day in range(-1, SHIFT_DAYS):
        date = today + timedelta(days=day)
        morning = datetime.combine(date, time(9), tzinfo=zone)
        evening = datetime.combine(date, time(21), tzinfo=zone)
        shifts.append(DutyShift(engineer=engineers[day % 2], start=morning, end=evening))
        if date.weekday() != 6:
            shifts.append(
                DutyShift(engineer=engineers[(day + 1) % 2], start=evening, end=evening + timedelta(hours=12))
            )
    for shift in shifts:
        shift.save()  # one by one: a save starts a new cache generation, bulk_create would not
    return len(shifts)


def _reports(engineers):
    trainers = {language: list(live_trainers(language)) for language in ("ru", "en")}
    made = 0
    for uin, name, phone, email, language, trainer_index, description, actions, age in REPORTS:
        pool = trainers[language]
        report, _token = submit_report(
            full_name=name,
            uin=uin,
            phone=phone,
            email=email,
            description=description,
            language=language,
            trainer=pool[trainer_index % len(pool)] if pool else None,
            environment={"browser": "Chrome 131", "os": "Windows 11", "screen": "1920x1080"},
        )
        for action, options in actions:
            workflow.apply(report, action, actor=engineers[made % 2], **options)
        # Backdated, so that response targets and "overdue" show as they would in a real queue.
        created = timezone.now() - timedelta(hours=age)
        FaultReport.objects.filter(pk=report.pk).update(created_at=created)
        report.events.filter(kind="created").update(created_at=created)
        made += 1
    return made


def load(ctx):
    engineers = _engineers()
    shifts = _shifts(engineers)
    if FaultReport.objects.filter(uin__startswith="DEMO-").exists():
        ctx.log("support: demo reports already loaded")
        return
    # Development's console e-mail backend prints every acknowledgement; the messages still go through
    # the outbox and are delivered, but the command's own report stays readable.
    # All the demo reports or none, so that a failed run can simply be repeated.
    with contextlib.redirect_stdout(io.StringIO()), transaction.atomic():
        made = _reports(engineers)
    ctx.log(f"support: {made} fault reports in every state, {shifts} duty shifts, their notifications")
