"""Region-B records for the outsider-404 walk (tests/test_outsider_404.py)."""

from __future__ import annotations

from datetime import date


def _business(cast):
    from jejaring.enterprise.tests.factories import BusinessFactory

    return BusinessFactory(region=cast.region_b).pk


def _group(cast):
    from jejaring.enterprise.tests.factories import GroupFactory

    return GroupFactory(region=cast.region_b).pk


def _proposal(cast):
    from jejaring.enterprise.models import GrantProposal
    from jejaring.enterprise.tests.factories import GrantRuleFactory, GroupFactory

    rule = GrantRuleFactory(region=cast.region_b)
    return GrantProposal.objects.create(
        region=cast.region_b,
        group=GroupFactory(region=cast.region_b),
        scheme=rule.scheme,
        rule=rule,
        proposed_on=date(2026, 1, 5),
        business_plan="x",
        status="disbursed",
        disbursed_amount=1,
    ).pk


def _report_file(cast):
    from django.core.files.base import ContentFile

    from jejaring.enterprise.models import GrantProposal, ReportFile

    report = ReportFile(proposal=GrantProposal.objects.get(pk=_proposal(cast)), kind="photo")
    report.file.save("foto.png", ContentFile(b"\x89PNG\r\n\x1a\n"), save=False)
    report.save()
    return report.pk


def _support_case(cast):
    from jejaring.enterprise.tests.factories import SupportCaseFactory

    return SupportCaseFactory(region=cast.region_b, kind="kur", bank_name="Bank").pk


def _visit(cast):
    from django.core.files.base import ContentFile

    from jejaring.enterprise.models import MentoringVisit
    from jejaring.enterprise.tests.factories import SupportCaseFactory

    visit = MentoringVisit(
        case=SupportCaseFactory(region=cast.region_b),
        visited_on=date(2026, 1, 6),
        mentor="Pendamping",
        notes="x",
    )
    visit.photo.save("foto.png", ContentFile(b"\x89PNG\r\n\x1a\n"), save=False)
    visit.save()
    return visit.pk


def _follow_up(cast):
    from jejaring.enterprise.models import BusinessFollowUp
    from jejaring.enterprise.tests.factories import BusinessFactory

    return BusinessFollowUp.objects.create(
        region=cast.region_b,
        business=BusinessFactory(region=cast.region_b),
        months_after=12,
        due_on=date(2026, 1, 1),
    ).pk


OUTSIDERS = {
    "business_id": _business,
    "enterprise_group_id": _group,
    "grant_proposal_id": _proposal,
    "report_file_id": _report_file,
    "support_case_id": _support_case,
    "visit_number": _visit,
    "business_follow_up_id": _follow_up,
}
EXEMPT_PARAMETERS = {
    "business_answer_token": "the owner's no-login follow-up link: a signed token, not an id "
    "(forged or replaced tokens are a 404, tested in test_follow_ups.py)",
}
