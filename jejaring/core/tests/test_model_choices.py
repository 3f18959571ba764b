"""Every page form's model choice fields refuse a value that cannot be an id — past the
bigint range, or digits `int()` refuses — as an invalid choice, without a query (SQLite
would answer an integer past 64 bits with an OverflowError, a 500)."""

import pytest
from django import forms

from jejaring.core.forms import Form, ModelForm
from jejaring.core.params import parse_id
from jejaring.regions.models import Region
from jejaring.regions.tests.factories import RegionFactory

pytestmark = pytest.mark.django_db

NOT_IDS = ["99999999999999999999", str(2**63), "²", "-1", "0", " ", "1.5", "x"]


class ChoiceForm(Form):
    one = forms.ModelChoiceField(queryset=Region.objects.all(), required=False)
    many = forms.ModelMultipleChoiceField(queryset=Region.objects.all(), required=False)


class CodeChoiceForm(Form):
    """A choice looked up by a text column: any text may be tried, nothing is refused
    before the query."""

    by_code = forms.ModelChoiceField(
        queryset=Region.objects.all(), to_field_name="code", required=False
    )


@pytest.mark.parametrize("value", NOT_IDS)
def test_a_value_that_cannot_be_an_id_is_an_invalid_choice(value):
    RegionFactory()
    form = ChoiceForm({"one": value, "many": [value]})
    assert not form.is_valid()
    assert set(form.errors) == {"one", "many"}


def test_a_real_id_is_chosen_and_an_unknown_one_is_refused():
    region = RegionFactory()
    chosen = ChoiceForm({"one": str(region.pk), "many": [str(region.pk)]})
    assert chosen.is_valid(), chosen.errors
    assert chosen.cleaned_data["one"] == region
    assert list(chosen.cleaned_data["many"]) == [region]
    unknown = ChoiceForm({"one": str(region.pk + 1000), "many": [str(region.pk + 1000)]})
    assert set(unknown.errors) == {"one", "many"}


def test_a_model_form_s_foreign_keys_get_the_same_check():
    from jejaring.training.models import TrainingInstitution

    class InstitutionForm(ModelForm):
        class Meta:
            model = TrainingInstitution
            fields = ["region"]

    form = InstitutionForm({"region": "99999999999999999999"})
    assert not form.is_valid()
    assert "region" in form.errors


def test_a_choice_by_a_text_column_is_looked_up_as_text():
    region = RegionFactory(code="33.75")
    form = CodeChoiceForm({"by_code": "33.75"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["by_code"] == region
    assert not CodeChoiceForm({"by_code": "99999999999999999999"}).is_valid()


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("1", 1),
        (" 42 ", 42),
        (str(2**63 - 1), 2**63 - 1),
        (str(2**63), None),
        ("0", None),
        ("²", None),
        ("-3", None),
        ("", None),
        ("١٢", None),
    ],
)
def test_parse_id_reads_only_ascii_ids_in_the_bigint_range(raw, expected):
    assert parse_id(raw) == expected
