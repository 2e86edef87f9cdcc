from django.db import models

from .text import clean_line, nfc


class LineField(models.CharField):
    """A one-line text stored NFC-normalised with whitespace collapsed."""

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if isinstance(value, str):
            value = clean_line(value)
            setattr(model_instance, self.attname, value)
        return value


class ProseField(models.TextField):
    """Multi-line text stored NFC-normalised, line breaks kept."""

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if isinstance(value, str):
            value = nfc(value).strip()
            setattr(model_instance, self.attname, value)
        return value
