"""The matching engine (pure, no database): validation, stability, applicant-optimality
against brute force, equality with the pure-Python reference and the `matching` library."""

from __future__ import annotations

import importlib.util
import itertools
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jejaring.placement.engine import Instance, InstanceError, reference_solve, solve, solver

HR_INSTANCE = Path(__file__).resolve().parents[3] / "bench" / "hr_instance.py"


@pytest.fixture(scope="module")
def hr_make():
    """``make()`` of ``bench/hr_instance.py`` (the interchange format's generator)."""
    spec = importlib.util.spec_from_file_location("hr_instance", HR_INSTANCE)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.make


# ------------------------------------------------------------------ strategies


@st.composite
def instances(draw, max_app=6, max_form=4, max_quota=3):
    n_app = draw(st.integers(0, max_app))
    n_form = draw(st.integers(1, max_form))
    prefs = [
        draw(st.lists(st.integers(0, n_form - 1), unique=True, max_size=n_form))
        for _ in range(n_app)
    ]
    rankings = []
    for _f in range(n_form):
        ranked = draw(st.lists(st.integers(0, max(n_app - 1, 0)), unique=True, max_size=n_app))
        rankings.append(ranked if n_app else [])
    quotas = draw(st.lists(st.integers(0, max_quota), min_size=n_form, max_size=n_form))
    return Instance.from_arrays(prefs, quotas, rankings)


def _lists(inst):
    ip, pf = inst.pref_indptr.tolist(), inst.pref_form.tolist()
    ri, ra = inst.rank_indptr.tolist(), inst.rank_app.tolist()
    prefs = [pf[ip[a] : ip[a + 1]] for a in range(inst.n_applicants)]
    ranks = [{a: i for i, a in enumerate(ra[ri[f] : ri[f + 1]])} for f in range(inst.n_formations)]
    return prefs, ranks, inst.quota.tolist()


def is_stable(inst, assignment):
    prefs, ranks, quota = _lists(inst)
    members = [[] for _ in quota]
    for a, f in enumerate(assignment):
        if f >= 0:
            # individually rational: listed by the applicant and ranked by the formation
            assert f in prefs[a] and a in ranks[f]
            members[f].append(a)
    for f, ms in enumerate(members):
        assert len(ms) <= quota[f]
    for a, lst in enumerate(prefs):
        for f in lst:
            if f == assignment[a]:
                break
            if a not in ranks[f]:
                continue
            if len(members[f]) < quota[f]:
                return False
            if any(ranks[f][b] > ranks[f][a] for b in members[f]):
                return False
    return True


def all_stable(inst):
    """Every stable matching, by enumerating each applicant's acceptable options."""
    prefs, ranks, _ = _lists(inst)
    options = [[-1] + [f for f in lst if a in ranks[f]] for a, lst in enumerate(prefs)]
    out = []
    for combo in itertools.product(*options):
        counts = np.bincount([f for f in combo if f >= 0], minlength=inst.n_formations)
        if np.all(counts <= inst.quota) and is_stable(inst, list(combo)):
            out.append(combo)
    return out


# ------------------------------------------------------------------ properties


@settings(max_examples=200, deadline=None)
@given(instances())
def test_result_is_stable_and_matches_reference(inst):
    res = solve(inst)
    assert is_stable(inst, res.assignment.tolist())
    ref, props = reference_solve(inst)
    assert res.assignment.tolist() == ref
    assert res.proposals == props
    # The same with rounds ordered by np.sort instead of the boolean mark array.
    saved = solver._BITMAP_SHARE
    solver._BITMAP_SHARE = 1e9
    try:
        again = solve(inst)
    finally:
        solver._BITMAP_SHARE = saved
    assert again.assignment.tolist() == ref
    assert np.array_equal(again.cutoff_rank, res.cutoff_rank)


@settings(max_examples=150, deadline=None)
@given(instances(max_app=5, max_form=3, max_quota=2))
def test_applicant_optimal_against_brute_force(inst):
    res = solve(inst).assignment.tolist()
    stable = all_stable(inst)
    assert tuple(res) in stable
    prefs, _, _ = _lists(inst)

    def pos(a, f):
        return prefs[a].index(f) if f >= 0 else len(prefs[a])

    for a in range(inst.n_applicants):
        assert pos(a, res[a]) == min(pos(a, m[a]) for m in stable)


@settings(max_examples=100, deadline=None)
@given(instances())
def test_cutoff_and_filled(inst):
    res = solve(inst)
    _, ranks, quota = _lists(inst)
    for f in range(inst.n_formations):
        members = [a for a, g in enumerate(res.assignment.tolist()) if g == f]
        assert res.filled[f] == len(members)
        if quota[f] and len(members) == quota[f]:
            assert res.cutoff_rank[f] == max(ranks[f][a] for a in members)
        else:
            assert res.cutoff_rank[f] == -1


@settings(max_examples=100, deadline=None)
@given(instances())
def test_why_not_explains_every_better_choice(inst):
    """Each formation ranked above the result either does not rank the applicant, or is
    full with everyone it admitted ranked better (the cutoff)."""
    res = solve(inst)
    prefs, ranks, quota = _lists(inst)
    for a in range(inst.n_applicants):
        got = res.assignment[a]
        above = prefs[a][: prefs[a].index(got)] if got >= 0 else prefs[a]
        reasons = res.why_not(inst, a)
        assert [f for f, _, _ in reasons] == above
        for f, reason, cutoff in reasons:
            if reason == "not_ranked":
                assert a not in ranks[f]
            else:
                assert reason == "full" and res.filled[f] == quota[f]
                assert cutoff < ranks[f][a]
                assert cutoff == (-1 if quota[f] == 0 else res.cutoff_rank[f])


@settings(max_examples=50, deadline=None)
@given(instances())
def test_json_round_trip_and_determinism(inst):
    again = Instance.from_json_dict(inst.to_json_dict())
    a, b = solve(inst), solve(again)
    assert np.array_equal(a.assignment, b.assignment)
    assert a.as_id_mapping(again) == b.as_id_mapping(again)


# ------------------------------------------------------------------ examples


def test_example_and_id_mapping():
    d = {
        "applicants": {"ana": ["x", "y"], "budi": ["x"], "citra": ["y", "x"], "dewi": ["z"]},
        "formations": {
            "x": {"quota": 1, "ranking": ["budi", "ana", "citra"]},
            "y": {"quota": 1, "ranking": ["ana", "citra"]},
            "z": {"quota": 2, "ranking": []},  # dewi is not acceptable to z
        },
    }
    inst = Instance.from_json_dict(d)
    res = solve(inst)
    assert res.as_id_mapping(inst) == {"ana": "y", "budi": "x", "citra": None, "dewi": None}
    assert res.cutoff_rank.tolist() == [0, 0, -1]
    assert res.filled.tolist() == [1, 1, 0]
    assert res.choice_position(inst).tolist() == [1, 0, -1, -1]
    assert res.proposals == 5  # ana→x, ana→y, budi→x, citra→y, citra→x


def test_from_arrays_accepts_csr():
    a = Instance.from_arrays(
        (np.array([0, 2, 3]), np.array([0, 1, 0])),
        np.array([1, 1]),
        (np.array([0, 2, 3]), np.array([1, 0, 0])),
    )
    b = Instance.from_arrays([[0, 1], [0]], [1, 1], [[1, 0], [0]])
    assert solve(a).assignment.tolist() == solve(b).assignment.tolist() == [1, 0]


def test_zero_quota_and_empty():
    assert solve(Instance.from_arrays([[0]], [0], [[0]])).assignment.tolist() == [-1]
    empty = Instance.from_arrays([], [], [])
    assert solve(empty).assignment.tolist() == []
    assert solve(Instance.from_json_dict({"applicants": {}, "formations": {}})).proposals == 0


BASE = {"applicants": {"a1": ["f1"]}, "formations": {"f1": {"quota": 1, "ranking": ["a1"]}}}


@pytest.mark.parametrize(
    ("data", "needle"),
    [
        ({"applicants": {"a1": ["f9"]}, "formations": BASE["formations"]}, "'f9'"),
        ({"applicants": {"a1": ["f1", "f1"]}, "formations": BASE["formations"]}, "twice"),
        (
            {"applicants": BASE["applicants"], "formations": {"f1": {"quota": -1, "ranking": []}}},
            "negative quota",
        ),
        (
            {"applicants": BASE["applicants"], "formations": {"f1": {"quota": 1.5, "ranking": []}}},
            "integer",
        ),
        (
            {
                "applicants": BASE["applicants"],
                "formations": {"f1": {"quota": True, "ranking": []}},
            },
            "integer",
        ),
        (
            {
                "applicants": BASE["applicants"],
                "formations": {"f1": {"quota": 1, "ranking": ["a1", "a1"]}},
            },
            "'a1' twice",
        ),
        (
            {
                "applicants": BASE["applicants"],
                "formations": {"f1": {"quota": 1, "ranking": ["zz"]}},
            },
            "'zz'",
        ),
        ({"applicants": {"a1": "f1"}, "formations": BASE["formations"]}, "list"),
        ({"applicants": {"a1": [["f1"]]}, "formations": BASE["formations"]}, "unknown"),
        ({"applicants": BASE["applicants"]}, "formations"),
        ([], "object"),
        ({"applicants": [], "formations": {}}, "applicants"),
        ({"applicants": BASE["applicants"], "formations": {"f1": 3}}, "'f1'"),
        ({"applicants": BASE["applicants"], "formations": {"f1": {"quota": 1}}}, "ranking"),
    ],
)
def test_malformed_json_dict(data, needle):
    with pytest.raises(InstanceError, match=needle.replace("(", r"\(")):
        Instance.from_json_dict(data)


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (([[5]], [1], [[0]]), "unknown formation 5"),
        (([[0, 0]], [1], [[0]]), "chosen twice"),
        (([[0]], [-2], [[0]]), "negative quota"),
        (([[0]], [0.5], [[0]]), "integer"),
        (([[0]], [1], [[0, 0]]), "twice"),
        (([[0]], [1], [[3]]), "unknown applicant 3"),
        (([[0]], [1, 1], [[0]]), "quotas"),
    ],
)
def test_malformed_arrays(args, needle):
    with pytest.raises(InstanceError, match=needle):
        Instance.from_arrays(*args)


def test_engine_has_no_django():
    import pathlib

    pkg = pathlib.Path(__file__).resolve().parent.parent / "engine"
    for path in pkg.glob("*.py"):
        source = path.read_text()
        assert "import django" not in source and "from django" not in source, path


# ------------------------------------------------------------------ vs the matching library


def _library_assignment(inst):
    import warnings

    from matching.games import HospitalResident

    prefs, ranks, quota = _lists(inst)
    # Only mutually acceptable pairs, and no zero-capacity hospital (the library cannot
    # take one); neither changes the outcome.
    resident_prefs = {
        a: [f for f in prefs[a] if a in ranks[f] and quota[f] > 0] for a in range(len(prefs))
    }
    listed = [{a for a in range(len(prefs)) if f in resident_prefs[a]} for f in range(len(quota))]
    hospital_prefs = {
        f: [a for a in sorted(ranks[f], key=ranks[f].get) if a in listed[f]]
        for f in range(len(quota))
    }
    # The library wants every resident and hospital to have a non-empty list.
    resident_prefs = {a: lst for a, lst in resident_prefs.items() if lst}
    hospital_prefs = {f: lst for f, lst in hospital_prefs.items() if lst}
    caps = {f: quota[f] for f in hospital_prefs}
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        game = HospitalResident.create_from_dictionaries(resident_prefs, hospital_prefs, caps)
        matching = game.solve(optimal="resident")
    out = [-1] * len(prefs)
    for hospital, residents in matching.items():
        for r in residents:
            out[r.name] = hospital.name
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_equal_to_matching_library(seed, hr_make):
    inst = Instance.from_json_dict(hr_make(300, 40, 6, seed))
    assert solve(inst).assignment.tolist() == _library_assignment(inst)


def test_equal_to_matching_library_with_unacceptable_and_zero_quota():
    rng = np.random.default_rng(7)
    n_app, n_form = 200, 30
    prefs = [rng.choice(n_form, rng.integers(1, 6), replace=False).tolist() for _ in range(n_app)]
    rankings = [rng.permutation(n_app)[: rng.integers(0, n_app)].tolist() for _ in range(n_form)]
    quotas = rng.integers(0, 8, n_form).tolist()
    inst = Instance.from_arrays(prefs, quotas, rankings)
    assert solve(inst).assignment.tolist() == _library_assignment(inst)


@pytest.mark.parametrize("seed", [4, 5])
def test_equal_to_reference_on_generated_instances(seed, hr_make):
    """Thousands of applicants: both the counting-sort and the np.sort rounds are used."""
    inst = Instance.from_json_dict(hr_make(5000, 300, 10, seed))
    res = solve(inst)
    ref, props = reference_solve(inst)
    assert res.assignment.tolist() == ref
    assert res.proposals == props
    assert np.array_equal(solve(inst).assignment, res.assignment)


def test_from_arrays_with_ids():
    inst = Instance.from_arrays(
        [[1, 0], [1]], [1, 1], [[0], [1, 0]], applicant_ids=[10, 11], formation_ids=["x", "y"]
    )
    assert solve(inst).as_id_mapping(inst) == {10: "x", 11: "y"}
    with pytest.raises(InstanceError, match="formation 'x': negative"):
        Instance.from_arrays([[0]], [-1, 1], [[0], []], formation_ids=["x", "y"])
