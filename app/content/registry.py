"""Which template renders which `layout:` of a content file. Add a layout here and in templates/layouts/."""

LAYOUTS: dict[str, str] = {
    "article": "layouts/article.html",
    "safeguarding": "layouts/safeguarding.html",
    "section-index": "layouts/section_index.html",
    "easy-read": "layouts/easy_read.html",
    "privacy-notice": "layouts/privacy_notice.html",
    "plan-home": "layouts/plan_home.html",  # the Carers Action Plan's landing page (app/plan/)
    "priority-area": "layouts/priority_area.html",  # one of the plan's 11 priority areas (app/plan/)
}

# Layouts for a section's landing page (index.md), and only for it: each lists or maps the section's pages.
INDEX_LAYOUTS = frozenset({"section-index", "plan-home"})


def template_for(layout: str) -> str:
    return LAYOUTS[layout]
