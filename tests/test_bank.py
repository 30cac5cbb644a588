"""The reframing practice bank: every model answer is a well-formed outcome, every trap falls into its trap.

These tests keep the bank and the assessor honest with each other: a model answer the assessor rejects, or a
trap rewrite it lets through, would teach a participant the wrong lesson in the drill.
"""

from __future__ import annotations

import html
import re
from dataclasses import FrozenInstanceError

import pytest

from workshop_utils import bank
from workshop_utils.errors import WorkshopError
from workshop_utils.outcomes import assess
from workshop_utils.widgets import checklist_html

ENTRIES = bank.ENTRIES
TRAPS = [(entry, trap) for entry in ENTRIES for trap in entry.traps]
ASSESSOR_TRAPS = ("traction", "attitude", "team", "vanity")
WHY_WORDS = {"traction": "traction metric", "attitude": "attitude", "team": "is the team", "vanity": "vanity volume"}


def test_bank_is_large_varied_and_has_no_case_study():
    assert len(ENTRIES) >= 40
    assert len(bank.sectors()) >= 8
    assert len({entry.id for entry in ENTRIES}) == len(ENTRIES)
    assert len({entry.deliverable for entry in ENTRIES}) == len(ENTRIES)
    assert len({entry.model for entry in ENTRIES}) == len(ENTRIES)
    # no two model answers open the same way: different actors and shapes, not one template
    openings = [" ".join(entry.model.split()[:2]).lower() for entry in ENTRIES]
    assert len(set(openings)) == len(openings), sorted(o for o in openings if openings.count(o) > 1)
    for entry in ENTRIES:
        text = " ".join([entry.deliverable, entry.model, entry.why, *(t.rewrite for t in entry.traps)])
        assert "fernhill" not in text.lower(), entry.id
        assert 1 <= len(entry.traps) <= 3, entry.id
        assert 1 <= len(re.findall(r"[.!?](?:\s|$)", entry.why)) <= 3, entry.id
        for trap in entry.traps:
            assert trap.kind in bank.TRAP_KINDS and trap.reason.endswith("."), (entry.id, trap)
    kinds = {trap.kind for _, trap in TRAPS}
    assert kinds == set(bank.TRAP_KINDS), kinds


def test_entries_have_named_fields_and_are_frozen():
    entry = ENTRIES[0]
    assert {"id", "sector", "deliverable", "model", "why", "traps"} <= set(vars(entry))
    with pytest.raises(FrozenInstanceError):
        entry.model = "changed"  # type: ignore[misc]


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.id for e in ENTRIES])
def test_every_model_answer_is_a_well_formed_outcome_with_a_guardrail(entry):
    result = assess(entry.model)
    assert result.kind == "outcome" and result.well_formed, result.report()
    assert result.criteria["guardrail"] and not result.trap and not result.hints, result.report()


@pytest.mark.parametrize(("entry", "trap"), TRAPS, ids=[f"{e.id}-{t.kind}" for e, t in TRAPS])
def test_every_trap_rewrite_is_not_well_formed_and_the_first_hint_names_its_trap(entry, trap):
    result = assess(trap.rewrite)
    assert not result.well_formed, result.report()
    hint = result.next_hint
    if trap.kind in ASSESSOR_TRAPS:
        # the trap is named, with its one-sentence why, whichever hint comes first (the checklist shows both)
        assert result.trap == trap.kind and WHY_WORDS[trap.kind] in result.why, result.report()
        assert html.escape(result.why) in checklist_html(result), result.report()
    elif trap.kind == "output":
        assert result.kind == "output" and "what the team does" in hint, result.report()
    elif trap.kind == "no_baseline":
        assert result.kind == "outcome" and not result.trap and hint.startswith("Where is it today"), \
            result.report()
    else:  # pragma: no cover - a new trap kind needs a rule here
        pytest.fail(f"no rule for trap kind {trap.kind!r}")


def test_filter_by_sector_and_clear_errors():
    health = bank.entries("public health")
    assert health and all(entry.sector == "public health" for entry in health)
    assert bank.entries() == ENTRIES and bank.entries("") == ENTRIES
    with pytest.raises(WorkshopError, match="Choose one of"):
        bank.entries("astrology")
    assert bank.entry("ph01").sector == "public health"
    with pytest.raises(WorkshopError, match="ids look like"):
        bank.entry("nope")
