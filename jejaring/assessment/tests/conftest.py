"""A small competency-testing world on top of the cast: a scheme of three units, a
finished LPKS batch with two graduates (the cast's trainees), and a session assigned to
the cast's assessor."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pytest

from jejaring.assessment import services
from jejaring.assessment.tests.factories import (
    AssessorFactory,
    LspFactory,
    TestSiteFactory,
)
from jejaring.training.models import Batch, Enrolment
from jejaring.training.tests.factories import BatchFactory, EnrolmentFactory, ProgramFactory


@dataclass
class World:
    scheme: Any
    units: list[Any]
    lsp: Any
    site: Any
    batch: Any
    enrolment_1: Any
    enrolment_2: Any
    session: Any
    candidate_1: Any
    candidate_2: Any
    other_assessor: Any


@pytest.fixture
def world(cast: Any) -> World:
    lsp = LspFactory(name="LSP Garmen Indonesia")
    site = TestSiteFactory(lsp=lsp, name="TUK LPKS Terampil")
    scheme = services.scheme_create(
        actor=cast.staff_a,
        code="SKM-JHT-2",
        name="Penjahit Pakaian",
        kind="occupation",
        kkni_level=2,
        vocation=_vocation(),
        units=[
            services.UnitData("C.141000.001.01", "Menjahit dengan mesin"),
            services.UnitData("C.141000.002.01", "Memotong bahan"),
            services.UnitData("C.141000.003.01", "Menyelesaikan jahitan"),
        ],
    )
    units = [link.unit for link in scheme.scheme_units.select_related("unit").order_by("position")]
    program = ProgramFactory(institution=cast.lpks, vocation=scheme.vocation, scheme=scheme)
    batch = BatchFactory(program=program, status=Batch.Status.FINISHED)
    graduated = Enrolment.Status.GRADUATED
    on = batch.end_date
    enrolment_1 = EnrolmentFactory(
        batch=batch, person=cast.person_1, status=graduated, graduated_on=on
    )
    enrolment_2 = EnrolmentFactory(
        batch=batch, person=cast.person_2, status=graduated, graduated_on=on
    )
    EnrolmentFactory(batch=batch, status=Enrolment.Status.DROPPED_OUT, status_reason="Pindah kota")
    session = services.session_create(
        actor=cast.operator,
        scheme=scheme,
        lsp=lsp,
        test_site=site,
        day=batch.end_date,
        assessors=[cast.assessor],
        batch=batch,
    )
    candidates = {c.person_id: c for c in session.candidates.all()}
    return World(
        scheme=scheme,
        units=units,
        lsp=lsp,
        site=site,
        batch=batch,
        enrolment_1=enrolment_1,
        enrolment_2=enrolment_2,
        session=session,
        candidate_1=candidates[cast.person_1.pk],
        candidate_2=candidates[cast.person_2.pk],
        other_assessor=AssessorFactory(),
    )


def _vocation() -> Any:
    from jejaring.training.tests.factories import VocationFactory

    return VocationFactory(code="menjahit", name="Menjahit")
