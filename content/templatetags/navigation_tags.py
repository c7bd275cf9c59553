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
