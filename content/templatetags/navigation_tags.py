"""Site navigation and footer, from the site settings edited in the Wagtail admin."""

from django import template
from wagtail.models import Site

from content.models import SiteSettings
from curriculum import tree_cache

register = template.Library()


def _links(stream, request):
    links = []
    for block in stream:
        page = block.value["page"]
        if page is None or not page.live:
            continue
        links.append({"url": page.get_url(request), "label": block.value["label"] or page.title})
    return links


def _site_navigation(request):
    """The site settings' links and footer as plain data, the same for everyone: cached
    until a page, site or the settings change (:mod:`curriculum.tree_cache`), instead
    of the settings' query and their linked pages' on every page. URLs are relative
    to the request's site, as ``page.get_url(request)`` makes them.
    """
    if request is None:
        return None
    if hasattr(request, "_kokoma_navigation"):  # the header and the footer ask both
        return request._kokoma_navigation
    site = Site.find_for_request(request)
    if site is None:
        return None

    def compute():
        # Not for_request()'s get_or_create: a GET that wrote the empty settings of a
        # new site would change the tree's token and drop what it just cached.
        site_settings = SiteSettings.objects.filter(site=site).first() or SiteSettings(site=site)
        return {
            "main": _links(site_settings.main_navigation, request),
            "footer": _links(site_settings.footer_navigation, request),
            "footer_text": site_settings.footer_text,
            "contact_email": site_settings.contact_email,
            "funding_notice": site_settings.funding_notice,
        }

    request._kokoma_navigation = tree_cache.cached(f"site-navigation:{site.pk}", compute)
    return request._kokoma_navigation


def _with_active(links, request):
    current = request.path if request else ""
    return [{**link, "active": bool(link["url"]) and current == link["url"]} for link in links]


@register.inclusion_tag("includes/main_navigation.html", takes_context=True)
def main_navigation(context):
    request = context.get("request")
    navigation = _site_navigation(request)
    links = _with_active(navigation["main"], request) if navigation else []
    return {"links": links, "request": request}


@register.inclusion_tag("includes/footer_navigation.html", takes_context=True)
def footer_navigation(context):
    request = context.get("request")
    navigation = _site_navigation(request)
    links = _with_active(navigation["footer"], request) if navigation else []
    return {"links": links, "settings_obj": navigation or {}, "request": request}


@register.simple_tag
def breadcrumb_pages(page):
    """The ancestors of ``page`` below the tree's root, top first.

    Wagtail's routing loads every page on the way to the served one and caches
    each as the next one's parent, so a served page's ancestors are taken from
    there without a query; otherwise (e.g. a preview) they are asked from the tree.
    """
    chain = []
    node = page.__dict__.get("_cached_parent_obj")
    while node is not None and node.depth > 1:
        chain.append(node)
        node = node.__dict__.get("_cached_parent_obj")
    if chain and chain[-1].depth == 2:  # reached the level below the root: complete
        return chain[::-1]
    return list(page.get_ancestors()[1:])
