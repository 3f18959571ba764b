"""The input of the matching engine: applicants' ranked choices, formations' quotas and
rankings, held as CSR numpy arrays. Validation lives here; nothing in this module
imports Django."""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt

IntArray = npt.NDArray[np.int64]
#: A ragged list of integer lists, or ``(indptr, indices)`` CSR numpy arrays.
Ragged = Sequence[Sequence[int]] | tuple[npt.ArrayLike, npt.ArrayLike]


class InstanceError(ValueError):
    """The instance is malformed; the message names the offending id."""


def _csr(data: Ragged, what: str) -> tuple[IntArray, IntArray]:
    """``(indptr, indices)`` from a list of lists or a CSR tuple."""
    if isinstance(data, tuple) and len(data) == 2 and isinstance(data[0], np.ndarray):
        indptr = np.asarray(data[0], dtype=np.int64)
        indices = np.asarray(data[1], dtype=np.int64)
        if indptr.ndim != 1 or indices.ndim != 1 or indptr.size == 0:
            raise InstanceError(f"{what}: CSR arrays must be one-dimensional")
        if indptr[0] != 0 or indptr[-1] != indices.size or np.any(np.diff(indptr) < 0):
            raise InstanceError(f"{what}: inconsistent CSR index pointer")
        return indptr, indices
    rows: Sequence[Sequence[int]] = data  # type: ignore[assignment]
    lengths = np.fromiter((len(row) for row in rows), dtype=np.int64, count=len(rows))
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum(lengths, out=indptr[1:])
    flat = list(itertools.chain.from_iterable(rows))
    try:
        indices = np.array(flat, dtype=np.int64).reshape(-1)
    except (TypeError, ValueError, OverflowError) as exc:
        raise InstanceError(f"{what}: entries must be integers") from exc
    return indptr, indices


def _owners(indptr: IntArray) -> IntArray:
    return np.repeat(np.arange(indptr.size - 1, dtype=np.int64), np.diff(indptr))


@dataclass(frozen=True, eq=False)
class Instance:
    """A validated many-to-one matching instance.

    Applicants are ``0 .. n_applicants-1``, formations ``0 .. n_formations-1``.

    * ``pref_indptr``/``pref_form``: applicant ``a``'s choices, most preferred first, are
      ``pref_form[pref_indptr[a]:pref_indptr[a+1]]``.
    * ``quota[f]``: seats of formation ``f`` (>= 0).
    * ``rank_indptr``/``rank_app``: formation ``f``'s ranking, best first, is
      ``rank_app[rank_indptr[f]:rank_indptr[f+1]]``. A formation ranks only the
      applicants it finds acceptable.
    * ``edge_rank``: for each choice (aligned with ``pref_form``), the 0-based position of
      the applicant in the formation's ranking, or -1 when the formation does not rank
      them (the applicant then cannot be placed there; this is not an error).
    * ``edge_pos``: the same as a position in ``rank_app`` (``rank_indptr[f] + edge_rank``),
      -1 when not ranked; ``rank_form``: the formation of each position in ``rank_app``.
      Sorting ranking positions sorts by (formation, rank) at once; the solver relies on it.
    * ``applicant_ids``/``formation_ids``: external ids (strings from the interchange
      format), or ``None`` when built from arrays without ids.
    """

    pref_indptr: IntArray
    pref_form: IntArray
    quota: IntArray
    rank_indptr: IntArray
    rank_app: IntArray
    edge_rank: IntArray
    edge_pos: IntArray
    rank_form: IntArray
    applicant_ids: list[Any] | None = None
    formation_ids: list[Any] | None = None

    @property
    def n_applicants(self) -> int:
        return int(self.pref_indptr.size - 1)

    @property
    def n_formations(self) -> int:
        return int(self.quota.size)

    @property
    def n_choices(self) -> int:
        return int(self.pref_form.size)

    def _app_name(self, a: int) -> str:
        return repr(self.applicant_ids[a]) if self.applicant_ids is not None else str(a)

    def _form_name(self, f: int) -> str:
        return repr(self.formation_ids[f]) if self.formation_ids is not None else str(f)

    # ----------------------------------------------------------------- construction

    @classmethod
    def from_arrays(
        cls,
        preferences: Ragged,
        quotas: npt.ArrayLike,
        rankings: Ragged,
        *,
        applicant_ids: Sequence[Any] | None = None,
        formation_ids: Sequence[Any] | None = None,
    ) -> Instance:
        """Build from integer indices.

        ``preferences[a]`` lists formation indices, most preferred first; ``rankings[f]``
        lists applicant indices, best first; ``quotas[f]`` is an integer >= 0. Both ragged
        arguments may be lists of lists or ``(indptr, indices)`` tuples of numpy arrays
        (CSR). Raises :class:`InstanceError` on an unknown index, a duplicate choice, a negative or
        non-integer quota, or a ranking listing an applicant twice.
        """
        pref_indptr, pref_form = _csr(preferences, "preferences")
        rank_indptr, rank_app = _csr(rankings, "rankings")
        q = np.asarray(quotas)
        if q.ndim != 1:
            raise InstanceError("quotas must be a one-dimensional sequence")
        if q.size and not np.issubdtype(q.dtype, np.integer):
            bad = next((i for i, v in enumerate(q.tolist()) if type(v) is not int), 0)
            raise InstanceError(
                f"formation {cls._name(formation_ids, bad)}: quota must be an integer"
            )
        quota = q.astype(np.int64)
        if quota.size != rank_indptr.size - 1:
            raise InstanceError(
                f"{quota.size} quotas but {rank_indptr.size - 1} rankings: "
                "one of each per formation"
            )
        return cls._build(
            pref_indptr,
            pref_form,
            quota,
            rank_indptr,
            rank_app,
            list(applicant_ids) if applicant_ids is not None else None,
            list(formation_ids) if formation_ids is not None else None,
        )

    @staticmethod
    def _name(ids: Sequence[Any] | None, i: int) -> str:
        return repr(ids[i]) if ids is not None else str(i)

    @classmethod
    def _build(
        cls,
        pref_indptr: IntArray,
        pref_form: IntArray,
        quota: IntArray,
        rank_indptr: IntArray,
        rank_app: IntArray,
        applicant_ids: list[Any] | None,
        formation_ids: list[Any] | None,
    ) -> Instance:
        n_app = pref_indptr.size - 1
        n_form = quota.size
        if applicant_ids is not None and len(applicant_ids) != n_app:
            raise InstanceError("applicant_ids must have one id per applicant")
        if formation_ids is not None and len(formation_ids) != n_form:
            raise InstanceError("formation_ids must have one id per formation")
        a_name = lambda a: cls._name(applicant_ids, int(a))  # noqa: E731
        f_name = lambda f: cls._name(formation_ids, int(f))  # noqa: E731

        neg = np.flatnonzero(quota < 0)
        if neg.size:
            f = neg[0]
            raise InstanceError(f"formation {f_name(f)}: negative quota {int(quota[f])}")

        owner = _owners(pref_indptr)
        bad = np.flatnonzero((pref_form < 0) | (pref_form >= n_form))
        if bad.size:
            e = bad[0]
            raise InstanceError(
                f"applicant {a_name(owner[e])}: unknown formation {int(pref_form[e])}"
            )
        rank_owner = _owners(rank_indptr)
        bad = np.flatnonzero((rank_app < 0) | (rank_app >= n_app))
        if bad.size:
            e = bad[0]
            raise InstanceError(
                f"formation {f_name(rank_owner[e])}: ranking lists unknown applicant "
                f"{int(rank_app[e])}"
            )

        # Choices as (formation, applicant) keys, sorted once: neighbours reveal duplicate
        # choices, and sorted needles make searchsorted below sweep forward through the
        # rankings (cache-friendly; ~20x faster than random needles at millions of keys).
        n_a = max(n_app, 1)
        ckey = pref_form * n_a + owner
        corder = np.argsort(ckey)
        sckey = ckey[corder]
        dup = np.flatnonzero(sckey[1:] == sckey[:-1])
        if dup.size:
            k = sckey[dup[0]]
            raise InstanceError(
                f"applicant {a_name(k % n_a)}: formation {f_name(k // n_a)} chosen twice"
            )
        # Rankings: the same keys, for the duplicate check and each choice's position.
        rkey = rank_owner * n_a + rank_app
        order = np.argsort(rkey)
        srkey = rkey[order]
        dup = np.flatnonzero(srkey[1:] == srkey[:-1])
        if dup.size:
            k = srkey[dup[0]]
            raise InstanceError(
                f"formation {f_name(k // n_a)}: ranking lists applicant {a_name(k % n_a)} twice"
            )
        if srkey.size:
            pos = np.empty(ckey.size, dtype=np.int64)
            pos[corder] = np.searchsorted(srkey, sckey)
            np.minimum(pos, srkey.size - 1, out=pos)
            found = srkey[pos] == ckey
            edge_pos = np.where(found, order[pos], -1)
            edge_rank = np.where(found, edge_pos - rank_indptr[pref_form], -1)
        else:
            edge_pos = edge_rank = np.full(pref_form.size, -1, dtype=np.int64)
        return cls(
            pref_indptr=pref_indptr,
            pref_form=pref_form,
            quota=quota,
            rank_indptr=rank_indptr,
            rank_app=rank_app,
            edge_rank=edge_rank.astype(np.int64, copy=False),
            edge_pos=edge_pos.astype(np.int64, copy=False),
            rank_form=rank_owner,
            applicant_ids=applicant_ids,
            formation_ids=formation_ids,
        )

    @classmethod
    def from_json_dict(cls, data: Any) -> Instance:
        """Build from the interchange format (see ``shared/bench/hr_instance.py``)::

        {"applicants": {"<applicant id>": ["<formation id>", ...]},
         "formations": {"<formation id>": {"quota": <int >= 0>,
                                            "ranking": ["<applicant id>", ...]}}}
        """
        if not isinstance(data, Mapping):
            raise InstanceError("the instance must be a JSON object")
        missing = [k for k in ("applicants", "formations") if k not in data]
        if missing:
            raise InstanceError(f"the instance has no {missing[0]!r} object")
        apps, forms = data["applicants"], data["formations"]
        if not isinstance(apps, Mapping):
            raise InstanceError("'applicants' must be an object of applicant id → list")
        if not isinstance(forms, Mapping):
            raise InstanceError("'formations' must be an object of formation id → object")
        app_ids = list(apps.keys())
        form_ids = list(forms.keys())
        app_index = {k: i for i, k in enumerate(app_ids)}
        form_index = {k: i for i, k in enumerate(form_ids)}

        lists = list(apps.values())
        for aid, lst in zip(app_ids, lists, strict=True):
            if type(lst) is not list:
                raise InstanceError(f"applicant {aid!r}: choices must be a list")
        pref_indptr = np.zeros(len(lists) + 1, dtype=np.int64)
        np.cumsum(np.fromiter(map(len, lists), np.int64, len(lists)), out=pref_indptr[1:])
        flat = list(itertools.chain.from_iterable(lists))
        try:
            pref_form = np.fromiter(map(form_index.__getitem__, flat), np.int64, len(flat))
        except (KeyError, TypeError):
            for aid, lst in zip(app_ids, lists, strict=True):
                for fid in lst:
                    if not isinstance(fid, str) or fid not in form_index:
                        raise InstanceError(
                            f"applicant {aid!r}: unknown formation {fid!r}"
                        ) from None
            raise  # pragma: no cover - unreachable

        quota = np.zeros(len(form_ids), dtype=np.int64)
        rankings: list[list[Any]] = []
        for i, (fid, spec) in enumerate(forms.items()):
            if not isinstance(spec, Mapping):
                raise InstanceError(f"formation {fid!r}: must be an object with quota and ranking")
            q = spec.get("quota")
            if type(q) is not int:
                raise InstanceError(f"formation {fid!r}: quota must be an integer, got {q!r}")
            if q < 0:
                raise InstanceError(f"formation {fid!r}: negative quota {q}")
            quota[i] = q
            ranking = spec.get("ranking")
            if type(ranking) is not list:
                raise InstanceError(f"formation {fid!r}: ranking must be a list of applicant ids")
            rankings.append(ranking)
        rank_indptr = np.zeros(len(rankings) + 1, dtype=np.int64)
        np.cumsum(np.fromiter(map(len, rankings), np.int64, len(rankings)), out=rank_indptr[1:])
        flat = list(itertools.chain.from_iterable(rankings))
        try:
            rank_app = np.fromiter(map(app_index.__getitem__, flat), np.int64, len(flat))
        except (KeyError, TypeError):
            for fid, ranking in zip(form_ids, rankings, strict=True):
                for aid in ranking:
                    if not isinstance(aid, str) or aid not in app_index:
                        raise InstanceError(
                            f"formation {fid!r}: ranking lists unknown applicant {aid!r}"
                        ) from None
            raise  # pragma: no cover - unreachable
        return cls._build(pref_indptr, pref_form, quota, rank_indptr, rank_app, app_ids, form_ids)

    def to_json_dict(self) -> dict[str, Any]:
        """The interchange format (ids are the stored ones, or ``"a<i>"``/``"f<j>"``)."""
        aids = self.applicant_ids or [f"a{i}" for i in range(self.n_applicants)]
        fids = self.formation_ids or [f"f{j}" for j in range(self.n_formations)]
        pf = self.pref_form.tolist()
        ra = self.rank_app.tolist()
        pi = self.pref_indptr.tolist()
        ri = self.rank_indptr.tolist()
        return {
            "applicants": {
                aids[a]: [fids[f] for f in pf[pi[a] : pi[a + 1]]] for a in range(self.n_applicants)
            },
            "formations": {
                fids[f]: {
                    "quota": int(self.quota[f]),
                    "ranking": [aids[a] for a in ra[ri[f] : ri[f + 1]]],
                }
                for f in range(self.n_formations)
            },
        }
