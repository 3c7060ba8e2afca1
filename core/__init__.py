"""The ground floor: what every app of the project stands on, importing nothing of the project.

``core.cache`` (the one cache mechanism: the content generation), ``core.languages`` (the site's
languages from ``settings.LANGUAGES``), ``core.net`` (the client address behind our proxies),
``core.api`` (the JSON error shape of every API), ``core.blocks`` (StreamField blocks several apps
share) and ``core.routing`` (routing a page request through cached pages).
"""
