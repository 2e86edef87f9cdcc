"""Printed papers: HTML templates under templates/pdf/ rendered by WeasyPrint, in the
layout of Nghị định 30/2020 (DOMAIN.md §5), with the bundled Liberation Serif
(Times-compatible, covers Vietnamese) embedded."""

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

FONTS = Path(settings.BASE_DIR) / "static" / "fonts"


def render_pdf(template: str, context: dict) -> bytes:
    html = render_to_string(template, {**context, "fonts": FONTS.as_uri()})
    fonts = FontConfiguration()
    return HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf(font_config=fonts)
