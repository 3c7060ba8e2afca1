"""Texts of the site's own pages (created by ``bootstrap_site``). The lifecycle page carries the
service rules of the lifecycle-support document (Russian original, English translation)."""

HOME = {
    "ru": {
        "title": "Виртуальные тренажёры",
        "hero_title": "Онлайн-платформа виртуальных тренажёров для профессиональной подготовки",
        "hero_lead": (
            "VR, 3D и WebGL-тренажёры для охраны труда, электробезопасности, промышленной "
            "безопасности и рабочих профессий. Запускайте демо прямо в браузере."
        ),
        "hero_cta_text": "Перейти в каталог",
    },
    "en": {
        "title": "Virtual trainers",
        "hero_title": "The online platform of virtual trainers for professional training",
        "hero_lead": (
            "VR, 3D and WebGL trainers for labour safety, electrical safety, industrial safety and "
            "blue-collar trades. Launch demos right in your browser."
        ),
        "hero_cta_text": "Browse the catalogue",
    },
}


def _p(*paragraphs):
    return [("paragraph", "".join(f"<p>{text}</p>" for text in paragraphs))]


def _h(text):
    return [("heading", {"text": text, "level": "h2"})]


def _ul(items):
    return [("paragraph", "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>")]


ABOUT = {
    "ru": {
        "title": "О платформе",
        "intro": "Платформа объединяет каталог виртуальных тренажёров, их сборки и поддержку.",
        "body": _p(
            "Тренажёры работают в шлемах виртуальной реальности, на компьютерах и прямо в браузере "
            "(WebGL). Каждый тренажёр описан в каталоге: отрасль, профессии, платформы, "
            "продолжительность, сложность и системные требования.",
            "Мы регулярно выпускаем обновления — о них рассказывают заметки о выпуске.",
        ),
    },
    "en": {
        "title": "About the platform",
        "intro": "The platform brings together the catalogue of virtual trainers, their builds and support.",
        "body": _p(
            "Trainers run in VR headsets, on desktop computers and right in the browser (WebGL). The "
            "catalogue describes each trainer: industry, professions, platforms, duration, difficulty "
            "and system requirements.",
            "We release updates regularly; release notes tell you what changed.",
        ),
    },
}

CONTACTS = {
    "ru": {
        "title": "Контакты",
        "intro": "Свяжитесь с нами удобным способом.",
        "body": [
            (
                "contact",
                {
                    "title": "Техническая поддержка",
                    "email": "support@vt-pro.ru",
                    "phone": "",
                    "note": "Или по телефону вашего персонального менеджера.",
                },
            ),
        ],
    },
    "en": {
        "title": "Contacts",
        "intro": "Get in touch the way that suits you.",
        "body": [
            (
                "contact",
                {
                    "title": "Technical support",
                    "email": "support@vt-pro.ru",
                    "phone": "",
                    "note": "Or call your personal manager.",
                },
            ),
        ],
    },
}

LIFECYCLE = {
    "ru": {
        "title": "Поддержание жизненного цикла",
        "intro": (
            "Как мы поддерживаем жизненный цикл сервиса «Онлайн-платформа виртуальных тренажёров "
            "для профессиональной подготовки»: устранение неисправностей, совершенствование и "
            "персонал."
        ),
        "body": [
            *_p("Поддержание жизненного цикла сервиса обеспечивается за счёт:"),
            *_ul(
                [
                    "внутренних практик разработки ПО;",
                    "непрерывного мониторинга за состоянием инфраструктуры;",
                    "наличия дежурных, ответственных за бесперебойную работу сервиса;",
                    "дублирования и резервирования критически важных элементов сетевой и "
                    "эксплуатационной инфраструктуры.",
                ]
            ),
            *_h("Устранение неисправностей, выявленных в ходе эксплуатации"),
            *_p(
                "Неисправности, выявленные в ходе эксплуатации портала, могут быть исправлены "
                "следующим образом:"
            ),
            *_ul(
                [
                    "работа специалиста службы технической поддержки по запросу пользователя;",
                    "массовое автоматическое обновление компонентов сервиса;",
                    "постоянный контроль качества разрабатываемых модулей сервиса.",
                ]
            ),
            *_p(
                "При обнаружении любого понижения качества сервиса или перерыва в предоставлении "
                "сервиса пользователь имеет право направить в адрес организации уведомление о "
                "неисправности. В уведомлении пользователь предоставляет: ФИО, идентификатор (УИН), "
                "контактный телефон, по которому организация сможет осуществить немедленный контакт, "
                "и краткое описание ситуации, трактуемой пользователем как неисправность."
            ),
            *_p("Неисправность не считается таковой, если было выявлено:"),
            *_ul(
                [
                    "проведение плановых профилактических работ;",
                    "сбой в работе элементов, не входящих в зону ответственности организации;",
                    "использование пользователем оборудования, программного обеспечения или "
                    "технологии, несовместимых с ПО.",
                ]
            ),
            *_p(
                "В случае если будет установлено, что неисправность не считается таковой, инцидент "
                "будет закрыт, а пользователь получит соответствующее уведомление. В противном случае "
                "организация примет все возможные меры для скорейшего устранения причин неисправности.",
                "Если информации, необходимой для устранения причин неисправности, недостаточно, "
                "организация направит пользователю обращение с запросом недостающей информации.",
                "После устранения причин неисправности организация уведомляет пользователя о том, что "
                "неисправность устранена.",
            ),
            *_h("Совершенствование сервиса"),
            *_p(
                "Сервис регулярно развивается: в нём по мере необходимости появляются новые "
                "функциональные возможности."
            ),
            (
                "callout",
                {
                    "title": "Профилактические работы",
                    "text": (
                        "<p>При возникновении необходимости в проведении профилактических и ремонтных "
                        "работ организация может приостановить доступ к сервису, уведомив пользователей "
                        "заранее, не менее чем за 3 (три) рабочих дня до начала работ. Организация "
                        "оповещает о проведении профилактических работ и времени, в течение которого "
                        "доступ к сервису будет приостановлен, путём направления соответствующего "
                        "уведомления в электронном виде и/или по контактному телефону.</p>"
                        "<p>Профилактические работы проводятся преимущественно во внерабочее время. "
                        "Исключением являются обновления системы безопасности, обозначенные "
                        "разработчиком программного обеспечения как «критические».</p>"
                    ),
                },
            ),
            *_h("Техническая поддержка"),
            (
                "contact",
                {
                    "title": "Служба технической поддержки",
                    "email": "support@vt-pro.ru",
                    "phone": "",
                    "note": "Или по телефону вашего персонального менеджера.",
                },
            ),
            *_h("Персонал и технологии"),
            *_p(
                "В ООО «Виар Про» работают ИТ-специалисты, сфокусированные на разработке продукта и "
                "внедрении в него новых технологий.",
                "Наш стек технологий: Python 3.11, Django 5.2 LTS, Wagtail, PostgreSQL, "
                "Elasticsearch, JavaScript, Docker, Apache 2.4.",
            ),
        ],
    },
    "en": {
        "title": "Lifecycle support",
        "intro": (
            "How we support the lifecycle of the online platform of virtual trainers for professional "
            "training: fixing faults, improving the service, and the people behind it."
        ),
        "body": [
            *_p("The service's lifecycle is supported by:"),
            *_ul(
                [
                    "in-house software development practices;",
                    "continuous monitoring of the infrastructure;",
                    "on-call engineers responsible for uninterrupted operation;",
                    "duplication and redundancy of critical network and operational infrastructure.",
                ]
            ),
            *_h("Fixing faults found in operation"),
            *_p("Faults found while the portal is in use are fixed through:"),
            *_ul(
                [
                    "work of a technical support specialist at the user's request;",
                    "mass automatic updates of the service's components;",
                    "continuous quality control of the service's modules.",
                ]
            ),
            *_p(
                "Whenever a user notices any loss of quality or interruption of the service, they may "
                "send the organisation a fault report giving their full name, user identifier (UIN), a "
                "contact phone number for immediate contact, and a short description of the situation "
                "they consider a fault."
            ),
            *_p("It is not a fault when it turns out to be:"),
            *_ul(
                [
                    "planned preventive maintenance;",
                    "a failure of components outside the organisation's responsibility;",
                    "the user's equipment, software or technology that is incompatible with the software.",
                ]
            ),
            *_p(
                "If it is established that the report is not a fault, the incident is closed and the "
                "user is notified. Otherwise the organisation takes every possible measure to remove "
                "the cause as soon as possible.",
                "If the information needed to fix the fault is insufficient, the organisation asks the "
                "user for what is missing.",
                "Once the cause is removed, the organisation notifies the user that the fault is fixed.",
            ),
            *_h("Improving the service"),
            *_p("The service evolves regularly, gaining new capabilities as needed."),
            (
                "callout",
                {
                    "title": "Planned maintenance",
                    "text": (
                        "<p>When preventive or repair works are needed, the organisation may suspend "
                        "access to the service after notifying users in advance, at least 3 (three) "
                        "working days before the works start. The organisation announces the preventive "
                        "works and the time during which access to the service will be suspended by "
                        "sending a notice electronically and/or by phone.</p>"
                        "<p>Preventive works are held mostly outside working hours. The exception is "
                        "security updates that the software developer marks as “critical”.</p>"
                    ),
                },
            ),
            *_h("Technical support"),
            (
                "contact",
                {
                    "title": "Technical support",
                    "email": "support@vt-pro.ru",
                    "phone": "",
                    "note": "Or call your personal manager.",
                },
            ),
            *_h("People and technology"),
            *_p(
                "VR Pro LLC employs IT specialists focused on developing the product and bringing new "
                "technology into it.",
                "Our stack: Python 3.11, Django 5.2 LTS, Wagtail, PostgreSQL, Elasticsearch, "
                "JavaScript, Docker, Apache 2.4.",
            ),
        ],
    },
}

DEMO_REQUEST = {
    "ru": {
        "title": "Запрос демонстрации",
        "intro": (
            "<p>Расскажите, каких специалистов вы обучаете, и мы покажем тренажёры в работе: онлайн или "
            "у вас на площадке.</p>"
        ),
        "consent_text": (
            "<p>Отправляя форму, я даю ООО «Виар Про» согласие на обработку моих персональных данных "
            "(имя, организация, телефон, адрес электронной почты) в соответствии с Федеральным законом "
            "№ 152-ФЗ «О персональных данных» для подготовки демонстрации и связи со мной.</p>"
        ),
    },
    "en": {
        "title": "Request a demo",
        "intro": (
            "<p>Tell us whom you train and we will show the trainers at work: online or at your site.</p>"
        ),
        "consent_text": (
            "<p>By sending this form I consent to VR Pro LLC processing my personal data (name, "
            "organisation, phone, e-mail) under Federal Law No. 152-FZ on Personal Data to prepare "
            "the demo and contact me.</p>"
        ),
    },
}
