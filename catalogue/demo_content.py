# ruff: noqa: E501 - long literal texts read better unwrapped
"""Texts of the catalogue demo: taxonomy and thirty trainers in Russian and English."""

INDUSTRIES = [
    # slug, ru, en, gradient colours of the generated hero images
    ("work-at-height", "Работы на высоте", "Work at height", ("#0b5cad", "#0d2238")),
    ("electrical-safety", "Электробезопасность", "Electrical safety", ("#f2a900", "#5b3a00")),
    ("fire-safety", "Пожарная безопасность", "Fire safety", ("#d9381e", "#4a0d05")),
    ("first-aid", "Первая помощь", "First aid", ("#2e9e5b", "#0c3a21")),
    ("welding", "Сварочное производство", "Welding", ("#7b4fd0", "#24124a")),
    ("lifting", "Грузоподъёмные механизмы", "Lifting equipment", ("#e06f1f", "#3d1b04")),
    ("oil-gas", "Нефтегазовая отрасль", "Oil and gas", ("#37474f", "#0e1417")),
    ("mining", "Горное дело", "Mining", ("#6d4c41", "#1e120d")),
    ("railway", "Железнодорожный транспорт", "Railway", ("#c62828", "#263238")),
]

PROFESSIONS = [
    ("installer-at-height", "Монтажник-высотник", "Installer at height"),
    ("electrician", "Электромонтёр", "Electrician"),
    ("substation-operator", "Оперативный персонал подстанций", "Substation operator"),
    ("firefighter", "Пожарный", "Firefighter"),
    ("any-worker", "Все работники", "Any employee"),
    ("welder", "Сварщик", "Welder"),
    ("crane-operator", "Машинист крана", "Crane operator"),
    ("slinger", "Стропальщик", "Slinger"),
    ("driller", "Бурильщик", "Driller"),
    ("mine-rescuer", "Горноспасатель", "Mine rescuer"),
    ("track-inspector", "Обходчик пути", "Track inspector"),
    ("safety-engineer", "Специалист по охране труда", "Safety engineer"),
]

PLATFORMS = [
    ("quest-3", "Meta Quest 3", "Meta Quest 3", "vr"),
    ("pico-4", "Pico 4", "Pico 4", "vr"),
    ("windows", "ПК с Windows", "Windows PC", "desktop"),
    ("webgl", "Браузер (WebGL)", "Browser (WebGL)", "web"),
    ("android", "Android", "Android", "mobile"),
]

LANGUAGES = [
    ("ru", "Русский", "Russian"),
    ("en", "Английский", "English"),
    ("kk", "Казахский", "Kazakh"),
]

# slug, industry, professions, platforms, languages, minutes, difficulty,
# (ru title, ru summary), (en title, en summary)
TRAINERS = [
    (
        "harness-inspection",
        "work-at-height",
        ["installer-at-height", "any-worker"],
        ["quest-3", "windows", "webgl"],
        ["ru", "en"],
        20,
        "beginner",
        (
            "Осмотр страховочной привязи",
            "Предэксплуатационный осмотр страховочной привязи, стропов и карабинов: найти дефекты и отбраковать снаряжение.",
        ),
        (
            "Safety harness inspection",
            "Pre-use inspection of a harness, lanyards and connectors: find defects and reject unsafe equipment.",
        ),
    ),
    (
        "anchor-points",
        "work-at-height",
        ["installer-at-height"],
        ["quest-3", "pico-4"],
        ["ru"],
        35,
        "intermediate",
        (
            "Выбор анкерных точек",
            "Выбор и проверка анкерных устройств на кровле и металлоконструкциях, расчёт фактора падения.",
        ),
        (
            "Choosing anchor points",
            "Selecting and checking anchor devices on roofs and steel structures, working out the fall factor.",
        ),
    ),
    (
        "scaffold-work",
        "work-at-height",
        ["installer-at-height", "safety-engineer"],
        ["quest-3", "windows"],
        ["ru", "en"],
        40,
        "intermediate",
        (
            "Работа на строительных лесах",
            "Приёмка лесов, проверка ограждений и настилов, безопасное перемещение по ярусам.",
        ),
        (
            "Working on scaffolding",
            "Accepting a scaffold, checking guardrails and decking, moving safely between levels.",
        ),
    ),
    (
        "rescue-from-height",
        "work-at-height",
        ["installer-at-height", "safety-engineer"],
        ["quest-3"],
        ["ru"],
        45,
        "advanced",
        (
            "Эвакуация пострадавшего с высоты",
            "Спасение работника, зависшего на страховочной системе: план эвакуации, спусковое устройство, время до травмы.",
        ),
        (
            "Rescue from height",
            "Rescuing a worker suspended in a harness: rescue plan, descent device and the time before suspension trauma.",
        ),
    ),
    (
        "substation-switching",
        "electrical-safety",
        ["substation-operator", "electrician"],
        ["windows", "webgl"],
        ["ru", "en"],
        60,
        "advanced",
        (
            "Оперативные переключения на подстанции 110 кВ",
            "Выполнение бланка переключений: вывод в ремонт выключателя, проверка отсутствия напряжения, наложение заземлений.",
        ),
        (
            "Switching at a 110 kV substation",
            "Following a switching programme: taking a breaker out for repair, proving dead and applying earths.",
        ),
    ),
    (
        "lockout-tagout",
        "electrical-safety",
        ["electrician", "any-worker"],
        ["quest-3", "windows", "webgl"],
        ["ru", "en"],
        25,
        "beginner",
        (
            "Отключение и блокировка (LOTO)",
            "Порядок отключения оборудования, установки замков и плакатов перед началом работ.",
        ),
        ("Lockout and tagout (LOTO)", "Isolating equipment and applying locks and tags before work starts."),
    ),
    (
        "electrical-first-steps",
        "electrical-safety",
        ["any-worker"],
        ["webgl", "android"],
        ["ru", "kk"],
        15,
        "beginner",
        (
            "Электробезопасность для неэлектротехнического персонала",
            "Базовые правила поведения рядом с электроустановками для I группы по электробезопасности.",
        ),
        (
            "Electrical safety for non-electrical staff",
            "Basic rules near electrical installations for staff with the first electrical safety group.",
        ),
    ),
    (
        "cable-fault",
        "electrical-safety",
        ["electrician"],
        ["windows"],
        ["ru"],
        50,
        "advanced",
        (
            "Поиск повреждения кабельной линии",
            "Измерения мегаомметром, определение места повреждения и допуск бригады к работе на кабельной линии 10 кВ.",
        ),
        (
            "Finding a cable fault",
            "Insulation testing, locating the fault and admitting a crew to work on a 10 kV cable line.",
        ),
    ),
    (
        "fire-extinguisher",
        "fire-safety",
        ["any-worker"],
        ["quest-3", "pico-4", "webgl"],
        ["ru", "en", "kk"],
        15,
        "beginner",
        (
            "Применение огнетушителя",
            "Выбор огнетушителя по классу пожара и тушение возгорания в офисе, на складе и в электрощитовой.",
        ),
        (
            "Using a fire extinguisher",
            "Choosing an extinguisher for the class of fire and putting out fires in an office, a store and a switch room.",
        ),
    ),
    (
        "office-evacuation",
        "fire-safety",
        ["any-worker", "safety-engineer"],
        ["quest-3", "webgl"],
        ["ru", "en"],
        20,
        "beginner",
        (
            "Эвакуация при пожаре в здании",
            "Действия при срабатывании пожарной сигнализации: маршрут эвакуации, помощь маломобильным, место сбора.",
        ),
        (
            "Building fire evacuation",
            "What to do when the fire alarm sounds: escape route, helping people with reduced mobility, assembly point.",
        ),
    ),
    (
        "fire-brigade-tank",
        "fire-safety",
        ["firefighter"],
        ["quest-3", "windows"],
        ["ru"],
        55,
        "advanced",
        (
            "Тушение пожара в резервуарном парке",
            "Разведка, расстановка сил и средств, пенная атака при пожаре резервуара с нефтепродуктом.",
        ),
        (
            "Tank farm firefighting",
            "Size-up, deployment of crews and a foam attack on a burning oil product tank.",
        ),
    ),
    (
        "hot-work-permit",
        "fire-safety",
        ["welder", "safety-engineer"],
        ["windows", "webgl"],
        ["ru", "en"],
        30,
        "intermediate",
        (
            "Огневые работы по наряду-допуску",
            "Подготовка места огневых работ, первичные средства пожаротушения и контроль после окончания работ.",
        ),
        (
            "Hot work permit",
            "Preparing a hot work site, firefighting equipment on hand and the fire watch after work.",
        ),
    ),
    (
        "cpr-basics",
        "first-aid",
        ["any-worker"],
        ["quest-3", "pico-4", "android"],
        ["ru", "en", "kk"],
        20,
        "beginner",
        (
            "Сердечно-лёгочная реанимация",
            "Оценка состояния пострадавшего, вызов помощи, компрессии грудной клетки и искусственное дыхание.",
        ),
        (
            "Cardiopulmonary resuscitation",
            "Assessing a casualty, calling for help, chest compressions and rescue breaths.",
        ),
    ),
    (
        "bleeding-control",
        "first-aid",
        ["any-worker"],
        ["quest-3", "webgl"],
        ["ru", "en"],
        15,
        "beginner",
        (
            "Остановка кровотечения",
            "Прямое давление, давящая повязка и наложение жгута при травме на производстве.",
        ),
        ("Bleeding control", "Direct pressure, a pressure bandage and a tourniquet after an injury at work."),
    ),
    (
        "electric-shock-aid",
        "first-aid",
        ["electrician", "any-worker"],
        ["quest-3", "windows"],
        ["ru"],
        25,
        "intermediate",
        (
            "Помощь при поражении электрическим током",
            "Освобождение пострадавшего от действия тока, оценка состояния, реанимация до приезда скорой.",
        ),
        (
            "First aid after an electric shock",
            "Freeing a casualty from the current, assessing them and resuscitating until the ambulance arrives.",
        ),
    ),
    (
        "burns-first-aid",
        "first-aid",
        ["any-worker", "welder"],
        ["webgl", "android"],
        ["ru", "en"],
        15,
        "beginner",
        (
            "Первая помощь при ожогах",
            "Термические и химические ожоги: охлаждение, повязка, когда вызывать скорую помощь.",
        ),
        (
            "First aid for burns",
            "Thermal and chemical burns: cooling, dressing and when to call an ambulance.",
        ),
    ),
    (
        "mma-welding",
        "welding",
        ["welder"],
        ["quest-3", "pico-4"],
        ["ru", "en"],
        40,
        "beginner",
        (
            "Ручная дуговая сварка",
            "Зажигание дуги, выбор тока, угол наклона электрода и скорость сварки стыкового шва.",
        ),
        (
            "Manual arc welding",
            "Striking the arc, setting the current, electrode angle and travel speed on a butt joint.",
        ),
    ),
    (
        "mig-welding",
        "welding",
        ["welder"],
        ["quest-3", "windows"],
        ["ru"],
        45,
        "intermediate",
        (
            "Полуавтоматическая сварка в среде защитных газов",
            "Настройка полуавтомата, вылет проволоки, расход газа и сварка в разных пространственных положениях.",
        ),
        (
            "MIG/MAG welding",
            "Setting up the welding machine, wire stick-out, gas flow and welding in different positions.",
        ),
    ),
    (
        "weld-inspection",
        "welding",
        ["welder", "safety-engineer"],
        ["windows", "webgl"],
        ["ru", "en"],
        30,
        "advanced",
        (
            "Визуальный контроль сварных швов",
            "Поиск подрезов, пор, непроваров и трещин, оформление результатов контроля.",
        ),
        (
            "Visual weld inspection",
            "Finding undercuts, porosity, lack of fusion and cracks, and recording the results.",
        ),
    ),
    (
        "overhead-crane",
        "lifting",
        ["crane-operator"],
        ["quest-3", "windows"],
        ["ru", "en"],
        50,
        "intermediate",
        (
            "Управление мостовым краном",
            "Подъём, перемещение и укладка груза мостовым краном с пола и из кабины, работа в стеснённых условиях.",
        ),
        (
            "Overhead crane operation",
            "Lifting, moving and landing loads with an overhead crane, from the floor and from the cab.",
        ),
    ),
    (
        "slinging",
        "lifting",
        ["slinger"],
        ["quest-3", "pico-4", "webgl"],
        ["ru", "kk"],
        30,
        "beginner",
        (
            "Строповка грузов",
            "Выбор стропов по массе и форме груза, схемы строповки, знаковая сигнализация крановщику.",
        ),
        (
            "Slinging loads",
            "Choosing slings for the weight and shape of a load, slinging patterns and hand signals to the operator.",
        ),
    ),
    (
        "mobile-crane",
        "lifting",
        ["crane-operator"],
        ["windows"],
        ["ru"],
        60,
        "advanced",
        (
            "Работа автокрана вблизи ЛЭП",
            "Установка автокрана на опоры, наряд-допуск и безопасные расстояния до линии электропередачи.",
        ),
        (
            "Mobile crane near power lines",
            "Setting up outriggers, the work permit and safe distances to an overhead power line.",
        ),
    ),
    (
        "well-kick",
        "oil-gas",
        ["driller"],
        ["windows", "webgl"],
        ["ru", "en"],
        60,
        "advanced",
        (
            "Управление скважиной при газонефтеводопроявлении",
            "Признаки ГНВП, закрытие превентора, глушение скважины методом бурильщика.",
        ),
        (
            "Well control during a kick",
            "Kick indicators, shutting in the BOP and killing the well with the driller's method.",
        ),
    ),
    (
        "gas-detection",
        "oil-gas",
        ["driller", "any-worker"],
        ["quest-3", "android"],
        ["ru", "en"],
        20,
        "beginner",
        (
            "Газоанализ перед работами в замкнутом пространстве",
            "Замер концентрации газов, допуск к работе в ёмкости, действия при срабатывании газоанализатора.",
        ),
        (
            "Gas testing before confined space entry",
            "Measuring gas levels, the entry permit and what to do when the detector alarms.",
        ),
    ),
    (
        "tripping-operations",
        "oil-gas",
        ["driller"],
        ["quest-3", "windows"],
        ["ru"],
        45,
        "intermediate",
        (
            "Спуско-подъёмные операции",
            "Работа верхового и помощника бурильщика при спуске и подъёме бурильной колонны.",
        ),
        (
            "Tripping operations",
            "The derrickman's and roughneck's work while running and pulling the drill string.",
        ),
    ),
    (
        "mine-self-rescuer",
        "mining",
        ["mine-rescuer", "any-worker"],
        ["quest-3", "webgl"],
        ["ru", "en"],
        20,
        "beginner",
        (
            "Включение в самоспасатель",
            "Действия горнорабочего при аварии: включение в изолирующий самоспасатель и выход по запасному выходу.",
        ),
        (
            "Donning a self-rescuer",
            "A miner's actions in an emergency: donning a self-contained self-rescuer and escaping.",
        ),
    ),
    (
        "mine-rescue-team",
        "mining",
        ["mine-rescuer"],
        ["quest-3", "windows"],
        ["ru"],
        60,
        "advanced",
        (
            "Действия горноспасательного отделения",
            "Разведка загазованной выработки, связь с командным пунктом и вынос пострадавшего.",
        ),
        (
            "Mine rescue team operation",
            "Exploring a gassy heading, keeping contact with the command post and carrying out a casualty.",
        ),
    ),
    (
        "roof-control",
        "mining",
        ["mine-rescuer", "safety-engineer"],
        ["windows", "webgl"],
        ["ru", "kk"],
        35,
        "intermediate",
        ("Контроль состояния кровли выработки", "Осмотр крепи, оборка заколов и оценка опасности обрушения."),
        (
            "Roof control in a mine",
            "Inspecting supports, scaling loose rock and assessing the risk of a roof fall.",
        ),
    ),
    (
        "track-inspection",
        "railway",
        ["track-inspector"],
        ["quest-3", "webgl", "android"],
        ["ru", "en"],
        35,
        "intermediate",
        (
            "Обход железнодорожного пути",
            "Осмотр рельсов, стрелочных переводов и скреплений, ограждение опасного места сигналами.",
        ),
        (
            "Railway track inspection",
            "Inspecting rails, switches and fastenings and protecting a dangerous spot with signals.",
        ),
    ),
    (
        "railway-safety-zone",
        "railway",
        ["track-inspector", "any-worker"],
        ["webgl", "android"],
        ["ru", "en", "kk"],
        15,
        "beginner",
        (
            "Безопасность при нахождении на путях",
            "Правила прохода по путям, сход при приближении поезда и безопасные места для пропуска подвижного состава.",
        ),
        (
            "Safety on railway tracks",
            "Walking along tracks, stepping clear of an approaching train and safe places to wait.",
        ),
    ),
    (
        "car-inspection",
        "railway",
        ["track-inspector"],
        ["quest-3", "windows"],
        ["ru"],
        40,
        "advanced",
        (
            "Технический осмотр вагонов",
            "Поиск неисправностей ходовых частей, автосцепки и тормозного оборудования грузового вагона.",
        ),
        (
            "Rail car inspection",
            "Finding faults in the running gear, couplers and brake equipment of a freight car.",
        ),
    ),
]

# What a trainer teaches depends on its industry: objectives, and what preparation and practice mean.
OBJECTIVES = {
    "work-at-height": {
        "ru": [
            "Выбирать анкерные устройства и средства защиты от падения",
            "Проверять страховочную систему перед подъёмом",
            "Организовывать спасение работника, зависшего на страховке",
        ],
        "en": [
            "Choose anchor devices and fall protection equipment",
            "Check the fall arrest system before climbing",
            "Organise the rescue of a worker suspended in a harness",
        ],
    },
    "electrical-safety": {
        "ru": [
            "Выполнять технические мероприятия для безопасного проведения работ",
            "Проверять отсутствие напряжения и накладывать заземление",
            "Соблюдать порядок оперативных переключений по бланку",
        ],
        "en": [
            "Carry out the technical measures that make electrical work safe",
            "Verify the absence of voltage and apply earthing",
            "Follow the switching sequence of a switching form",
        ],
    },
    "fire-safety": {
        "ru": [
            "Определять класс пожара и выбирать средство тушения",
            "Действовать по плану эвакуации и оповещать людей",
            "Оформлять и контролировать огневые работы",
        ],
        "en": [
            "Identify the class of a fire and choose the extinguishing agent",
            "Follow the evacuation plan and alert people",
            "Issue and supervise hot work permits",
        ],
    },
    "first-aid": {
        "ru": [
            "Оценивать обстановку и безопасность места происшествия",
            "Определять признаки жизни и проводить сердечно-лёгочную реанимацию",
            "Останавливать кровотечение и вызывать скорую помощь",
        ],
        "en": [
            "Assess the scene and its safety",
            "Check for signs of life and perform CPR",
            "Control bleeding and call emergency services",
        ],
    },
    "welding": {
        "ru": [
            "Подбирать режим сварки под металл и толщину",
            "Выдерживать угол и скорость ведения электрода",
            "Находить дефекты сварного шва при визуальном контроле",
        ],
        "en": [
            "Set the welding parameters for the metal and its thickness",
            "Keep the torch angle and travel speed steady",
            "Find weld defects by visual inspection",
        ],
    },
    "lifting": {
        "ru": [
            "Подбирать стропы по массе и форме груза",
            "Подавать команды машинисту крана установленными знаками",
            "Не допускать нахождения людей в опасной зоне",
        ],
        "en": [
            "Choose slings for the load's weight and shape",
            "Signal the crane operator with the standard hand signals",
            "Keep people out of the danger zone",
        ],
    },
    "oil-gas": {
        "ru": [
            "Распознавать признаки газонефтеводопроявления",
            "Выполнять действия вахты по сигналу тревоги",
            "Контролировать загазованность переносным газоанализатором",
        ],
        "en": [
            "Recognise the warning signs of a well kick",
            "Carry out the crew's actions on the alarm signal",
            "Monitor gas levels with a portable gas detector",
        ],
    },
    "mining": {
        "ru": [
            "Включаться в самоспасатель за нормативное время",
            "Выходить из аварийного участка по запасному выходу",
            "Оценивать состояние кровли и крепи выработки",
        ],
        "en": [
            "Put on a self-rescuer within the required time",
            "Leave the emergency area by the alternative exit",
            "Assess the roof and supports of a working",
        ],
    },
    "railway": {
        "ru": [
            "Безопасно проходить по путям и сходить при приближении поезда",
            "Находить неисправности пути и подвижного состава",
            "Ограждать место работ сигналами",
        ],
        "en": [
            "Walk along tracks safely and step clear of an approaching train",
            "Find faults of the track and the rolling stock",
            "Protect the work site with signals",
        ],
    },
}
# Per industry: what the trainee prepares (tools, protective equipment) and practises.
PRACTICE = {
    "work-at-height": {
        "ru": (
            "Страховочная привязь, каска, анкерное устройство.",
            "Подъём, перемещение по конструкции и спуск.",
        ),
        "en": ("Harness, helmet, anchor device.", "Climbing, moving along the structure and descending."),
    },
    "electrical-safety": {
        "ru": (
            "Указатель напряжения, переносное заземление, диэлектрические перчатки.",
            "Переключения, допуск бригады, поиск повреждения.",
        ),
        "en": (
            "Voltage detector, portable earthing, insulating gloves.",
            "Switching, admitting the crew, locating the fault.",
        ),
    },
    "fire-safety": {
        "ru": (
            "Огнетушители разных типов, пожарный рукав, средства связи.",
            "Тушение очага, эвакуация, работа со шлангом.",
        ),
        "en": (
            "Extinguishers of several types, a fire hose, a radio.",
            "Putting out the fire, evacuating, handling the hose.",
        ),
    },
    "first-aid": {
        "ru": (
            "Аптечка, перчатки, кровоостанавливающий жгут.",
            "Реанимация, остановка кровотечения, помощь при ожогах.",
        ),
        "en": ("First aid kit, gloves, a tourniquet.", "CPR, bleeding control, burn care."),
    },
    "welding": {
        "ru": (
            "Сварочный аппарат, маска, электроды или проволока.",
            "Наложение шва в разных положениях с оценкой качества.",
        ),
        "en": (
            "Welding machine, mask, electrodes or wire.",
            "Laying welds in every position, with quality scoring.",
        ),
    },
    "lifting": {
        "ru": ("Стропы, траверса, схема строповки.", "Строповка, подъём, перемещение и укладка груза."),
        "en": (
            "Slings, a spreader beam, the slinging diagram.",
            "Slinging, lifting, moving and placing the load.",
        ),
    },
    "oil-gas": {
        "ru": ("Газоанализатор, СИЗОД, пульт бурильщика.", "Герметизация устья, спуско-подъёмные операции."),
        "en": (
            "Gas detector, respirator, the driller's console.",
            "Shutting in the well, tripping operations.",
        ),
    },
    "mining": {
        "ru": (
            "Самоспасатель, головной светильник, схема выработок.",
            "Выход на свежую струю, работа в задымлении.",
        ),
        "en": ("Self-rescuer, cap lamp, the mine plan.", "Reaching fresh air, working in smoke."),
    },
    "railway": {
        "ru": (
            "Сигнальный жилет, переносные сигналы, рация.",
            "Обход участка, осмотр и ограждение места работ.",
        ),
        "en": (
            "High-visibility vest, portable signals, a radio.",
            "Walking the section, inspecting, protecting the site.",
        ),
    },
}
STEPS = {
    "ru": [
        ("Инструктаж", "Тренажёр объясняет задачу и проверяет знание правил."),
        ("Подготовка", None),
        ("Выполнение", None),
        ("Экзамен", "Прохождение сценария без подсказок с автоматической оценкой."),
    ],
    "en": [
        ("Briefing", "The trainer explains the task and checks knowledge of the rules."),
        ("Preparation", None),
        ("Practice", None),
        ("Exam", "Running the scenario without hints, with automatic assessment."),
    ],
}
SPECS = {
    "ru": [("Режимы", "Обучение, тренировка, экзамен"), ("Оценка", "Автоматическая, протокол в PDF")],
    "en": [("Modes", "Learning, practice, exam"), ("Assessment", "Automatic, PDF report")],
}
FAQ = {
    "ru": ("Можно ли пройти тренажёр без VR-шлема?", "Да, если в списке платформ есть ПК или браузер."),
    "en": (
        "Can I use the trainer without a VR headset?",
        "Yes, when a PC or browser is among its platforms.",
    ),
}
AUDIENCE = {
    "ru": "Работники, проходящие обучение и проверку знаний требований охраны труда; специалисты по охране труда.",
    "en": "Employees trained and tested on occupational safety requirements; safety engineers.",
}
# A value is the same in every language unless given per language.
REQUIREMENTS = {
    "vr": {
        "headset": "Meta Quest 3 / Pico 4",
        "notes": {"ru": "Автономный режим, без ПК", "en": "Standalone, no PC needed"},
    },
    "desktop": {
        "os": "Windows 10/11 64-bit",
        "cpu": "Intel Core i5-8400",
        "gpu": "NVIDIA GTX 1060 6 GB",
        "ram_gb": 8,
    },
    "web": {
        "browser": {
            "ru": "Chrome 120+, Firefox 120+, Яндекс Браузер",
            "en": "Chrome 120+, Firefox 120+, Yandex Browser",
        },
        "ram_gb": 4,
    },
    "mobile": {"os": "Android 11+", "ram_gb": 4},
}
