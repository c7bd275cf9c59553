"""Site navigation and footer, from the site settings edited in the Wagtail admin."""

from django import template

from content.models import SiteSettings

register = template.Library()


def _links(stream, request):
    links = []
    current = request.path if request else ""
    for block in stream:
        page = block.value["page"]
        if page is None or not page.live:
            continue
        url = page.get_url(request)
        links.append(
            {
                "url": url,
                "label": block.value["label"] or page.title,
                "active": bool(url) and current == url,
            }
        )
    return links


def _settings(context):
    request = context.get("request")
    if request is None:
        return None, None
    return request, SiteSettings.for_request(request)


@register.inclusion_tag("includes/main_navigation.html", takes_context=True)
def main_navigation(context):
    request, site_settings = _settings(context)
    links = _links(site_settings.main_navigation, request) if site_settings else []
    return {"links": links, "request": request}


@register.inclusion_tag("includes/footer_navigation.html", takes_context=True)
def footer_navigation(context):
    request, site_settings = _settings(context)
    links = _links(site_settings.footer_navigation, request) if site_settings else []
    return {"links": links, "settings_obj": site_settings, "request": request}


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
