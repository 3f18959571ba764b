from datetime import date, timedelta

import factory

from jejaring.outcomes.models import FollowUp, FollowUpAnswer, IndicatorDefinition
from jejaring.regions.tests.factories import RegionFactory
from jejaring.training.models import Enrolment
from jejaring.training.tests.factories import BatchFactory, EnrolmentFactory, ProgramFactory


def graduate(*, region, person=None, graduated_on=date(2024, 6, 28), **batch):
    """A graduated enrolment of `region` (and its person) on `graduated_on`."""
    program = ProgramFactory(institution__region=region, region=region)
    kwargs = {
        "program": program,
        "start_date": graduated_on - timedelta(days=40),
        "end_date": graduated_on,
        "year": graduated_on.year,
    }
    kwargs.update(batch)
    enrolment_kwargs = {
        "batch": BatchFactory(**kwargs),
        "status": Enrolment.Status.GRADUATED,
        "graduated_on": graduated_on,
    }
    if person is not None:
        enrolment_kwargs["person"] = person
    enrolment = EnrolmentFactory(**enrolment_kwargs)
    # The row the outcome facts get when a batch finishes (outcomes.handlers).
    from jejaring.outcomes import summaries

    summaries.refresh(enrolment_ids=[enrolment.pk])
    return enrolment


class FollowUpFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUp

    region = factory.SubFactory(RegionFactory)
    enrolment = factory.LazyAttribute(lambda o: graduate(region=o.region))
    person = factory.SelfAttribute("enrolment.person")
    institution = factory.SelfAttribute("enrolment.institution")
    months_after = 6
    due_on = date(2024, 12, 28)


class FollowUpAnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FollowUpAnswer
        skip_postgeneration_save = True

    follow_up = factory.SubFactory(FollowUpFactory)
    status = "employed"
    source = FollowUpAnswer.Source.PHONE_SURVEY
    employer_name = "Toko Batik"
    started_on = date(2024, 9, 1)

    @factory.post_generation
    def summarise(obj, create, extracted, **kwargs):
        """Keep the per-graduate facts in step, as the tracer's services do."""
        if create:
            from jejaring.outcomes import summaries

            summaries.refresh(enrolment_ids=[obj.follow_up.enrolment_id])


class IndicatorDefinitionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = IndicatorDefinition

    region = factory.SubFactory(RegionFactory)
    name = factory.Sequence(lambda n: f"Definisi {n}")
