"""`{% breadcrumbs %}`: the trail above a detail page's heading.

    {% load breadcrumbs %}
    {% block breadcrumbs %}{% url 'training:batch_detail' batch.pk as batch_url %}
    {% breadcrumbs _("Paket pelatihan") "training:batch_list" batch.name batch_url _("Sesi") %}
    {% endblock %}

Arguments come in (label, link) pairs and end with the current page's label. A link is a
URL name without arguments ("app:name"), a path ("/…", e.g. from `{% url … as x %}`) or
empty for a step with no page of its own. A menu page that is not in this user's menu
(the office's company list, for company HR) is named without a link, so a trail never
leads to a page the user may not open."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django import template
from django.urls import reverse

from jejaring.core.context_processors import navigation_entries

register = template.Library()


@dataclass(frozen=True)
class Crumb:
    label: Any
    url: str


def _link(target: Any) -> str:
    target = str(target or "")
    if not target or target.startswith("/"):
        return target
    return reverse(target)


@register.inclusion_tag("partials/breadcrumbs.html", takes_context=True)
def breadcrumbs(context: template.Context, *trail: Any) -> dict[str, Any]:
    if len(trail) % 2 != 1:
        raise template.TemplateSyntaxError(
            "breadcrumbs takes (label, link) pairs and then the current page's label"
        )
    menu_urls = {reverse(entry.url_name) for entry in navigation_entries()}
    own_urls = {item.url for item in context.get("nav_items") or []}
    crumbs = []
    for i in range(0, len(trail) - 1, 2):
        url = _link(trail[i + 1])
        if url in menu_urls and url not in own_urls:
            url = ""
        crumbs.append(Crumb(trail[i], url))
    crumbs.append(Crumb(trail[-1], ""))
    return {"crumbs": crumbs}
