"""Printed papers: HTML templates under templates/pdf/ rendered by WeasyPrint, in the
layout of Nghị định 30/2020 (DOMAIN.md §5), with the bundled Liberation Serif
(Times-compatible, covers Vietnamese) embedded."""

from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration

FONTS = Path(settings.BASE_DIR) / "static" / "fonts"


def render_html(template: str, context: dict, fonts: str | None = None) -> str:
    """The paper as HTML; `fonts` is where the page finds the font files (a file URI for
    WeasyPrint, the static URL for a browser preview)."""
    return render_to_string(template, {**context, "fonts": fonts or FONTS.as_uri()})


def render_document(template: str, context: dict):
    """Laid out pages (a WeasyPrint Document): their number, then write_pdf()."""
    fonts = FontConfiguration()
    return HTML(string=render_html(template, context), base_url=str(settings.BASE_DIR)).render(font_config=fonts)


def render_pdf(template: str, context: dict) -> bytes:
    return render_document(template, context).write_pdf()
