"""Which template renders which `layout:` of a content file. Add a layout here and in templates/layouts/."""

LAYOUTS: dict[str, str] = {
    "article": "layouts/article.html",
    "safeguarding": "layouts/safeguarding.html",
    "section-index": "layouts/section_index.html",
    "easy-read": "layouts/easy_read.html",
    "privacy-notice": "layouts/privacy_notice.html",
}


def template_for(layout: str) -> str:
    return LAYOUTS[layout]
