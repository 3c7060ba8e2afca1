"""A bakerydemo-like index page and detail page over our trainers, the plain Wagtail way.

bakerydemo's ``BreadsIndexPage`` lists its live child pages, newest first, twelve to a page, each with
its image through ``{% image %}`` (Wagtail's rendition lookup per image), under a menu of the site
root's children; its ``BreadPage`` shows the title, introduction, image, StreamField body and the
names of its many-to-many snippets (ingredients). These views do the same with the Russian catalogue
and its trainers (hero image, summary, body, industries and platforms), routing the way Wagtail's
``Page.route`` does (one child lookup and one ``specific`` per level), without any of our caches.
Written for the bench, not copied from bakerydemo, so the peer comparison can be rerun here.
"""

from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.template import engines
from wagtail.models import Site

from catalogue.models import SimulatorPage

BASE = """{% load wagtailcore_tags %}<!doctype html><html lang="ru"><head><meta charset="utf-8">
<title>{{ page.title }}</title></head><body><nav><ul>{% for item in menu %}
<li><a href="{% pageurl item %}">{{ item.title }}</a></li>{% endfor %}</ul></nav>
<main>{{ main }}</main></body></html>"""

INDEX = """{% load wagtailcore_tags wagtailimages_tags %}<h1>{{ page.title }}</h1>
<div class="bread-list">{% for bread in breads %}<a class="card" href="{% pageurl bread %}">
{% image bread.hero_image fill-480x300 %}<h2>{{ bread.title }}</h2><p>{{ bread.summary }}</p></a>
{% endfor %}</div>
{% if breads.has_next %}<a href="?page={{ breads.next_page_number }}">next</a>{% endif %}"""

DETAIL = """{% load wagtailcore_tags wagtailimages_tags %}<h1>{{ page.title }}</h1>
{% image page.hero_image fill-640x400 %}<p>{{ page.summary }}</p>
<ul>{% for term in page.industries.all %}<li>{{ term.name }}</li>{% endfor %}
{% for term in page.platforms.all %}<li>{{ term.name }}</li>{% endfor %}</ul>
<div>{% include_block page.body %}</div>"""

_engine = engines["django"]
_templates = {
    name: _engine.from_string(text) for name, text in (("base", BASE), ("index", INDEX), ("detail", DETAIL))
}


def _route(request, slugs):
    # Wagtail's Page.route: at each level the live child with that slug, then its specific page.
    page = Site.find_for_request(request).root_page.specific
    for slug in slugs:
        child = page.get_children().filter(slug=slug).first()
        if child is None or not child.live:
            raise Http404
        page = child.specific
    return page


def _render(request, page, main):
    site_root = Site.find_for_request(request).root_page
    menu = site_root.get_children().live().in_menu()
    context = {"page": page, "menu": menu, "main": main}
    return HttpResponse(_templates["base"].render(context, request))


def bread_index(request):
    """The catalogue page listing its trainers the way bakerydemo's bread index does (its
    ``get_breads``: the detail model's live descendants, newest first)."""
    index = _route(request, ["catalogue"])
    breads = SimulatorPage.objects.live().descendant_of(index).order_by("-first_published_at")
    page = Paginator(breads, 12).get_page(request.GET.get("page"))
    main = _templates["index"].render({"page": index, "breads": page}, request)
    return _render(request, index, main)


def bread_page(request, slug):
    """One trainer shown the way bakerydemo's bread page is."""
    page = _route(request, ["catalogue", slug])
    return _render(request, page, _templates["detail"].render({"page": page}, request))
