from django.db import models

from .text import clean_line, nfc


class LineField(models.CharField):
    """A one-line text stored NFC-normalised with whitespace collapsed. Normalised in
    to_python too, so full_clean()'s unique checks compare what will be stored."""

    def to_python(self, value):
        value = super().to_python(value)
        return clean_line(value) if isinstance(value, str) else value

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if isinstance(value, str):
            value = clean_line(value)
            setattr(model_instance, self.attname, value)
        return value


class ProseField(models.TextField):
    """Multi-line text stored NFC-normalised, line breaks kept."""

    def to_python(self, value):
        value = super().to_python(value)
        return nfc(value).strip() if isinstance(value, str) else value

    def pre_save(self, model_instance, add):
        value = getattr(model_instance, self.attname)
        if isinstance(value, str):
            value = nfc(value).strip()
            setattr(model_instance, self.attname, value)
        return value
