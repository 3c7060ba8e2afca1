"""The helpdesk's part of ``bootstrap_site``: the support page in Russian and English under each home
page (the "Support" group comes from the data migrations, which ``bootstrap_site`` checks)."""

from support.helpdesk.models import SupportPage

SUPPORT_SLUG = "support"

FAQ_RU = [
    (
        "Тренажёр не запускается в браузере",
        "<p>Проверьте, что браузер поддерживает WebGL 2 и обновлён до последней версии.</p>",
    ),
    ("Как узнать статус обращения?", "<p>Откройте ссылку из письма или SMS с подтверждением.</p>"),
    (
        "Когда проводятся профилактические работы?",
        "<p>Преимущественно во внерабочее время; мы предупреждаем не менее чем за 3 рабочих дня.</p>",
    ),
]
FAQ_EN = [
    (
        "The trainer does not start in the browser",
        "<p>Check that your browser supports WebGL 2 and is up to date.</p>",
    ),
    ("How do I follow my report?", "<p>Open the link from the acknowledgement e-mail or SMS.</p>"),
    (
        "When does maintenance happen?",
        "<p>Mostly outside working hours; we announce it at least 3 working days ahead.</p>",
    ),
]
CONTACTS_RU = (
    '<p>Электронная почта: <a href="mailto:support@vt-pro.ru">support@vt-pro.ru</a></p>'
    "<p>Или позвоните вашему персональному менеджеру.</p>"
)
CONTACTS_EN = (
    '<p>E-mail: <a href="mailto:support@vt-pro.ru">support@vt-pro.ru</a></p>'
    "<p>Or call your personal manager.</p>"
)
CONSENT_RU = (
    "<p>Отправляя форму, я даю ООО «Виар Про» согласие на обработку моих персональных данных (ФИО, УИН, "
    "телефон, адрес электронной почты) в соответствии с Федеральным законом № 152-ФЗ «О персональных данных» "
    "для рассмотрения уведомления о неисправности и связи со мной.</p>"
)
CONSENT_EN = (
    "<p>By sending this form I consent to VR Pro LLC processing my personal data (full name, UIN, phone, "
    "e-mail) under Federal Law No. 152-FZ on Personal Data to handle my fault report and contact me.</p>"
)


def _faq(items):
    return [("faq", {"question": q, "answer": a}) for q, a in items]


def ensure_support_page(ctx):
    """The support page with the fault report form under each home page; returns ``(ru, en)``."""
    return ctx.ensure_pair(
        ctx.homes["ru"],
        ctx.homes["en"],
        SupportPage,
        SUPPORT_SLUG,
        ru={
            "title": "Техническая поддержка",
            "show_in_menus": True,
            "intro": "<p>Заметили неисправность или перерыв в работе сервиса? Сообщите нам — мы ответим на "
            "каждое обращение.</p>",
            "contacts": CONTACTS_RU,
            "faq": _faq(FAQ_RU),
            "consent_text": CONSENT_RU,
        },
        en={
            "title": "Technical support",
            "show_in_menus": True,
            "intro": "<p>Noticed a fault or an interruption of the service? "
            "Tell us: we answer every report.</p>",
            "contacts": CONTACTS_EN,
            "faq": _faq(FAQ_EN),
            "consent_text": CONSENT_EN,
        },
        keep_existing=True,
    )


def load(ctx):
    ru, en = ensure_support_page(ctx)
    ctx.log_pages("support", ru, en)
