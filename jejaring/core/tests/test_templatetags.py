"""The shared template filters, the capture tag, and the form partial they feed."""

from decimal import Decimal

import pytest
from django import forms as django_forms
from django.template import Context, RequestContext, Template
from django.utils import translation

from jejaring.core import forms
from jejaring.core.templatetags.jejaring import badge_class, masked_nik, percent, rupiah


def render(source: str, **context: object) -> str:
    return Template("{% load jejaring %}" + source).render(Context(context))


class TestRupiah:
    def test_groups_thousands_with_dots(self):
        assert rupiah(1_500_000) == "Rp 1.500.000"

    def test_small_amounts_have_no_separator(self):
        assert rupiah(0) == "Rp 0"
        assert rupiah(999) == "Rp 999"

    def test_negative_amounts_put_the_sign_before_rp(self):
        assert rupiah(-2_500) == "-Rp 2.500"

    def test_none_shows_a_dash(self):
        assert rupiah(None) == "—"

    def test_decimals_round_half_up_to_whole_rupiah(self):
        assert rupiah(Decimal("1499.50")) == "Rp 1.500"
        assert rupiah(Decimal("-0.4")) == "Rp 0"

    def test_stays_indonesian_in_english(self):
        with translation.override("en"):
            assert rupiah(1_500_000) == "Rp 1.500.000"

    def test_not_a_number_is_returned_unchanged(self):
        assert rupiah("banyak") == "banyak"

    def test_works_in_a_template(self):
        assert render("{{ amount|rupiah }}", amount=250000) == "Rp 250.000"


class TestPercent:
    def test_a_ratio_uses_a_decimal_comma_in_indonesian(self):
        with translation.override("id"):
            assert percent(Decimal("0.4213")) == "42,1 %"

    def test_a_ratio_uses_a_decimal_point_in_english(self):
        with translation.override("en"):
            assert percent(0.4213) == "42.1 %"

    def test_pct_takes_the_value_as_already_a_percentage(self):
        with translation.override("id"):
            assert percent(Decimal("42.13"), "pct") == "42,1 %"

    def test_whole_and_zero_values_keep_one_decimal(self):
        with translation.override("id"):
            assert percent(1) == "100,0 %"
            assert percent(0) == "0,0 %"
            assert percent(Decimal("-0.0001")) == "0,0 %"

    def test_rounds_half_up(self):
        with translation.override("id"):
            assert percent(Decimal("0.12345")) == "12,3 %"
            assert percent(Decimal("0.12350")) == "12,4 %"

    def test_none_shows_a_dash(self):
        assert percent(None) == "—"

    def test_works_in_a_template_with_the_pct_argument(self):
        with translation.override("id"):
            assert render('{{ share|percent:"pct" }}', share=Decimal("7.25")) == "7,3 %"


class TestMaskedNik:
    def test_hides_the_middle_eight_digits(self):
        assert masked_nik("3375014101950001") == "3375••••••••0001"

    def test_empty_values_show_a_dash(self):
        assert masked_nik(None) == "—"
        assert masked_nik("") == "—"


class TestBadgeClass:
    @pytest.mark.parametrize(
        "status", ["active", "valid", "graduated", "hired", "approved", "open", "ACTIVE "]
    )
    def test_good_states_are_ok(self, status):
        assert badge_class(status) == "badge-ok"

    @pytest.mark.parametrize("status", ["pending", "submitted", "waitlisted", "selection"])
    def test_states_waiting_for_someone_are_warn(self, status):
        assert badge_class(status) == "badge-warn"

    @pytest.mark.parametrize("status", ["rejected", "revoked", "cancelled", "dropped_out"])
    def test_failed_or_ended_badly_states_are_bad(self, status):
        assert badge_class(status) == "badge-bad"

    @pytest.mark.parametrize("status", ["draft", "archived", "", None, "something_new"])
    def test_anything_else_is_muted(self, status):
        assert badge_class(status) == "badge-muted"


class TestCapture:
    def test_renders_into_a_variable_instead_of_the_page(self):
        out = render("{% capture as x %}<b>{{ name }}</b>{% endcapture %}[{{ x }}]", name="A&B")
        assert out == "[<b>A&amp;B</b>]"

    def test_captured_blocks_let_a_layout_skip_an_empty_heading(self):
        layout = Template(
            "{% load jejaring %}{% capture as h %}{% block heading %}{% endblock %}{% endcapture %}"
            "{% if h.strip %}<h1>{{ h }}</h1>{% endif %}"
        )
        empty = Template("{% extends layout %}")
        filled = Template("{% extends layout %}{% block heading %}Peserta{% endblock %}")
        assert empty.render(Context({"layout": layout})) == ""
        assert filled.render(Context({"layout": layout})) == "<h1>Peserta</h1>"


class ContactForm(forms.Form):
    name = django_forms.CharField(label="Nama", help_text="Sesuai KTP.")
    phone = django_forms.CharField(label="Nomor HP", required=False)
    agree = django_forms.BooleanField(label="Setuju")
    token = django_forms.CharField(widget=django_forms.HiddenInput, required=False)

    def clean(self):
        cleaned = super().clean()
        self.add_error(None, "Data bentrok dengan pendaftaran lain.")
        return cleaned


class TestFormPartial:
    def test_an_unbound_form_renders_labels_help_and_hidden_fields_without_errors(self):
        html = str(ContactForm())
        assert '<label for="id_name" class="required">Nama' in html
        assert 'id="id_name_helptext"' in html
        assert 'aria-describedby="id_name_helptext"' in html
        assert 'type="hidden" name="token"' in html
        assert "aria-invalid" not in html
        assert 'role="alert"' not in html

    def test_errors_sit_under_their_field_and_are_tied_to_the_input(self):
        form = ContactForm(data={"name": "", "phone": "0812"})
        assert not form.is_valid()
        html = str(form)
        assert 'aria-invalid="true"' in html
        assert 'aria-describedby="id_name_helptext id_name_error"' in html
        assert '<div class="field-error" id="id_name_error">' in html
        assert html.index('id="id_name"') < html.index('id="id_name_error"')
        assert 'id="id_phone_error"' not in html

    def test_a_summary_on_top_lists_form_errors_and_links_to_fields(self):
        form = ContactForm(data={"name": ""})
        form.is_valid()
        html = str(form)
        summary = html[: html.index('class="field')]
        assert 'role="alert"' in summary
        assert "Data bentrok dengan pendaftaran lain." in summary
        assert '<a href="#id_name">Nama</a>' in summary

    def test_errors_added_after_validation_are_marked_too(self):
        form = ContactForm(data={"name": "Sari", "agree": "on"})
        form.is_valid()
        form.add_error("phone", "Nomor sudah dipakai.")
        html = str(form)
        assert 'aria-describedby="id_phone_error"' in html
        assert "Nomor sudah dipakai." in html


class TestPaginationPartial:
    def test_keeps_other_query_parameters(self, rf):
        from django.core.paginator import Paginator

        request = rf.get("/orang/", {"q": "sari", "page": "2"})
        page_obj = Paginator(range(100), 10).page(2)
        with translation.override("id"):
            html = Template('{% include "partials/pagination.html" %}').render(
                RequestContext(request, {"page_obj": page_obj})
            )
        assert 'href="?q=sari&amp;page=1"' in html
        assert 'href="?q=sari&amp;page=3"' in html
        assert "Halaman 2 dari 10" in html


def test_choice_label_reads_a_choice_s_label_in_the_active_language():
    from jejaring.core.templatetags.jejaring import choice_label
    from jejaring.trainees.models import Person

    person = Person(sex="F", education="smk")
    with translation.override("id"):
        assert choice_label(person, "sex") == "Perempuan"
        assert choice_label(person, "education") == person.get_education_display()
    with translation.override("en"):
        assert choice_label(person, "sex") == "Female"
        assert choice_label(person, "education") == person.get_education_display()
    # A value outside the choices (an old row) is shown as stored, not as an error.
    assert choice_label(Person(sex="X"), "sex") == "X"
