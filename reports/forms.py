from django import forms

from caolocculture.forms import DateInput, ModelForm

from .models import YearEndReport


class YearEndReportForm(ModelForm):
    class Meta:
        model = YearEndReport
        fields = [
            "number",
            "symbol",
            "issued_on",
            "leadership",
            "strengths",
            "shortcomings",
            "causes",
            "next_year_direction",
            "recommendations",
            "recipients",
        ]
        widgets = {
            "issued_on": DateInput(),
            **{
                name: forms.Textarea(attrs={"rows": 5})
                for name in (
                    "leadership",
                    "strengths",
                    "shortcomings",
                    "causes",
                    "next_year_direction",
                    "recommendations",
                    "recipients",
                )
            },
        }
