"""The site's URLs plus the baseline page, used only while the benchmark runs.

The baseline is "a bare Wagtail page with the same StreamField body": the
lesson is found by Wagtail's own routing and its body rendered block by block
through the same block templates, inside a minimal HTML document, without the
site's base template, navigation, access hooks or progress. No page model is
added to the production apps (that would need a migration and a page in the
tree); the baseline view lives here, in a URL configuration that only the
benchmark switches on.
"""

from django.http import Http404, HttpResponse
from django.template import engines
from django.urls import path
from wagtail.models import Site

from lms.urls import urlpatterns as site_urlpatterns

BARE_TEMPLATE = """{% load wagtailcore_tags %}<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8"><title>{{ page.title }}</title></head>
<body><main><h1>{{ page.title }}</h1>
{% for block in page.body %}{% include_block block with block_id=block.id %}{% endfor %}
</main></body></html>"""


def bare_page(request, path):
    site = Site.find_for_request(request)
    if site is None:
        raise Http404
    components = [component for component in path.split("/") if component]
    page, _args, _kwargs = site.root_page.localized.specific.route(request, components)
    template = engines["django"].from_string(BARE_TEMPLATE)
    context = {"page": page, "self": page, "request": request}
    return HttpResponse(template.render(context, request))


urlpatterns = [
    path("__bench__/bare/<path:path>", bare_page, name="bench_bare_page"),
    *site_urlpatterns,
]
